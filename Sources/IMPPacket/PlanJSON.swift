public import Foundation
import StrictJSON

/// The one JSON encoding of plans, for `plan --json` and `plan.json`: sorted keys, so the
/// same plan always gives the same bytes.
///
/// The text is exactly what `JSONEncoder` writes with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]`, made by ``PrettyJSON`` at a fraction of the cost (it was
/// the third largest cost of a packet); a value it does not handle (a floating-point
/// number) is encoded by `JSONEncoder` itself.
public enum PlanJSON {
  public static func encode<T: Encodable>(_ value: T) -> Data {
    Data(bytes(value))
  }

  /// The same text as ``encode(_:)``, as bytes.
  public static func bytes<T: Encodable>(_ value: T) -> [UInt8] {
    if let text = try? PrettyJSON.encode(value) { return text }
    return Array(foundationEncode(value))
  }

  /// `JSONEncoder`'s text: the reference ``PrettyJSON`` must match.
  static func foundationEncode<T: Encodable>(_ value: T) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Plans hold only strings, numbers, booleans and arrays: encoding cannot fail.
    return (try? encoder.encode(value)).map { $0 + Data("\n".utf8) } ?? Data()
  }
}

/// An `Encoder` that writes JSON text in `JSONEncoder`'s pretty, sorted format: two-space
/// indents, `"key" : value`, keys in byte order, empty containers as `[\n\n]`, control
/// characters escaped (`\b \t \n \f \r`, others `\u00xx`), slashes and non-ASCII as they are.
enum PrettyJSON {
  struct Unsupported: Error {}

  /// The UTF-8 text with a final line break, or ``Unsupported`` for floating-point
  /// numbers and for values that encode nothing.
  static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
    let root = Node()
    try value.encode(to: TreeEncoder(node: root))
    guard root.kind != .unset else { throw Unsupported() }
    var out: [UInt8] = []
    out.reserveCapacity(16384)
    write(root, indent: 0, to: &out)
    out.append(0x0A)
    return out
  }

  /// One value while it is being encoded. A class: containers hand out nested nodes
  /// that are filled in after they are attached.
  final class Node {
    enum Kind { case unset, null, bool, number, string, array, object }
    var kind = Kind.unset
    var text = ""
    var items: [Node] = []
    var pairs: [(key: String, node: Node)] = []

    func child(forKey key: String) -> Node {
      let n = Node()
      pairs.append((key, n))
      return n
    }

    func appendItem() -> Node {
      let n = Node()
      items.append(n)
      return n
    }

    func set(_ kind: Kind, _ text: String = "") {
      self.kind = kind
      self.text = text
    }
  }

  static func write(_ node: Node, indent: Int, to out: inout [UInt8]) {
    switch node.kind {
    case .unset, .null: out.append(contentsOf: "null".utf8)
    case .bool, .number: out.append(contentsOf: node.text.utf8)
    case .string: quote(node.text, to: &out)
    case .array:
      out.append(contentsOf: "[\n".utf8)
      if node.items.isEmpty { out.append(0x0A) }
      for (i, item) in node.items.enumerated() {
        pad(indent + 2, &out)
        write(item, indent: indent + 2, to: &out)
        if i < node.items.count - 1 { out.append(UInt8(ascii: ",")) }
        out.append(0x0A)
      }
      pad(indent, &out)
      out.append(UInt8(ascii: "]"))
    case .object:
      out.append(contentsOf: "{\n".utf8)
      // Byte order; when a key was encoded twice, its last value (as JSONEncoder).
      var pairs = node.pairs
      pairs.sort { a, b in a.key.utf8.lexicographicallyPrecedes(b.key.utf8) }
      if zip(pairs, pairs.dropFirst()).contains(where: { $0.key == $1.key }) {
        pairs = node.pairs.enumerated().reversed().reduce(into: [(key: String, node: Node)]()) { kept, p in
          if !kept.contains(where: { $0.key == p.element.key }) { kept.append(p.element) }
        }
        pairs.sort { a, b in a.key.utf8.lexicographicallyPrecedes(b.key.utf8) }
      }
      if pairs.isEmpty { out.append(0x0A) }
      for (i, p) in pairs.enumerated() {
        pad(indent + 2, &out)
        quote(p.key, to: &out)
        out.append(contentsOf: " : ".utf8)
        write(p.node, indent: indent + 2, to: &out)
        if i < pairs.count - 1 { out.append(UInt8(ascii: ",")) }
        out.append(0x0A)
      }
      pad(indent, &out)
      out.append(UInt8(ascii: "}"))
    }
  }

  static func pad(_ n: Int, _ out: inout [UInt8]) {
    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: n))
  }

  /// `s` as a JSON string, escaped as `JSONEncoder` escapes it (``StrictJSON/JSONString/append(_:to:)``).
  static func quote(_ s: String, to out: inout [UInt8]) { JSONString.append(s, to: &out) }

  struct TreeEncoder: Encoder {
    let node: Node
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
      if node.kind != .object { node.set(.object) }
      return KeyedEncodingContainer(Keyed<Key>(node: node))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
      if node.kind != .array { node.set(.array) }
      return Unkeyed(node: node)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: node) }
  }

  /// Stores a value into a node (a Double throws ``Unsupported`` from its container).
  /// Coding paths are left empty: they only serve error messages, and this encoder
  /// reports no errors but ``Unsupported``.
  static func store<T: Encodable>(_ value: T, in node: Node) throws {
    try value.encode(to: TreeEncoder(node: node))
  }

  struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { node.child(forKey: key.stringValue).set(.null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
      node.child(forKey: key.stringValue).set(.bool, value ? "true" : "false")
    }
    mutating func encode(_ value: String, forKey key: Key) throws { node.child(forKey: key.stringValue).set(.string, value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { throw Unsupported() }
    mutating func encode(_ value: Float, forKey key: Key) throws { throw Unsupported() }
    mutating func encode(_ value: Int, forKey key: Key) throws { node.child(forKey: key.stringValue).set(.number, String(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { node.child(forKey: key.stringValue).set(.number, String(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { node.child(forKey: key.stringValue).set(.number, String(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { node.child(forKey: key.stringValue).set(.number, String(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { node.child(forKey: key.stringValue).set(.number, String(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { node.child(forKey: key.stringValue).set(.number, String(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { node.child(forKey: key.stringValue).set(.number, String(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { node.child(forKey: key.stringValue).set(.number, String(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { node.child(forKey: key.stringValue).set(.number, String(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { node.child(forKey: key.stringValue).set(.number, String(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
      try PrettyJSON.store(value, in: node.child(forKey: key.stringValue))
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
      -> KeyedEncodingContainer<NestedKey>
    {
      TreeEncoder(node: node.child(forKey: key.stringValue)).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
      TreeEncoder(node: node.child(forKey: key.stringValue)).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder {
      TreeEncoder(node: node.child(forKey: "super"))
    }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
      TreeEncoder(node: node.child(forKey: key.stringValue))
    }
  }

  struct Unkeyed: UnkeyedEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey] { [] }
    var count: Int { node.items.count }

    mutating func encodeNil() throws { node.appendItem().set(.null) }
    mutating func encode(_ value: Bool) throws { node.appendItem().set(.bool, value ? "true" : "false") }
    mutating func encode(_ value: String) throws { node.appendItem().set(.string, value) }
    mutating func encode(_ value: Double) throws { throw Unsupported() }
    mutating func encode(_ value: Float) throws { throw Unsupported() }
    mutating func encode(_ value: Int) throws { node.appendItem().set(.number, String(value)) }
    mutating func encode(_ value: Int8) throws { node.appendItem().set(.number, String(value)) }
    mutating func encode(_ value: Int16) throws { node.appendItem().set(.number, String(value)) }
    mutating func encode(_ value: Int32) throws { node.appendItem().set(.number, String(value)) }
    mutating func encode(_ value: Int64) throws { node.appendItem().set(.number, String(value)) }
    mutating func encode(_ value: UInt) throws { node.appendItem().set(.number, String(value)) }
    mutating func encode(_ value: UInt8) throws { node.appendItem().set(.number, String(value)) }
    mutating func encode(_ value: UInt16) throws { node.appendItem().set(.number, String(value)) }
    mutating func encode(_ value: UInt32) throws { node.appendItem().set(.number, String(value)) }
    mutating func encode(_ value: UInt64) throws { node.appendItem().set(.number, String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
      try PrettyJSON.store(value, in: node.appendItem())
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
      -> KeyedEncodingContainer<NestedKey>
    {
      TreeEncoder(node: node.appendItem()).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
      TreeEncoder(node: node.appendItem()).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { TreeEncoder(node: node.appendItem()) }
  }

  struct Single: SingleValueEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { node.set(.null) }
    mutating func encode(_ value: Bool) throws { node.set(.bool, value ? "true" : "false") }
    mutating func encode(_ value: String) throws { node.set(.string, value) }
    mutating func encode(_ value: Double) throws { throw Unsupported() }
    mutating func encode(_ value: Float) throws { throw Unsupported() }
    mutating func encode(_ value: Int) throws { node.set(.number, String(value)) }
    mutating func encode(_ value: Int8) throws { node.set(.number, String(value)) }
    mutating func encode(_ value: Int16) throws { node.set(.number, String(value)) }
    mutating func encode(_ value: Int32) throws { node.set(.number, String(value)) }
    mutating func encode(_ value: Int64) throws { node.set(.number, String(value)) }
    mutating func encode(_ value: UInt) throws { node.set(.number, String(value)) }
    mutating func encode(_ value: UInt8) throws { node.set(.number, String(value)) }
    mutating func encode(_ value: UInt16) throws { node.set(.number, String(value)) }
    mutating func encode(_ value: UInt32) throws { node.set(.number, String(value)) }
    mutating func encode(_ value: UInt64) throws { node.set(.number, String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try PrettyJSON.store(value, in: node) }
  }
}
