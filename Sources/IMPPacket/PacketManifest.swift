import XMLTemplates
import ZipPacket

/// A packet's `manifest.xml` read back: what the packet claims to hold.
///
/// The manifest is read from a file that may have been edited by anyone, so every value
/// it holds is checked before use; anything unexpected is a ``PacketError/badManifest(_:)``.
public struct PacketManifest: Sendable, Equatable {
  /// One file the manifest lists.
  public struct File: Sendable, Equatable {
    public var name: String
    public var size: Int
    /// Lower-case hexadecimal SHA-256 of the file's bytes.
    public var sha256: String
    /// What the file is (`text/html`, `application/pdf`).
    public var mediaType: String?
    /// The IRCC portal upload slot, for uploads.
    public var slot: String?
  }

  /// The most files a manifest may list; as many as a zip may hold (``ZipReader/defaultMaxEntries``).
  public static let maxFiles = ZipReader.defaultMaxEntries

  /// The largest manifest read, in bytes: room for ``maxFiles`` lines of 400 bytes.
  public static let maxBytes = maxFiles * 400

  /// The namespace of manifest version 1 (`Templates/packet/manifest.xsd`).
  public static let namespace = "urn:imp-packet:manifest:1"

  public var caseId: String
  public var toolName: String
  public var toolVersion: String
  public var catalogVersion: String
  /// SHA-256 over the template folder the packet was made with; nil in packets made
  /// before manifests recorded it.
  public var templatesSHA256: String?
  /// The packet's "today": the profile's submission date, or `--as-of`.
  public var createdOn: String?
  /// SHA-256 of the profile file the packet was made from.
  public var profileSHA256: String
  /// The files in the manifest's order.
  public var files: [File]

  /// Reads and checks manifest bytes.
  public init(bytes: [UInt8]) throws(PacketError) {
    let name = PacketBuilder.manifestFile
    let root: XMLTree.Element
    do { root = try XMLTree(bytes: bytes, name: name).root } catch { throw .badManifest(error.description) }
    func bad(_ e: XMLTree.Element, _ message: String) -> PacketError { .badManifest("\(name):\(e.line): \(message)") }
    guard root.name == "manifest", root.namespaceURI == PacketManifest.namespace else {
      throw bad(root, "not an imp-packet manifest (expected <manifest xmlns=\"\(PacketManifest.namespace)\">)")
    }
    guard root["version"] == "1" else { throw bad(root, "manifest version \(root["version"] ?? "(none)") is not 1") }
    func one(_ element: String) throws(PacketError) -> XMLTree.Element {
      let found = root.children(named: element)
      guard found.count == 1 else { throw bad(root, "expected one <\(element)>, found \(found.count)") }
      return found[0]
    }
    func attribute(_ e: XMLTree.Element, _ key: String) throws(PacketError) -> String {
      guard let v = e[key] else { throw bad(e, "<\(e.name)> lacks \(key)") }
      return v
    }
    func digest(_ e: XMLTree.Element) throws(PacketError) -> String {
      let v = try attribute(e, "sha256")
      guard v.utf8.count == 64, v.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
        throw bad(e, "sha256 is not 64 lower-case hexadecimal digits")
      }
      return v
    }
    caseId = try attribute(root, "caseId")
    createdOn = root["createdOn"]
    let tool = try one("tool")
    toolName = try attribute(tool, "name")
    toolVersion = try attribute(tool, "version")
    catalogVersion = try attribute(try one("catalog"), "version")
    profileSHA256 = try digest(try one("profile"))
    let templates = root.children(named: "templates")
    guard templates.count <= 1 else { throw bad(root, "expected at most one <templates>, found \(templates.count)") }
    templatesSHA256 = try templates.first.map { e throws(PacketError) in try digest(e) }
    let listed = try one("files").children(named: "file")
    // Every packet and bundle holds pages: a manifest that lists nothing vouches for nothing.
    guard !listed.isEmpty else { throw bad(root, "lists no files; a packet holds at least its pages and plan") }
    guard listed.count <= PacketManifest.maxFiles else {
      throw bad(root, "lists \(listed.count) files, more than the \(PacketManifest.maxFiles) a packet may hold")
    }
    var files: [File] = []
    var names: Set<String> = []
    for e in listed {
      let fileName = try attribute(e, "name")
      if let problem = EntryName.problem(fileName) { throw bad(e, "the file name \"\(fileName)\" \(problem)") }
      guard fileName != name else { throw bad(e, "lists \(name) itself, which cannot hold its own digest") }
      guard let size = Int(try attribute(e, "size")), size >= 0 else { throw bad(e, "size of \(fileName) is not a byte count") }
      guard names.insert(fileName).inserted else { throw bad(e, "\(fileName) is listed twice") }
      files.append(File(name: fileName, size: size, sha256: try digest(e), mediaType: e["mediaType"], slot: e["slot"]))
    }
    self.files = files
  }
}
