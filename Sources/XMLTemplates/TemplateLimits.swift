/// Bounds that turn a runaway template into an error naming its file and line.
///
/// A template folder (`--templates`) is a consultant's own work, edited by hand: a pasted
/// block repeated 80,000 times, two fragments that pull each other in twice, or `t:each`
/// loops nested eight deep would otherwise take minutes and gigabytes, or give a page of
/// hundreds of megabytes. Each bound is far above what the shipped templates use (about
/// 8 KB, 200 elements and 12 levels a file; under 100 KB a page) and far below what would
/// hurt a batch of thousands.
public enum TemplateLimits {
  /// The largest template file, in bytes (checked before libxml2 parses it).
  public static let maxFileBytes = 1 << 20

  /// The most elements one template file may hold.
  public static let maxElementsPerFile = 20_000

  /// The deepest nesting of elements, counting those that `t:replace` pulls in from
  /// fragments (which may pull in others).
  public static let maxDepth = 128

  /// The most elements a page or fragment may hold once every `t:replace` in it is
  /// expanded: fragments that include others several times multiply.
  public static let maxExpandedElements = 50_000

  /// The most bytes one rendering may write: below `verify`'s 64 MiB cap on an entry, so
  /// a page that renders is a page a packet can hold.
  public static let maxOutputBytes = 8 << 20

  /// The most elements one rendering may visit, every copy that `t:each` makes counted:
  /// nested loops multiply even when they write little.
  public static let maxRenderedElements = 200_000

  static func fileTooLarge(_ name: String, bytes: Int) -> TemplateError {
    TemplateError(
      file: name, line: 0, directive: nil,
      message: "the file is \(bytes) bytes; a template may be at most \(maxFileBytes) (TemplateLimits.maxFileBytes)",
      exceedsLimit: true)
  }
}
