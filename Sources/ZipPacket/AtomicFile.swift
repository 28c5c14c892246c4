#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a whole file or nothing: a private temporary file in the destination's
/// folder, flushed to disk, then moved into place.
public enum AtomicFile {
  /// Writes `bytes` to `path` with permissions `mode` (default owner-only).
  ///
  /// Without `overwrite`, an existing file at `path` is left untouched and the call fails
  /// with ``ZipError/Kind-swift.enum/exists``. On any failure no file is left behind.
  public static func write(_ bytes: [UInt8], to path: String, mode: UInt32 = 0o600, overwrite: Bool)
    throws(ZipError)
  {
    let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    let base = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    var template = Array("\(folder.isEmpty ? "/" : folder)/.\(base).partial-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw ZipError(.io, "cannot write in \(folder): \(errnoText())") }
    let temp = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var done = false
    defer {
      if !done { unlink(temp) }
    }
    do {
      defer { close(fd) }
      guard fchmod(fd, mode_t(mode)) == 0 else { throw ZipError(.io, "cannot set permissions on \(path): \(errnoText())") }
      var offset = 0
      while offset < bytes.count {
        let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + offset, bytes.count - offset) }
        if n < 0 {
          if errno == EINTR { continue }
          throw ZipError(.io, "cannot write \(path): \(errnoText())")
        }
        offset += n
      }
      guard fsync(fd) == 0 else { throw ZipError(.io, "cannot write \(path): \(errnoText())") }
    }
    if overwrite {
      guard rename(temp, path) == 0 else { throw ZipError(.io, "cannot write \(path): \(errnoText())") }
    } else {
      // link() fails with EEXIST instead of replacing: no window in which a packet is clobbered.
      guard link(temp, path) == 0 else {
        if errno == EEXIST { throw ZipError(.exists, "\(path) already exists (use --force to replace it)") }
        throw ZipError(.io, "cannot write \(path): \(errnoText())")
      }
      unlink(temp)
    }
    done = true
  }

  /// Creates the folder `path` and any missing parents with permissions `mode`, like
  /// `mkdir -p`; an existing folder is left as it is.
  public static func createDirectory(_ path: String, mode: UInt32 = 0o700) throws(ZipError) {
    var prefix = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
      prefix += "/" + part
      if mkdir(prefix, mode_t(mode)) != 0 && errno != EEXIST {
        throw ZipError(.io, "cannot create \(path): \(errnoText())")
      }
    }
    var info = stat()
    guard stat(path, &info) == 0 else { throw ZipError(.io, "cannot create \(path): \(errnoText())") }
    guard info.st_mode & S_IFMT == S_IFDIR else {
      throw ZipError(.io, "cannot create \(path): \(String(cString: strerror(ENOTDIR)))")
    }
  }

  static func errnoText() -> String { String(cString: strerror(errno)) }
}

private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
  #if canImport(Glibc)
    Glibc.write(fd, p, n)
  #else
    Darwin.write(fd, p, n)
  #endif
}
