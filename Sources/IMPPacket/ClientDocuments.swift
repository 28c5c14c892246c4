public import Foundation
import IMPRules

/// One file of the client's own scans, from `--documents DIR`.
public struct ClientDocument: Sendable, Equatable {
  public enum Kind: String, Sendable { case pdf, jpeg, png }
  /// The checklist item it is for (`passport-copy`).
  public var item: String
  /// Its page number from the name (`passport-copy-2.jpg` → 2), nil for a single file.
  public var page: Int?
  public var fileName: String
  public var kind: Kind
  public var bytes: [UInt8]
}

/// Reads a folder of the client's scans, named by checklist item id.
public enum ClientDocuments {
  /// Every `.pdf`, `.jpg`, `.jpeg` or `.png` file in `directory` (not in subfolders), matched to an id
  /// of `checklist`, in checklist order, then page order. Every problem is reported at once: an id
  /// not on the checklist (with the nearest id), a file whose content is not what its name says,
  /// a page number given twice.
  public static func read(_ directory: URL, checklist: [String], catalogIds: Set<String>) throws(PacketError) -> [ClientDocument] {
    let fm = FileManager.default
    let dirName = directory.lastPathComponent
    var isDir: ObjCBool = false
    guard fm.fileExists(atPath: directory.path, isDirectory: &isDir), isDir.boolValue else {
      throw .documents(["--documents \(directory.path): no such folder"])
    }
    let names: [String]
    do { names = try fm.contentsOfDirectory(atPath: directory.path).sorted() } catch {
      throw .documents(["--documents \(directory.path): cannot read the folder (\(error.localizedDescription))"])
    }
    var problems: [String] = []
    var found: [ClientDocument] = []
    for name in names where !name.hasPrefix(".") {
      let url = directory.appendingPathComponent(name)
      var sub: ObjCBool = false
      if fm.fileExists(atPath: url.path, isDirectory: &sub), sub.boolValue { continue }
      let ext = (name as NSString).pathExtension.lowercased()
      let stem = (name as NSString).deletingPathExtension
      guard let kind: ClientDocument.Kind = ["pdf": .pdf, "jpg": .jpeg, "jpeg": .jpeg, "png": .png][ext] else {
        problems.append("\(dirName)/\(name): not a PDF, JPEG or PNG file (by its extension); scan it to one of those")
        continue
      }
      var item = stem
      var page: Int?
      if !checklist.contains(stem), let dash = stem.lastIndex(of: "-"), let n = Int(stem[stem.index(after: dash)...]), n > 0 {
        item = String(stem[..<dash])
        page = n
      }
      guard checklist.contains(item) else {
        let near = UploadCatalog.nearest(item, in: checklist)
        let why = catalogIds.contains(item) ? "is not on this applicant's checklist" : "is not a checklist item id"
        problems.append(
          "\(dirName)/\(name): '\(item)' \(why)" + (near.map { "; did you mean '\($0)'?" } ?? "")
            + " (the checklist's ids: \(checklist.joined(separator: ", ")))")
        continue
      }
      let bytes: [UInt8]
      do { bytes = Array(try Data(contentsOf: url)) } catch {
        problems.append("\(dirName)/\(name): cannot read it (\(error.localizedDescription))")
        continue
      }
      let magic: [ClientDocument.Kind: [UInt8]] = [.pdf: Array("%PDF-".utf8), .jpeg: [0xFF, 0xD8, 0xFF], .png: [0x89, 0x50, 0x4E, 0x47]]
      guard bytes.starts(with: magic[kind]!) else {
        problems.append("\(dirName)/\(name): its content is not \(kind == .pdf ? "a PDF" : kind == .jpeg ? "a JPEG" : "a PNG"), as its name says")
        continue
      }
      if let twin = found.first(where: { $0.item == item && $0.page == page }) {
        problems.append("\(dirName)/\(name): the same \(page.map { "page \($0)" } ?? "document") as \(twin.fileName)")
        continue
      }
      found.append(ClientDocument(item: item, page: page, fileName: name, kind: kind, bytes: bytes))
    }
    if !problems.isEmpty { throw .documents(problems) }
    let order = Dictionary(checklist.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    return found.sorted { (order[$0.item]!, $0.page ?? 0) < (order[$1.item]!, $1.page ?? 0) }
  }
}

extension ClientDocuments {
  /// Each family member's scans, from the subfolder of `directory` named as the member
  /// (`spouse/`, `child-1/`), read as ``read(_:checklist:catalogIds:)`` reads the applicant's
  /// against the member's own checklist. A subfolder that names no member applying together
  /// is an error, with every other problem at once.
  public static func readMembers(
    _ directory: URL, members: [(member: String, checklist: [String])], catalogIds: Set<String>
  ) throws(PacketError) -> [String: [ClientDocument]] {
    let fm = FileManager.default
    let names = ((try? fm.contentsOfDirectory(atPath: directory.path)) ?? []).sorted().filter { name in
      var isDir: ObjCBool = false
      return !name.hasPrefix(".") && fm.fileExists(atPath: directory.appendingPathComponent(name).path, isDirectory: &isDir)
        && isDir.boolValue
    }
    var problems: [String] = []
    var out: [String: [ClientDocument]] = [:]
    for name in names {
      guard let m = members.first(where: { $0.member == name }) else {
        let ids = members.map(\.member)
        problems.append(
          "\(directory.lastPathComponent)/\(name)/: not a family member applying together"
            + (ids.isEmpty ? " (this profile has none)" : "; expected \(NearestName.orList(ids))"))
        continue
      }
      do { out[name] = try read(directory.appendingPathComponent(name), checklist: m.checklist, catalogIds: catalogIds) } catch {
        if case .documents(let list) = error { problems += list.map { "\(directory.lastPathComponent)/\($0)" } } else { throw error }
      }
    }
    if !problems.isEmpty { throw .documents(problems) }
    return out
  }
}
