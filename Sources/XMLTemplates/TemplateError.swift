/// A problem in a template or in rendering it, located so its author can fix it.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The template's file name (or the name it was given).
  public var file: String
  /// The 1-based line of the element that holds the directive, 0 when unknown.
  public var line: Int
  /// The directive (`t:text`), or nil for XML syntax errors.
  public var directive: String?
  public var message: String
  /// The template passed one of ``TemplateLimits``: rendering it again with other data
  /// would most likely pass it again, after spending the whole budget.
  public var exceedsLimit = false

  public init(file: String, line: Int, directive: String?, message: String, exceedsLimit: Bool = false) {
    self.file = file
    self.line = line
    self.directive = directive
    self.message = message
    self.exceedsLimit = exceedsLimit
  }

  public var description: String {
    let place = line > 0 ? "\(file):\(line)" : file
    if let directive { return "\(place): \(directive): \(message)" }
    return "\(place): \(message)"
  }
}

/// Every problem found while compiling a template or a template folder.
public struct TemplateErrors: Error, Sendable, CustomStringConvertible {
  public var errors: [TemplateError]
  public init(_ errors: [TemplateError]) { self.errors = errors }
  public var description: String { errors.map(\.description).joined(separator: "\n") }
}
