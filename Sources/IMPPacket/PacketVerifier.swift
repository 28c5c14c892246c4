import ZipPacket

/// What ``PacketVerifier`` found: a packet's files held against its manifest.
public struct PacketVerification: Sendable {
  /// One way a packet differs from its manifest.
  public enum Problem: Sendable, Equatable, CustomStringConvertible {
    /// The file's size or SHA-256 is not the one its manifest entry gives.
    case changed(String, detail: String)
    /// The manifest lists the file; the packet lacks it.
    case missing(String)
    /// The packet holds a file its manifest does not list.
    case extra(String)
    /// The file's data cannot be read back (a CRC or decompression error).
    case damaged(String, reason: String)
    /// The entry's name is not safe to extract (`../x`, `/x`): see ``EntryName``.
    case unsafe(String, reason: String)
    /// The entry is not a plain file (a symbolic link, a directory, a device) by its Unix
    /// mode, which `unzip` would create as such: a link can point outside the folder.
    case notAFile(String, kind: String)

    public var description: String {
      switch self {
      case .changed(let name, let detail): "changed: \(name) (\(detail))"
      case .missing(let name): "missing: \(name) (listed in the manifest, not in the packet)"
      case .extra(let name): "extra: \(name) (in the packet, not in the manifest)"
      case .damaged(let name, let reason): "damaged: \(name) (\(reason))"
      case .unsafe(let name, let reason): "unsafe name: \(name) (\(reason))"
      case .notAFile(let name, let kind): "not a file: \(name) (\(kind) by its Unix mode; unzip would create it as one)"
      }
    }
  }

  public var manifest: PacketManifest
  /// How many of the packet's files matched their manifest entries.
  public var matched: Int
  /// How many of the packet's entries are encrypted.
  public var encrypted: Int
  /// Every difference: missing files in the manifest's order, then the others in the packet's order.
  public var problems: [Problem]

  /// True when every file the manifest lists is present and unchanged, and there is nothing else.
  public var intact: Bool { problems.isEmpty }
}

/// Checks a packet against its `manifest.xml`: each file's size and SHA-256, and that
/// nothing is missing or added.
///
/// The manifest detects accidental and casual changes; someone who rewrites the
/// manifest along with a file is not detected (the manifest is not signed).
public enum PacketVerifier {
  /// Verifies the packet at `path`; `password` opens an encrypted packet.
  ///
  /// A packet that does not match its manifest is a result with problems, not an error;
  /// errors are for a packet that cannot be read (not found, not a zip, a missing or
  /// wrong password) or whose manifest is missing or malformed.
  public static func verify(path: String, password: String? = nil) throws(PacketError) -> PacketVerification {
    let zip: ZipReader
    do { zip = try ZipReader(path: path, password: password) } catch { throw .unreadablePacket(error) }
    return try verify(zip)
  }

  /// Verifies a packet held in memory.
  public static func verify(bytes: [UInt8], password: String? = nil) throws(PacketError) -> PacketVerification {
    let zip: ZipReader
    do { zip = try ZipReader(bytes: bytes, password: password) } catch { throw .unreadablePacket(error) }
    return try verify(zip)
  }

  /// The same check over files held in memory: what `verify` finds in a zip that holds
  /// exactly `entries` (``ZipArchive/build(_:options:readBack:)`` makes sure one does).
  static func verify(entries: [ZipEntry]) throws(PacketError) -> PacketVerification {
    try verify(EntriesInMemory(entries: entries))
  }

  /// The same, for files given by name and bytes, in the order a zip would hold them.
  public static func verify(files: [(name: String, bytes: [UInt8])]) throws(PacketError) -> PacketVerification {
    try verify(entries: files.map { ZipEntry(name: $0.name, data: $0.bytes) })
  }

  static func verify(_ zip: some PacketEntries) throws(PacketError) -> PacketVerification {
    let (manifestIndex, manifest) = try readManifest(zip)
    return try verify(zip, manifestAt: manifestIndex, manifest)
  }

  /// The packet's manifest and where it is in the zip.
  static func readManifest(_ zip: some PacketEntries) throws(PacketError) -> (index: Int, manifest: PacketManifest) {
    guard let manifestIndex = zip.names.firstIndex(of: PacketBuilder.manifestFile) else {
      throw .badManifest("the packet has no \(PacketBuilder.manifestFile); it was not made by imp-packet")
    }
    let manifestBytes: [UInt8]
    do { manifestBytes = try zip.data(at: manifestIndex, limit: PacketManifest.maxBytes) } catch {
      throw .unreadablePacket(error)
    }
    return (manifestIndex, try PacketManifest(bytes: manifestBytes))
  }

  /// The check of `zip` against its `manifest` (read by ``readManifest(_:)``, entry `manifestIndex`).
  static func verify(_ zip: some PacketEntries, manifestAt manifestIndex: Int, _ manifest: PacketManifest) throws(PacketError)
    -> PacketVerification
  {
    var problems: [PacketVerification.Problem] = []
    var matched = 0
    var encrypted = 0
    var seen: [String: Int] = [:]
    let byName = Dictionary(manifest.files.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    for (index, name) in zip.names.enumerated() {
      do { if try zip.isEncrypted(at: index) { encrypted += 1 } } catch { throw .unreadablePacket(error) }
      seen[name, default: 0] += 1
      if index == manifestIndex { continue }
      if let reason = EntryName.problem(name) {
        problems.append(.unsafe(name, reason: reason))
        continue
      }
      let kind: String?
      do { kind = try zip.specialKind(at: index) } catch { throw .unreadablePacket(error) }
      if let kind {
        problems.append(.notAFile(name, kind: kind))
        continue
      }
      guard let listed = byName[name], seen[name] == 1 else {
        problems.append(.extra(name))
        continue
      }
      let data: [UInt8]
      do { data = try zip.data(at: index) } catch {
        // A wrong password is not damage: say so instead of listing every file.
        if error.kind == .password { throw .unreadablePacket(error) }
        problems.append(.damaged(name, reason: error.description))
        continue
      }
      var differences: [String] = []
      if data.count != listed.size { differences.append("\(data.count) bytes, the manifest says \(listed.size)") }
      if PacketBuilder.sha256(data) != listed.sha256 { differences.append("SHA-256 differs from the manifest") }
      if differences.isEmpty { matched += 1 } else { problems.append(.changed(name, detail: differences.joined(separator: "; "))) }
    }
    let missing = manifest.files.filter { seen[$0.name] == nil }.map { PacketVerification.Problem.missing($0.name) }
    return PacketVerification(
      manifest: manifest, matched: matched, encrypted: encrypted, problems: missing + problems)
  }
}

/// A packet's entries, wherever they are read from: a zip, or files in memory.
protocol PacketEntries {
  var names: [String] { get }
  func isEncrypted(at index: Int) throws(ZipError) -> Bool
  func data(at index: Int, limit: Int) throws(ZipError) -> [UInt8]
  /// What the entry is if not a plain file (``ZipPacket/ZipReader/specialKind(at:)``).
  func specialKind(at index: Int) throws(ZipError) -> String?
}

extension PacketEntries {
  func data(at index: Int) throws(ZipError) -> [UInt8] { try data(at: index, limit: ZipReader.defaultLimit) }
}

extension ZipReader: PacketEntries {}

/// Files not yet zipped, read as a zip holding exactly them would be.
private struct EntriesInMemory: PacketEntries {
  let entries: [ZipEntry]
  let names: [String]
  init(entries: [ZipEntry]) {
    self.entries = entries
    names = entries.map(\.name)
  }
  func isEncrypted(at index: Int) -> Bool { false }
  /// ``ZipPacket/ZipArchive`` writes every entry as a plain file.
  func specialKind(at index: Int) -> String? { nil }
  func data(at index: Int, limit: Int) throws(ZipError) -> [UInt8] {
    guard entries[index].data.count <= limit else {
      throw ZipError(.archive, "\(entries[index].name) is larger than \(limit) bytes")
    }
    return entries[index].data
  }
}
