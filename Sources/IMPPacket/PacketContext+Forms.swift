import IMPRules
import XMLTemplates

/// The form data sheets in the names templates see: `sheet` on a data sheet's page, and
/// each of `forms` with its sheet's file and the required questions still to ask.
extension PacketContext {
  /// Adds `sheets` to the `forms` list of `context`.
  static func addForms(_ sheets: [FormSheet], wording w: Wording, to context: inout [String: TemplateValue]) {
    guard case .list(let forms)? = context["forms"] else { return }
    let byForm = Dictionary(sheets.map { ($0.form, $0) }, uniquingKeysWith: { a, _ in a })
    context["forms"] = .list(
      forms.map { entry in
        guard case .object(var f) = entry, case .string(let form)? = f["form"], let sheet = byForm[form] else {
          return entry
        }
        f["sheet"] = .string(FormLibrary.sheetFile(form))
        let ask = sheet.unansweredRequired
        // By section, as the form numbers its questions: numbering restarts in each.
        let sections = sheet.sections.compactMap { s -> String? in
          var numbers: [String] = []
          for a in s.answers where a.required && a.state == .ask && !numbers.contains(a.number) { numbers.append(a.number) }
          return numbers.isEmpty ? nil : "\(s.title) \(numbers.joined(separator: ", "))"
        }
        f["ask"] =
          ask.isEmpty
          ? .null
          : .string(
            w.phrase(
              ask.count == 1 ? "forms.askOne" : "forms.askMany",
              ["count": String(ask.count), "sections": sections.joined(separator: "; ")]))
        return .object(f)
      })
  }

  /// The names the data sheet template reads for `sheet`.
  static func sheetValue(_ sheet: FormSheet) -> TemplateValue {
    let required = sheet.answers.filter(\.required)
    let ask = sheet.unansweredRequired
    return [
      "form": .string(sheet.form), "title": .string(sheet.questions.title), "edition": .string(sheet.questions.edition),
      "source": .string(sheet.questions.source),
      "wordingNote": sheet.questions.wordingConfirmed
        ? nil : "The wording was not read from this form's own template; check each question against the form.",
      "requiredText": .string(
        required.isEmpty
          ? "No question of this form is marked required"
          : "\(required.count - ask.count) of \(required.count) required questions answered"),
      "askText": ask.isEmpty ? nil : .string("\(ask.count) required question\(ask.count == 1 ? "" : "s") to ask the client"),
      "sections": .list(
        sheet.sections.map { s in
          [
            "title": .string(s.title),
            "answers": .list(s.answers.map(answerValue)),
          ]
        }),
    ]
  }

  static let stateText: [FormSheet.State: String] = [
    .given: "", .derived: "derived", .notApplicable: "does not apply", .ask: "",
  ]

  /// Per state, the names that depend only on it (made once, not once per answer).
  private static let stateNames: [FormSheet.State: (state: TemplateValue, text: TemplateValue, rowClass: TemplateValue)] =
    Dictionary(
      uniqueKeysWithValues: [FormSheet.State.given, .derived, .notApplicable, .ask].map { s in
        (s, (.string(s.rawValue), TemplateValue(stateText[s].flatMap { $0.isEmpty ? nil : $0 }), .string("answer answer-\(s.rawValue)")))
      })

  static func answerValue(_ a: FormSheet.Answer) -> TemplateValue {
    let values: [TemplateValue] = a.values.isEmpty ? [] : a.values.map { .string($0) }
    let byState = stateNames[a.state]!
    return [
      "number": .string(a.number), "text": .string(a.text), "required": .bool(a.required), "xfa": .string(a.xfa),
      "values": .list(values), "ask": .bool(a.state == .ask && a.values.isEmpty),
      "state": byState.state, "stateText": byState.text, "rowClass": byState.rowClass,
      "keys": .string(a.keys.isEmpty ? "—" : a.keys.count == 1 ? a.keys[0] : a.keys.joined(separator: ", ")),
      "note": TemplateValue(a.note),
    ]
  }
}
