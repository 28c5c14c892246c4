import Foundation
import StrictJSON
import Hummingbird
import IMPPacket
import IMPRules

/// The consultant's pages: the case list, a case's form with the engine's answers beside
/// it, and the packet and bundle downloads. Saving goes through ``CaseForm``; every answer
/// comes from the same ``Engine`` the API uses.
struct PageRoutes: Sendable {
  let engine: Engine
  let store: CaseStore
  let form: CaseForm
  let sections: Sections
  let access: Access
  let css: String
  let maxBody: Int

  func add(to router: Router<BasicRequestContext>) {
    router.get("static/app.css") { _, _ in
      var h = HTTPFields()
      h[.contentType] = "text/css; charset=utf-8"
      return Response(status: .ok, headers: h, body: .init(byteBuffer: ByteBuffer(string: css)))
    }
    router.get("/") { request, _ in caseList(sort: request.uri.queryParameters["sort"].map(String.init) ?? "case") }
    router.post("cases") { request, _ in try await newCase(request) }
    let cases = router.group("cases")
    cases.get(":name") { request, context in
      try casePage(context.parameters.require("name"), saved: request.uri.queryParameters["saved"] != nil)
    }
    cases.post(":name") { request, context in try await save(context.parameters.require("name"), request) }
    cases.get(":name/packet.zip") { _, context in try packet(context.parameters.require("name")) }
    let employers = router.group("employers")
    employers.get(":name") { _, context in try employerPage(context.parameters.require("name")) }
    employers.get(":name/bundle.zip") { _, context in try bundle(context.parameters.require("name")) }
  }

  // MARK: The case list

  /// One row of the case list.
  struct Row {
    var name: String
    var caseId: String
    var person: String
    var category: String
    var verdict: String
    var missing: Int?
  }

  func row(_ name: String) -> Row? {
    guard let data = store.read(name, limit: maxBody) else { return nil }
    let doc = OrderedJSON.parse(data)
    if Engine.isEmployerFile(doc) { return nil }
    let a = doc?["applicant"]
    let person = [a?["givenNames"], a?["familyName"]].compactMap { $0.map(Renderer.text) }.filter { !$0.isEmpty }.joined(separator: " ")
    var row = Row(name: name, caseId: doc?["caseId"].map(Renderer.text) ?? "", person: person, category: "", verdict: "invalid", missing: nil)
    guard case .success(let profile) = engine.read(data) else { return row }
    switch engine.plan(profile) {
    case .success(let plan):
      row.category = "\(plan.category.id) (\(plan.category.code))"
      row.verdict = plan.eligibility.eligible ? "eligible" : "not eligible"
      row.missing = plan.checklist.filter { $0.status != "provided" }.count
    case .failure:
      let likely = ((try? engine.assess(profile).get()) ?? []).filter { $0.verdict == .eligible }.map(\.category)
      row.category = likely.isEmpty ? "" : "? " + likely.joined(separator: ", ")
      row.verdict = "needs a category"
    }
    return row
  }

  func caseList(sort: String) -> Response {
    let names = store.names()
    var rows: [Row] = []
    var employerFiles: [String] = []
    for n in names {
      if let r = row(n) { rows.append(r) } else if store.read(n, limit: maxBody).flatMap(OrderedJSON.parse).map(Engine.isEmployerFile) == true {
        employerFiles.append(n)
      }
    }
    let key = sort.hasPrefix("-") ? String(sort.dropFirst()) : sort
    let descending = sort.hasPrefix("-")
    func field(_ r: Row) -> String {
      switch key {
      case "name": r.person.lowercased()
      case "category": r.category
      case "verdict": r.verdict
      case "missing": r.missing.map { String(format: "%06d", $0) } ?? "~"
      default: r.caseId.isEmpty ? r.name : r.caseId
      }
    }
    rows.sort { a, b in
      let (x, y) = (field(a), field(b))
      return x == y ? a.name < b.name : (descending ? x > y : x < y)
    }
    let columns = [("case", "Case"), ("name", "Name"), ("category", "Category and code"), ("verdict", "Verdict"), ("missing", "Documents missing")]
    let head = columns.map { k, t in
      let next = key == k && !descending ? "-\(k)" : k
      let mark = key == k ? (descending ? " ▼" : " ▲") : ""
      return "<th><a href=\"/?sort=\(next)\">\(HTML.escape(t))\(mark)</a></th>"
    }.joined()
    let body = rows.map { r in
      "<tr><td><a href=\"/cases/\(HTML.escape(r.name))\">\(HTML.escape(r.caseId.isEmpty ? r.name : r.caseId))</a></td>"
        + "<td>\(HTML.escape(r.person))</td><td>\(HTML.escape(r.category))</td>"
        + "<td class=\"verdict \(HTML.escape(r.verdict.replacingOccurrences(of: " ", with: "-")))\">\(HTML.escape(r.verdict))</td>"
        + "<td class=\"num\">\(r.missing.map(String.init) ?? "")</td></tr>"
    }.joined(separator: "\n")
    let employers = employerFiles.isEmpty ? "" :
      "<h2>Employer files</h2><ul>" + employerFiles.map { "<li><a href=\"/employers/\(HTML.escape($0))\">\(HTML.escape($0))</a></li>" }.joined() + "</ul>"
    let html = """
      <h1>Cases</h1>
      <table class="cases"><thead><tr>\(head)</tr></thead><tbody>
      \(body.isEmpty ? "<tr><td colspan=\"5\">No cases yet.</td></tr>" : body)
      </tbody></table>
      <form method="post" action="/cases" class="new">
      <input type="hidden" name="_csrf" value="\(access.csrf)">
      <label for="new-case">New case id</label>
      <input type="text" id="new-case" name="caseId" required pattern="[A-Za-z0-9_\\-][A-Za-z0-9._\\-]{0,63}" placeholder="2026-0150">
      <button type="submit">Create case</button>
      </form>
      \(employers)
      """
    return Replies.html(HTML.page(title: "Cases", body: html))
  }

  // MARK: Creating and saving

  /// A posted form: its fields, or the page that refuses it.
  enum Posted {
    case fields([String: [String]])
    case refused(Response)
  }

  /// The form fields of a posted body, once its size and CSRF token are checked.
  func formFields(_ request: Request) async throws -> Posted {
    guard let buffer = try await BoundedBody.read(request, limit: maxBody) else {
      return .refused(Replies.html(HTML.page(title: "Too large", body: "<h1>The form is too large</h1>"), status: 413))
    }
    let fields = FormBody.parse(String(decoding: buffer.readableBytesView, as: UTF8.self))
    guard let csrf = fields["_csrf"]?.first, Access.same(csrf, access.csrf) else {
      return .refused(Replies.html(HTML.page(title: "Refused", body: "<h1>The form is out of date</h1><p>Reload the page and send it again.</p>"), status: 403))
    }
    return .fields(fields)
  }

  func newCase(_ request: Request) async throws -> Response {
    let fields: [String: [String]]
    switch try await formFields(request) {
    case .fields(let f): fields = f
    case .refused(let r): return r
    }
    let id = (fields["caseId"]?.first ?? "").trimmingCharacters(in: .whitespaces)
    guard CaseStore.isName(id), id.count <= 64 else {
      return Replies.html(HTML.page(title: "New case", body: "<h1>New case</h1><p class=\"issue\">A case id is letters, digits, '-', '_' or '.', at most 64, not starting with '.'.</p><p><a href=\"/\">Back to the cases</a></p>"), status: 422)
    }
    let doc = OrderedJSON.object([("schemaVersion", .number("1")), ("caseId", .string(id))])
    do { try store.write(id, doc.text(), create: true) } catch {
      let exists = error.kind == .exists
      return Replies.html(HTML.page(title: "New case", body: "<h1>New case</h1><p class=\"issue\">\(exists ? "A case \(HTML.escape(id)) already exists." : "The case could not be written.")</p><p><a href=\"/\">Back to the cases</a></p>"), status: exists ? 409 : 500)
    }
    return Replies.redirect("/cases/\(id)")
  }

  func save(_ name: String, _ request: Request) async throws -> Response {
    guard CaseStore.isName(name) else { throw HTTPError(.notFound) }
    let fields: [String: [String]]
    switch try await formFields(request) {
    case .fields(let f): fields = f
    case .refused(let r): return r
    }
    let existing = store.read(name, limit: maxBody).flatMap(OrderedJSON.parse) ?? .object([])
    guard case .object = existing else { throw HTTPError(.conflict, message: "the file does not hold a JSON object") }
    let updated = form.apply(fields, to: existing, checklistOwnsProvided: fields["_checklist"] != nil)
    let ordered = updated.ordered(by: form.schema.keyOrder)
    do { try store.write(name, ordered.text()) } catch {
      return Replies.html(HTML.page(title: "Not saved", body: "<h1>The case could not be saved</h1><p>Nothing was changed on disk.</p>"), status: 500)
    }
    return Replies.redirect("/cases/\(name)?saved=1")
  }

  // MARK: A case

  func casePage(_ name: String, saved: Bool) throws -> Response {
    guard let data = store.read(name, limit: maxBody) else { throw HTTPError(.notFound) }
    guard let doc = OrderedJSON.parse(data), case .object = doc else {
      let issues: [ProfileIssue]
      if case .failure(let e) = engine.read(data) { issues = e.issues } else { issues = [] }
      let list = issues.map { "<li>\(HTML.escape($0.description))</li>" }.joined()
      return Replies.html(HTML.page(title: name, body: "<h1>\(HTML.escape(name))</h1><p class=\"issue\">This file is not a JSON object the form can show; fix it in an editor:</p><ul class=\"issues\">\(list)</ul>"), status: 422)
    }
    if Engine.isEmployerFile(doc) { return Replies.redirect("/employers/\(name)") }
    let answers = CaseAnswers(engine: engine, data: data)
    var issues: [String: [String]] = [:]
    for i in answers.issues { issues[i.path, default: []].append(i.message) }
    let present = doc.objectKeys
    let chosen = doc["category"].map(Renderer.text).flatMap { $0.isEmpty ? nil : engine.builder.catalog.category(idOrCode: $0)?.id }
    let likely = answers.assessments.filter { $0.verdict == .eligible }.map(\.category)
    let open = sections.needed(category: answers.plan?.category.id ?? chosen, likely: likely, present: present)
    let input = CaseForm.Input(
      doc: doc, issues: issues, open: open,
      categories: engine.builder.catalog.applicantCategories.map { ($0.id, $0.title) },
      checklistOwnsProvided: answers.plan != nil)
    let (fields, placed) = form.render(input)
    let unplaced = answers.issues.filter { !placed.contains($0.path) }
    let title = doc["caseId"].map(Renderer.text) ?? name
    let html = """
      <h1>Case \(HTML.escape(title))</h1>
      \(saved ? "<p class=\"saved\" role=\"status\">Saved.</p>" : "")
      <form method="post" action="/cases/\(HTML.escape(name))" class="case" novalidate>
      <input type="hidden" name="_csrf" value="\(access.csrf)">
      <div class="layout">
      <div class="fields">
      \(unplaced.isEmpty ? "" : "<ul class=\"issues\" id=\"issues\">" + unplaced.map { "<li>\(HTML.escape($0.description))</li>" }.joined() + "</ul>")
      \(fields)
      <p><button type="submit" class="save">Save</button></p>
      </div>
      <aside>
      <p><button type="submit" class="save">Save and check</button></p>
      \(AnswersView.html(answers, name: name, doc: doc))
      </aside>
      </div>
      </form>
      """
    return Replies.html(HTML.page(title: "Case \(title)", body: html))
  }

  func packet(_ name: String) throws -> Response {
    guard let data = store.read(name, limit: maxBody) else { throw HTTPError(.notFound) }
    let result = engine.read(data).flatMap { p in engine.packet(p, bytes: data).map { (p, $0.1) } }
    switch result {
    case .success(let (profile, bytes)): return Replies.zip(bytes, name: Engine.zipName(profile.caseId))
    case .failure(let e):
      let list = e.issues.map { "<li>\(HTML.escape($0.description))</li>" }.joined()
      return Replies.html(HTML.page(title: "No packet", body: "<h1>No packet for this case yet</h1><ul class=\"issues\">\(list)</ul><p><a href=\"/cases/\(HTML.escape(name))\">Back to the case</a></p>"), status: e.status)
    }
  }

  // MARK: Employer files

  func employerPage(_ name: String) throws -> Response {
    guard let data = store.read(name, limit: maxBody) else { throw HTTPError(.notFound) }
    switch engine.employerBundle(data) {
    case .failure(let e):
      let list = e.issues.map { "<li>\(HTML.escape($0.description))</li>" }.joined()
      return Replies.html(HTML.page(title: name, body: "<h1>Employer file \(HTML.escape(name))</h1><ul class=\"issues\">\(list)</ul>"), status: e.status)
    case .success(let b):
      let rows = b.outcomes.map { o in
        "<tr><td>\(HTML.escape(o.offerId))</td><td>\(HTML.escape([o.category, o.code.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")))</td>"
          + "<td class=\"verdict\">\(HTML.escape(o.status.rawValue))</td><td class=\"num\">\(HTML.escape((o.complianceFee ?? .zero).formatted))</td>"
          + "<td>\(o.problems.map { HTML.escape($0) }.joined(separator: "<br>"))</td></tr>"
      }.joined()
      let html = """
        <h1>Employer file \(HTML.escape(name))</h1>
        <table class="cases"><thead><tr><th>Offer</th><th>Category</th><th>Status</th><th>Compliance fee</th><th>Problems</th></tr></thead>
        <tbody>\(rows)</tbody></table>
        <p><a class="button" href="/employers/\(HTML.escape(name))/bundle.zip">Download the bundle (zip)</a></p>
        """
      return Replies.html(HTML.page(title: "Employer \(name)", body: html))
    }
  }

  func bundle(_ name: String) throws -> Response {
    guard let data = store.read(name, limit: maxBody) else { throw HTTPError(.notFound) }
    switch engine.employerBundle(data) {
    case .success(let b): return Replies.zip(b.bytes, name: Engine.zipName(name), exitCode: b.exitCode)
    case .failure(let e): return Replies.html(HTML.page(title: name, body: "<h1>No bundle</h1>"), status: e.status)
    }
  }
}

/// What the engine says of one saved case: its problems, or its plan and assessments.
struct CaseAnswers {
  var issues: [ProfileIssue] = []
  var plan: Plan?
  var assessments: [Assessment] = []

  init(engine: Engine, data: Data) {
    switch engine.read(data) {
    case .failure(let e): issues = e.issues
    case .success(let profile):
      assessments = (try? engine.assess(profile).get()) ?? []
      switch engine.plan(profile) {
      case .success(let p): plan = p
      case .failure(let e): issues = e.issues
      }
    }
  }
}

/// `application/x-www-form-urlencoded` text as its fields, each with every value sent.
enum FormBody {
  static func parse(_ text: String) -> [String: [String]] {
    var out: [String: [String]] = [:]
    for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      func decode(_ s: Substring) -> String {
        String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
      }
      out[decode(parts[0]), default: []].append(parts.count > 1 ? decode(parts[1]) : "")
    }
    return out
  }
}

extension OrderedJSON {
  /// The keys of an object holding something (not null), in order.
  var objectKeys: [String] {
    guard case .object(let f) = self else { return [] }
    return f.filter { $0.value != .null }.map(\.key)
  }
}
