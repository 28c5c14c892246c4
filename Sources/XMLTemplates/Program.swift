/// A compiled template: static markup already serialized, directives kept as data.
///
/// Rendering walks this program and appends straight to the output buffer; the
/// libxml2 tree is no longer needed once a template is compiled.
indirect enum Node: Sendable {
  case literal(String)
  case element(DynamicElement)
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
  static func appendEscaped(_ s: String, quotes: Bool, to out: inout String) {
    guard
      s.utf8.contains(where: {
        $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
          || (quotes && $0 == UInt8(ascii: "\""))
      })
    else {
      out += s
      return
    }
    for ch in s.unicodeScalars {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"" where quotes: out += "&quot;"
      default: out.unicodeScalars.append(ch)
      }
    }
  }

  static func appendStartTag(_ name: String, _ attributes: [StaticAttribute], to out: inout String) {
    out += "<"
    out += name
    for a in attributes {
      out += " "
      out += a.name
      out += "=\""
      appendEscaped(a.value, quotes: true, to: &out)
      out += "\""
    }
  }
}
