import Foundation
import Testing
import XMLTemplates

/// A page whose `<body>` holds `body`, each line of the head on its own line (body on line 4).
private func page(_ body: String) -> [UInt8] {
  Array(
    """
    <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:imp-packet:template">
    <head><title>T</title></head>
    <body>
    \(body)
    </body>
    </html>
    """.utf8)
}

/// The only error of compiling `files`, which must fail within a second.
private func onlyError(_ files: [String: [UInt8]]) -> TemplateError? {
  let start = ContinuousClock.now
  defer { #expect(ContinuousClock.now - start < .seconds(5), "the limit took too long to find") }
  do {
    _ = try TemplateSet(files: files)
    return nil
  } catch {
    #expect(error.errors.count == 1, "\(error)")
    return error.errors.first
  }
}

/// The cases reported in issue #11, each a clear error naming file and line, found fast.
@Suite("Template limits: a runaway template is an error naming its file and line")
struct TemplateLimitsTests {
  @Test func eightyThousandSiblingsAreRefusedAtCompileTime() throws {
    let e = try #require(onlyError(["page.xhtml": page("<div>" + String(repeating: "<p>x</p>\n", count: 80_000) + "</div>")]))
    #expect(e.file == "page.xhtml" && e.exceedsLimit)
    #expect(e.line == TemplateLimits.maxElementsPerFile - 1, "\(e)")  // html, head, title, body, div come first
    #expect(e.message.contains("more than 20000 elements (TemplateLimits.maxElementsPerFile)"))
  }

  @Test func fragmentsThatPullInEachOtherTwiceAreRefusedBeforeTheyMultiply() throws {
    // f0 pulls in f1 twice, f1 pulls in f2 twice ... : 2^40 elements once expanded.
    var parts = ""
    for i in 0..<40 {
      parts += #"<div t:fragment="f\#(i)"><p t:replace=":: f\#(i + 1)"/><p t:replace=":: f\#(i + 1)"/></div>"# + "\n"
    }
    parts += #"<div t:fragment="f40"><b>leaf</b></div>"#
    let e = try #require(
      onlyError([
        "_parts.xhtml": page(parts), "page.xhtml": page(#"<div t:replace="_parts.xhtml :: f0"/>"#),
      ]))
    #expect(e.file == "_parts.xhtml" && e.directive == "t:replace" && e.exceedsLimit, "\(e)")
    #expect((4..<44).contains(e.line))
    #expect(e.message.contains("TemplateLimits.maxExpandedElements"))
  }

  @Test func fragmentsThatIncludeEachOtherAreACycle() throws {
    let e = try #require(
      onlyError([
        "page.xhtml": page(
          #"<div t:fragment="a"><p t:replace=":: b"/></div>"# + "\n" + #"<div t:fragment="b"><p t:replace=":: a"/></div>"#)
      ]))
    #expect(e.file == "page.xhtml" && e.directive == "t:replace" && [4, 5].contains(e.line), "\(e)")
    #expect(e.message.contains("includes itself"))
  }

  @Test func nestingCountsTheLevelsFragmentsAdd() throws {
    // 100 levels in each of two fragments, one inside the other: each file alone is fine.
    let deep = { (name: String, inner: String) in
      #"<div t:fragment="\#(name)">"# + String(repeating: "<div>", count: 99) + inner + String(repeating: "</div>", count: 100)
    }
    let e = try #require(
      onlyError([
        "_a.xhtml": page(deep("a", #"<i t:replace="_b.xhtml :: b"/>"#)), "_b.xhtml": page(deep("b", "<b>x</b>")),
        "page.xhtml": page(#"<div t:replace="_a.xhtml :: a"/>"#),
      ]))
    #expect(e.file == "_a.xhtml" && e.line == 4 && e.directive == "t:replace", "\(e)")
    #expect(e.message.contains("more than \(TemplateLimits.maxDepth) levels deep"))
  }

  @Test func aFileOverTheSizeLimitIsRefusedBeforeParsing() throws {
    let big = page("<p>" + String(repeating: "x", count: TemplateLimits.maxFileBytes) + "</p>")
    let e = try #require(onlyError(["page.xhtml": big]))
    #expect(e.file == "page.xhtml" && e.message.contains("TemplateLimits.maxFileBytes"))
  }

  @Test func eightNestedLoopsStopAtTheRenderingBudget() throws {
    var body = ""
    for i in 0..<8 { body += #"<div t:each="x\#(i) in items">"# }
    body += "<p>" + String(repeating: "y", count: 40) + "</p>" + String(repeating: "</div>", count: 8)
    let set = try TemplateSet(files: ["page.xhtml": page(body)])
    let items = TemplateValue.list(Array(repeating: "i", count: 11))  // 11^8 = 214 million copies
    let start = ContinuousClock.now
    #expect {
      _ = try set["page.xhtml"]!.render(["items": items])
    } throws: { error in
      let e = error as! TemplateError
      return e.file == "page.xhtml" && e.line == 4 && e.directive == "t:each" && e.exceedsLimit
        && e.message.contains("TemplateLimits.max")
    }
    #expect(ContinuousClock.now - start < .seconds(10))
  }

  @Test func aLoopThatWritesTooMuchStopsAtTheOutputLimit() throws {
    let set = try TemplateSet(files: ["page.xhtml": page(#"<p t:each="x in items" t:text="x">x</p>"#)])
    let items = TemplateValue.list(Array(repeating: .string(String(repeating: "z", count: 100_000)), count: 200))
    #expect {
      _ = try set["page.xhtml"]!.render(["items": items])
    } throws: { error in
      let e = error as! TemplateError
      return e.line == 4 && e.directive == "t:each" && e.message.contains("TemplateLimits.maxOutputBytes")
    }
    // Under the limits, the same page renders.
    let fine = try set["page.xhtml"]!.render(["items": .list(Array(repeating: "z", count: 1000))])
    #expect(fine.count < TemplateLimits.maxOutputBytes)
  }
}
