/// Names visible to a template while it renders: the context's top-level keys,
/// then `with` and `each` bindings, innermost last.
///
/// One scope per render, its bindings pushed and popped as elements are entered and left:
/// a copy of the scope for each `each` and `with` made an array (and freed it) every time.
struct Scope {
  var root: [String: TemplateValue]
  var bindings: [(String, TemplateValue)] = []
  /// The position of each enclosing `each` whose `loop` binding is made only when read.
  var loops: [(slot: Int, index: Int, count: Int)] = []

  func lookup(_ name: String) -> TemplateValue? {
    for slot in bindings.indices.reversed() where bindings[slot].0 == name {
      if name == "loop", let l = loops.last(where: { $0.slot == slot }) {
        return .object([
          "index": .string(String(l.index)), "number": .string(String(l.index + 1)),
          "first": .bool(l.index == 0), "last": .bool(l.index == l.count - 1), "count": .string(String(l.count)),
          "odd": .bool(l.index % 2 == 1),
        ])
      }
      return bindings[slot].1
    }
    return root[name]
  }
}

struct Renderer {
  let file: String
  let mode: OutputMode
  /// The page's language, or nil to render the English as written.
  var messages: MessageCatalog? = nil
  /// The names visible where rendering is.
  var scope: Scope
  var out: [UInt8] = []
  /// Elements visited so far, each copy `t:each` makes counted (``TemplateLimits``).
  var visited = 0

  mutating func render(_ nodes: [Node]) throws(TemplateError) {
    for node in nodes {
      switch node {
      case .literal(let s): out.append(contentsOf: s.utf8)
      case .element(let node): try render(node)
      }
    }
  }

  private func fail(_ e: ElementNode, _ directive: String, _ message: String) -> TemplateError {
    TemplateError(file: file, line: e.element.line, directive: "t:\(directive)", message: message)
  }

  func evaluate(_ expr: Expression, _ e: ElementNode, _ directive: String) throws(TemplateError)
    -> TemplateValue
  {
    switch expr {
    case .literal(let s): return .string(s)
    case .path(let parts):
      guard var value = scope.lookup(parts[0]) else {
        throw fail(e, directive, "undefined name '\(parts[0])'")
      }
      for (i, key) in parts.dropFirst().enumerated() {
        switch value {
        case .null: return .null
        case .object(let o):
          guard let v = o[key] else {
            throw fail(e, directive, "undefined name '\(parts[0...(i + 1)].joined(separator: "."))'")
          }
          value = v
        default:
          throw fail(
            e, directive, "'\(parts[0...i].joined(separator: "."))' is \(value.kindName) and has no '\(key)'")
        }
      }
      return value
    }
  }

  func test(_ c: Condition, _ e: ElementNode, _ directive: String) throws(TemplateError) -> Bool {
    let v = try evaluate(c.subject, e, directive)
    let result: Bool
    switch c.test {
    case .truthy: result = v.isTruthy
    case .equals(let rhs): result = try v == evaluate(rhs, e, directive)
    case .notEquals(let rhs): result = try v != evaluate(rhs, e, directive)
    }
    return c.negated ? !result : result
  }

  /// Counts a visit of `e` and checks the page against ``TemplateLimits``, naming `e`:
  /// the element being repeated when a loop runs away.
  mutating func count(_ e: ElementNode) throws(TemplateError) {
    visited += 1
    if out.count > TemplateLimits.maxOutputBytes {
      throw TemplateError(
        file: file, line: e.element.line, directive: e.element.each == nil ? nil : "t:each",
        message: "the page passes \(TemplateLimits.maxOutputBytes >> 20) MiB (TemplateLimits.maxOutputBytes) here; does a t:each repeat more than intended?",
        exceedsLimit: true)
    }
    if visited > TemplateLimits.maxRenderedElements {
      throw TemplateError(
        file: file, line: e.element.line, directive: e.element.each == nil ? nil : "t:each",
        message: "rendering passes \(TemplateLimits.maxRenderedElements) elements (TemplateLimits.maxRenderedElements) here; are t:each loops nested more deeply than intended?",
        exceedsLimit: true)
    }
  }

  mutating func render(_ e: ElementNode) throws(TemplateError) {
    try count(e)
    guard let (variable, source) = e.element.each else { return try renderOnce(e) }
    let value = try evaluate(source, e, "each")
    let items: [TemplateValue]
    switch value {
    case .list(let l): items = l
    case .null: items = []
    default: throw fail(e, "each", "'\(source.source)' is \(value.kindName), not a list")
    }
    let slot = scope.bindings.count
    scope.bindings.append((variable, .null))
    scope.bindings.append(("loop", .null))
    scope.loops.append((slot + 1, 0, items.count))
    defer {
      scope.bindings.removeLast(2)
      scope.loops.removeLast()
    }
    let loop = scope.loops.count - 1
    for (i, item) in items.enumerated() {
      if i > 0 { out.append(contentsOf: e.element.separator.utf8) }
      scope.bindings[slot].1 = item
      scope.loops[loop].index = i
      if i > 0 { try count(e) }
      try renderOnce(e)
    }
  }

  private mutating func renderOnce(_ e: ElementNode) throws(TemplateError) {
    guard !e.element.with.isEmpty else { return try renderBody(e) }
    let depth = scope.bindings.count
    defer { scope.bindings.removeLast(scope.bindings.count - depth) }
    for b in e.element.with { scope.bindings.append((b.name, try evaluate(b.value, e, "with"))) }
    try renderBody(e)
  }

  private mutating func renderBody(_ e: ElementNode) throws(TemplateError) {
    if let c = e.element.condition, try !test(c, e, "if") { return }
    if let c = e.element.unless, try test(c, e, "unless") { return }
    if let replacement = e.element.replace { return try render(replacement) }

    let omit: Bool
    switch e.element.omit {
    case .never: omit = false
    case .always: omit = true
    case .when(let c): omit = try test(c, e, "omit-tag")
    }
    if !omit && e.element.attr.isEmpty && (e.element.translatedAttributes.isEmpty || messages == nil) {
      out.append(contentsOf: e.startTag)
    } else if !omit {
      var attributes = e.element.attributes
      if let messages {
        for name in e.element.translatedAttributes {
          if let i = attributes.firstIndex(where: { $0.name == name }),
            let t = messages.translate(Translation.normalize(attributes[i].value))
          {
            attributes[i].value = t
          }
        }
      }
      for b in e.element.attr {
        let v = try evaluate(b.value, e, "attr")
        let text: String?
        switch v {
        case .null, .bool(false): text = nil  // absent
        case .bool(true): text = b.name  // boolean attribute: checked="checked"
        case .string(let s): text = s
        default: throw fail(e, "attr", "'\(b.value.source)' is \(v.kindName), not text")
        }
        if let i = attributes.firstIndex(where: { $0.name == b.name }) {
          if let text { attributes[i].value = text } else { attributes.remove(at: i) }
        } else if let text {
          attributes.append(StaticAttribute(name: b.name, value: text))
        }
      }
      Markup.appendStartTag(e.element.name, attributes, to: &out)
    }
    if !omit {
      if mode == .xml && e.element.text == nil && e.element.children.isEmpty {
        out.append(contentsOf: "/>".utf8)
        return
      }
      out.append(UInt8(ascii: ">"))
      if e.element.isVoid { return }
    }
    if let t = e.element.text {
      let v = try evaluate(t, e, "text")
      guard let s = v.text else { throw fail(e, "text", "'\(t.source)' is \(v.kindName), not text") }
      Markup.appendEscaped(s, quotes: false, to: &out)
    } else if let t = e.element.translation, let translated = messages?.translate(t.id) {
      out.append(contentsOf: t.leading.utf8)
      for piece in Translation.pieces(translated) {
        switch piece {
        case .text(let s): Markup.appendEscaped(String(s), quotes: false, to: &out)
        case .name(let n):
          guard let nodes = t.names[String(n)] else {
            throw fail(e, "translate", "the translation of \"\(t.id)\" names ${\(n)}, which the message does not have")
          }
          try render(nodes)
        }
      }
      out.append(contentsOf: t.trailing.utf8)
    } else {
      try render(e.element.children)
    }
    if !omit { out.append(contentsOf: e.endTag) }
  }
}
