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
  ///
  /// `sync: false` skips flushing the file to disk before it is moved into place: for
  /// callers that write many files and then call ``syncFileSystem(of:)`` once. The file
  /// still appears whole or not at all to every other process; only a power cut before
  /// that sync may leave it short.
  public static func write(
    _ bytes: [UInt8], to path: String, mode: UInt32 = 0o600, overwrite: Bool, sync: Bool = true
  ) throws(ZipError) {
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
      guard !sync || fsync(fd) == 0 else { throw ZipError(.io, "cannot write \(path): \(errnoText())") }
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

  /// Whether something exists at `path` (a file, a folder, or a dangling link).
  public static func exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
  }

  /// Flushes to disk everything written so far, the files written with `sync: false` too.
  ///
  /// `sync(2)`, which waits for the flush on Linux; `syncfs(2)`, limited to one file
  /// system, is not visible through Swift's Glibc module.
  public static func syncToDisk() {
    sync()
  }

  static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// A file written piece by piece, whole or not at all: the pieces go to a private
/// temporary file beside `path`, which ``commit()`` flushes and renames over `path`.
/// A stream that is never committed leaves nothing behind.
public final class AtomicStream {
  public let path: String
  private let temp: String
  private var fd: Int32
  private var buffer: [UInt8] = []
  private var error: ZipError?

  /// Opens a temporary file for `path` with permissions `mode` (default owner-only).
  public init(path: String, mode: UInt32 = 0o600) throws(ZipError) {
    self.path = path
    let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    let base = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    var template = Array("\(folder.isEmpty ? "/" : folder)/.\(base).partial-XXXXXX".utf8CString)
    fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw ZipError(.io, "cannot write in \(folder): \(AtomicFile.errnoText())") }
    temp = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    if fchmod(fd, mode_t(mode)) != 0 {
      error = ZipError(.io, "cannot set permissions on \(path): \(AtomicFile.errnoText())")
    }
    buffer.reserveCapacity(1 << 16)
  }

  /// Appends `text`; bytes reach the file in blocks. A write error is reported by ``commit()``.
  public func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { flushBuffer() }
  }

  private func flushBuffer() {
    var offset = 0
    while offset < buffer.count && error == nil {
      let n = buffer.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + offset, buffer.count - offset) }
      if n < 0 {
        if errno == EINTR { continue }
        error = ZipError(.io, "cannot write \(path): \(AtomicFile.errnoText())")
      } else {
        offset += n
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Writes what is left, flushes it to disk and renames the file over `path`.
  public func commit() throws(ZipError) {
    guard fd >= 0 else { return }
    flushBuffer()
    if error == nil && fsync(fd) != 0 { error = ZipError(.io, "cannot write \(path): \(AtomicFile.errnoText())") }
    close(fd)
    fd = -1
    if error == nil && rename(temp, path) != 0 { error = ZipError(.io, "cannot write \(path): \(AtomicFile.errnoText())") }
    if let error {
      unlink(temp)
      throw error
    }
  }

  /// Removes the temporary file without moving it into place (as `deinit` would, for a
  /// caller that exits before it runs).
  public func discard() {
    guard fd >= 0 else { return }
    close(fd)
    fd = -1
    unlink(temp)
  }

  deinit { discard() }
}

private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
  #if canImport(Glibc)
    Glibc.write(fd, p, n)
  #else
    Darwin.write(fd, p, n)
  #endif
}
