import ZipPacket

/// What happened to one input of a batch: a line of `report.json` and of `report.csv`.
public struct BatchRow: Sendable, Codable {
  public enum Status: String, Sendable, Codable {
    /// The packet was written.
    case ok
    /// `--resume`: the packet already existed and was made from the same profile,
    /// catalog, templates and tool version.
    case skipped
    /// No packet: ``BatchRow/errors`` says why.
    case failed
  }

  /// One reason a profile failed: a field of the profile (its JSON path), a rule of the
  /// catalog, or neither (a template or write failure).
  public struct Issue: Sendable, Equatable, Codable {
    public var path: String?
    public var rule: String?
    public var message: String

    /// The rule of a profile whose packet exists already and was not replaced.
    public static let packetExists = "output.exists"
  }

  /// `path` or `path:line`.
  public var input: String
  public var status: Status
  /// 0, or the exit code `generate` would give for this profile alone.
  public var exitCode: Int32 = 0
  public var caseId: String?
  public var category: String?
  public var code: String?
  public var eligible: Bool?
  public var applicantTotal: String?
  public var employerTotal: String?
  /// Fees whose amounts the catalog cannot vouch for on the submission date (after its review date).
  public var feesToCheck: [String] = []
  /// The packet's path.
  public var output: String?
  public var errors: [Issue] = []
  /// The family applying together with the applicant, when there is one.
  public var family: Family?

  /// A family applying together, as a report line gives it: each member's application
  /// and code, and the whole group's totals by payer (the applicant's fees included).
  public struct Family: Sendable, Equatable, Codable {
    public struct Member: Sendable, Equatable, Codable {
      /// `spouse`, `child-1`…
      public var member: String
      /// `work-permit`, `study-permit`, `visitor-record` or `none`.
      public var application: String
      /// The exemption code sought (`C41`); empty for an application outside the IMP.
      public var code: String
    }
    public var members: [Member]
    public var applicantTotal: String
    public var employerTotal: String
  }

  /// `family_members`: the number of members applying together; 0 for a planned case
  /// without a family, empty when nothing was planned.
  var familyCount: String? {
    family.map { String($0.members.count) } ?? (category == nil ? nil : "0")
  }

  /// `family_codes`: `spouse C41; child-1 study-permit` (the application where there is no code).
  var familyCodes: String? {
    family?.members.map { "\($0.member) \($0.code.isEmpty ? $0.application : $0.code)" }.joined(separator: "; ")
  }
}

/// Streams `report.json` and `report.csv` into the output folder, a row at a time, so a
/// batch of any size holds only the rows not yet written. Both files appear when the
/// batch finishes, whole (an interrupted batch leaves the previous reports, if any).
final class BatchReportWriter {
  let jsonPath: String
  let csvPath: String
  private let json: AtomicStream
  private let csv: AtomicStream
  private var rows = 0

  static let csvHeader =
    "input,status,exit_code,case_id,category,code,eligible,applicant_total,employer_total,fees_to_check,output,errors,"
    + "family_members,family_applicant_total,family_employer_total,family_codes\n"

  /// - Parameter name: `report`, or `report-K-of-N` for a shard.
  init(directory: String, name: String, header: [(String, String?)]) throws(ZipError) {
    jsonPath = directory + "/" + name + ".json"
    csvPath = directory + "/" + name + ".csv"
    json = try AtomicStream(path: jsonPath)
    csv = try AtomicStream(path: csvPath)
    json.write("{\n" + header.map { "  \(JSONText.quoted($0.0)): \(JSONText.value($0.1)),\n" }.joined() + "  \"inputs\": [")
    csv.write(BatchReportWriter.csvHeader)
  }

  /// The row's JSON object (one line) and CSV record; made by the worker that has the row.
  static func encode(_ row: BatchRow) -> (json: String, csv: String) {
    var j = "{\"input\": \(JSONText.quoted(row.input)), \"status\": \"\(row.status.rawValue)\", \"exitCode\": \(row.exitCode)"
    j += ", \"caseId\": \(JSONText.value(row.caseId)), \"category\": \(JSONText.value(row.category))"
    j += ", \"code\": \(JSONText.value(row.code)), \"eligible\": \(row.eligible.map { $0 ? "true" : "false" } ?? "null")"
    j += ", \"fees\": {\"applicant\": \(JSONText.value(row.applicantTotal)), \"employer\": \(JSONText.value(row.employerTotal))"
    j += ", \"toCheck\": [\(row.feesToCheck.map(JSONText.quoted).joined(separator: ", "))]}"
    j += ", \"output\": \(JSONText.value(row.output)), \"errors\": ["
    j += row.errors.map { e in
      "{\"path\": \(JSONText.value(e.path)), \"rule\": \(JSONText.value(e.rule)), \"message\": \(JSONText.quoted(e.message))}"
    }.joined(separator: ", ")
    j += "], \"family\": "
    if let f = row.family {
      j += "{\"members\": ["
      j += f.members.map { m in
        "{\"member\": \(JSONText.quoted(m.member)), \"application\": \(JSONText.quoted(m.application)), \"code\": \(JSONText.quoted(m.code))}"
      }.joined(separator: ", ")
      j += "], \"totals\": {\"applicant\": \(JSONText.quoted(f.applicantTotal)), \"employer\": \(JSONText.quoted(f.employerTotal))}}"
    } else {
      j += "null"
    }
    j += "}"

    let errors = row.errors.map { e in (e.path ?? e.rule).map { "\($0): \(e.message)" } ?? e.message }
    // Text that comes from the inputs (file names, case ids, what a profile holds, quoted in
    // its errors) could start with `=`: a spreadsheet opening report.csv would run it. Those
    // cells are neutralized; the tool's own (status, codes, amounts, counts) are as they are.
    let fields: [(String?, fromInput: Bool)] = [
      (row.input, true), (row.status.rawValue, false), (String(row.exitCode), false), (row.caseId, true),
      (row.category, false), (row.code, false), (row.eligible.map { $0 ? "true" : "false" }, false),
      (row.applicantTotal, false), (row.employerTotal, false), (row.feesToCheck.joined(separator: "; "), false),
      (row.output, true), (errors.joined(separator: "; "), true), (row.familyCount, false),
      (row.family?.applicantTotal, false), (row.family?.employerTotal, false), (row.familyCodes, false),
    ]
    let csv = fields.map { CSVText.field($0.0 ?? "", neutralizingFormulas: $0.fromInput) }.joined(separator: ",")
    return (j, csv + "\n")
  }

  func append(_ encoded: (json: String, csv: String)) {
    json.write((rows == 0 ? "\n    " : ",\n    ") + encoded.json)
    csv.write(encoded.csv)
    rows += 1
  }

  /// Writes the summary, then flushes both files and moves them into place.
  func finish(summary: [(String, Int)]) throws(ZipError) {
    json.write((rows == 0 ? "" : "\n  ") + "],\n  \"summary\": {")
    json.write(summary.map { "\(JSONText.quoted($0.0)): \($0.1)" }.joined(separator: ", ") + "}\n}\n")
    do { try json.commit() } catch {
      csv.discard()  // the process may exit before deinit would remove it
      throw error
    }
    try csv.commit()
  }
}

/// JSON text for report values.
enum JSONText {
  static func value(_ s: String?) -> String { s.map(quoted) ?? "null" }

  /// A JSON string literal, escaped by the one escaper `plan.json` uses too.
  static func quoted(_ s: String) -> String {
    var out: [UInt8] = []
    PrettyJSON.quote(s, to: &out)
    return String(decoding: out, as: UTF8.self)
  }
}

/// CSV fields as RFC 4180 writes them.
enum CSVText {
  /// `s` as a CSV field; with `neutralizingFormulas`, a value a spreadsheet would run as a
  /// formula (`=`, `+`, `-`, `@` first) is prefixed with `'`.
  static func field(_ s: String, neutralizingFormulas: Bool = false) -> String {
    if neutralizingFormulas, let first = s.first, "=+-@".contains(first) {
      return field("'" + s)
    }
    guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
    return "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
  }
}
