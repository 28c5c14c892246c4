import StrictJSON

/// Reads a ``JSONValue`` into typed fields while collecting every problem with its path.
///
/// Nothing stops at the first mistake: each accessor records what was expected and
/// returns nil, so one run reports all problems of a file.
final class FieldReader {
  var issues: [ProfileIssue] = []
  /// Problems found beyond ``ProfileErrors/maxListed``: counted, not kept.
  var unlisted = 0
  /// Paths offered for a misspelt key: the typo's message says all there is about them.
  var suggested: Set<String> = []

  /// Adds what `vocabulary` finds in `json` at paths not already reported (a value of the
  /// wrong type there is reported as such, once).
  func check(_ json: JSONValue, against vocabulary: ProfileVocabulary?, on date: CivilDate) {
    guard let vocabulary else { return }
    let reported = Set(issues.map(\.path))
    for issue in vocabulary.issues(in: json, on: date) where !reported.contains(issue.path) {
      report(issue.path, issue.message)
    }
  }

  func report(_ path: String, _ message: String) {
    if issues.count < ProfileErrors.maxListed {
      issues.append(ProfileIssue(path: path, message: message))
    } else {
      unlisted += 1
    }
  }

  /// Whether `value` is anything but text holding a control character or noncharacter
  /// (`\u0000`, `\u001b`, `\u0085`, `\uffff`): names and addresses go into XHTML pages,
  /// which cannot hold them. Reports the field when it is such text.
  func printable(_ value: JSONValue, at path: String) -> Bool {
    guard case .string(let s) = value, let bad = s.firstControlOrNoncharacter else { return true }
    report(
      path,
      "expected text without control characters; character \(bad.position) is \(bad.scalar.codePointName), "
        + "which the documents cannot hold")
    return false
  }

  /// An object at `path` whose keys must all be in `keys` (or start with `x-`).
  func object(_ value: JSONValue?, at path: String, keys: [String]) -> ObjectReader? {
    guard let value, value != .null else { return nil }
    guard case .object(let fields) = value else {
      report(path, "expected an object, got \(value.kindName)")
      return nil
    }
    for key in fields.keys.sorted() where !key.hasPrefix("x-") && !keys.contains(key) {
      if issues.count >= ProfileErrors.maxListed {
        unlisted += 1
        continue
      }
      let p = path.isEmpty ? key : "\(path).\(key)"
      if let near = FieldReader.nearest(key, in: keys) {
        report(p, "unknown key; did you mean \"\(near)\"?")
        suggested.insert(path.isEmpty ? near : "\(path).\(near)")
      } else {
        // A long list would bury the message: the first keys, and how many there are.
        let shown = keys.count <= 12 ? keys.joined(separator: ", ") : keys.prefix(10).joined(separator: ", ") + ", … (\(keys.count) keys in all; the format reference lists them)"
        report(p, "unknown key; expected one of: \(shown)")
      }
    }
    return ObjectReader(fields: fields, path: path, reader: self)
  }

  /// The key of `keys` closest to `key` (case-insensitively, by edit distance), if close enough;
  /// else the one key that `key` begins (`expiry` for `expiryDate`).
  static func nearest(_ key: String, in keys: [String]) -> String? {
    let k = Array(key.lowercased())
    var best: (String, Int)?
    for candidate in keys {
      let d = editDistance(k, Array(candidate.lowercased()))
      if d <= max(2, candidate.count / 3), d < (best?.1 ?? .max) { best = (candidate, d) }
    }
    if let best { return best.0 }
    let extended = keys.filter { key.count >= 3 && $0.lowercased().hasPrefix(key.lowercased()) }
    return extended.count == 1 ? extended[0] : nil
  }

  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = prev
    for i in 1...a.count {
      cur[0] = i
      for j in 1...b.count {
        cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&prev, &cur)
    }
    return prev[b.count]
  }
}

/// The fields of one JSON object, read by key.
struct ObjectReader {
  let fields: [String: JSONValue]
  let path: String
  let reader: FieldReader

  func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  /// The raw value, with JSON null treated as absent; reports a missing required key, and
  /// text that holds a character no document can show (see ``FieldReader/printable(_:at:)``).
  func value(_ key: String, required: Bool) -> JSONValue? {
    guard let v = fields[key], v != .null else {
      if required && !reader.suggested.contains(path(key)) {
        reader.report(path(key), fields[key] == nil ? "required, but missing" : "required, but null")
      }
      return nil
    }
    return reader.printable(v, at: path(key)) ? v : nil
  }

  private func expect<T>(_ key: String, _ required: Bool, _ what: String, _ convert: (JSONValue) -> T?) -> T? {
    guard let v = value(key, required: required) else { return nil }
    if let t = convert(v) { return t }
    reader.report(path(key), "expected \(what), got \(v.shortDescription)")
    return nil
  }

  func string(_ key: String, required: Bool = false, maxLength: Int = 200) -> String? {
    guard let s: String = expect(key, required, "a string", { if case .string(let s) = $0 { s } else { nil } })
    else { return nil }
    if required && s.allSatisfy(\.isWhitespace) {
      reader.report(path(key), "required, but empty")
      return nil
    }
    if s.count > maxLength {
      reader.report(path(key), "expected at most \(maxLength) characters, got \(s.count)")
      return nil
    }
    return s
  }

  /// A string that must satisfy `valid`; `what` describes the expected form.
  func string(_ key: String, required: Bool = false, _ what: String, valid: (String) -> Bool) -> String? {
    guard let v = value(key, required: required) else { return nil }
    if case .string(let s) = v, valid(s) { return s }
    reader.report(path(key), "expected \(what), got \(v.shortDescription)")
    return nil
  }

  func bool(_ key: String, required: Bool = false) -> Bool? {
    expect(key, required, "true or false", { if case .bool(let b) = $0 { b } else { nil } })
  }

  func int(_ key: String, required: Bool = false, in range: ClosedRange<Int>) -> Int? {
    expect(key, required, "a whole number from \(range.lowerBound) to \(range.upperBound)") {
      if case .number(let n) = $0, n == n.rounded(), n >= Double(range.lowerBound), n <= Double(range.upperBound) {
        Int(n)
      } else {
        nil
      }
    }
  }

  /// A date `YYYY-MM-DD` within ``CivilDate/accepted``.
  func date(_ key: String, required: Bool = false) -> CivilDate? {
    guard let d = expect(key, required, "a date YYYY-MM-DD", { if case .string(let s) = $0 { CivilDate(s) } else { nil } })
    else { return nil }
    guard CivilDate.accepted.contains(d) else {
      reader.report(path(key), "expected \(CivilDate.acceptedDescription), got \(d)")
      return nil
    }
    return d
  }

  func money(_ key: String, required: Bool = false) -> Money? {
    expect(key, required, "a CAD amount as a decimal string like \"55.00\"") {
      if case .string(let s) = $0 { Money(s) } else { nil }
    }
  }

  /// One of `allowed`; a near miss (`"masters"`) is answered with the value meant.
  func choice(_ key: String, required: Bool = false, _ allowed: [String]) -> String? {
    guard let v = value(key, required: required) else { return nil }
    if case .string(let s) = v, allowed.contains(s) { return s }
    var message = "expected one of \(allowed.map { "\"\($0)\"" }.joined(separator: ", ")), got \(v.shortDescription)"
    if case .string(let s) = v, let near = FieldReader.nearest(s, in: allowed) {
      message += "; did you mean \"\(near)\"?"
    }
    reader.report(path(key), message)
    return nil
  }

  func country(_ key: String, required: Bool = false) -> String? {
    guard let v = value(key, required: required) else { return nil }
    if case .string(let s) = v, CountryCodes.all.contains(s) { return s }
    reader.report(path(key), ObjectReader.notACountry(v, "an ISO 3166-1 alpha-2 country code like \"MX\""))
    return nil
  }

  /// An array of ISO 3166-1 alpha-2 codes; a name or alpha-3 code (`"USA"`) is answered with the code meant.
  func countries(_ key: String, _ what: String = "an ISO 3166-1 alpha-2 country code like \"MX\"") -> [String]? {
    guard let items = array(key) else { return nil }
    var out: [String] = []
    for (v, p) in items {
      if case .string(let s) = v, CountryCodes.all.contains(s) { out.append(s) } else { reader.report(p, ObjectReader.notACountry(v, what)) }
    }
    return out
  }

  /// The message for a value that is not a country code, with the code meant when the value
  /// is a country's name, its alpha-3 code or its code in lower case.
  static func notACountry(_ v: JSONValue, _ what: String) -> String {
    var message = "expected \(what), got \(v.shortDescription)"
    if case .string(let s) = v, let code = CountryCodes.meant[s.trimmingSpaces.lowercased()] {
      message += "; did you mean \"\(code)\"?"
    }
    return message
  }

  /// A Canadian province or territory code; its name (`"Ontario"`) is answered with the code meant.
  func province(_ key: String, required: Bool = false) -> String? {
    guard let v = value(key, required: required) else { return nil }
    if case .string(let s) = v, ProfileFormat.provinces.contains(s) { return s }
    var message =
      "expected one of \(ProfileFormat.provinces.map { "\"\($0)\"" }.joined(separator: ", ")), got \(v.shortDescription)"
    if case .string(let s) = v,
      let code = CountryCodes.provinceMeant[s.trimmingSpaces.lowercased()]
        ?? FieldReader.nearest(s, in: ProfileFormat.provinces)
    {
      message += "; did you mean \"\(code)\"?"
    }
    reader.report(path(key), message)
    return nil
  }

  func noc(_ key: String) -> String? {
    string(key, "a NOC 2021 code: five digits, the second (the TEER) 0 to 5", valid: ProfileFormat.isNOC)
  }

  func email(_ key: String) -> String? { string(key, "an e-mail address", valid: ProfileFormat.isEmail) }

  enum DateOrder: String {
    case before, after
    case onOrBefore = "on or before"
    case onOrAfter = "on or after"
  }

  /// Reports `key` unless `date` is `order` `other` (`otherName` says what that is); silent when either is unknown.
  func expect(_ key: String, _ date: CivilDate?, _ order: DateOrder, _ otherName: String, _ other: CivilDate?) {
    guard let date, let other else { return }
    let holds =
      switch order {
      case .before: date < other
      case .after: date > other
      case .onOrBefore: date <= other
      case .onOrAfter: date >= other
      }
    // Only the value being fixed is shown: the other date may be someone's date of birth.
    if !holds { reader.report(path(key), "expected a date \(order.rawValue) \(otherName), got \(date)") }
  }

  func object(_ key: String, required: Bool = false, keys: [String]) -> ObjectReader? {
    guard let v = value(key, required: required) else { return nil }
    return reader.object(v, at: path(key), keys: keys)
  }

  /// The elements of an array, each with its path (`education[2]`).
  func array(_ key: String, required: Bool = false) -> [(JSONValue, String)]? {
    guard let v = value(key, required: required) else { return nil }
    guard case .array(let items) = v else {
      reader.report(path(key), "expected an array, got \(v.kindName)")
      return nil
    }
    return items.enumerated().compactMap { item in
      let p = "\(path(key))[\(item.offset)]"
      return reader.printable(item.element, at: p) ? (item.element, p) : nil
    }
  }

  func strings(_ key: String, _ what: String, valid: (String) -> Bool) -> [String]? {
    guard let items = array(key) else { return nil }
    var out: [String] = []
    for (v, p) in items {
      if case .string(let s) = v, valid(s) { out.append(s) } else { reader.report(p, "expected \(what), got \(v.shortDescription)") }
    }
    return out
  }
}

extension String {
  /// The string without leading and trailing spaces.
  fileprivate var trimmingSpaces: String {
    String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
