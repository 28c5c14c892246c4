import Foundation
import ZipPacket

/// The `--cases` folder: profile and employer files, the same files the CLI reads.
///
/// A case is named by its file name without `.json`; only plain names (letters, digits,
/// `-`, `_`, `.`, not starting with a dot) are served, so no request reaches outside the folder.
struct CaseStore: Sendable {
  let directory: URL

  /// A case's name, checked.
  static func isName(_ name: String) -> Bool {
    !name.isEmpty && name.count <= 120 && !name.hasPrefix(".")
      && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
  }

  func url(_ name: String) -> URL? {
    CaseStore.isName(name) ? directory.appendingPathComponent(name + ".json") : nil
  }

  /// The names of the `.json` files in the folder, sorted.
  func names() -> [String] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.filter(CaseStore.isName).sorted()
  }

  /// The file's bytes, at most `limit` of them; nil when it is missing or too big.
  func read(_ name: String, limit: Int) -> Data? {
    guard let url = url(name), let handle = try? FileHandle(forReadingFrom: url) else { return nil }
    defer { try? handle.close() }
    guard let data = try? handle.read(upToCount: limit + 1), data.count <= limit else { return nil }
    return data
  }

  /// Writes the file whole or not at all, owner-only; `create` refuses an existing file.
  func write(_ name: String, _ text: String, create: Bool = false) throws(ZipError) {
    guard let url = url(name) else { throw ZipError(.io, "not a case name") }
    try AtomicFile.write(Array(text.utf8), to: url.path, mode: 0o600, overwrite: !create)
  }
}
