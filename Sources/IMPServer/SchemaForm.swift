import Foundation
import StrictJSON

/// The case form, read from the profile's JSON Schema: one ``FormNode`` a property, in the
/// schema's order, so a property added to the schema appears in the form without new HTML.
///
/// Only what a form needs is read: `type`, `enum`/`const`, `format`, `pattern`, `minimum`/
/// `maximum`, `items`, `properties`, `required` and `description`, through `$ref`s into `$defs`.
struct SchemaForm: Sendable {
  /// The top-level properties, each a ``FormNode``.
  let root: [FormNode]
  /// The property names of each object, in the schema's order, by profile path
  /// (`""`, `applicant`, `applicant.education[]`).
  let order: [String: [String]]

  /// Reads a schema file's text (`profile.schema.json`).
  static func load(data: Data) throws -> SchemaForm {
    guard let ordered = OrderedJSON.parse(data), let schema = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    else {
      throw CocoaError(.fileReadCorruptFile)
    }
    return SchemaForm(schema: schema, ordered: ordered)
  }

  /// The form of `schema`, its properties in the order of `ordered` (the same schema, read
  /// keeping its key order).
  init(schema: [String: Any], ordered: OrderedJSON) {
    let defs = schema["$defs"] as? [String: Any] ?? [:]
    var order: [String: [String]] = [:]
    SchemaForm.collectOrder(ordered, path: "", into: &order)
    root = SchemaForm.children(of: schema, defs: defs, order: order)
    var byPath: [String: [String]] = [:]
    SchemaForm.names(root, at: "", into: &byPath)
    self.order = byPath
  }

  private static func names(_ nodes: [FormNode], at path: String, into out: inout [String: [String]]) {
    out[path] = nodes.map(\.name)
    for n in nodes {
      let p = path.isEmpty ? n.name : "\(path).\(n.name)"
      switch n.kind {
      case .object(let c): names(c, at: p, into: &out)
      case .list(let c): names(c, at: p + "[]", into: &out)
      default: break
      }
    }
  }

  /// The order a saved profile's object keys are written in: the keys the schema names, in
  /// its order, then the others (`x-` keys, unknown content) in the order the file had them.
  /// `objectPath` is `""`, `applicant`, `applicant.education[]`, ….
  func keyOrder(objectPath: String, keys: [String]) -> [String] {
    let known = order[objectPath] ?? []
    return known.filter(keys.contains) + keys.filter { !known.contains($0) }
  }

  /// For every `properties` object in the schema text, its keys in order, by the schema
  /// path of the object that holds it (`""`, `properties.applicant`, …).
  private static func collectOrder(_ v: OrderedJSON, path: String, into order: inout [String: [String]]) {
    guard case .object(let fields) = v else { return }
    for f in fields {
      let p = path.isEmpty ? f.key : "\(path).\(f.key)"
      if f.key == "properties", case .object(let props) = f.value { order[path] = props.map(\.key) }
      collectOrder(f.value, path: p, into: &order)
    }
  }

  private static func children(of schema: [String: Any], defs: [String: Any], order: [String: [String]], at path: String = "")
    -> [FormNode]
  {
    let props = schema["properties"] as? [String: Any] ?? [:]
    let required = Set(schema["required"] as? [String] ?? [])
    let names = (order[path] ?? []).filter { props[$0] != nil } + props.keys.sorted().filter { !(order[path] ?? []).contains($0) }
    return names.compactMap { name -> FormNode? in
      if name == "$schema" { return nil }
      let sub = props[name] as? [String: Any] ?? [:]
      return node(name, sub, defs: defs, order: order, at: path.isEmpty ? "properties.\(name)" : "\(path).properties.\(name)", required: required.contains(name))
    }
  }

  /// A property's schema with its `$ref` merged in (the property's own keys win).
  private static func resolved(_ s: [String: Any], defs: [String: Any]) -> [String: Any] {
    guard let ref = s["$ref"] as? String, ref.hasPrefix("#/$defs/"), let def = defs[String(ref.dropFirst(8))] as? [String: Any]
    else { return s }
    var out = resolved(def, defs: defs)
    for (k, v) in s where k != "$ref" { out[k] = v }
    return out
  }

  private static func types(_ s: [String: Any]) -> Set<String> {
    if let t = s["type"] as? String { return [t] }
    if let t = s["type"] as? [String] { return Set(t) }
    return []
  }

  private static func node(
    _ name: String, _ raw: [String: Any], defs: [String: Any], order: [String: [String]], at path: String, required: Bool
  ) -> FormNode {
    let s = resolved(raw, defs: defs)
    let t = types(s)
    let help = s["description"] as? String
    var n = FormNode(name: name, label: FormNode.label(for: name), help: help, required: required, kind: .text)
    if let c = s["const"] {
      let text = (try? JSONSerialization.data(withJSONObject: c, options: .fragmentsAllowed)) ?? Data("null".utf8)
      n.kind = .constant(OrderedJSON.parse(text) ?? .null)
    } else if t.contains("object") || s["properties"] != nil {
      n.kind = .object(children(of: s, defs: defs, order: order, at: path))
    } else if t.contains("array") || s["items"] != nil {
      let items = resolved(s["items"] as? [String: Any] ?? [:], defs: defs)
      if types(items).contains("object") || items["properties"] != nil {
        n.kind = .list(children(of: items, defs: defs, order: order, at: "\(path).items"))
      } else {
        n.kind = .values(choices: (items["enum"] as? [Any])?.compactMap { $0 as? String }, pattern: items["pattern"] as? String)
      }
    } else if let e = s["enum"] as? [Any] {
      let strings = e.compactMap { $0 as? String }
      n.kind = strings.isEmpty && e.contains(where: { $0 is NSNumber }) ? .integer(min: nil, max: nil) : .choice(strings)
    } else if t.contains("boolean") {
      n.kind = .boolean
    } else if t.contains("integer") {
      n.kind = .integer(min: (s["minimum"] as? NSNumber)?.intValue, max: (s["maximum"] as? NSNumber)?.intValue)
    } else if t.contains("number") {
      n.kind = .number
    } else if s["format"] as? String == "date" {
      n.kind = .date
    } else {
      n.kind = .text
      n.pattern = s["pattern"] as? String
      n.format = s["format"] as? String
      n.maxLength = (s["maxLength"] as? NSNumber)?.intValue
    }
    return n
  }
}

/// One property of the profile as the form shows it.
struct FormNode: Sendable {
  enum Kind: Sendable {
    /// A free text field (with its pattern, if any).
    case text
    case date
    case integer(min: Int?, max: Int?)
    case number
    /// Yes, no, or not said.
    case boolean
    /// One of these values.
    case choice([String])
    /// A fixed value the form keeps as it is (`schemaVersion`).
    case constant(OrderedJSON)
    /// A list of simple values: ticks when the values are few and known, else one a line.
    case values(choices: [String]?, pattern: String?)
    /// A section of its own.
    case object([FormNode])
    /// Repeated sections (education, language tests).
    case list([FormNode])
  }

  var name: String
  var label: String
  var help: String?
  var required: Bool
  var kind: Kind
  var pattern: String?
  var format: String?
  var maxLength: Int?

  /// `dateOfBirth` → "Date of birth", `dliNumber` → "DLI number", `noc` → "NOC".
  static func label(for name: String) -> String {
    let acronyms: Set<String> = ["noc", "uci", "dli", "cip", "pgwp", "cusma", "ceta", "gats", "iec", "us", "pr", "url", "id", "clb"]
    var words: [String] = []
    var word = ""
    for c in name {
      if c.isUppercase, !word.isEmpty {
        words.append(word)
        word = ""
      }
      word.append(c)
    }
    if !word.isEmpty { words.append(word) }
    let shown = words.enumerated().map { i, w -> String in
      let lower = w.lowercased()
      if acronyms.contains(lower) { return lower.uppercased() }
      return i == 0 ? lower.prefix(1).uppercased() + lower.dropFirst() : lower
    }
    return shown.joined(separator: " ")
  }
}
