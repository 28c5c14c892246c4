import Foundation
import IMPRules
import ZipPacket

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One profile of a batch: where it comes from, and its text when it is a line of a
/// JSON Lines file.
public struct BatchItem: Sendable {
  enum Content: Sendable {
    /// A profile file, read when the item is processed.
    case file(String)
    /// One line of a JSON Lines file (without its line break).
    case line([UInt8])
    /// An input that could not be read; the message says why.
    case unreadable(String)
  }

  /// `path` for a profile file, `path:line` for a line of a JSON Lines file.
  public var source: String
  /// The position among all the profiles the inputs name (0-based), before sharding.
  public var index: Int
  var content: Content
  /// Set when the item is taken: the earlier input that owns its case id, if one does.
  var duplicate: BatchDuplicate?
}

/// Which part of a batch this run makes: the profiles whose position `i` (in the
/// order ``BatchInputs`` lists them) has `i % count == index`.
///
/// The order is fixed by the inputs alone (arguments in order, folders by sorted name,
/// lines in order), so `count` runs given the same inputs, one per index, together make
/// each profile's packet exactly once.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
  public var index: Int
  public var count: Int

  /// Parses `K/N` with 0 ≤ K < N.
  public init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (0..<n).contains(k) else {
      return nil
    }
    index = k
    count = n
  }

  public func contains(_ position: Int) -> Bool { position % count == index }

  public var description: String { "\(index)/\(count)" }
}

/// The profiles named by a batch's inputs, one at a time, in a fixed order.
///
/// An input is a profile file, a folder (searched recursively for `*.json`, names in
/// byte order, hidden files and folders skipped) or a JSON Lines file (`*.jsonl`,
/// `*.ndjson`, or `-` for standard input: one profile per line, blank lines skipped).
/// Nothing is read ahead: a JSON Lines file is read block by block, a folder is listed
/// when it is reached. An input that cannot be read is one item that fails.
public final class BatchInputs {
  private var arguments: ArraySlice<String>
  private let shard: Shard?
  private let keepContent: Bool
  private let skipFolder: (UInt64, UInt64)?
  private var folders: [(path: String, names: [String], next: Int)] = []
  private var lines: LineReader?
  private var position = 0

  /// - Parameters:
  ///   - skipping: a folder never searched (the batch's output folder, which holds reports).
  ///   - keepContent: false to only count items (lines are not copied).
  public init(_ arguments: [String], shard: Shard? = nil, skipping: String? = nil, keepContent: Bool = true) {
    self.arguments = arguments[...]
    self.shard = shard
    self.keepContent = keepContent
    skipFolder = skipping.flatMap { try? Syscall.status($0) }.map { ($0.device, $0.inode) }
  }

  /// How many items the inputs name (in this shard), by listing them once more.
  public static func count(_ arguments: [String], shard: Shard? = nil, skipping: String? = nil) -> Int {
    let inputs = BatchInputs(arguments, shard: shard, skipping: skipping, keepContent: false)
    var n = 0
    while inputs.next() != nil { n += 1 }
    return n
  }

  /// The next item of this shard, or nil when there are no more.
  public func next() -> BatchItem? {
    while let item = nextOfAll() {
      if shard?.contains(item.index) ?? true { return item }
    }
    return nil
  }

  private func nextOfAll() -> BatchItem? {
    while true {
      if let reader = lines {
        switch reader.next(keep: keepContent) {
        case .line(let bytes, let number):
          return item("\(reader.name):\(number)", .line(bytes))
        case .failed(let message):
          lines = nil
          return item(reader.name, .unreadable(message))
        case .end:
          lines = nil
        }
        continue
      }
      if !folders.isEmpty {
        let top = folders.count - 1
        guard folders[top].next < folders[top].names.count else {
          folders.removeLast()
          continue
        }
        let name = folders[top].names[folders[top].next]
        folders[top].next += 1
        let path = folders[top].path == "/" ? "/" + name : folders[top].path + "/" + name
        let info: FileStatus
        do { info = try Syscall.status(path, followingLinks: false) } catch {
          return item(path, .unreadable("cannot read it: \(error)"))
        }
        if info.isDirectory {
          if let found = enter(path, info) { return found }
        } else if name.hasSuffix(".json"), let target = try? Syscall.status(path), target.isRegularFile {
          return item(path, .file(path))
        }
        continue
      }
      guard let argument = arguments.popFirst() else { return nil }
      if argument == "-" || argument.hasSuffix(".jsonl") || argument.hasSuffix(".ndjson") {
        do { lines = try LineReader.open(argument) } catch {
          return item(argument, .unreadable("cannot read it: \(error)"))
        }
        continue
      }
      let info: FileStatus
      do { info = try Syscall.status(argument) } catch {
        return item(argument, .unreadable("cannot read it: \(error)"))
      }
      if info.isDirectory {
        if let found = enter(argument.count > 1 && argument.hasSuffix("/") ? String(argument.dropLast()) : argument, info) {
          return found
        }
        continue
      }
      // A pipe (`<(…)`, a FIFO) or a device reads once, and a batch reads a profile twice (its
      // case id first, then in a worker, which does not have the shell's `/dev/fd` either):
      // said here instead of waiting on it for ever.
      guard info.isRegularFile else {
        return item(
          argument,
          .unreadable(
            "not a regular file (a pipe or a device); give batch profile files, "
              + "or JSON Lines on standard input (-)"))
      }
      return item(argument, .file(argument))
    }
  }

  /// Lists a folder to be searched next; a folder that cannot be listed is an item that fails.
  private func enter(_ path: String, _ info: FileStatus) -> BatchItem? {
    if let skip = skipFolder, skip.0 == info.device, skip.1 == info.inode { return nil }
    guard let dir = opendir(path) else { return item(path, .unreadable("cannot list \(path): \(errnoText())")) }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if !name.hasPrefix(".") { names.append(name) }
    }
    // Byte order, not locale order: every machine lists a folder the same way.
    names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    folders.append((path, names, 0))
    return nil
  }

  private func item(_ source: String, _ content: BatchItem.Content) -> BatchItem {
    defer { position += 1 }
    return BatchItem(source: source, index: position, content: content)
  }
}

/// Reads a file line by line in blocks, never holding more than a block and one line.
///
/// Each byte is looked at once, however long its line. A line longer than a profile may be
/// (``ProfileFormat/maxBytes``) is kept only to one byte past that, the rest skipped up to
/// its line break: the profile is refused as a file of that size is, and a 100 MB line
/// costs no more memory than a 5 MB one.
private final class LineReader {
  enum Next {
    case line([UInt8], number: Int)
    case failed(String)
    case end
  }

  let name: String
  private let fd: Int32
  private var buffer: [UInt8] = []
  private var start = 0
  /// Where the search for the current line's break goes on: the bytes of the line before it have no break.
  private var scanned = 0
  private var atEOF = false
  private var number = 0
  private let keptLength: Int

  private init(name: String, fd: Int32, keptLength: Int) {
    self.name = name
    self.fd = fd
    self.keptLength = keptLength
  }

  /// A reader of the file at `path` (`-`: standard input); a line is kept up to `keptLength` bytes.
  static func open(_ path: String, keptLength: Int = ProfileFormat.maxBytes + 1) throws(SystemError) -> LineReader {
    if path == "-" { return LineReader(name: "-", fd: 0, keptLength: keptLength) }
    return LineReader(name: path, fd: try Syscall.openForReading(path), keptLength: keptLength)
  }

  deinit { if fd > 0 { Syscall.closeDescriptor(fd) } }

  /// The next non-blank line; `keep: false` returns it empty (for counting).
  func next(keep: Bool) -> Next {
    while true {
      if let newline = buffer[max(start, scanned)...].firstIndex(of: UInt8(ascii: "\n")) {
        let line = buffer[start..<min(newline, start + keptLength)]
        start = newline + 1
        scanned = start
        number += 1
        if let out = take(line, keep) { return out }
        continue
      }
      if atEOF {
        guard start < buffer.count else { return .end }
        let line = buffer[start..<min(buffer.count, start + keptLength)]
        start = buffer.count
        number += 1
        return take(line, keep) ?? .end
      }
      // The line has no break yet. Drop what it has past `keptLength`, move it to the
      // front, and read another block after it.
      if buffer.count - start > keptLength {
        buffer.removeSubrange((start + keptLength)...)
      }
      buffer.removeSubrange(0..<start)
      start = 0
      scanned = buffer.count
      let block = 1 << 18
      let old = buffer.count
      buffer.append(contentsOf: repeatElement(0, count: block))
      let n: Int
      do {
        n = try buffer.withUnsafeMutableBytes { (raw) throws(SystemError) in
          try Syscall.read(fd, into: raw.baseAddress! + old, count: block, path: name)
        }
      } catch {
        buffer.removeLast(block)
        return .failed("cannot read \(name): \(error)")
      }
      buffer.removeLast(block - n)
      if n == 0 { atEOF = true }
    }
  }

  private func take(_ line: ArraySlice<UInt8>, _ keep: Bool) -> Next? {
    var line = line
    if line.last == UInt8(ascii: "\r") { line.removeLast() }
    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
    return .line(keep ? Array(line) : [], number: number)
  }
}

private func errnoText() -> String { String(cString: strerror(errno)) }
