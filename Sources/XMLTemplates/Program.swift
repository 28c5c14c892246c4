/// A compiled template: static markup already serialized, directives kept as data.
///
/// Rendering walks this program and appends straight to the output buffer; the
/// libxml2 tree is no longer needed once a template is compiled.
enum Node: Sendable {
  case literal(String)
  case element(ElementNode)

  static func element(_ e: DynamicElement) -> Node { .element(ElementNode(e)) }
}

/// A compiled element, shared by reference: rendering reads its fields in place instead of
/// copying the whole element (and retaining each of its arrays) at every visit.
final class ElementNode: Sendable {
  let element: DynamicElement
  /// `<name a="v"` with the static attributes, serialized once: what a render writes when
  /// no `t:attr` or translated attribute changes them.
  let startTag: [UInt8]
  /// `</name>`.
  let endTag: [UInt8]

  init(_ element: DynamicElement) {
    self.element = element
    var start: [UInt8] = []
    Markup.appendStartTag(element.name, element.attributes, to: &start)
    startTag = start
    endTag = Array("</\(element.name)>".utf8)
  }
}

struct StaticAttribute: Sendable {
  var name: String
  var value: String
}

/// An element that carries directives itself or somewhere below it.
struct DynamicElement: Sendable {
  enum Omit: Sendable { case never, always, when(Condition) }

  var name: String
  var line: Int
  var attributes: [StaticAttribute]
  var each: (variable: String, source: Expression)?
  var with: [Binding] = []
  var condition: Condition?
  var unless: Condition?
  var replace: [Node]?
  var attr: [Binding] = []
  var text: Expression?
  var omit: Omit = .never
  var isVoid: Bool
  var children: [Node]
  /// Written between the copies `each` makes: the indentation that precedes the element.
  var separator = ""
  /// `i18n:translate`: the content as one message, rendered in the page's language.
  var translation: Translation?
  /// `i18n:attributes`: the static attributes whose values are translated.
  var translatedAttributes: [String] = []
}

/// The content of an `i18n:translate` element as one message: its English text with a
/// `${name}` for each child element marked `i18n:name`, and those children compiled.
struct Translation: Sendable {
  /// The message id: the English text, whitespace collapsed.
  var id: String
  /// The compiled child element of each `${name}`.
  var names: [String: [Node]]
  /// The whitespace before and after the content, kept around a translation.
  var leading: String
  var trailing: String

  /// `text` with each run of whitespace made one space, and none at either end.
  static func normalize(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// A translation cut at each `${name}`: text, or the name of a child element.
  enum Piece: Equatable { case text(Substring), name(Substring) }

  static func pieces(_ s: String) -> [Piece] {
    var out: [Piece] = []
    var rest = Substring(s)
    while let open = rest.firstRange(of: "${"), let close = rest[open.upperBound...].firstIndex(of: "}") {
      if open.lowerBound > rest.startIndex { out.append(.text(rest[..<open.lowerBound])) }
      out.append(.name(rest[open.upperBound..<close]))
      rest = rest[rest.index(after: close)...]
    }
    if !rest.isEmpty { out.append(.text(rest)) }
    return out
  }

  /// The `${name}`s of a message or its translation, in order.
  static func names(_ s: String) -> [String] {
    pieces(s).compactMap { if case .name(let n) = $0 { String(n) } else { nil } }
  }
}

extension String {
  /// Letters, digits and `_`, not starting with a digit: an `i18n:name`.
  var isIdentifierName: Bool {
    guard let f = first, f.isLetter || f == "_" else { return false }
    return allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
  }
}

/// How a compiled template writes markup.
public enum OutputMode: Sendable {
  /// HTML5 serialization: `<!DOCTYPE html>`, void elements without end tags, raw `style`/`script`.
  case html
  /// XML serialization with an XML declaration and `<empty/>` elements.
  case xml
}

enum Markup {
  static let voidElements: Set<String> = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
  ]
  static let rawTextElements: Set<String> = ["script", "style"]

  /// Appends `s` escaped for text content; `quotes` also escapes `"` for attribute values.
  static func appendEscaped(_ s: String, quotes: Bool, to out: inout [UInt8]) {
    let quote: UInt8 = quotes ? UInt8(ascii: "\"") : UInt8(ascii: "&")  // `&` again: no extra case
    let plain =
      s.utf8.withContiguousStorageIfAvailable { bytes in
        // A table-free test: only `"`, `&`, `<`, `>` matter, and all four are below 0x3F.
        !bytes.contains { b in
          b < 0x3F && (b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == quote)
        }
      } ?? false
    if plain {
      out.append(contentsOf: s.utf8)
      return
    }
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
      case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
      case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
      case UInt8(ascii: "\"") where quotes: out.append(contentsOf: "&quot;".utf8)
      default: out.append(b)
      }
    }
  }

  static func appendStartTag(_ name: String, _ attributes: [StaticAttribute], to out: inout [UInt8]) {
    out.append(UInt8(ascii: "<"))
    out.append(contentsOf: name.utf8)
    for a in attributes {
      out.append(UInt8(ascii: " "))
      out.append(contentsOf: a.name.utf8)
      out.append(contentsOf: "=\"".utf8)
      appendEscaped(a.value, quotes: true, to: &out)
      out.append(UInt8(ascii: "\""))
    }
  }

  /// The same, for the compiler, which serializes static markup once into literals.
  static func appendEscaped(_ s: String, quotes: Bool, to out: inout String) {
    var bytes: [UInt8] = []
    appendEscaped(s, quotes: quotes, to: &bytes)
    out += String(decoding: bytes, as: UTF8.self)
  }

  static func appendStartTag(_ name: String, _ attributes: [StaticAttribute], to out: inout String) {
    var bytes: [UInt8] = []
    appendStartTag(name, attributes, to: &bytes)
    out += String(decoding: bytes, as: UTF8.self)
  }
}
