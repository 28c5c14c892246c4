#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A system call that failed: which call, on which path, and the `errno` it set.
///
/// Kept whole so that callers can tell a full disk (`ENOSPC`, `EDQUOT`) from a missing
/// folder or a permission error, and still print the system's own words for it.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The call that failed (`write`, `rename`, `mkstemp` …).
  public var call: String
  /// The path it was working on, when it had one.
  public var path: String?
  /// The `errno` it set.
  public var errno: Int32

  public init(call: String, path: String?, errno: Int32) {
    self.call = call
    self.path = path
    self.errno = errno
  }

  /// Whether the file system ran out of room (`ENOSPC` or `EDQUOT`).
  public var isOutOfSpace: Bool { errno == ENOSPC || errno == EDQUOT }

  /// The system's own words for `errno` ("No space left on device").
  public var description: String { String(cString: strerror(errno)) }
}

/// The little of `stat` that callers use.
public struct FileStatus: Sendable, Equatable {
  public var isDirectory: Bool
  public var isRegularFile: Bool
  /// Device and inode: the same pair is the same file.
  public var device: UInt64
  public var inode: UInt64
}

/// The raw system calls of the file-writing code, in one place, as swift-system's
/// `Syscalls.swift` funnels its own: each one retries on `EINTR` and turns a failure into
/// a ``SystemError`` that keeps `errno`.
public enum Syscall {
  /// Runs `body` until it does not fail with `EINTR`; a `-1` result throws.
  @inline(__always)
  static func retrying<T: FixedWidthInteger>(
    _ call: String, _ path: String?, _ body: () -> T
  ) throws(SystemError) -> T {
    while true {
      let result = body()
      if result != -1 { return result }
      let code = errno
      if code != EINTR { throw SystemError(call: call, path: path, errno: code) }
    }
  }

  /// Creates a private file from `template` (ending in `XXXXXX`), returning its descriptor and name.
  public static func makeTemporaryFile(_ template: String) throws(SystemError) -> (fd: Int32, path: String) {
    var bytes = Array(template.utf8CString)
    let fd = try retrying("mkstemp", template) { bytes.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) } }
    return (fd, String(decoding: bytes.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self))
  }

  /// Writes all of `bytes` to `fd`, however many calls the kernel needs.
  public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String?) throws(SystemError) {
    guard let base = bytes.baseAddress else { return }
    var offset = 0
    while offset < bytes.count {
      let n = try retrying("write", path) { systemWrite(fd, base + offset, bytes.count - offset) }
      offset += n
    }
  }

  /// Reads at most `count` bytes into `buffer`; 0 at the end of the file.
  public static func read(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int, path: String?) throws(SystemError) -> Int {
    try retrying("read", path) { systemRead(fd, buffer, count) }
  }

  /// Flushes `fd`'s data to disk.
  public static func flush(_ fd: Int32, path: String?) throws(SystemError) {
    _ = try retrying("fsync", path) { fsync(fd) }
  }

  /// Sets `fd`'s permission bits.
  public static func setMode(_ fd: Int32, _ mode: UInt32, path: String?) throws(SystemError) {
    _ = try retrying("fchmod", path) { fchmod(fd, mode_t(mode)) }
  }

  /// Moves `from` over `to`, replacing it.
  public static func move(_ from: String, over to: String) throws(SystemError) {
    _ = try retrying("rename", to) { rename(from, to) }
  }

  /// Gives `existing` the second name `new`; fails with `EEXIST` rather than replace.
  public static func addName(_ new: String, to existing: String) throws(SystemError) {
    _ = try retrying("link", new) { link(existing, new) }
  }

  /// Removes `path`, when it is there; a failure is ignored (clean-up only).
  public static func unlinkQuietly(_ path: String) {
    _ = try? retrying("unlink", path) { unlink(path) }
  }

  /// Creates the folder `path`; an existing one is not an error.
  public static func makeDirectory(_ path: String, mode: UInt32) throws(SystemError) {
    do { _ = try retrying("mkdir", path) { mkdir(path, mode_t(mode)) } } catch where error.errno == EEXIST {}
  }

  /// What `stat` (or, not following a final link, `lstat`) says of `path`.
  public static func status(_ path: String, followingLinks: Bool = true) throws(SystemError) -> FileStatus {
    var info = stat()
    _ = try retrying(followingLinks ? "stat" : "lstat", path) {
      followingLinks ? stat(path, &info) : lstat(path, &info)
    }
    let type = info.st_mode & S_IFMT
    return FileStatus(
      isDirectory: type == S_IFDIR, isRegularFile: type == S_IFREG, device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
  }

  /// Opens `path` read-only.
  public static func openForReading(_ path: String) throws(SystemError) -> Int32 {
    try retrying("open", path) { open(path, O_RDONLY | O_CLOEXEC) }
  }

  /// Closes `fd`. Never retried: after `EINTR` the descriptor is already gone on Linux.
  public static func closeDescriptor(_ fd: Int32) {
    _ = close(fd)
  }
}

private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
  #if canImport(Glibc)
    Glibc.write(fd, p, n)
  #else
    Darwin.write(fd, p, n)
  #endif
}

private func systemRead(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int {
  #if canImport(Glibc)
    Glibc.read(fd, p, n)
  #else
    Darwin.read(fd, p, n)
  #endif
}
