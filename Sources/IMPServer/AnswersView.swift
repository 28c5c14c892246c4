import StrictJSON
import IMPRules

/// The engine's answers beside the form: the verdict, unmet rules and warnings, the
/// checklist with a tick for each item the client has handed over, the fees, every
/// category's verdict, and the packet download.
enum AnswersView {
  static func html(_ a: CaseAnswers, name: String, doc: OrderedJSON) -> String {
    var out = ""
    guard let plan = a.plan else {
      let links = a.issues.prefix(12).map { i in
        "<li><a href=\"#\(HTML.escape(HTML.fieldID(i.path)))\">\(HTML.escape(i.path.isEmpty ? "the file" : i.path))</a>: \(HTML.escape(i.message))</li>"
      }.joined()
      out += "<section class=\"verdict-box needs\" id=\"verdict\"><h2>Not ready</h2><p>Fix the \(a.issues.count == 1 ? "problem" : "\(a.issues.count) problems") shown at \(a.issues.count == 1 ? "its field" : "their fields"), then save.</p><ul class=\"unmet\">\(links)</ul></section>"
      out += assessments(a.assessments)
      return out
    }
    let eligible = plan.eligibility.eligible
    out += "<section class=\"verdict-box \(eligible ? "ok" : "no")\" id=\"verdict\"><h2>\(eligible ? "Eligible" : "Not eligible")</h2>"
    out += "<p>\(HTML.escape(plan.category.title)) — <b>\(HTML.escape(plan.category.code))</b>, \(HTML.escape(plan.category.permit.rawValue)) permit, \(HTML.escape(plan.category.legalBasis))</p>"
    if !plan.eligibility.unmet.isEmpty {
      out += "<ul class=\"unmet\">" + plan.eligibility.unmet.map { "<li>\(HTML.escape($0.message))</li>" }.joined() + "</ul>"
    }
    if eligible {
      out += "<p><a class=\"button\" id=\"download\" href=\"/cases/\(HTML.escape(name))/packet.zip\">Download the packet (zip)</a></p>"
    }
    out += "</section>"
    if !plan.eligibility.warnings.isEmpty {
      out += "<section class=\"warnings\"><h2>Warnings</h2><ul>" + plan.eligibility.warnings.map { "<li>\(HTML.escape($0.message))</li>" }.joined() + "</ul></section>"
    }

    // The checklist owns `provided`: a tick is an id in the list; ids of items this plan
    // does not list stay as they were.
    let listed = Set(plan.checklist.map(\.id))
    var kept: [String] = []
    if case .array(let items)? = doc["provided"] {
      kept = items.compactMap { if case .string(let s) = $0, !listed.contains(s) { s } else { nil } }
    }
    let missing = plan.checklist.filter { $0.status != "provided" }.count
    out += "<section class=\"checklist\" id=\"checklist\"><h2>Documents <small>\(missing) of \(plan.checklist.count) to collect</small></h2>"
    out += "<input type=\"hidden\" name=\"_checklist\" value=\"1\">"
    out += kept.map { "<input type=\"hidden\" name=\"provided\" value=\"\(HTML.escape($0))\">" }.joined()
    out += "<ul>"
    for item in plan.checklist {
      let id = "provided-" + item.id
      out += "<li class=\"\(HTML.escape(item.status))\"><label for=\"\(HTML.escape(id))\"><input type=\"checkbox\" name=\"provided\" id=\"\(HTML.escape(id))\" value=\"\(HTML.escape(item.id))\"\(item.status == "provided" ? " checked" : "")> "
      out += "\(HTML.escape(item.title))</label> <span class=\"status\">\(HTML.escape(item.status))\(item.required ? "" : ", optional")</span>"
      out += "<small>\(HTML.escape(item.reason))</small></li>"
    }
    out += "</ul></section>"

    out += "<section class=\"fees\" id=\"fees\"><h2>Fees <small>schedule of \(HTML.escape(plan.fees.schedule.description))</small></h2><table>"
    for line in plan.fees.lines {
      out += "<tr><td>\(HTML.escape(line.description))<small>\(HTML.escape(line.basis))</small></td><td>\(HTML.escape(line.payer.rawValue))</td><td class=\"num\">\(HTML.escape(line.amount.formatted))</td></tr>"
    }
    out += "<tr class=\"total\"><td>Applicant pays</td><td></td><td class=\"num\" id=\"total-applicant\">\(HTML.escape(plan.fees.totals.applicant.formatted))</td></tr>"
    out += "<tr class=\"total\"><td>Employer pays</td><td></td><td class=\"num\">\(HTML.escape(plan.fees.totals.employer.formatted))</td></tr>"
    out += "</table></section>"
    out += assessments(a.assessments)
    return out
  }

  /// Every category's verdict, with what a needs-facts verdict still needs (linked to its field).
  static func assessments(_ list: [Assessment]) -> String {
    guard !list.isEmpty else { return "" }
    var out = "<section class=\"assess\" id=\"assess\"><h2>Every category</h2><ul>"
    let order: [Assessment.Verdict] = [.eligible, .needsFacts, .notEligible]
    for v in order {
      for r in list where r.verdict == v {
        out += "<li class=\"\(HTML.escape(r.verdict.rawValue))\"><b>\(HTML.escape(r.verdict.rawValue))</b> \(HTML.escape(r.title)) (\(HTML.escape(r.category)))"
        if r.verdict == .needsFacts, !r.missingFacts.isEmpty {
          out += "<small>needs " + r.missingFacts.prefix(6).map { "<a href=\"#\(HTML.escape(HTML.fieldID($0)))\">\(HTML.escape($0))</a>" }.joined(separator: ", ") + "</small>"
        }
        if r.verdict == .notEligible, let first = r.unmet.first { out += "<small>\(HTML.escape(first.message))</small>" }
        out += "</li>"
      }
    }
    return out + "</ul></section>"
  }
}
