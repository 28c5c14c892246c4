public import StrictJSON

/// A problem in a profile or employer file: its JSON path and what was expected.
public typealias ProfileIssue = JSONIssue
/// Every problem found in one profile or employer file.
public typealias ProfileErrors = JSONIssues

extension JSONLimits {
  /// Profiles (and employer files): a few kilobytes, a few hundred values, 4 levels deep.
  /// `x-` data may nest further, but not without end; the value bound keeps the worst
  /// file within a second or two.
  public static let profile = JSONLimits(
    maxBytes: 5 * 1024 * 1024, maxDepth: 64, maxValues: 100_000, noun: "profile",
    usualSize: "a profile is a few kilobytes", usualValues: "a profile holds a few hundred",
    usualDepth: "a profile needs 4", zipGuess: "a packet, or a spreadsheet?")
}
