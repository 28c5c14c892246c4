import Foundation
import IMPRules
import StrictJSON

/// Which input of a batch owns each case id: the first in input order that names it.
///
/// A case id names one packet (`<caseId>.zip`), so two profiles with the same one would
/// race for it. The inputs are read once before any packet is made (every shard reads
/// them all, so shards agree), and each later profile with a case id already owned fails
/// with the input that owns it, on every run the same way. Standard input cannot be read
/// twice: its lines claim their case id as they are taken, which is input order too.
///
/// Each item is told, as it is taken, whether an earlier input owns its case id
/// (``BatchItem/duplicate``), so that the check needs nothing of this table where the
/// profile is made (a worker process).
final class BatchCaseIds: @unchecked Sendable {
  private let lock = NSLock()
  private var owners: [String: (index: Int, source: String)] = [:]
  /// The items whose case id an earlier item owns, by position.
  private var duplicates: [Int: BatchDuplicate] = [:]
  /// Whether the inputs were read beforehand; if not, ``claim(_:)`` each item as it is taken.
  let readBeforehand: Bool

  /// Reads every profile the inputs name (all shards) and records the first owner of each case id.
  /// Nothing is read when an input is standard input.
  init(arguments: [String], skipping directory: String) {
    readBeforehand = !arguments.contains("-")
    guard readBeforehand else { return }
    let all = BatchInputs(arguments, shard: nil, skipping: directory)
    while let item = all.next() { claim(item) }
  }

  /// Records `item` as the owner of its case id unless an earlier item owns it.
  func claim(_ item: BatchItem) {
    guard let caseId = BatchCaseIds.caseId(of: item) else { return }
    lock.withLock {
      if let owner = owners[caseId] {
        if owner.index != item.index { duplicates[item.index] = BatchDuplicate(caseId: caseId, owner: owner.source) }
      } else {
        owners[caseId] = (item.index, item.source)
      }
    }
  }

  /// The earlier input that owns `item`'s case id, or nil when `item` owns it (or has none).
  func duplicate(of item: BatchItem) -> BatchDuplicate? {
    lock.withLock { duplicates[item.index] }
  }

  /// The `caseId` of a profile, read with the strict reader; nil for anything that is not
  /// a profile with one (it fails later, with its own message).
  static func caseId(of item: BatchItem) -> String? {
    let data: Data
    switch item.content {
    case .line(let bytes): data = Data(bytes)
    case .file(let path):
      guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
      defer { try? handle.close() }
      guard let read = try? handle.read(upToCount: ProfileFormat.maxBytes + 1), read.count <= ProfileFormat.maxBytes
      else { return nil }
      data = read
    case .unreadable: return nil
    }
    guard case .success(.object(let o)) = JSONValue.parse(data, limits: .profile), case .string(let id)? = o["caseId"]
    else { return nil }
    return id
  }
}

/// A case id an earlier input of the batch owns.
struct BatchDuplicate: Sendable, Codable, Equatable {
  var caseId: String
  /// The owner's ``BatchItem/source``.
  var owner: String
}
