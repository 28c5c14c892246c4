import Testing
import XMLTemplates

/// ``TemplateObject`` keeps fields in an array (an index by name from 17 fields): what a
/// template reads from it must be what a dictionary would have given.
@Suite("Template objects")
struct TemplateObjectTests {
  /// An object of `n` fields `f0`…: the value of `fk` is `"vk"`.
  private func numbered(_ n: Int) -> [(String, TemplateValue)] {
    (0..<n).map { ("f\($0)", .string("v\($0)")) }
  }

  @Test(arguments: [0, 1, 11, 16, 17, 40, 300])
  func everyFieldReadsBackAndAnAbsentNameIsNil(_ n: Int) {
    let o = TemplateObject(numbered(n))
    #expect(o.count == n)
    #expect(o.names == (0..<n).map { "f\($0)" })
    for k in 0..<n { #expect(o["f\(k)"] == .string("v\(k)")) }
    #expect(o["f\(n)"] == nil)
    #expect(o["F0"] == nil)
    #expect(o[""] == nil)
  }

  @Test(arguments: [3, 16, 17, 40])
  func aRepeatedNameKeepsItsFirstPlaceAndItsLastValue(_ n: Int) {
    let o = TemplateObject(numbered(n) + [("f1", "again"), ("f1", "last")])
    #expect(o.count == n)
    #expect(o.names == (0..<n).map { "f\($0)" })
    #expect(o["f1"] == "last")
    let literal: TemplateValue = ["a": "1", "b": "2", "a": "3"]
    #expect(literal == .object(["b": "2", "a": "3"]))
  }

  @Test(arguments: [5, 16, 17, 30])
  func settingAddsReplacesAndNilRemoves(_ n: Int) {
    var o = TemplateObject(numbered(n))
    o["new"] = "n"
    o["f2"] = "changed"
    o["f0"] = nil
    #expect(o.count == n)
    #expect(o["new"] == "n")
    #expect(o["f2"] == "changed")
    #expect(o["f0"] == nil)
    #expect(o.names.first == "f1")
    #expect(o.names.last == "new")
    // Each remaining field still found after the removal shifted them.
    for k in 1..<n { #expect(o["f\(k)"] == (k == 2 ? "changed" : .string("v\(k)"))) }
    // Down through the index threshold and up again.
    for k in 1..<n { o["f\(k)"] = nil }
    #expect(o.names == ["new"])
    for k in 0..<20 { o["g\(k)"] = .bool(k % 2 == 0) }
    #expect(o.count == 21)
    #expect(o["g19"] == false)
    #expect(o["g18"] == true)
  }

  @Test func equalityIgnoresOrderButNotValuesOrNames() {
    let a: TemplateObject = ["x": "1", "y": ["z": true]]
    let b: TemplateObject = ["y": ["z": true], "x": "1"]
    #expect(a == b)
    #expect(a != ["x": "1", "y": ["z": false]])
    #expect(a != ["x": "1", "w": ["z": true]])
    #expect(a != ["x": "1"])
    #expect(TemplateObject(numbered(30)) == TemplateObject(numbered(30).reversed()))
    #expect(TemplateObject(numbered(30)) != TemplateObject(numbered(31)))
  }

  private func template(_ body: String) throws -> Template {
    let page = Array(
      """
      <!DOCTYPE html>
      <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:imp-packet:template">
      <head><meta charset="utf-8"/><title>T</title></head>
      <body>\(body)</body>
      </html>
      """.utf8)
    return try Template(bytes: page, name: "o.xhtml", mode: .html)
  }

  @Test func aTemplateReadsFieldsOfSmallAndLargeObjectsAndNamesAMissingOne() throws {
    let context: [String: TemplateValue] = ["small": ["a": "1", "b": "2"], "large": .object(TemplateObject(numbered(40)))]
    let out = try template(#"<p t:text="small.b">-</p><p t:text="large.f39">-</p>"#).renderString(context)
    #expect(out.contains("<body><p>2</p><p>v39</p></body>"))
    for missing in ["small.c", "large.f40"] {
      let error = #expect(throws: TemplateError.self) {
        try template(#"<p t:text="\#(missing)">-</p>"#).renderString(context)
      }
      #expect(error?.description.contains("undefined name '\(missing)'") == true)
    }
  }
}
