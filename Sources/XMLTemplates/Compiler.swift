import CLibXML2

/// The namespace of template directives: `xmlns:t="urn:imp-packet:template"`.
public let templateNamespace = "urn:imp-packet:template"

/// The namespace of translation markers, Zope's: `xmlns:i18n="http://xml.zope.org/namespaces/i18n"`.
public let i18nNamespace = "http://xml.zope.org/namespaces/i18n"

/// A fragment compiled for `t:replace`: its nodes, and how many elements and levels they
/// hold with every fragment they pull in expanded (what ``TemplateLimits`` bounds).
struct CompiledFragment {
  var nodes: [Node]
  var elements: Int
  var depth: Int
}

/// Resolves `t:replace="file :: fragment"` to the fragment's compiled nodes.
typealias FragmentResolver = (_ file: String, _ fragment: String) -> Result<CompiledFragment, TemplateError>

/// Turns a libxml2 tree into a ``Node`` program, collecting every problem it finds.
struct Compiler {
  let document: XMLDocument
  let mode: OutputMode
  let resolveFragment: FragmentResolver?
  var errors: [TemplateError] = []
  /// Every message the template marks for translation, with its line, in document order.
  var messages: [(id: String, line: Int)] = []

  /// The nesting of the element being compiled, and the deepest reached with fragments expanded.
  private var depth = 0
  private(set) var deepest = 0
  /// Elements of this file compiled, and elements with every fragment expanded.
  private var fileElements = 0
  private(set) var expandedElements = 0
  /// A limit is reported once, where it is first passed; what lies beyond is not compiled.
  private var overLimit = false

  static let directives: Set<String> = [
    "each", "with", "if", "unless", "attr", "text", "omit-tag", "remove", "replace", "fragment",
  ]
  static let i18nDirectives: Set<String> = ["translate", "name", "attributes"]

  init(document: XMLDocument, mode: OutputMode, resolveFragment: FragmentResolver?) {
    self.document = document
    self.mode = mode
    self.resolveFragment = resolveFragment
  }

  mutating func compileDocument() -> [Node] {
    var out: [Node] = []
    switch mode {
    case .html: out.append(.literal("<!DOCTYPE html>\n"))
    case .xml: out.append(.literal("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"))
    }
    if let root = document.root { out += compile(node: root, raw: false) }
    out.append(.literal("\n"))
    return Compiler.merge(out)
  }

  /// The compiled form of the element that carries `t:fragment="name"`, for `t:replace`.
  mutating func compileFragment(named name: String) -> [Node]? {
    guard let root = document.root, let element = find(fragment: name, in: root) else { return nil }
    return Compiler.merge(compile(node: element, raw: false))
  }

  private func find(fragment name: String, in node: xmlNodePtr) -> xmlNodePtr? {
    if XMLNode.attributes(node).contains(where: {
      $0.namespaceURI == templateNamespace && $0.localName == "fragment" && $0.value == name
    }) {
      return node
    }
    for child in XMLNode.children(node) where child.pointee.type == XML_ELEMENT_NODE {
      if let found = find(fragment: name, in: child) { return found }
    }
    return nil
  }

  private mutating func error(_ node: xmlNodePtr, _ directive: String?, _ message: String) {
    add(TemplateError(file: document.name, line: XMLNode.line(node), directive: directive.map { "t:\($0)" }, message: message))
  }

  private mutating func add(_ e: TemplateError) {
    if !errors.contains(e) { errors.append(e) }
  }

  /// Counts the element `node` (with `expanded` more from a fragment, `levels` deep below
  /// it) against ``TemplateLimits``; false, with the limit reported, once one is passed.
  private mutating func withinLimits(_ node: xmlNodePtr, expanded: Int = 0, levels: Int = 0) -> Bool {
    if overLimit { return false }
    deepest = max(deepest, depth + levels)
    expandedElements += expanded
    var message: String?
    if depth + levels > TemplateLimits.maxDepth {
      message = "elements nest more than \(TemplateLimits.maxDepth) levels deep (TemplateLimits.maxDepth), counting the fragments t:replace pulls in"
    } else if fileElements > TemplateLimits.maxElementsPerFile {
      message = "the file holds more than \(TemplateLimits.maxElementsPerFile) elements (TemplateLimits.maxElementsPerFile)"
    } else if expandedElements > TemplateLimits.maxExpandedElements {
      message = "with its fragments expanded this holds more than \(TemplateLimits.maxExpandedElements) elements (TemplateLimits.maxExpandedElements); does a fragment pull in others more often than intended?"
    }
    guard let message else { return true }
    overLimit = true
    add(
      TemplateError(
        file: document.name, line: XMLNode.line(node), directive: levels > 0 || expanded > 0 ? "t:replace" : nil,
        message: message, exceedsLimit: true))
    return false
  }

  private mutating func compile(node: xmlNodePtr, raw: Bool) -> [Node] {
    switch node.pointee.type {
    case XML_ELEMENT_NODE:
      return compileElement(node)
    case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
      let text = XMLNode.content(node)
      if raw { return [.literal(text)] }
      var s = ""
      Markup.appendEscaped(text, quotes: false, to: &s)
      return [.literal(s)]
    case XML_ENTITY_REF_NODE:
      error(node, nil, "entity '&\(XMLNode.string(node.pointee.name));' is not supported; write the character or a numeric reference (&#160;)")
      return []
    default:
      return []  // comments and processing instructions are for template authors only
    }
  }

  private mutating func compileElement(_ node: xmlNodePtr) -> [Node] {
    depth += 1
    defer { depth -= 1 }
    fileElements += 1
    expandedElements += 1
    guard withinLimits(node) else { return [] }
    let isDirectiveElement = XMLNode.namespaceURI(node) == templateNamespace
    let name = XMLNode.qualifiedName(node)
    let localName = XMLNode.string(node.pointee.name)
    var attributes: [StaticAttribute] = []
    var directives: [(String, String)] = []
    var i18n: [String: String] = [:]

    if mode == .xml {
      for (prefix, uri) in XMLNode.namespaceDeclarations(node) where uri != templateNamespace && uri != i18nNamespace {
        attributes.append(StaticAttribute(name: prefix.map { "xmlns:\($0)" } ?? "xmlns", value: uri))
      }
    }
    for a in XMLNode.attributes(node) {
      if a.namespaceURI == i18nNamespace {
        if Compiler.i18nDirectives.contains(a.localName) {
          i18n[a.localName] = a.value
        } else {
          errors.append(
            TemplateError(
              file: document.name, line: XMLNode.line(node), directive: "i18n:\(a.localName)",
              message: "unknown directive; expected one of i18n:attributes, i18n:name, i18n:translate"))
        }
      } else if a.namespaceURI == templateNamespace {
        if Compiler.directives.contains(a.localName) {
          directives.append((a.localName, a.value))
        } else {
          error(node, a.localName, "unknown directive; expected one of \(Compiler.directives.sorted().joined(separator: ", "))")
        }
      } else {
        attributes.append(StaticAttribute(name: a.qualifiedName, value: a.value))
      }
    }
    if directives.contains(where: { $0.0 == "remove" }) { return [] }

    let isVoid = mode == .html && Markup.voidElements.contains(localName) && !isDirectiveElement
    let raw = mode == .html && Markup.rawTextElements.contains(localName)
    var children: [Node] = []
    var translation: Translation?
    if let value = i18n["translate"] {
      translation = translationOf(node, value: value, raw: raw, children: &children)
    } else {
      for child in XMLNode.children(node) { children += compile(node: child, raw: raw) }
    }
    children = Compiler.merge(children)
    // Repeated elements keep the indentation that precedes them, so each copy starts on its own line.
    for i in children.indices.dropFirst() {
      if case .element(let node) = children[i], node.element.each != nil, case .literal(let before) = children[i - 1],
        let newline = before.lastIndex(of: "\n"), before[newline...].allSatisfy(\.isWhitespace)
      {
        var e = node.element
        e.separator = String(before[newline...])
        children[i] = .element(e)
      }
    }

    var translatedAttributes: [String] = []
    for name in (i18n["attributes"] ?? "").split(whereSeparator: { $0 == ";" || $0.isWhitespace }).map(String.init) {
      if let a = attributes.first(where: { $0.name == name }) {
        translatedAttributes.append(name)
        messages.append((Translation.normalize(a.value), XMLNode.line(node)))
      } else {
        error(node, nil, "i18n:attributes names '\(name)', which the element has no static value for")
      }
    }

    let onlyFragmentMarker = directives.allSatisfy { $0.0 == "fragment" }
    if onlyFragmentMarker && !isDirectiveElement && children.allSatisfy(\.isLiteral) && translation == nil
      && translatedAttributes.isEmpty
    {
      var s = ""
      Markup.appendStartTag(name, attributes, to: &s)
      let body = children.map(\.literalText).joined()
      if isVoid {
        s += ">"
      } else if mode == .xml && body.isEmpty {
        s += "/>"
      } else {
        s += ">" + body + "</" + name + ">"
      }
      return [.literal(s)]
    }

    var element = DynamicElement(
      name: name, line: XMLNode.line(node), attributes: attributes, isVoid: isVoid, children: children)
    if isDirectiveElement { element.omit = .always }
    element.translation = translation
    element.translatedAttributes = translatedAttributes
    for (directive, value) in directives {
      parse(directive: directive, value: value, into: &element, node: node, raw: raw)
    }
    if element.replace != nil && (element.text != nil || !element.attr.isEmpty) {
      error(node, "replace", "cannot share an element with t:text or t:attr: the element is replaced")
    }
    if translation != nil && (element.text != nil || element.replace != nil) {
      errors.append(
        TemplateError(
          file: document.name, line: XMLNode.line(node), directive: "i18n:translate",
          message: "cannot share an element with t:text or t:replace: translate the text where the value is made"))
    }
    return [.element(element)]
  }

  private mutating func parse(
    directive: String, value: String, into element: inout DynamicElement, node: xmlNodePtr, raw: Bool
  ) {
    func check<T>(_ r: Result<T, ExpressionSyntaxError>) -> T? {
      switch r {
      case .success(let v): return v
      case .failure(let e):
        error(node, directive, e.message)
        return nil
      }
    }
    switch directive {
    case "each":
      let parts = value.split(whereSeparator: \.isWhitespace)
      guard parts.count == 3, parts[1] == "in", parts[0].isIdentifier else {
        error(node, directive, "expected 'name in path', found '\(value)'")
        return
      }
      if let source = check(Expression.parse(parts[2])) { element.each = (String(parts[0]), source) }
    case "with":
      element.with = check(Binding.parseList(value)) ?? []
    case "if":
      element.condition = check(Condition.parse(Substring(value)))
    case "unless":
      element.unless = check(Condition.parse(Substring(value)))
    case "attr":
      element.attr = check(Binding.parseList(value)) ?? []
    case "text":
      if element.isVoid {
        error(node, directive, "<\(element.name)> is a void element and cannot hold text")
      } else if raw {
        error(node, directive, "<\(element.name)> holds raw text; values cannot be inserted there safely")
      } else {
        element.text = check(Expression.parse(Substring(value)))
      }
    case "omit-tag":
      if value.trimmingCharacters(in: " \t\n").isEmpty {
        element.omit = .always
      } else if let c = check(Condition.parse(Substring(value))) {
        element.omit = .when(c)
      }
    case "replace":
      guard let sep = value.firstRange(of: "::") else {
        error(node, directive, "expected 'file :: fragment', found '\(value)'")
        return
      }
      let file = String(value[..<sep.lowerBound]).trimmingCharacters(in: " \t\n")
      let fragment = String(value[sep.upperBound...]).trimmingCharacters(in: " \t\n")
      guard let resolveFragment else {
        error(node, directive, "fragments can only be used from a template folder")
        return
      }
      switch resolveFragment(file.isEmpty ? document.name : file, fragment) {
      case .success(let f):
        if withinLimits(node, expanded: f.elements, levels: f.depth) { element.replace = f.nodes }
      case .failure(let e) where e.line > 0: add(e)  // located inside the fragment: reported there
      case .failure(let e): error(node, directive, e.message)
      }
    default:
      break  // "fragment" only marks the element for t:replace elsewhere
    }
  }

  /// Compiles the children of an `i18n:translate` element into `children` (the English, as
  /// written) and returns the message: text as it stands, each child element as `${name}`.
  private mutating func translationOf(_ node: xmlNodePtr, value: String, raw: Bool, children: inout [Node])
    -> Translation?
  {
    func fail(_ message: String) {
      errors.append(
        TemplateError(file: document.name, line: XMLNode.line(node), directive: "i18n:translate", message: message))
    }
    if !value.trimmingCharacters(in: " \t\n").isEmpty {
      fail("takes no value: the message id is the element's English text")
    }
    if raw { fail("<\(XMLNode.string(node.pointee.name))> holds raw text, which is not translated") }
    var text = ""
    var names: [String: [Node]] = [:]
    for child in XMLNode.children(node) {
      let nodes = compile(node: child, raw: raw)
      children += nodes
      switch child.pointee.type {
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        text += XMLNode.content(child)
      case XML_ELEMENT_NODE:
        let name = XMLNode.attributes(child).first { $0.namespaceURI == i18nNamespace && $0.localName == "name" }?.value
        guard let name, String(name).isIdentifierName else {
          error(child, nil, "an element inside i18n:translate needs i18n:name=\"NAME\" (letters, digits, '_')")
          continue
        }
        if names[name] != nil { error(child, nil, "i18n:name '\(name)' appears twice in one message") }
        names[name] = Compiler.merge(nodes)
        text += "${\(name)}"
      default:
        break
      }
    }
    let id = Translation.normalize(text)
    if id.isEmpty {
      fail("the element has no text to translate")
      return nil
    }
    messages.append((id, XMLNode.line(node)))
    let leading = String(text.prefix { $0.isWhitespace })
    let trailing = String(text.reversed().prefix { $0.isWhitespace }.reversed())
    return Translation(id: id, names: names, leading: leading, trailing: trailing)
  }

  /// Joins adjacent literals so rendering appends as few pieces as possible (in one pass:
  /// each literal is copied once, however many siblings it joins).
  static func merge(_ nodes: [Node]) -> [Node] {
    var out: [Node] = []
    var text: String?
    for n in nodes {
      if case .literal(let s) = n {
        if text == nil { text = s } else { text!.append(s) }
        continue
      }
      if let t = text { out.append(.literal(t)) }
      text = nil
      out.append(n)
    }
    if let t = text { out.append(.literal(t)) }
    return out
  }
}

extension Node {
  var isLiteral: Bool {
    if case .literal = self { return true }
    return false
  }
  var literalText: String {
    if case .literal(let s) = self { return s }
    return ""
  }
}

