/// The named fields of a template object (``TemplateValue/object(_:)``), in the order given.
///
/// A packet's context is thousands of small objects, made once and read a few times each (a
/// form data sheet's answer has eleven fields, and a packet has over a hundred answers). In a
/// hashed dictionary, hashing each name to make the object and again to read it cost more than
/// writing the page did. So the fields are kept in one array and a name is found by comparing
/// it with each field's (short names compare as two machine words); an object with more than
/// ``TemplateObject/indexedFrom`` fields also keeps an index by name, so a large object does
/// not make a read linear.
///
/// Names are unique: giving a name again replaces its value in place (the last one wins, as in
/// a dictionary literal). Two objects are equal when they have the same names with equal
/// values, in any order.
public struct TemplateObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
  private var fields: [(String, TemplateValue)]
  /// Each name's position in `fields`, for objects of more than ``indexedFrom`` fields.
  private var index: [String: Int]?

  /// Objects with more fields than this are indexed by name.
  static let indexedFrom = 16

  public init() { fields = [] }

  public init(dictionaryLiteral elements: (String, TemplateValue)...) { self.init(elements) }

  /// The fields `elements`, in their order; a repeated name keeps its first place and its
  /// last value.
  public init(_ elements: [(String, TemplateValue)]) {
    // The array is kept as it is (no copy) unless a name repeats, which literals never do.
    if elements.count > TemplateObject.indexedFrom {
      var positions: [String: Int] = [:]
      positions.reserveCapacity(elements.count)
      var unique = true
      for (i, e) in elements.enumerated() where positions.updateValue(i, forKey: e.0) != nil {
        unique = false
        break
      }
      if unique {
        fields = elements
        index = positions
        return
      }
    } else if !TemplateObject.repeatsAName(elements) {
      fields = elements
      return
    }
    fields = []
    for (name, value) in elements { self[name] = value }
  }

  /// Whether a name of the few `elements` comes twice (compared pairwise: no hashing).
  private static func repeatsAName(_ elements: [(String, TemplateValue)]) -> Bool {
    for i in elements.indices.dropFirst() {
      let (name, length) = (elements[i].0, elements[i].0.utf8.count)
      for j in 0..<i where elements[j].0.utf8.count == length && elements[j].0 == name { return true }
    }
    return false
  }

  public var count: Int { fields.count }
  public var isEmpty: Bool { fields.isEmpty }
  /// The names, in order.
  public var names: [String] { fields.map(\.0) }

  private func position(of name: String) -> Int? {
    if let index { return index[name] }
    // The length first: it is stored in the string, and most names differ in it.
    let length = name.utf8.count
    return fields.firstIndex { $0.0.utf8.count == length && $0.0 == name }
  }

  /// The value of the field `name`, or nil when there is none; setting nil removes the field.
  public subscript(name: String) -> TemplateValue? {
    get { position(of: name).map { fields[$0].1 } }
    set {
      if let i = position(of: name) {
        if let newValue {
          fields[i].1 = newValue
        } else {
          fields.remove(at: i)
          reindex()
        }
      } else if let newValue {
        fields.append((name, newValue))
        if index != nil {
          index![name] = fields.count - 1
        } else if fields.count > TemplateObject.indexedFrom {
          reindex()
        }
      }
    }
  }

  private mutating func reindex() {
    guard fields.count > TemplateObject.indexedFrom else {
      index = nil
      return
    }
    var positions: [String: Int] = [:]
    positions.reserveCapacity(fields.count)
    for (i, f) in fields.enumerated() { positions[f.0] = i }
    index = positions
  }

  public static func == (a: TemplateObject, b: TemplateObject) -> Bool {
    // Names are unique in each, so the same count and every field of `a` in `b` is equality.
    guard a.fields.count == b.fields.count else { return false }
    for (name, value) in a.fields {
      guard let v = b[name], v == value else { return false }
    }
    return true
  }
}
