import CLibXML2

/// A well-formed XML document read into plain Swift values, for data files such as a
/// packet's manifest rather than templates.
///
/// It is parsed like a template (no network, no external entities, no entity
/// declarations); the libxml2 document is freed before the initializer returns, so no
/// node pointer outlives it.
public struct XMLTree: Sendable {
  /// One element: its namespace, local name, attributes and child elements (text is dropped).
  public struct Element: Sendable {
    public var namespaceURI: String?
    public var name: String
    /// Attribute values by qualified name (`name`, or `prefix:name`).
    public var attributes: [String: String]
    public var children: [Element]
    /// The 1-based line of the start tag.
    public var line: Int

    /// The child elements called `name` in the same namespace as this one.
    public func children(named name: String) -> [Element] {
      children.filter { $0.name == name && $0.namespaceURI == namespaceURI }
    }

    public subscript(attribute: String) -> String? { attributes[attribute] }
  }

  public var root: Element

  /// Parses `bytes`; `name` is the file name that errors carry.
  public init(bytes: [UInt8], name: String) throws(TemplateError) {
    let document = try XMLDocument(bytes: bytes, name: name)
    guard let node = document.root else {
      throw TemplateError(file: name, line: 0, directive: nil, message: "XML error: no root element")
    }
    root = XMLTree.element(node)
  }

  private static func element(_ node: xmlNodePtr) -> Element {
    var attributes: [String: String] = [:]
    for a in XMLNode.attributes(node) { attributes[a.qualifiedName] = a.value }
    return Element(
      namespaceURI: XMLNode.namespaceURI(node), name: XMLNode.string(node.pointee.name), attributes: attributes,
      children: XMLNode.children(node).filter { $0.pointee.type == XML_ELEMENT_NODE }.map(element),
      line: XMLNode.line(node))
  }
}
