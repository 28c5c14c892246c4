import StrictJSON

/// Answers a form's questions (``FormQuestionList``) from a profile as read
/// (``Profile/source``), in IRCC's words (``IRCCLists``).
///
/// An absent key is a question to ask, never a default: a background question the
/// profile does not answer is never "No".
public struct FormAnswerer: Sendable {
  public let lists: IRCCLists

  public init(lists: IRCCLists) { self.lists = lists }

  /// The data sheet of `questions` for `profile`.
  public func sheet(_ questions: FormQuestionList, profile: Profile, case c: FormCase) -> FormSheet {
    let sections = questions.sections.map { s in
      FormSheet.Section(
        title: s.title, answers: s.questions.map { answer($0, profile.source, profile, c) })
    }
    return FormSheet(questions: questions, sections: sections)
  }

  /// One outcome of a rule: the words, or nil to ask; and a note.
  struct Outcome {
    var text: String?
    var state: FormSheet.State
    var note: String?
    static func given(_ t: String, _ note: String? = nil) -> Outcome { .init(text: t, state: .given, note: note) }
    static func derived(_ t: String, _ note: String) -> Outcome { .init(text: t, state: .derived, note: note) }
    static func ask(_ note: String? = nil) -> Outcome { .init(text: nil, state: .ask, note: note) }
    static let none = Outcome(text: "—", state: .notApplicable, note: nil)
  }

  func answer(_ q: FormQuestionList.Question, _ json: JSONValue, _ profile: Profile, _ c: FormCase)
    -> FormSheet.Answer
  {
    let rule = q.answer
    var keys = rule.keys ?? []
    if let k = rule.key { keys = rule.rows.map { ["\($0)[].\(k)"] } ?? [k] }
    func made(_ o: Outcome, values: [String]? = nil) -> FormSheet.Answer {
      .init(
        number: q.number, text: q.text, xfa: q.xfa, required: q.required, state: o.state,
        values: values ?? (o.text.map { [$0] } ?? []), keys: keys, note: o.note)
    }
    if let conditions = rule.onlyIf, !applies(conditions, json) { return made(.none) }
    if let derive = rule.derive {
      return made(FormDerivation(name: derive, answerer: self).outcome(json, profile, c))
    }
    if let rowsKey = rule.rows {
      guard case .array(var rows)? = json.at(rowsKey) else { return made(.ask()) }
      if let filter = rule.where {
        rows = rows.filter { row in filter.allSatisfy { row.at($0.key)?.stringValue == $0.value } }
      }
      if rows.isEmpty { return made(.none) }
      let outcomes = rows.map { value(rule, in: $0) }
      let state: FormSheet.State =
        outcomes.contains { $0.state == .ask } ? .ask : outcomes.contains { $0.state == .derived } ? .derived : .given
      let values = outcomes.enumerated().map { n, o in
        let row = rows.count > 1 || (rule.maxRows ?? 1) > 1 ? "\(n + 1): " : ""
        return row + (o.text ?? "ask the client")
      }
      var notes = Set(outcomes.compactMap(\.note)).sorted()
      if let max = rule.maxRows, rows.count > max {
        notes.append("the form has \(max) row\(max == 1 ? "" : "s"); the others go on a separate sheet")
      }
      return made(
        .init(text: nil, state: state, note: notes.isEmpty ? nil : notes.joined(separator: "; ")), values: values)
    }
    if rule.key == nil, rule.keys == nil { return made(.ask(rule.note)) }
    return made(value(rule, in: json))
  }

  /// Whether a question with `conditions` applies: some condition holds or is unknown.
  func applies(_ conditions: [FormQuestionList.Condition], _ json: JSONValue) -> Bool {
    conditions.contains { c in
      switch json.at(c.key) {
      case nil: true
      case .bool(let b)?: c.in.contains(b ? "true" : "false")
      case .string(let s)?: c.in.contains(s)
      default: true
      }
    }
  }

  /// The answer of `rule` read from `node` (the profile, or one row of a table).
  func value(_ rule: FormQuestionList.AnswerRule, in node: JSONValue) -> Outcome {
    if rule.format == "name", let keys = rule.keys ?? rule.key.map({ [$0, "givenNames"] }) {
      let parts = keys.compactMap { node.at($0)?.stringValue }
      return parts.isEmpty ? .ask() : .given(parts.joined(separator: ", "))
    }
    if rule.format == "address-or-mailing" {
      if let a = node.at("applicant.residentialAddress") { return .given(address(a)) }
      if node.at("applicant.residentialSameAsMailing") == .bool(true), let m = node.at("applicant.mailingAddress") {
        return .derived(address(m), "the mailing address: the residential address is the same")
      }
      return .ask()
    }
    if rule.format == "education-country", node.at("country") == nil, node.at("dliNumber") != nil {
      return .derived(lists.country("CA").text, "a DLI number: the school is in Canada")
    }
    if rule.format == "field-of-study" {
      let program = node.at("program")?.stringValue
      let credential = node.at("credential")?.stringValue
      guard let shown = program ?? credential else { return .ask() }
      return program != nil && credential != nil ? .given("\(shown) (\(credential!))") : .given(shown)
    }
    guard let key = rule.key else { return .ask(rule.note) }
    if rule.format == "period" {
      guard let from = node.at(key)?.stringValue else { return .ask() }
      return .given("from \(from) to \(node.at("to")?.stringValue ?? "(no end date given)")")
    }
    guard let v = node.at(key) else {
      if rule.format == "until", case .object = node { return .given("present (the current job)") }
      return .ask(rule.note)
    }
    switch rule.format {
    case "yes-no":
      guard case .bool(let b) = v else { return .ask() }
      return .given(b ? "Yes" : "No")
    case "yes-if-any":
      guard case .array(let items) = v else { return .ask() }
      return .given(items.isEmpty ? "No" : "Yes")
    case "address": return .given(address(v))
    case "phone": return .given(phone(v))
    case "lines":
      guard case .array(let items) = v else { return .ask() }
      return .given(items.compactMap(\.stringValue).joined(separator: "; "))
    default: break
    }
    switch v {
    case .string(let s): return label(s, list: rule.list)
    case .number(let n): return .given(n == n.rounded() ? String(Int(n)) : String(n))
    case .bool(let b): return .given(b ? "Yes" : "No")
    case .array(let items): return .given(items.compactMap(\.stringValue).joined(separator: ", "))
    case .object, .null: return .ask()
    }
  }

  /// `value` in the words of `list` (a country list, or a named code list).
  func label(_ value: String, list: String?) -> Outcome {
    guard let list else { return .given(value) }
    if list == "country" || list == "passportCountry" {
      let c = lists.country(value, passport: list == "passportCountry")
      return .given(c.text, c.note)
    }
    guard let l = lists.lists[list] else { return .ask("no IRCC list \(list)") }
    if let text = l.labels[value] { return .given(text, l.confirmed ? nil : "IRCC's exact words unconfirmed") }
    if list == "answer", value == "unknown" { return .ask("recorded as unknown") }
    if list == "province" { return .given(value) }
    return .ask(l.note ?? "\"\(value)\" has no entry in the form's list")
  }

  /// An address on one line, in the order the forms ask its parts.
  func address(_ v: JSONValue) -> String {
    let s = { (k: String) in v.at(k)?.stringValue }
    var parts: [String] = []
    if let box = s("poBox") { parts.append("P.O. Box \(box)") }
    let street = [s("streetNumber"), s("street")].compactMap { $0 }.joined(separator: " ")
    if let unit = s("unit") { parts.append(street.isEmpty ? "unit \(unit)" : "\(unit)-\(street)") } else if !street.isEmpty {
      parts.append(street)
    }
    parts += [s("line1"), s("line2"), s("city")].compactMap { $0 }
    parts += [[s("province"), s("postalCode")].compactMap { $0 }.joined(separator: " ")].filter { !$0.isEmpty }
    if let c = s("country") { parts.append(lists.country(c).text) }
    return parts.joined(separator: ", ")
  }

  /// A telephone number as the forms take it: type, country code, number, extension.
  func phone(_ v: JSONValue) -> String {
    let type = v.at("type")?.stringValue.flatMap { lists.lists["phoneType"]?.labels[$0] }
    let code = v.at("countryCode")?.stringValue.map { "+\($0) " } ?? ""
    let ext = v.at("extension")?.stringValue.map { " ext. \($0)" } ?? ""
    return [type.map { "\($0):" }, "\(code)\(v.at("number")?.stringValue ?? "")\(ext)"].compactMap { $0 }.joined(separator: " ")
  }
}
