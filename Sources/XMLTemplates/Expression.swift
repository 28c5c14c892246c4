/// A value expression: a dotted path (`applicant.familyName`) or a quoted literal (`'n/a'`).
enum Expression: Sendable, Equatable {
  case path([String])
  case literal(String)

  /// Parses `source`, or returns a message saying what was expected.
  static func parse(_ source: Substring) -> Result<Expression, ExpressionSyntaxError> {
    let s = source.trimmingWhitespace()
    if s.isEmpty { return .failure(.init("expected a name or a quoted literal, found nothing")) }
    if s.first == "'" {
      guard s.count >= 2, s.last == "'" else {
        return .failure(.init("unterminated literal \(s)"))
      }
      let body = s.dropFirst().dropLast()
      if body.contains("'") { return .failure(.init("a literal cannot contain a quote: \(s)")) }
      return .success(.literal(String(body)))
    }
    let parts = s.split(separator: ".", omittingEmptySubsequences: false)
    for part in parts where !part.isIdentifier {
      return .failure(.init("'\(s)' is not a name path (letters, digits, '_' or '-', joined by '.')"))
    }
    return .success(.path(parts.map(String.init)))
  }

  var source: String {
    switch self {
    case .path(let p): p.joined(separator: ".")
    case .literal(let l): "'\(l)'"
    }
  }
}

/// A condition for `if`, `unless` and `omit-tag`: `expr`, `not expr`, `expr == 'x'`, `expr != 'x'`.
struct Condition: Sendable, Equatable {
  enum Test: Sendable, Equatable { case truthy, equals(Expression), notEquals(Expression) }
  var negated: Bool
  var subject: Expression
  var test: Test

  static func parse(_ source: Substring) -> Result<Condition, ExpressionSyntaxError> {
    var s = source.trimmingWhitespace()
    var negated = false
    if s.hasPrefix("not ") {
      negated = true
      s = s.dropFirst(4).trimmingWhitespace()
    }
    for (op, make) in [("!=", Test.notEquals), ("==", Test.equals)] {
      if let r = s.firstRange(of: op) {
        let lhs = Expression.parse(s[..<r.lowerBound])
        let rhs = Expression.parse(s[r.upperBound...])
        switch (lhs, rhs) {
        case (.success(let l), .success(let r)):
          return .success(Condition(negated: negated, subject: l, test: make(r)))
        case (.failure(let e), _), (_, .failure(let e)): return .failure(e)
        }
      }
    }
    return Expression.parse(s).map { Condition(negated: negated, subject: $0, test: .truthy) }
  }
}

/// `name expr; name expr` as used by `with` and `attr`.
struct Binding: Sendable, Equatable {
  var name: String
  var value: Expression

  static func parseList(_ source: String) -> Result<[Binding], ExpressionSyntaxError> {
    var out: [Binding] = []
    for clause in source.split(separator: ";") {
      let c = clause.trimmingWhitespace()
      if c.isEmpty { continue }
      guard let space = c.firstIndex(where: \.isWhitespace) else {
        return .failure(.init("expected 'name expression', found '\(c)'"))
      }
      let name = c[..<space]
      guard name.isIdentifier || name.isQualifiedName else {
        return .failure(.init("'\(name)' is not a valid name"))
      }
      switch Expression.parse(c[space...]) {
      case .success(let e): out.append(Binding(name: String(name), value: e))
      case .failure(let e): return .failure(e)
      }
    }
    if out.isEmpty { return .failure(.init("expected at least one 'name expression'")) }
    return .success(out)
  }
}

struct ExpressionSyntaxError: Error, Sendable {
  var message: String
  init(_ message: String) { self.message = message }
}

extension Substring {
  func trimmingWhitespace() -> Substring {
    var s = self
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return s
  }

  var isIdentifier: Bool {
    guard let first, first.isLetter || first == "_" else { return false }
    return allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
  }

  /// `xml:lang`, `xlink:href`.
  var isQualifiedName: Bool {
    let parts = split(separator: ":", omittingEmptySubsequences: false)
    return parts.count == 2 && parts.allSatisfy(\.isIdentifier)
  }
}
