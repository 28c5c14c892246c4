extension Unicode.Scalar {
  /// Whether this is a control character or a noncharacter: C0 controls other than tab,
  /// line feed and carriage return, DEL, the C1 controls (U+0080–U+009F, with U+0085),
  /// U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, …).
  /// XML 1.0 and HTML5 documents cannot hold them, and a terminal may act on them.
  public var isControlOrNoncharacter: Bool {
    switch value {
    case 0x09, 0x0A, 0x0D: false
    case 0..<0x20, 0x7F...0x9F, 0xFDD0...0xFDEF: true
    default: value & 0xFFFE == 0xFFFE
    }
  }
}

extension String {
  /// The first control character or noncharacter, and its 1-based position in characters.
  public var firstControlOrNoncharacter: (scalar: Unicode.Scalar, position: Int)? {
    // Nearly all text has none: that is answered from the bytes (printable ASCII, tab and
    // line breaks) or the scalars, and Characters are made only to say where one is.
    let plain =
      utf8.withContiguousStorageIfAvailable { bytes in
        bytes.allSatisfy { b in (b >= 0x20 && b < 0x7F) || b == 0x09 || b == 0x0A || b == 0x0D }
      } ?? false
    if plain || !unicodeScalars.contains(where: \.isControlOrNoncharacter) { return nil }
    var position = 0
    for c in self {
      position += 1
      if let s = c.unicodeScalars.first(where: \.isControlOrNoncharacter) { return (s, position) }
    }
    return nil
  }

  /// The text with control characters and noncharacters (and tabs and line breaks) written
  /// as `\u001B`, so that a message never sends raw control characters to a terminal.
  public var escapingControlCharacters: String {
    guard unicodeScalars.contains(where: { $0.isControlOrNoncharacter || $0.value < 0x20 }) else { return self }
    var out = String.UnicodeScalarView()
    for s in unicodeScalars {
      if s.isControlOrNoncharacter || s.value < 0x20 {
        out.append(contentsOf: "\\u\(s.hex)".unicodeScalars)
      } else {
        out.append(s)
      }
    }
    return String(out)
  }
}

extension Unicode.Scalar {
  /// `U+001B`, as messages name a character.
  public var codePointName: String { "U+\(hex)" }

  /// At least four upper-case hexadecimal digits.
  var hex: String {
    let h = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - h.count)) + h
  }
}
