import CLibXML2

/// A parsed libxml2 document, owned here and freed exactly once.
///
/// Nodes are only read while this value is alive (during compilation); no node
/// pointer outlives it.
final class XMLDocument {
  let pointer: xmlDocPtr
  let name: String

  private static let initialized: Bool = {
    xmlInitParser()
    return true
  }()

  /// Parses well-formed XML without network access, external entities or DTD loading.
  init(bytes: [UInt8], name: String) throws(TemplateError) {
    _ = XMLDocument.initialized
    self.name = name
    guard !bytes.isEmpty, bytes.count < Int(Int32.max) else {
      throw TemplateError(file: name, line: 0, directive: nil, message: "XML error: the file is empty or too large")
    }
    guard let ctxt = xmlNewParserCtxt() else {
      throw TemplateError(file: name, line: 0, directive: nil, message: "out of memory creating a parser")
    }
    defer { xmlFreeParserCtxt(ctxt) }
    let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
    let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
      buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
        xmlCtxtReadMemory(ctxt, $0, Int32(buf.count), name, "UTF-8", options)
      }
    }
    guard let doc, ctxt.pointee.wellFormed != 0 else {
      if let doc { xmlFreeDoc(doc) }
      var line = 0
      var message = "not well-formed XML"
      if let err = xmlCtxtGetLastError(ctxt) {
        line = Int(err.pointee.line)
        if let m = err.pointee.message {
          message = String(cString: m).trimmingCharacters(in: " \n")
        }
      }
      throw TemplateError(file: name, line: line, directive: nil, message: "XML error: \(message)")
    }
    self.pointer = doc
    if let dtd = doc.pointee.intSubset, dtd.pointee.entities != nil || dtd.pointee.pentities != nil {
      throw TemplateError(
        file: name, line: 0, directive: nil,
        message: "templates may not declare entities; write characters or numeric references (&#160;)")
    }
  }

  /// Parses a template, refusing one larger than ``TemplateLimits/maxFileBytes`` before
  /// libxml2 sees it.
  convenience init(template bytes: [UInt8], name: String) throws(TemplateError) {
    guard bytes.count <= TemplateLimits.maxFileBytes else {
      throw TemplateLimits.fileTooLarge(name, bytes: bytes.count)
    }
    try self.init(bytes: bytes, name: name)
  }

  deinit { xmlFreeDoc(pointer) }

  var root: xmlNodePtr? { xmlDocGetRootElement(pointer) }
}

extension String {
  func trimmingCharacters(in set: String) -> String {
    var s = Substring(self)
    while let f = s.first, set.contains(f) { s.removeFirst() }
    while let l = s.last, set.contains(l) { s.removeLast() }
    return String(s)
  }
}

/// Read-only helpers over libxml2 nodes, used only while their document is alive.
enum XMLNode {
  static func string(_ p: UnsafePointer<xmlChar>?) -> String {
    guard let p else { return "" }
    return String(cString: p)
  }

  static func content(_ node: xmlNodePtr) -> String { string(node.pointee.content) }

  static func qualifiedName(_ node: xmlNodePtr) -> String {
    let local = string(node.pointee.name)
    if let ns = node.pointee.ns, let prefix = ns.pointee.prefix { return "\(string(prefix)):\(local)" }
    return local
  }

  static func namespaceURI(_ node: xmlNodePtr) -> String? {
    node.pointee.ns.map { string($0.pointee.href) }
  }

  static func line(_ node: xmlNodePtr) -> Int { Int(xmlGetLineNo(node)) }

  struct Attribute {
    var prefix: String?
    var namespaceURI: String?
    var localName: String
    var value: String
    var qualifiedName: String { prefix.map { "\($0):\(localName)" } ?? localName }
  }

  static func attributes(_ node: xmlNodePtr) -> [Attribute] {
    var out: [Attribute] = []
    var a = node.pointee.properties
    while let attr = a {
      var value = ""
      var c = attr.pointee.children
      while let child = c {
        value += string(child.pointee.content)
        c = child.pointee.next
      }
      let ns = attr.pointee.ns
      out.append(
        Attribute(
          prefix: ns.flatMap { $0.pointee.prefix.map(string) },
          namespaceURI: ns.map { string($0.pointee.href) },
          localName: string(attr.pointee.name), value: value))
      a = attr.pointee.next
    }
    return out
  }

  /// Namespace declarations made on this element, as (prefix or nil, URI).
  static func namespaceDeclarations(_ node: xmlNodePtr) -> [(String?, String)] {
    var out: [(String?, String)] = []
    var n = node.pointee.nsDef
    while let ns = n {
      out.append((ns.pointee.prefix.map(string), string(ns.pointee.href)))
      n = ns.pointee.next
    }
    return out
  }

  static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
    var out: [xmlNodePtr] = []
    var c = node.pointee.children
    while let child = c {
      out.append(child)
      c = child.pointee.next
    }
    return out
  }
}
