import Foundation
import StrictJSON
import Testing

/// ``Swift/String/firstControlOrNoncharacter`` answers plain text from its bytes or scalars and
/// counts characters only for text that has one: the answers must be the same either way.
@Suite("Control characters and noncharacters in text")
struct VisibleTextTests {
  @Test(arguments: [
    "", "Ana María Ñúñez-O'Brien", "tab\tline\nreturn\r", "Liste de contrôle — 中文 🇨🇦 👨‍👩‍👧", "~ !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}",
    "\u{A0}\u{FDCF}\u{FDF0}\u{FFFD}",
  ])
  func textWithoutThemHasNone(_ text: String) {
    #expect(text.firstControlOrNoncharacter == nil)
  }

  /// `text` with `{}` replaced by the scalar `value`.
  private static func with(_ text: String, _ value: UInt32) -> String {
    text.replacingOccurrences(of: "{}", with: String(Unicode.Scalar(value)!))
  }

  @Test(arguments: [
    ("a{}", 0x7, 2), ("{}", 0x0, 1), ("ab{}", 0x7F, 3), ("é{}x", 0x85, 2), ("{}[31m", 0x1B, 1),
    ("👨‍👩‍👧x{}", 0x1F, 3), ("Liste{}", 0xFDD0, 6), ("{}", 0xFFFE, 1), ("z{}", 0x10FFFF, 2),
    ("e\u{301}{}", 0x9F, 2),
  ] as [(String, UInt32, Int)])
  func theFirstIsNamedWithItsPositionInCharacters(_ text: String, _ scalar: UInt32, _ position: Int) {
    let found = VisibleTextTests.with(text, scalar).firstControlOrNoncharacter
    #expect(found?.scalar.value == scalar)
    #expect(found?.position == position)
  }
}
