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
  /// callers that write many files and then call ``syncToDisk()`` once. The file
  /// still appears whole or not at all to every other process; only a power cut before
  /// that sync may leave it short.
  public static func write(
    _ bytes: [UInt8], to path: String, mode: UInt32 = 0o600, overwrite: Bool, sync: Bool = true
  ) throws(ZipError) {
    let file = try TemporaryFile(beside: path, mode: mode)
    do throws(ZipError) {
      try file.write(bytes)
      try file.finish(sync: sync, overwrite: overwrite)
    } catch {
      file.discard()
      throw error
    }
  }

  /// Creates the folder `path` and any missing parents with permissions `mode`, like
  /// `mkdir -p`; an existing folder is left as it is.
  public static func createDirectory(_ path: String, mode: UInt32 = 0o700) throws(ZipError) {
    var prefix = path.hasPrefix("/") ? "" : "."
    do throws(SystemError) {
      for part in path.split(separator: "/") {
        prefix += "/" + part
        try Syscall.makeDirectory(prefix, mode: mode)
      }
      guard try Syscall.status(path).isDirectory else {
        throw SystemError(call: "mkdir", path: path, errno: ENOTDIR)
      }
    } catch {
      throw ZipError("cannot create \(path)", error)
    }
  }

  /// Whether something exists at `path` (a file, a folder, or a dangling link).
  public static func exists(_ path: String) -> Bool {
    (try? Syscall.status(path, followingLinks: false)) != nil
  }

  /// Flushes to disk everything written so far, the files written with `sync: false` too.
  ///
  /// `sync(2)`, which waits for the flush on Linux; `syncfs(2)`, limited to one file
  /// system, is not visible through Swift's Glibc module.
  public static func syncToDisk() {
    sync()
  }
}

/// A file written piece by piece, whole or not at all: the pieces go to a private
/// temporary file beside `path`, which ``commit()`` flushes and renames over `path`.
/// A stream that is never committed leaves nothing behind.
public final class AtomicStream {
  public let path: String
  private var file: TemporaryFile?
  private var buffer: [UInt8] = []
  private var error: ZipError?

  /// Opens a temporary file for `path` with permissions `mode` (default owner-only).
  public init(path: String, mode: UInt32 = 0o600) throws(ZipError) {
    self.path = path
    file = try TemporaryFile(beside: path, mode: mode)
    buffer.reserveCapacity(1 << 16)
  }

  /// Appends `text`; bytes reach the file in blocks. A write error is reported by ``commit()``.
  public func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { flushBuffer() }
  }

  private func flushBuffer() {
    if error == nil, let file {
      do throws(ZipError) { try file.write(buffer) } catch { self.error = error }
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Writes what is left, flushes it to disk and renames the file over `path`.
  public func commit() throws(ZipError) {
    guard let file else { return }
    flushBuffer()
    self.file = nil
    do throws(ZipError) {
      if let error { throw error }
      try file.finish(sync: true, overwrite: true)
    } catch {
      file.discard()
      throw error
    }
  }

  /// Removes the temporary file without moving it into place (as `deinit` would, for a
  /// caller that exits before it runs).
  public func discard() {
    file?.discard()
    file = nil
  }

  deinit { discard() }
}

/// A private temporary file beside its destination (`.NAME.partial-XXXXXX`): written,
/// then flushed and given the destination's name, or discarded. The one place the
/// packet writers make, fill and place files.
final class TemporaryFile {
  let destination: String
  let path: String
  /// Open until ``finish(sync:overwrite:)`` or ``discard()`` closes it, exactly once (a
  /// descriptor closed twice could be another thread's newly opened file).
  private var fd: Int32?

  init(beside destination: String, mode: UInt32) throws(ZipError) {
    self.destination = destination
    let slash = destination.lastIndex(of: "/")
    let folder = slash.map { String(destination[..<$0]) } ?? "."
    let base = slash.map { String(destination[destination.index(after: $0)...]) } ?? destination
    let made: (fd: Int32, path: String)
    do {
      made = try Syscall.makeTemporaryFile("\(folder.isEmpty ? "/" : folder)/.\(base).partial-XXXXXX")
    } catch {
      throw ZipError("cannot write in \(folder)", error)
    }
    (fd, path) = made
    do { try Syscall.setMode(made.fd, mode, path: destination) } catch {
      discard()
      throw ZipError("cannot set permissions on \(destination)", error)
    }
  }

  func write(_ bytes: [UInt8]) throws(ZipError) {
    guard let fd else { return }
    let written = bytes.withUnsafeBytes { raw in
      Result { () throws(SystemError) in try Syscall.writeAll(fd, raw, path: destination) }
    }
    if case .failure(let error) = written { throw ZipError("cannot write \(destination)", error) }
  }

  /// Flushes (when `sync`), closes and names the file. Without `overwrite`, an existing
  /// destination fails with ``ZipError/Kind-swift.enum/exists`` and is left untouched.
  /// On failure the temporary file is still there for ``discard()``.
  func finish(sync: Bool, overwrite: Bool) throws(ZipError) {
    guard let fd else { return }
    do {
      if sync { try Syscall.flush(fd, path: destination) }
      self.fd = nil
      Syscall.closeDescriptor(fd)
      if overwrite {
        try Syscall.move(path, over: destination)
        return
      }
      // link() fails with EEXIST instead of replacing: no window in which a packet is clobbered.
      try Syscall.addName(destination, to: path)
    } catch where error.errno == EEXIST && !overwrite {
      throw ZipError(.exists, "\(destination) already exists")
    } catch {
      throw ZipError("cannot write \(destination)", error)
    }
    Syscall.unlinkQuietly(path)
  }

  /// Closes the file if it is still open, and removes it.
  func discard() {
    if let fd {
      self.fd = nil
      Syscall.closeDescriptor(fd)
    }
    Syscall.unlinkQuietly(path)
  }

  deinit {
    if let fd { Syscall.closeDescriptor(fd) }
  }
}
