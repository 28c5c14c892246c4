/// One problem in a JSON document: where (its JSON path) and what was expected.
public struct JSONIssue: Error, Sendable, Equatable, Codable, CustomStringConvertible {
  /// Keys joined by "." and array indices in brackets (`a.b[0].c`); empty for the whole file.
  public var path: String
  public var message: String
  /// Where in the file the problem is (1-based), when the text says: the value or key at
  /// `path`, or for a missing key the object that should hold it.
  public var line: Int?
  public var column: Int?

  public init(path: String, message: String, line: Int? = nil, column: Int? = nil) {
    self.path = path
    self.message = message
    self.line = line
    self.column = column
  }

  public init(path: String, message: String, at position: TextPosition?) {
    self.init(path: path, message: message, line: position?.line, column: position?.column)
  }

  /// Where the problem is, when both line and column are known.
  public var position: TextPosition? {
    guard let line, let column else { return nil }
    return TextPosition(line: line, column: column)
  }

  /// `path (line L, column C): message`, leaving out what is not known. Control characters
  /// (from a key or value in the file) are shown escaped, never sent raw to a terminal.
  public var description: String {
    let place = [path.isEmpty ? nil : path, position.map { path.isEmpty ? "\($0)" : "(\($0))" }]
      .compactMap { $0 }.joined(separator: " ")
    return (place.isEmpty ? message : "\(place): \(message)").escapingControlCharacters
  }
}

/// Every problem found in one document.
///
/// A file with very many problems lists the first ``maxListed`` and then one line that says
/// how many more there are: a consultant fixes those first, and a runaway file cannot flood
/// the terminal or memory.
public struct JSONIssues: Error, Sendable, CustomStringConvertible {
  public static let maxListed = 100
  public var issues: [JSONIssue]
  /// The file could not be opened or read at all (exit 66, like any input that cannot be
  /// opened), rather than read and found wrong (65).
  public var unreadable = false

  /// All of `issues`, listed.
  public init(_ issues: [JSONIssue]) { self.issues = issues }

  /// The file could not be read: `message` says why.
  public static func unreadable(_ message: String) -> JSONIssues {
    var e = JSONIssues([JSONIssue(path: "", message: message)])
    e.unreadable = true
    return e
  }

  /// The first ``maxListed`` of `issues`, and a line that counts the rest and `unlisted` more.
  public init(_ issues: [JSONIssue], unlisted: Int) {
    let more = unlisted + max(0, issues.count - Self.maxListed)
    self.issues = Array(issues.prefix(Self.maxListed))
    if more > 0 {
      self.issues.append(JSONIssue(path: "", message: "\(more) more problems not listed; fix these first"))
    }
  }

  public var description: String { issues.map(\.description).joined(separator: "\n") }
}
