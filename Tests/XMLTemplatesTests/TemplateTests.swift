import Testing
import XMLTemplates

private func page(_ body: String) -> [UInt8] {
  Array(
    """
    <!DOCTYPE html>
    <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:imp-packet:template">
    <head><meta charset="utf-8"/><title>T</title></head>
    <body>\(body)</body>
    </html>
    """.utf8)
}

private func render(_ body: String, _ context: [String: TemplateValue]) throws -> String {
  try Template(bytes: page(body), name: "test.xhtml", mode: .html).renderString(context)
}

private func body(_ html: String) -> String {
  let start = html.firstRange(of: "<body>")!.upperBound
  let end = html.firstRange(of: "</body>")!.lowerBound
  return String(html[start..<end])
}

@Suite("Template directives")
struct DirectiveTests {
  @Test func textEscapesMarkupInValues() throws {
    let out = try render(#"<p t:text="name">Prototype</p>"#, ["name": "Ana & <Bob>"])
    #expect(body(out) == "<p>Ana &amp; &lt;Bob&gt;</p>")
  }

  @Test func attrEscapesQuotesAndRemovesNullAndFalse() throws {
    let out = try render(
      ##"<a href="#" class="x" t:attr="href link; title tip; class none; hidden off">L</a>"##,
      ["link": "https://x.example/?a=1&b=\"2\"", "tip": "<script>", "none": nil, "off": false])
    #expect(body(out) == #"<a href="https://x.example/?a=1&amp;b=&quot;2&quot;" title="&lt;script&gt;">L</a>"#)
  }

  @Test func eachRepeatsWithLoopVariablesAndEmptyListRemovesElement() throws {
    let out = try render(
      #"<ul><li t:each="x in items" t:attr="class loop.number"><span t:text="x.name">n</span><b t:if="loop.last">!</b></li></ul><p t:each="y in empty">gone</p>"#,
      ["items": [["name": "a"], ["name": "b"]], "empty": []])
    #expect(body(out) == #"<ul><li class="1"><span>a</span></li><li class="2"><span>b</span><b>!</b></li></ul>"#)
  }

  @Test func eachKeepsIndentationBetweenCopies() throws {
    let out = try render("<ul>\n  <li t:each=\"x in items\" t:text=\"x\">n</li>\n</ul>", ["items": ["a", "b"]])
    #expect(body(out) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>")
  }

  @Test func ifUnlessAndComparisons() throws {
    let out = try render(
      #"<i t:if="yes">1</i><i t:if="no">2</i><i t:unless="no">3</i><i t:if="s == 'open'">4</i><i t:if="s != 'open'">5</i><i t:if="not list">6</i>"#,
      ["yes": true, "no": false, "s": "open", "list": []])
    #expect(body(out) == "<i>1</i><i>3</i><i>4</i><i>6</i>")
  }

  @Test func withOmitTagBlockAndRemove() throws {
    let out = try render(
      #"<div t:with="n person.name" t:omit-tag=""><span t:text="n">x</span></div><t:block t:if="ok">kept</t:block><p t:remove="">prototype only</p>"#,
      ["person": ["name": "Zoë"], "ok": true])
    #expect(body(out) == "<span>Zoë</span>kept")
  }

  @Test func htmlSerializationOfVoidAndRawTextElements() throws {
    let out = try render(#"<style>a > b { color: red }</style><br/><img src="x" alt=""/><p></p>"#, [:])
    #expect(out.hasPrefix("<!DOCTYPE html>\n<html>"))
    #expect(body(out) == #"<style>a > b { color: red }</style><br><img src="x" alt=""><p></p>"#)
  }

  @Test func xmlModeWritesDeclarationAndEmptyElements() throws {
    let t = try Template(
      bytes: Array(#"<m xmlns="urn:x" xmlns:t="urn:imp-packet:template"><f t:each="f in fs" t:attr="n f"/></m>"#.utf8),
      name: "m.xml", mode: .xml)
    let out = try t.renderString(["fs": ["a&b", "c"]])
    #expect(out == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<m xmlns=\"urn:x\"><f n=\"a&amp;b\"/><f n=\"c\"/></m>\n")
  }
}

@Suite("Template errors name the file, line and directive")
struct TemplateErrorTests {
  @Test func undefinedNameAtRender() throws {
    let t = try Template(bytes: page("\n\n<p t:text=\"applicant.nmae\">x</p>"), name: "letter.xhtml", mode: .html)
    #expect {
      try t.render(["applicant": ["name": "A"]])
    } throws: { error in
      let e = error as! TemplateError
      return e.file == "letter.xhtml" && e.line == 6 && e.directive == "t:text"
        && e.message == "undefined name 'applicant.nmae'"
    }
  }

  @Test func malformedDirectivesAreAllReportedAtCompileTime() {
    #expect {
      _ = try Template(
        bytes: page("<p t:each=\"x of y\">a</p>\n<p t:bogus=\"1\">b</p>\n<br t:text=\"x\"/>"), name: "bad.xhtml",
        mode: .html)
    } throws: { error in
      let errors = (error as! TemplateErrors).errors
      return errors.map(\.directive) == ["t:each", "t:bogus", "t:text"] && errors.map(\.line) == [4, 5, 6]
    }
  }

  @Test func xmlSyntaxErrorHasLine() {
    #expect {
      _ = try Template(bytes: Array("<html>\n<body>\n<p>unclosed\n</body></html>".utf8), name: "broken.xhtml", mode: .html)
    } throws: { error in
      let e = (error as! TemplateErrors).errors[0]
      return e.file == "broken.xhtml" && e.line == 4 && e.message.hasPrefix("XML error:")
    }
  }

  @Test func emptyFileIsAnError() {
    #expect(throws: TemplateErrors.self) { try Template(bytes: [], name: "empty.xhtml", mode: .html) }
  }

  @Test func entitiesAreRefusedAndNeverExpanded() {
    let xxe = """
      <?xml version="1.0"?>
      <!DOCTYPE html [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
      <html><body>&secret;</body></html>
      """
    #expect(throws: TemplateErrors.self) { try Template(bytes: Array(xxe.utf8), name: "xxe.xhtml", mode: .html) }
    let bomb = """
      <?xml version="1.0"?>
      <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
      <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
      <lolz>&lol3;</lolz>
      """
    #expect(throws: TemplateErrors.self) { try Template(bytes: Array(bomb.utf8), name: "bomb.xml", mode: .xml) }
  }
}

@Suite("Template folders and fragments")
struct TemplateSetTests {
  let parts = """
    <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:imp-packet:template"><body>
    <header t:fragment="letterhead"><b t:text="org">Org</b></header>
    </body></html>
    """

  @Test func pagesPullInFragmentsAndRenderThemInTheirScope() throws {
    let set = try TemplateSet(files: [
      "_parts.xhtml": Array(parts.utf8),
      "page.xhtml": page(#"<div t:replace="_parts.xhtml :: letterhead">placeholder</div><p>after</p>"#),
    ])
    #expect(set.pageNames == ["page.xhtml"])
    let out = try set["page.xhtml"]!.renderString(["org": "A & B"])
    #expect(body(out) == "<header><b>A &amp; B</b></header><p>after</p>")
  }

  @Test func missingFragmentIsAnErrorOfThePage() {
    #expect {
      _ = try TemplateSet(files: [
        "_parts.xhtml": Array(parts.utf8), "page.xhtml": page(#"<div t:replace="_parts.xhtml :: signature">x</div>"#),
      ])
    } throws: { error in
      let e = (error as! TemplateErrors).errors[0]
      return e.file == "page.xhtml" && e.directive == "t:replace" && e.message.contains("signature")
    }
  }
}
