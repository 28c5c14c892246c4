import Foundation
import StrictJSON

/// The case form: the profile's schema shown as fields (``render(_:)``), and a submitted
/// form applied back onto the profile (``apply(_:to:)``).
///
/// Every field is named by its JSON path (`applicant.education[0].level`), the same path
/// `validate` names in its messages, so a message is shown at its field by looking the
/// path up. Repeated sections show their rows and one blank row to add another.
struct CaseForm: Sendable {
  let schema: SchemaForm

  /// The form's hidden field saying how many rows a repeated section showed.
  static let rowsPrefix = "_rows."

  /// The values, fields and messages one rendering of the form works from.
  struct Input {
    var doc: OrderedJSON
    /// Messages by JSON path.
    var issues: [String: [String]]
    /// Top-level sections shown open; the others are under "Other sections".
    var open: Set<String>
    /// Catalog categories, for the `category` field: id and title.
    var categories: [(id: String, title: String)]
    /// Whether the checklist beside the form owns `provided` (then it is not a field here).
    var checklistOwnsProvided: Bool
  }

  /// The fields of the form, and the issue paths that found a field (the others are shown
  /// at the top of the page).
  func render(_ input: Input) -> (html: String, placed: Set<String>) {
    var r = Renderer(input: input)
    var open = ""
    var other = ""
    let scalars = schema.root.filter { if case .object = $0.kind { false } else { true } }
    var caseFields = ""
    for n in scalars where !(n.name == "provided" && input.checklistOwnsProvided) {
      caseFields += r.field(n, path: [.key(n.name)])
    }
    open += "<fieldset class=\"section\" id=\"s-case\"><legend>Case</legend>\(caseFields)</fieldset>\n"
    for n in schema.root {
      guard case .object = n.kind else { continue }
      let html = r.field(n, path: [.key(n.name)])
      if input.open.contains(n.name) { open += html } else { other += html }
    }
    if !other.isEmpty {
      open += "<details class=\"other\"><summary>Other sections (not needed for this category)</summary>\n\(other)</details>\n"
    }
    return (open, r.placed)
  }

  /// `doc` with the submitted values of every field the form showed: a blank field removes
  /// its key, a blank repeated row adds nothing, and keys the form does not know (`x-` keys,
  /// anything else) stay as they were.
  func apply(_ form: [String: [String]], to doc: OrderedJSON, checklistOwnsProvided: Bool) -> OrderedJSON {
    var doc = doc
    func walk(_ nodes: [FormNode], _ base: [PathStep]) {
      for n in nodes {
        if base.isEmpty, n.name == "provided", checklistOwnsProvided {
          let ids = (form["provided"] ?? []).filter { !$0.isEmpty }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
          doc.set(ids.isEmpty ? nil : .array(ids.map { .string($0) }), at: [.key("provided")][...])
          continue
        }
        let path = base + [.key(n.name)]
        let name = PathStep.text(path)
        switch n.kind {
        case .object(let children):
          walk(children, path)
        case .list(let children):
          let rows = Int(form[CaseForm.rowsPrefix + name]?.first ?? "") ?? CaseForm.rowCount(doc.value(at: path))
          for i in 0..<max(0, min(rows, 200)) { walk(children, path + [.index(i)]) }
        default:
          doc.set(CaseForm.value(of: n, form[name] ?? []), at: path[...])
        }
      }
    }
    walk(schema.root, [])
    CaseForm.dropEmpty(schema.root, [], in: &doc)
    return doc
  }

  /// Removes the sections and rows of the form that hold nothing now: children first, and
  /// rows from the last, so that removing one does not move the next.
  static func dropEmpty(_ nodes: [FormNode], _ base: [PathStep], in doc: inout OrderedJSON) {
    func isEmpty(_ path: [PathStep]) -> Bool {
      switch doc.value(at: path) {
      case .object(let f)?: f.isEmpty
      case .array(let a)?: a.isEmpty
      default: false
      }
    }
    for n in nodes {
      let path = base + [.key(n.name)]
      switch n.kind {
      case .object(let children):
        dropEmpty(children, path, in: &doc)
        if isEmpty(path) { doc.set(nil, at: path[...]) }
      case .list(let children):
        guard case .array(let items)? = doc.value(at: path) else { continue }
        for i in items.indices.reversed() {
          dropEmpty(children, path + [.index(i)], in: &doc)
          if isEmpty(path + [.index(i)]), case .array(var rows)? = doc.value(at: path) {
            rows.remove(at: i)
            doc.set(.array(rows), at: path[...])
          }
        }
        if isEmpty(path) { doc.set(nil, at: path[...]) }
      default: break
      }
    }
  }

  /// Rows a repeated section shows: its items and one blank row.
  static func rowCount(_ v: OrderedJSON?) -> Int {
    if case .array(let items) = v { return items.count + 1 }
    return 1
  }

  /// The JSON value of a submitted field: typed when the text is what the schema expects,
  /// else the text itself, so that `validate` names the mistake at its field.
  static func value(of n: FormNode, _ raw: [String]) -> OrderedJSON? {
    let text = (raw.first ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    switch n.kind {
    case .constant(let c): return c
    case .boolean: return text == "true" ? .bool(true) : text == "false" ? .bool(false) : nil
    case .integer:
      if text.isEmpty { return nil }
      return Int(text) != nil ? .number(String(Int(text)!)) : .string(text)
    case .number:
      if text.isEmpty { return nil }
      return Double(text).map { _ in .number(text) } ?? .string(text)
    case .values(let choices, _):
      let items: [String]
      if let choices, choices.count <= 12 {
        items = raw.filter { !$0.isEmpty }
      } else {
        items = raw.joined(separator: "\n").split(whereSeparator: { $0 == "\n" || $0 == "," || ($0 == " " && choices != nil) })
          .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
          .map { choices != nil ? $0.uppercased() : $0 }
      }
      return items.isEmpty ? nil : .array(items.map { .string($0) })
    case .object, .list: return nil
    default: return text.isEmpty ? nil : .string(text)
    }
  }
}

/// Writes the fields of one form.
struct Renderer {
  let input: CaseForm.Input
  var placed: Set<String> = []

  init(input: CaseForm.Input) { self.input = input }

  mutating func issues(at name: String) -> (cls: String, html: String, describedBy: String) {
    guard let messages = input.issues[name], !messages.isEmpty else { return ("", "", "") }
    placed.insert(name)
    let id = "e-" + name
    let list = messages.map { "<span>\(HTML.escape($0))</span>" }.joined(separator: " ")
    return (" invalid", "<p class=\"issue\" id=\"\(HTML.escape(id))\">\(list)</p>", " aria-invalid=\"true\" aria-describedby=\"\(HTML.escape(id))\"")
  }

  mutating func field(_ n: FormNode, path: [PathStep]) -> String {
    let name = PathStep.text(path)
    let current = input.doc.value(at: path)
    let e = issues(at: name)
    let label = "\(HTML.escape(n.label))\(n.required ? " <span class=\"req\" title=\"required\">*</span>" : "")"
    let help = n.help.map { "<small>\(HTML.escape($0))</small>" } ?? ""
    let attrs = "name=\"\(HTML.escape(name))\" id=\"\(HTML.escape(HTML.fieldID(name)))\"\(e.describedBy)"
    switch n.kind {
    case .object(let children):
      var inner = ""
      for c in children { inner += field(c, path: path + [.key(c.name)]) }
      return "<fieldset class=\"section\(e.cls)\" id=\"\(HTML.escape("s-" + name))\"><legend>\(HTML.escape(n.label))</legend>\(help)\(e.html)\(inner)</fieldset>\n"
    case .list(let children):
      let rows = CaseForm.rowCount(current)
      var inner = "<input type=\"hidden\" name=\"\(HTML.escape(CaseForm.rowsPrefix + name))\" value=\"\(rows)\">"
      for i in 0..<rows {
        let rowPath = path + [.index(i)]
        let rowName = PathStep.text(rowPath)
        let re = issues(at: rowName)
        var fields = ""
        for c in children { fields += field(c, path: rowPath + [.key(c.name)]) }
        let title = i == rows - 1 ? "\(n.label): add one" : "\(n.label) \(i + 1)"
        inner += "<fieldset class=\"row\(re.cls)\" id=\"\(HTML.escape("s-" + rowName))\"><legend>\(HTML.escape(title))</legend>\(re.html)\(fields)</fieldset>"
      }
      return "<fieldset class=\"section list\(e.cls)\" id=\"\(HTML.escape("s-" + name))\"><legend>\(HTML.escape(n.label))</legend>\(help)\(e.html)\(inner)</fieldset>\n"
    case .constant(let c):
      let v: String
      switch c {
      case .number(let s), .string(let s): v = s
      default: v = ""
      }
      return "<input type=\"hidden\" name=\"\(HTML.escape(name))\" value=\"\(HTML.escape(v))\">\(e.html)"
    default:
      let control = self.control(n, name: name, attrs: attrs, current: current)
      return "<div class=\"field\(e.cls)\"><label for=\"\(HTML.escape(HTML.fieldID(name)))\">\(label)</label>\(control)\(help)\(e.html)</div>\n"
    }
  }

  /// The text a field shows for the value in the file.
  static func text(_ v: OrderedJSON?) -> String {
    switch v {
    case .string(let s)?: s
    case .number(let s)?: s
    case .bool(let b)?: b ? "true" : "false"
    default: ""
    }
  }

  func control(_ n: FormNode, name: String, attrs: String, current: OrderedJSON?) -> String {
    let value = Renderer.text(current)
    // The category is free text in the schema (an id or a code); the catalog lists the ids.
    if name == "category", !input.categories.isEmpty {
      return select(attrs, value: value, options: [("", "Let the rules choose (assess)")] + input.categories.map { ($0.id, "\($0.title) (\($0.id))") })
    }
    switch n.kind {
    case .choice(var options):
      if !value.isEmpty, !options.contains(value) { options.append(value) }
      return select(attrs, value: value, options: [("", "—")] + options.map { ($0, $0) })
    case .boolean:
      return select(attrs, value: value, options: [("", "—"), ("true", "Yes"), ("false", "No")])
    case .values(let choices, _):
      var items: [String] = []
      if case .array(let a)? = current { items = a.map { Renderer.text($0) } }
      if let choices, choices.count <= 12 {
        let boxes = choices.map { c in
          "<label class=\"tick\"><input type=\"checkbox\" name=\"\(HTML.escape(name))\" value=\"\(HTML.escape(c))\"\(items.contains(c) ? " checked" : "")> \(HTML.escape(c))</label>"
        }
        return "<span class=\"ticks\" id=\"\(HTML.escape(HTML.fieldID(name)))\">\(boxes.joined())</span>"
      }
      if choices != nil {
        return "<input type=\"text\" \(attrs) value=\"\(HTML.escape(items.joined(separator: ", ")))\" placeholder=\"MX, US\">"
      }
      return "<textarea \(attrs) rows=\"3\" placeholder=\"one a line\">\(HTML.escape(items.joined(separator: "\n")))</textarea>"
    case .date:
      return "<input type=\"text\" inputmode=\"numeric\" \(attrs) value=\"\(HTML.escape(value))\" placeholder=\"YYYY-MM-DD\">"
    case .integer:
      return "<input type=\"text\" inputmode=\"numeric\" \(attrs) value=\"\(HTML.escape(value))\">"
    case .number:
      return "<input type=\"text\" inputmode=\"decimal\" \(attrs) value=\"\(HTML.escape(value))\">"
    default:
      let kind = n.format == "email" ? "email" : "text"
      let max = n.maxLength.map { " maxlength=\"\($0)\"" } ?? ""
      return "<input type=\"\(kind)\" \(attrs)\(max) value=\"\(HTML.escape(value))\">"
    }
  }

  func select(_ attrs: String, value: String, options: [(String, String)]) -> String {
    var opts = options
    if !value.isEmpty, !opts.contains(where: { $0.0 == value }) { opts.append((value, value)) }
    let html = opts.map { v, t in
      "<option value=\"\(HTML.escape(v))\"\(v == value ? " selected" : "")>\(HTML.escape(t))</option>"
    }
    return "<select \(attrs)>\(html.joined())</select>"
  }
}
