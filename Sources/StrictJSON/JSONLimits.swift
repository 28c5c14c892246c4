/// How much JSON text a reader accepts, and how its refusals describe the document.
///
/// A reader of user files states what its documents are like: the limits keep a wrong or
/// hostile file from costing more than a second or two, and the words let a refusal say
/// what a real document would be ("a profile is a few kilobytes").
public struct JSONLimits: Sendable {
  /// The largest text read, in bytes; a bigger file is refused before any parsing.
  public var maxBytes: Int
  /// The deepest nesting of objects and arrays.
  public var maxDepth: Int
  /// The most values (of any kind) in one text.
  public var maxValues: Int
  /// What the document is, in "not a JSON profile".
  public var noun: String
  /// What a real document weighs, after "the file is larger than 5 MB; ".
  public var usualSize: String
  /// How many values a real document holds, after "the file holds more than N values; ".
  public var usualValues: String
  /// How deep a real document nests, in parentheses after "nested too deeply".
  public var usualDepth: String
  /// What a zip archive given instead probably is, in "the file is a zip archive (…)".
  public var zipGuess: String

  public init(
    maxBytes: Int, maxDepth: Int, maxValues: Int, noun: String, usualSize: String, usualValues: String,
    usualDepth: String, zipGuess: String
  ) {
    self.maxBytes = maxBytes
    self.maxDepth = maxDepth
    self.maxValues = maxValues
    self.noun = noun
    self.usualSize = usualSize
    self.usualValues = usualValues
    self.usualDepth = usualDepth
    self.zipGuess = zipGuess
  }

  /// No limit at all: for a second pass over text already read within limits.
  static let unlimited = JSONLimits(
    maxBytes: .max, maxDepth: .max, maxValues: .max, noun: "document", usualSize: "", usualValues: "",
    usualDepth: "", zipGuess: "")
}
