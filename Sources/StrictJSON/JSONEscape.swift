/// The escapes of a JSON string (`\n`, `\"`, `\u00e9`, a `\ud83d\ude00` pair), decoded in one
/// place for the readers of this module that build values from text.
enum JSONEscape {
  /// Decodes the escape whose letter is at `bytes[i]` (just past the backslash), appends its
  /// UTF-8 to `out` and moves `i` past it; false for an escape JSON does not allow, or a
  /// `\u` that is not a scalar (a lone surrogate).
  static func decode<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at i: inout Int, into out: inout [UInt8])
    -> Bool
  where Bytes.Index == Int {
    guard i < bytes.endIndex else { return false }
    let e = bytes[i]
    i += 1
    switch e {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
    case UInt8(ascii: "b"): out.append(0x08)
    case UInt8(ascii: "f"): out.append(0x0C)
    case UInt8(ascii: "n"): out.append(0x0A)
    case UInt8(ascii: "r"): out.append(0x0D)
    case UInt8(ascii: "t"): out.append(0x09)
    case UInt8(ascii: "u"):
      guard var code = hex4(bytes, at: &i) else { return false }
      if (0xD800..<0xDC00).contains(code) {
        guard i + 1 < bytes.endIndex, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { return false }
        i += 2
        guard let low = hex4(bytes, at: &i), (0xDC00..<0xE000).contains(low) else { return false }
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
      } else if (0xDC00..<0xE000).contains(code) {
        return false
      }
      guard let scalar = Unicode.Scalar(code) else { return false }
      out.append(contentsOf: UTF8.encode(scalar)!)
    default: return false
    }
    return true
  }

  /// Four hexadecimal digits at `i`, which moves past them.
  static func hex4<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at i: inout Int) -> UInt32? where Bytes.Index == Int {
    guard i + 4 <= bytes.endIndex else { return nil }
    var v: UInt32 = 0
    for k in i..<i + 4 {
      let b = bytes[k]
      let d: UInt8
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
      default: return nil
      }
      v = v << 4 | UInt32(d)
    }
    i += 4
    return v
  }
}
