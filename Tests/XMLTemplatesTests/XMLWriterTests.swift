import Testing
import XMLTemplates

@Suite("XML written in code through libxml2's writer")
struct XMLWriterTests {
  @Test func attributesAreEscapedAbsentOnesLeftOutAndEmptyElementsClosed() throws {
    let root = XMLElement("a", [("q", "<&\">"), ("none", nil), ("n", "1")], children: [XMLElement("b")])
    #expect(
      String(decoding: try root.document(name: "x.xml"), as: UTF8.self)
        == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a q=\"&lt;&amp;&quot;&gt;\" n=\"1\">\n  <b/>\n</a>\n")
  }
}
