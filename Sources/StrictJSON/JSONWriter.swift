extension JSONValue {
  /// Compact JSON text (UTF-8), keys in byte order: what a decoder reads back as this value.
  ///
  /// Written directly, byte by byte: Foundation's `JSONEncoder`, through `Encodable`, took a
  /// tenth of a French-speaking builder's start-up to write the translated catalog. A
  /// number that is not finite (none can be read from JSON text) is written as `null`.
  public var compactJSON: [UInt8] {
    var out: [UInt8] = []
    write(to: &out)
    return out
  }

  private func write(to out: inout [UInt8]) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .number(let n): JSONValue.writeNumber(n, to: &out)
    case .string(let s): JSONString.append(s, to: &out)
    case .array(let a):
      out.append(UInt8(ascii: "["))
      for (i, e) in a.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        e.write(to: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let o):
      out.append(UInt8(ascii: "{"))
      for (i, key) in o.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        JSONString.append(key, to: &out)
        out.append(UInt8(ascii: ":"))
        o[key]!.write(to: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  private static func writeNumber(_ n: Double, to out: inout [UInt8]) {
    if !n.isFinite {
      out.append(contentsOf: "null".utf8)
    } else if n == n.rounded(), abs(n) < 9_007_199_254_740_992 {  // 2^53: every whole number exact
      out.append(contentsOf: String(Int64(n)).utf8)
    } else {
      // Swift's shortest text that reads back as the same Double; JSON takes its exponent form.
      out.append(contentsOf: n.description.utf8)
    }
  }
}

/// JSON strings written byte by byte.
public enum JSONString {
  /// Appends `s` as a JSON string, escaped as Foundation's `JSONEncoder` escapes it (`\b`,
  /// `\t`, `\n`, `\f`, `\r`, other controls as `\u00XX`; `/` and non-ASCII as they are), so
  /// that text written here is byte for byte the encoder's.
  public static func append(_ s: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    let plain =
      s.utf8.withContiguousStorageIfAvailable { bytes in
        !bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
      } ?? false
    if plain {
      out.append(contentsOf: s.utf8)
      out.append(UInt8(ascii: "\""))
      return
    }
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
      case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
      case 0x08: out.append(contentsOf: "\\b".utf8)
      case 0x09: out.append(contentsOf: "\\t".utf8)
      case 0x0A: out.append(contentsOf: "\\n".utf8)
      case 0x0C: out.append(contentsOf: "\\f".utf8)
      case 0x0D: out.append(contentsOf: "\\r".utf8)
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        out.append(contentsOf: "\\u00".utf8)
        out.append(hex[Int(b >> 4)])
        out.append(hex[Int(b & 15)])
      default: out.append(b)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}
