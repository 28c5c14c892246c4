#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension AtomicFile {
  /// Whether `name` is a temporary file that ``AtomicFile/write(_:to:mode:overwrite:sync:)``
  /// or ``AtomicStream`` makes for a file called `base`-something: `.<base…>.partial-XXXXXX`
  /// (six characters from `mkstemp`). Only a process killed mid-write leaves one behind.
  public static func isPartial(_ name: String, of accepts: (String) -> Bool) -> Bool {
    let bytes = Array(name.utf8)
    let marker = Array(".partial-".utf8)
    guard bytes.count > 1 + marker.count + 6, bytes[0] == UInt8(ascii: "."),
      bytes.suffix(6).allSatisfy({ isalnum(Int32($0)) != 0 }), bytes.dropLast(6).suffix(marker.count).elementsEqual(marker)
    else { return false }
    return accepts(String(decoding: bytes[1..<(bytes.count - 6 - marker.count)], as: UTF8.self))
  }

  /// Removes from `folder` (not its subfolders) the temporary files whose final name
  /// `accepts`, and returns their paths. Call it only when no other process writes there.
  public static func removePartials(in folder: String, accepts: (String) -> Bool) -> [String] {
    guard let dir = opendir(folder) else { return [] }
    defer { closedir(dir) }
    var removed: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      guard isPartial(name, of: accepts) else { continue }
      let path = folder + "/" + name
      var info = stat()
      if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, unlink(path) == 0 { removed.append(path) }
    }
    return removed.sorted()
  }
}
