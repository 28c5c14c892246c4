import Foundation
import StrictJSON
import Testing

/// ``JSONValue/compactJSON`` writes what the strict reader and Foundation both read back as the
/// same value: the translated catalog goes through it on its way to the decoder.
@Suite("Writing JSON values")
struct JSONWriterTests {
  static let values: [JSONValue] = [
    .null, .bool(true), .bool(false), .number(0), .number(-3), .number(12), .number(0.1), .number(-2.5e-7),
    .number(1e300), .number(9_007_199_254_740_993), .number(123_456_789_012), .string(""),
    .string("Liste de contrôle des documents — « frais » 中文 🇨🇦"),
    .string("quote \" backslash \\ slash / tab \t line\nreturn\r bell \u{7} nul \u{0} unit \u{1F} del \u{7F}"),
    .string("\u{2028}\u{2029}"), .array([]), .object([:]),
    .array([.number(1), .string("a"), .null, .array([.bool(true)]), .object(["k": .number(2)])]),
    .object([
      "b": .string("x"), "a": .array([.number(1.5)]), "é": .object(["z": .null, "y": .bool(false)]), "": .string("empty key"),
    ]),
  ]

  @Test(arguments: values)
  func theStrictReaderAndFoundationReadBackTheSameValue(_ value: JSONValue) throws {
    let bytes = value.compactJSON
    let wrapped = Data(#"{"v":"#.utf8 + bytes + "}".utf8)
    switch JSONDocument.read(wrapped, limits: limits) {
    case .failure(let e): Issue.record("the strict reader refused \(String(decoding: bytes, as: UTF8.self)): \(e.issues)")
    case .success(let doc): #expect(doc.value == .object(["v": value]))
    }
    let foundation = try JSONDecoder().decode([String: JSONValue].self, from: wrapped)
    #expect(foundation["v"] == value)
    // Compact, and the same bytes each time (keys in byte order).
    #expect(!bytes.contains(0x0A))
    #expect(value.compactJSON == bytes)
  }

  @Test func keysAreInByteOrderAndControlCharactersEscaped() {
    let v: JSONValue = .object(["b": .number(1), "a": .number(2), "B": .string("\u{1}\t")])
    #expect(String(decoding: v.compactJSON, as: UTF8.self) == #"{"B":"\u0001\t","a":2,"b":1}"#)
    #expect(String(decoding: JSONValue.number(.infinity).compactJSON, as: UTF8.self) == "null")
  }
}
