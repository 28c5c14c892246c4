public import Foundation
public import IMPRules
import ZipPacket

/// How `generate` writes packets.
public struct GenerateOptions: Sendable {
  /// The folder the packet goes into; it must exist.
  public var outputDirectory: URL
  /// Replace an existing packet of the same name.
  public var force = false
  /// Write the packet even when the applicant is not eligible (it then says so on its cover sheet).
  public var allowIneligible = false
  /// The "today" of a profile without `submission.date`.
  public var asOf: CivilDate
  /// Seconds since 1970 for every zip entry; nil uses the submission date at 00:00 UTC.
  public var timestamp: Int64?
  public var compressionLevel = 6
  public var password: String?
  /// Flush each packet to disk before moving it into place. A batch turns this off and
  /// flushes the whole file system once at its end instead.
  public var syncEachPacket = true
  /// Where in the output folder the packet goes (`batch --layout`).
  public var layout = PacketLayout.flat

  public init(outputDirectory: URL, asOf: CivilDate) {
    self.outputDirectory = outputDirectory
    self.asOf = asOf
  }
}

/// The result of one `generate`.
public struct GeneratedPacket: Sendable {
  public var plan: Plan
  public var path: String
  public var size: Int
}

extension PacketBuilder {
  /// Reads a profile file and checks it.
  ///
  /// At most ``ProfileFormat/maxBytes`` and one more are read, so a device or a huge file is
  /// refused without reading it all.
  public static func readProfile(_ url: URL, asOf: CivilDate) throws(PacketError) -> (Profile, [UInt8]) {
    func refuse(_ why: String) -> PacketError {
      .invalidProfile(.unreadable("cannot read the file: \(why)"))
    }
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { throw refuse("no such file") }
    if isFolder.boolValue { throw refuse("it is a folder; give the profile files in it") }
    let data: Data
    do {
      let handle = try FileHandle(forReadingFrom: url)
      defer { try? handle.close() }
      data = try handle.read(upToCount: ProfileFormat.maxBytes + 1) ?? Data()
    } catch {
      let denied = (error as? CocoaError)?.code == .fileReadNoPermission
      throw refuse(denied ? "permission denied" : error.localizedDescription)
    }
    return try decodeProfile(data, asOf: asOf)
  }

  public static func decodeProfile(_ data: Data, asOf: CivilDate) throws(PacketError) -> (Profile, [UInt8]) {
    switch ProfileFormat.decode(data, defaultDate: asOf) {
    case .success(let p): return (p, Array(data))
    case .failure(let e): throw .invalidProfile(e)
    }
  }

  public func plan(_ profile: Profile) throws(PacketError) -> Plan {
    do { return try planner.plan(profile) } catch { throw .plan(error) }
  }

  /// The zip bytes of the packet for `profile`.
  public func packet(profile: Profile, profileBytes: [UInt8], options: GenerateOptions) throws(PacketError)
    -> (Plan, [UInt8])
  {
    let packet = try packetPlan(profile)
    let plan = packet.plan
    if !plan.eligibility.eligible && !options.allowIneligible { throw .notEligible(plan) }
    let files = try files(profile: profile, profileBytes: profileBytes, plan: packet)
    var zip = ZipOptions(
      compressionLevel: options.compressionLevel,
      modificationTime: options.timestamp ?? profile.submission.date.unixTime, password: options.password)
    zip.entryMode = 0o600
    return (plan, try PacketBuilder.zip(files, options: zip))
  }

  /// Builds the packet for `profile` and writes `<caseId>.zip` into the output folder,
  /// whole or not at all, owner-only, never over an existing file unless `force`.
  public func generate(profile: Profile, profileBytes: [UInt8], options: GenerateOptions) throws(PacketError)
    -> GeneratedPacket
  {
    let (plan, bytes) = try packet(profile: profile, profileBytes: profileBytes, options: options)
    let relative = options.layout.relativePath(caseId: profile.caseId)
    let path = options.outputDirectory.appendingPathComponent(relative).path
    if relative.contains("/") {
      let folder = options.outputDirectory.appendingPathComponent(relative).deletingLastPathComponent().path
      do { try AtomicFile.createDirectory(folder, mode: 0o700) } catch { throw .output(error) }
    }
    do { try AtomicFile.write(bytes, to: path, mode: 0o600, overwrite: options.force, sync: options.syncEachPacket) } catch { throw .output(error) }
    return GeneratedPacket(plan: plan, path: path, size: bytes.count)
  }

  /// Creates the output folder and its missing parents, owner-only.
  public static func createOutputDirectory(_ url: URL) throws(PacketError) {
    do { try AtomicFile.createDirectory(url.path, mode: 0o700) } catch { throw .output(error) }
  }

  /// `<caseId>.zip`, with anything but letters, digits, `-`, `_` and `.` replaced by `_`.
  public static func fileName(caseId: String) -> String {
    let safe = String(caseId.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "_" })
    return (safe.hasPrefix(".") ? "_" + safe.dropFirst() : safe) + ".zip"
  }
}
