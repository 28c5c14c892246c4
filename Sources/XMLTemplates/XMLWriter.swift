import CLibXML2

/// An XML element to write in code: a name, attributes in order, and child elements.
///
/// For machine-read documents (a packet's manifest) whose shape is fixed by a schema
/// rather than by a user-editable template.
public struct XMLElement: Sendable, Equatable {
  public var name: String
  /// In order; an attribute whose value is nil is left out.
  public var attributes: [(name: String, value: String?)]
  public var children: [XMLElement]

  public init(_ name: String, _ attributes: [(name: String, value: String?)] = [], children: [XMLElement] = []) {
    self.name = name
    self.attributes = attributes
    self.children = children
  }

  public static func == (a: XMLElement, b: XMLElement) -> Bool {
    a.name == b.name && a.children == b.children && a.attributes.map(\.name) == b.attributes.map(\.name)
      && a.attributes.map(\.value) == b.attributes.map(\.value)
  }

  /// The element as a UTF-8 document with an XML declaration, two spaces of indent per
  /// level and empty elements closed as `<name/>`, written by libxml2's text writer
  /// (which escapes every attribute value).
  public func document(name file: String) throws(TemplateError) -> [UInt8] {
    func failed(_ what: String) -> TemplateError {
      TemplateError(file: file, line: 0, directive: nil, message: "cannot write XML: \(what)")
    }
    guard let buffer = xmlBufferCreate() else { throw failed("out of memory") }
    defer { xmlBufferFree(buffer) }
    guard let writer = xmlNewTextWriterMemory(buffer, 0) else { throw failed("out of memory") }
    var ok = xmlTextWriterSetIndent(writer, 1) == 0 && xmlTextWriterSetIndentString(writer, "  ") == 0
    ok = ok && xmlTextWriterStartDocument(writer, nil, "UTF-8", nil) >= 0
    ok = ok && write(self, writer)
    ok = ok && xmlTextWriterEndDocument(writer) >= 0
    xmlFreeTextWriter(writer)  // flushes into `buffer`
    guard ok, let content = xmlBufferContent(buffer) else { throw failed("libxml2's writer failed") }
    return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
  }

  private func write(_ e: XMLElement, _ writer: xmlTextWriterPtr) -> Bool {
    guard xmlTextWriterStartElement(writer, e.name) >= 0 else { return false }
    for (name, value) in e.attributes {
      guard let value else { continue }
      guard xmlTextWriterWriteAttribute(writer, name, value) >= 0 else { return false }
    }
    for child in e.children where !write(child, writer) { return false }
    return xmlTextWriterEndElement(writer) >= 0
  }
}
