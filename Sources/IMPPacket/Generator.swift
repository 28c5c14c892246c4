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
  /// `--pdf`: also write `upload/`, one file per IRCC upload slot; nil for HTML only.
  public var pdf: PDFPacketOptions?
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
  /// What the user should know about the packet: slots whose images were downsampled to fit.
  public var notes: [String] = []
}

extension PacketBuilder {
  /// Reads a profile file and checks it.
  ///
  /// At most ``ProfileFormat/maxBytes`` and one more are read, so a device or a huge file is
  /// refused without reading it all.
  public func readProfile(_ url: URL, asOf: CivilDate) throws(PacketError) -> (Profile, [UInt8]) {
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

  /// Checks a profile's text: every field, and the words this builder's catalog and
  /// translations must know (``vocabulary``), all problems at once.
  public func decodeProfile(_ data: Data, asOf: CivilDate) throws(PacketError) -> (Profile, [UInt8]) {
    switch ProfileFormat.decode(data, defaultDate: asOf, vocabulary: vocabulary) {
    case .success(let p): return (p, Array(data))
    case .failure(let e): throw .invalidProfile(e)
    }
  }

  /// The plan of `profile`, its titles, reasons and messages in the profile's language.
  public func plan(_ profile: Profile) throws(PacketError) -> Plan {
    if profile.language != language { return try speaking(profile.language).plan(profile) }
    do { return try planner.plan(profile) } catch { throw .plan(error) }
  }

  /// The zip bytes of the packet for `profile`.
  public func packet(profile: Profile, profileBytes: [UInt8], options: GenerateOptions) throws(PacketError)
    -> (Plan, [UInt8])
  {
    let (plan, bytes, _) = try packetWithNotes(profile: profile, profileBytes: profileBytes, options: options)
    return (plan, bytes)
  }

  /// The zip bytes of the packet for `profile`, and notes for the user.
  ///
  /// With `--pdf` and `--documents`, the client's files are read first; the items they are for
  /// count as provided (as if the profile's `provided` listed them) and go into their slots.
  public func packetWithNotes(profile: Profile, profileBytes: [UInt8], options: GenerateOptions) throws(PacketError)
    -> (Plan, [UInt8], [String])
  {
    var profile = profile
    var packet = try packetPlan(profile)
    if !packet.plan.eligibility.eligible && !options.allowIneligible { throw .notEligible(packet.plan) }
    let timestamp = options.timestamp ?? profile.submission.date.unixTime
    var upload: UploadRequest?
    if let pdf = options.pdf {
      guard let uploads = catalog.uploads else { throw .setup("the catalog has no \"uploads\" section, which --pdf needs") }
      let channel: UploadCatalog.Channel
      if let id = pdf.channel {
        guard let c = uploads.channel(id) else {
          throw .uploads(["--channel \(id): not a channel; use one of \(uploads.channels.map(\.id).joined(separator: ", "))"])
        }
        channel = c
      } else {
        guard let c = uploads.defaultChannel(Facts(profile: profile)) else { throw .setup("the catalog's uploads name no channel") }
        channel = c
      }
      var documents: [ClientDocument] = []
      var memberDocuments: [String: [ClientDocument]] = [:]
      if let dir = pdf.documents {
        let catalogIds = Set((catalog.documents + catalog.categories.flatMap(\.documents)).map(\.id))
        // The applicant's scans and each member's subfolder: every problem of both at once.
        var problems: [String] = []
        do { documents = try ClientDocuments.read(dir, checklist: packet.plan.checklist.map(\.id), catalogIds: catalogIds) } catch {
          guard case .documents(let list) = error else { throw error }
          problems += list
        }
        do {
          memberDocuments = try ClientDocuments.readMembers(
            dir, members: (packet.plan.family?.members ?? []).map { ($0.member, $0.checklist.map(\.id)) }, catalogIds: catalogIds)
        } catch {
          guard case .documents(let list) = error else { throw error }
          problems += list
        }
        if !problems.isEmpty { throw .documents(problems) }
        let given = ["principal": documents].merging(memberDocuments) { a, _ in a }
        if given.contains(where: { member, docs in docs.contains { !profile.provided(by: member).contains($0.item) } }) {
          for (member, docs) in given { profile.addProvided(docs.map(\.item), by: member) }
          packet = try packetPlan(profile)
        }
      }
      upload = UploadRequest(
        documents: documents, memberDocuments: memberDocuments, channel: channel, renderer: pdf.renderer, created: timestamp)
    }
    let (files, notes) = try filesAndNotes(profile: profile, profileBytes: profileBytes, plan: packet, upload: upload)
    var zip = ZipOptions(
      compressionLevel: options.compressionLevel, modified: DOSTime(unixTime: timestamp), password: options.password)
    zip.entryMode = 0o600
    return (packet.plan, try PacketBuilder.zip(files, options: zip), notes)
  }

  /// Builds the packet for `profile` and writes `<caseId>.zip` into the output folder,
  /// whole or not at all, owner-only, never over an existing file unless `force`.
  public func generate(profile: Profile, profileBytes: [UInt8], options: GenerateOptions) throws(PacketError)
    -> GeneratedPacket
  {
    let (plan, bytes, notes) = try packetWithNotes(profile: profile, profileBytes: profileBytes, options: options)
    let relative = options.layout.relativePath(caseId: profile.caseId)
    // A file's name, said to be one: URL would otherwise stat the path to find out.
    let url = options.outputDirectory.appendingPathComponent(relative, isDirectory: false)
    let path = url.path
    if relative.contains("/") {
      let folder = url.deletingLastPathComponent().path
      do { try AtomicFile.createDirectory(folder, mode: 0o700) } catch { throw .output(error) }
    }
    do { try AtomicFile.write(bytes, to: path, mode: 0o600, overwrite: options.force, sync: options.syncEachPacket) } catch { throw .output(error) }
    return GeneratedPacket(plan: plan, path: path, size: bytes.count, notes: notes)
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
