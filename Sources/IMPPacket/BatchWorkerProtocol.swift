import Foundation
import IMPRules
import PDFRender
import ZipPacket

/// What a batch and its worker processes say to each other over the worker's standard
/// input and output: frames of a 4-byte big-endian length and that many bytes of JSON.
///
/// 1. The batch sends a ``WorkerSetup``; the worker answers a ``WorkerHello``.
/// 2. The batch sends arrays of ``WorkerItem`` (a few profiles per frame, so that a pipe's
///    round trip is paid once per few packets); the worker answers one ``BatchRow`` per item,
///    in order, as each is done.
/// 3. The batch closes the worker's input; the worker finishes what it has and exits 0.
///
/// So when a worker dies, the rows it sent are kept and the first item it did not answer is
/// the one it was working on.
enum WorkerFrames {
  /// A frame larger than this is a broken worker, not a row (a profile is at most 1 MB).
  static let maxBytes = 64 << 20

  static let encoder = JSONEncoder()
}

/// Reads frames from a file descriptor, a block at a time, into one buffer that grows only
/// for a frame larger than any before (not zeroed and trimmed again for every read).
final class FrameReader {
  private let fd: Int32
  private var buffer = [UInt8](repeating: 0, count: 1 << 16)
  /// The unread bytes are `buffer[start..<end]`.
  private var start = 0
  private var end = 0

  init(fd: Int32) { self.fd = fd }

  /// The next frame's bytes, or nil at the end of input (or after a read error or a frame
  /// that cannot be one: the other side is gone or broken).
  func next() -> [UInt8]? {
    guard fill(4) else { return nil }
    let length = buffer[start..<start + 4].reduce(0) { $0 << 8 | Int($1) }
    guard length <= WorkerFrames.maxBytes, fill(4 + length) else { return nil }
    let frame = Array(buffer[start + 4..<start + 4 + length])
    start += 4 + length
    return frame
  }

  /// Decodes the next frame as `T`; nil as for ``next()`` or when it is not a `T`.
  func next<T: Decodable>(_: T.Type) -> T? {
    guard let frame = next() else { return nil }
    return try? JSONDecoder().decode(T.self, from: Data(frame))
  }

  /// Reads until `count` bytes from `start` are buffered; false at the end of input.
  private func fill(_ count: Int) -> Bool {
    while end - start < count {
      if buffer.count - start < count {
        // Move what is unread to the front, and grow when even that leaves too little room.
        if start > 0 {
          buffer.withUnsafeMutableBytes { raw in
            let base = raw.baseAddress!
            base.copyMemory(from: base + start, byteCount: end - start)
          }
          end -= start
          start = 0
        }
        if buffer.count < count { buffer.append(contentsOf: repeatElement(0, count: max(count, 2 * buffer.count) - buffer.count)) }
      }
      let room = buffer.count - end
      let n =
        (try? buffer.withUnsafeMutableBytes { (raw) throws(SystemError) in
          try Syscall.read(fd, into: raw.baseAddress! + end, count: room, path: nil)
        }) ?? 0
      if n == 0 { return false }
      end += n
    }
    return true
  }
}

/// Writes `value` to `fd` as one frame; false when the other side is gone.
func writeFrame<T: Encodable>(_ value: T, to fd: Int32) -> Bool {
  guard let json = try? WorkerFrames.encoder.encode(value) else { return false }
  return writeFrame(bytes: json, to: fd)
}

/// Writes `json` to `fd` as one frame (a row's ``BatchRow/frameBytes``); false when the other side is gone.
func writeFrame(bytes json: some Collection<UInt8>, to fd: Int32) -> Bool {
  let n = json.count
  var frame: [UInt8] = [UInt8(n >> 24 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)]
  frame.append(contentsOf: json)
  return frame.withUnsafeBytes { raw in
    do {
      try Syscall.writeAll(fd, raw, path: nil)
      return true
    } catch {
      return false
    }
  }
}

/// How a worker makes packets: what the batch was given, so that its packets are the
/// batch's byte for byte. The password travels here, over the pipe, never in arguments or
/// the environment.
struct WorkerSetup: Codable {
  var templates: String?
  var catalog: String?
  /// What the batch loaded: a worker that loads other files (changed since) refuses to start.
  /// The catalog and templates the batch's packets are made with, which a worker must have
  /// loaded too; nil for the batch's first worker, whose load is the batch's (it says in its
  /// ``WorkerHello`` what it loaded): the batch itself loads neither.
  var catalogVersion: String?
  var templatesSHA256: String?
  var outputDirectory: String
  var asOf: CivilDate
  var force: Bool
  var allowIneligible: Bool
  var timestamp: Int64?
  var compressionLevel: Int
  var password: String?
  var layout: String
  var resume: Bool
  /// `--pdf`: the worker starts its own renderer.
  var pdf: Bool
  var documents: String?
  var channel: String?
}

/// A worker's answer to its setup: what it loaded, or why it cannot work.
struct WorkerHello: Codable {
  var failure: WorkerFailure?
  var catalogVersion: String?
  var templatesSHA256: String?
}

/// Why a worker cannot work, carried so that the batch fails as it would have had it loaded
/// the catalog, the templates and the renderer itself: the same message and exit code.
struct WorkerFailure: Codable, Equatable {
  enum Kind: String, Codable { case setup, rendererMissing, rendererFailed }
  var kind: Kind
  var message: String

  init(_ error: PacketError) {
    switch error {
    case .renderer(.rendererMissing(let m)): (kind, message) = (.rendererMissing, m)
    case .renderer(let e): (kind, message) = (.rendererFailed, e.description)
    default: (kind, message) = (.setup, error.description)
    }
  }

  var error: PacketError {
    switch kind {
    case .setup: .setup(message)
    case .rendererMissing: .renderer(.rendererMissing(message))
    case .rendererFailed: .renderer(.rendererFailed(message))
    }
  }
}

struct WorkerItem: Codable {
  var index: Int
  var source: String
  var file: String?
  var line: Data?
  var unreadable: String?
  var duplicate: BatchDuplicate?

  init(_ item: BatchItem) {
    index = item.index
    source = item.source
    duplicate = item.duplicate
    switch item.content {
    case .file(let path): file = path
    case .line(let bytes): line = Data(bytes)
    case .unreadable(let message): unreadable = message
    }
  }

  var item: BatchItem {
    let content: BatchItem.Content =
      if let file { .file(file) } else if let line { .line(Array(line)) } else { .unreadable(unreadable ?? "cannot read \(source)") }
    return BatchItem(source: source, index: index, content: content, duplicate: duplicate)
  }
}
