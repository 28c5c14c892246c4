import Foundation
import IMPRules
import StrictJSON

/// The web form's reading and changing of documents by path (``PathStep``).
extension OrderedJSON {
  /// How much the server reads of a document it is given or keeps: a profile's limits.
  static let limits = JSONLimits.profile

  /// The value of JSON text that the strict reader accepts, keys in order; nil otherwise.
  static func parse(_ data: Data) -> OrderedJSON? { try? read(data, limits: limits).get() }


  func value(at path: [PathStep]) -> OrderedJSON? {
    var v = self
    for step in path {
      switch (step, v) {
      case (.key(let k), .object):
        guard let next = v[k] else { return nil }
        v = next
      case (.index(let i), .array(let items)):
        guard i < items.count else { return nil }
        v = items[i]
      default: return nil
      }
    }
    return v
  }

  /// Sets the value at `path` (nil removes it), creating the objects and arrays on the way.
  mutating func set(_ new: OrderedJSON?, at path: ArraySlice<PathStep>) {
    guard let step = path.first else {
      if let new { self = new }
      return
    }
    let rest = path.dropFirst()
    switch step {
    case .key(let k):
      var fields: [(key: String, value: OrderedJSON)]
      if case .object(let f) = self { fields = f } else { fields = [] }
      if let i = fields.firstIndex(where: { $0.key == k }) {
        if rest.isEmpty && new == nil {
          fields.remove(at: i)
        } else {
          fields[i].value.set(new, at: rest)
        }
      } else if new != nil {
        var child = OrderedJSON.container(for: rest.first)
        child.set(new, at: rest)
        fields.append((k, child))
      }
      self = .object(fields)
    case .index(let i):
      var items: [OrderedJSON]
      if case .array(let a) = self { items = a } else { items = [] }
      if i < items.count {
        items[i].set(new, at: rest)
      } else if new != nil {
        while items.count < i { items.append(.object([])) }
        var child = OrderedJSON.container(for: rest.first)
        child.set(new, at: rest)
        items.append(child)
      }
      self = .array(items)
    }
  }

  /// An empty array before an index step, an empty object before a key, null at the end.
  static func container(for step: PathStep?) -> OrderedJSON {
    switch step {
    case .index?: .array([])
    case .key?: .object([])
    case nil: .null
    }
  }

  /// Removes, bottom up, objects that the form left empty and array items that became
  /// empty objects: a blank repeated row adds nothing to the file.
  func pruned() -> OrderedJSON? {
    switch self {
    case .object(let fields):
      let kept = fields.compactMap { f in f.value.pruned().map { (key: f.key, value: $0) } }
      return kept.isEmpty ? nil : .object(kept)
    case .array(let items):
      let kept = items.compactMap { item -> OrderedJSON? in
        if case .object = item { return item.pruned() }
        return item
      }
      return .array(kept)
    default: return self
    }
  }

  /// The same value with every object's keys in `order`'s order: the keys a schema names
  /// first, in the schema's order, then the others (`x-` keys, unknown content) by name.
  func ordered(by order: (_ objectPath: String, _ keys: [String]) -> [String], at path: String = "") -> OrderedJSON {
    switch self {
    case .object(let fields):
      let names = order(path, fields.map(\.key))
      return .object(
        names.compactMap { name in
          fields.first { $0.key == name }.map { f in
            (key: f.key, value: f.value.ordered(by: order, at: path.isEmpty ? f.key : "\(path).\(f.key)"))
          }
        })
    case .array(let items):
      return .array(items.map { $0.ordered(by: order, at: path + "[]") })
    default: return self
    }
  }

}

/// One step of a JSON path: `applicant`, `education`, `[0]`.
enum PathStep: Hashable, Sendable {
  case key(String)
  case index(Int)

  /// The steps of `applicant.education[0].level`; nil for text that is not such a path.
  static func parse(_ path: String) -> [PathStep]? {
    var steps: [PathStep] = []
    var name = ""
    var chars = Substring(path)
    func flush() -> Bool {
      if name.isEmpty { return false }
      steps.append(.key(name))
      name = ""
      return true
    }
    while let c = chars.first {
      chars = chars.dropFirst()
      switch c {
      case ".":
        if name.isEmpty, case .index = steps.last {
          continue
        }
        guard flush() else { return nil }
      case "[":
        if !name.isEmpty { _ = flush() }
        guard let close = chars.firstIndex(of: "]"), let i = Int(chars[..<close]), i >= 0, i < 1000 else { return nil }
        steps.append(.index(i))
        chars = chars[chars.index(after: close)...]
      default: name.append(c)
      }
    }
    if !name.isEmpty { steps.append(.key(name)) }
    return steps.isEmpty ? nil : steps
  }

  /// `applicant.education[0].level` for these steps.
  static func text(_ steps: [PathStep]) -> String {
    var out = ""
    for s in steps {
      switch s {
      case .key(let k): out += out.isEmpty ? k : ".\(k)"
      case .index(let i): out += "[\(i)]"
      }
    }
    return out
  }
}
