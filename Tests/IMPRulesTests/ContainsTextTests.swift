import Foundation
@testable import IMPRules
import Testing

/// `containsText` answers what Foundation's `contains` answers, on the cases where a byte
/// search could differ from Foundation's (canonical equivalence, combining marks, CR LF,
/// the empty string) as well as on the plain ones it takes the fast way.
@Suite("containsText is Foundation's contains")
struct ContainsTextTests {
  static let texts = [
    "", "a", "see attached", "Manage the team; see ATTACHED list", "duties: see attached.", "(not given)",
    "born (not given) in", "café", "cafe\u{301}", "e\u{301}", "é", "a\r\nb", "\r\n", "\n", "x\u{301}y", "(not given)\u{301}",
    "supervise 12 staff", "see attache", "ßtraße", "日本語 see attached",
  ]

  @Test func everyPairAnswersAsFoundation() {
    var differences: [String] = []
    for hay in Self.texts {
      for needle in Self.texts {
        if hay.containsText(needle) != hay.contains(needle) {
          differences.append("\(hay.debugDescription) ⊇ \(needle.debugDescription): \(hay.contains(needle))")
        }
      }
    }
    #expect(differences.isEmpty, "\(differences)")
    #expect("Manage the team; see attached list".containsText("see attached"))
    #expect(!"see attache".containsText("see attached"))
  }
}
