import Foundation

/// Near misses of a name among candidates, for "did you mean" suggestions.
public enum NearestName {
  /// Lower case, accents removed, every run of punctuation or spaces one space.
  public static func normalized(_ s: String) -> String {
    let folded = s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    var out = ""
    var space = false
    for ch in folded {
      if ch.isLetter || ch.isNumber {
        if space && !out.isEmpty { out.append(" ") }
        out.append(ch)
        space = false
      } else {
        space = true
      }
    }
    return out
  }

  /// The edit (Levenshtein) distance between two strings, by characters.
  public static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// The candidates `text` most likely meant, best first: those within a few edits of it
  /// (a typing slip), else those whose words contain its words or are contained in them
  /// ("CUSMA" → `cusma-professional`, "Civil Engineer" → "Engineer"). Empty when none is near.
  public static func nearest(_ text: String, in candidates: [String], limit: Int = 4) -> [String] {
    let t = normalized(text)
    guard !t.isEmpty else { return [] }
    let scored = candidates.map { ($0, distance(t, normalized($0))) }
    let allowed = max(1, min(3, t.count / 4))
    let close = scored.filter { $0.1 <= allowed }.sorted { $0.1 < $1.1 }.map(\.0)
    if !close.isEmpty { return Array(close.uniqued().prefix(limit)) }
    let words = Set(t.split(separator: " "))
    let sharing = candidates.filter { c in
      let cw = Set(normalized(c).split(separator: " "))
      return !cw.isEmpty && (cw.isSubset(of: words) || words.isSubset(of: cw))
    }
    return Array(sharing.uniqued().prefix(limit))
  }

  /// "a", "a or b", "a, b or c".
  public static func orList(_ items: [String]) -> String {
    items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " or " + items.last!
  }
}
