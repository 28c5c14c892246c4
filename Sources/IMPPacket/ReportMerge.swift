import Foundation
import ZipPacket

/// Why the shard reports of a folder cannot be merged; each names the file at fault.
public struct ReportMergeError: Error, Sendable, CustomStringConvertible {
  public var problems: [String]
  /// The folder or a report could not be read at all (66), rather than read and found wrong (65).
  public var unreadable = false
  public var description: String { problems.joined(separator: "\n") }
  public var exitCode: Int32 { (unreadable ? ExitStatus.unreadableInput : .invalidInput).code }
}

/// What `report merge` wrote.
public struct ReportMergeSummary: Sendable {
  public var shards: Int
  public var profiles: Int
  public var packets: Int
  public var skipped: Int
  public var failed: Int
  /// The exit code one run over the same inputs would have given.
  public var exitCode: Int32
  public var reportJSON: String
  public var reportCSV: String
}

/// Puts the `report-K-of-N.json` of a sharded batch back together as the `report.json` and
/// `report.csv` of one run over the same inputs: rows in input order (part K holds the
/// inputs at positions K, K+N, K+2N, …), the summary added up, the same bytes.
///
/// Refuses, naming the file, a set with a part missing, a part twice, parts of another N,
/// parts made with another tool, catalog or templates, or a part whose rows cannot be the
/// positions it claims.
public enum ReportMerge {
  struct Part {
    var file: String
    var index: Int
    var count: Int
    var tool: String
    var catalogVersion: String
    var templatesSHA256: String
    var rows: [BatchRow]
  }

  /// Merges the shard reports in `directory` into `directory/report.json` and `.csv`.
  public static func merge(directory: String) throws(ReportMergeError) -> ReportMergeSummary {
    let names: [String]
    do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
      throw ReportMergeError(problems: ["\(directory): cannot read the folder: \(error.localizedDescription)"], unreadable: true)
    }
    var problems: [String] = []
    var parts: [Part] = []
    var unreadable = false
    for name in names.sorted() {
      guard let (k, n) = shardName(name) else { continue }
      let path = directory + "/" + name
      do {
        let part = try read(path, name: name)
        if part.index != k || part.count != n {
          problems.append("\(name): says it is part \(part.index)/\(part.count), not \(k)/\(n)")
        } else {
          parts.append(part)
        }
      } catch let e as ReadError {
        problems.append("\(name): \(e.message)")
        unreadable = unreadable || e.unreadable
      } catch {
        problems.append("\(name): \(error)")
      }
    }
    if parts.isEmpty && problems.isEmpty {
      throw ReportMergeError(problems: ["\(directory): no report-K-of-N.json to merge"])
    }
    guard problems.isEmpty else { throw ReportMergeError(problems: problems, unreadable: unreadable) }

    // The odd ones out are named against what most of the reports say.
    func mostCommon(_ value: (Part) -> String) -> String {
      let counts = Dictionary(grouping: parts, by: value).mapValues(\.count)
      return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!.key
    }
    let count = mostCommon { String($0.count) }
    for p in parts where String(p.count) != count {
      problems.append("\(p.file): part of \(p.count) shards, but the other reports are parts of \(count)")
    }
    for (what, value) in [
      ("tool", { (p: Part) in p.tool }), ("catalog", { (p: Part) in p.catalogVersion }),
      ("templates", { (p: Part) in p.templatesSHA256 }),
    ] {
      let usual = mostCommon(value)
      for p in parts where value(p) != usual {
        problems.append("\(p.file): made with \(what) \(value(p)), but the other reports with \(usual)")
      }
    }
    guard problems.isEmpty else { throw ReportMergeError(problems: problems) }
    let first = parts[0]

    let n = first.count
    let byIndex = Dictionary(grouping: parts, by: \.index)
    for k in 0..<n where byIndex[k] == nil {
      problems.append("report-\(k)-of-\(n).json: missing (part \(k) of \(n))")
    }
    guard problems.isEmpty else { throw ReportMergeError(problems: problems) }
    let ordered = (0..<n).map { byIndex[$0]![0] }

    // Part K holds positions K, K+N, …: part 0 has the most rows and each later part as
    // many as the part before it or, once, one fewer.
    let total = ordered.reduce(0) { $0 + $1.rows.count }
    let most = ordered[0].rows.count
    var previous = most
    for p in ordered.dropFirst() {
      let allowed = previous == most ? [most, most - 1] : [most - 1]
      if !allowed.contains(p.rows.count) {
        problems.append(
          "\(p.file): lists \(p.rows.count) inputs, but part \(p.index) of \(n) must hold "
            + "\(allowed.map(String.init).joined(separator: " or ")) (part 0 lists \(most)): "
            + "a part is short, or comes from another batch")
      }
      previous = p.rows.count
    }
    var seen: [String: String] = [:]
    for p in ordered {
      for row in p.rows {
        if let other = seen[row.input] {
          problems.append("\(p.file): \(row.input) is listed again (also in \(other))")
        }
        seen[row.input] = p.file
      }
    }
    guard problems.isEmpty else { throw ReportMergeError(problems: problems) }

    let writer: BatchReportWriter
    do {
      writer = try BatchReportWriter(
        directory: directory, name: "report",
        header: [
          ("tool", first.tool), ("catalogVersion", first.catalogVersion), ("templatesSHA256", first.templatesSHA256),
          ("shard", nil),
        ])
    } catch {
      throw ReportMergeError(problems: ["\(directory): \(error.description)"])
    }
    var summary = ReportMergeSummary(
      shards: n, profiles: total, packets: 0, skipped: 0, failed: 0, exitCode: 0, reportJSON: writer.jsonPath,
      reportCSV: writer.csvPath)
    for position in 0..<total {
      let row = ordered[position % n].rows[position / n]
      writer.append(BatchReportWriter.encode(row))
      switch row.status {
      case .ok: summary.packets += 1
      case .skipped: summary.skipped += 1
      case .failed:
        summary.failed += 1
        summary.exitCode = max(summary.exitCode, row.exitCode)
      }
    }
    do {
      try writer.finish(summary: [
        ("profiles", summary.profiles), ("packets", summary.packets), ("skipped", summary.skipped),
        ("failed", summary.failed), ("exitCode", Int(summary.exitCode)),
      ])
    } catch {
      throw ReportMergeError(problems: ["\(directory): \(error.description)"])
    }
    return summary
  }

  /// `(K, N)` of `report-K-of-N.json`.
  static func shardName(_ name: String) -> (Int, Int)? {
    guard name.hasPrefix("report-"), name.hasSuffix(".json") else { return nil }
    let middle = name.dropFirst("report-".count).dropLast(".json".count)
    let parts = middle.components(separatedBy: "-of-")
    guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (0..<n).contains(k) else { return nil }
    return (k, n)
  }

  struct ReadError: Error {
    var message: String
    var unreadable = false
  }

  /// The shard report at `path`, as `batch` wrote it.
  static func read(_ path: String, name: String) throws -> Part {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ReadError(message: "cannot read the file", unreadable: true)
    }
    guard let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw ReadError(message: "not a JSON report (cut short, or not written by imp-packet batch)")
    }
    func text(_ key: String) throws -> String {
      guard let s = top[key] as? String else { throw ReadError(message: "no \"\(key)\": not a batch report") }
      return s
    }
    let shardText = try text("shard")
    guard let shard = Shard(shardText) else { throw ReadError(message: "\"shard\" is \"\(shardText)\", not K/N") }
    guard let inputs = top["inputs"] as? [[String: Any]], top["summary"] is [String: Any] else {
      throw ReadError(message: "no \"inputs\" or \"summary\": not a finished batch report")
    }
    var rows: [BatchRow] = []
    for (i, object) in inputs.enumerated() {
      guard let row = BatchRow(json: object) else { throw ReadError(message: "inputs[\(i)] is not a report row") }
      rows.append(row)
    }
    return Part(
      file: name, index: shard.index, count: shard.count, tool: try text("tool"),
      catalogVersion: try text("catalogVersion"), templatesSHA256: try text("templatesSHA256"), rows: rows)
  }
}

extension BatchRow {
  /// A row of `report.json` read back; nil when a field is missing or of the wrong kind.
  init?(json o: [String: Any]) {
    func optional(_ key: String) -> String?? {
      if o[key] is NSNull { return .some(nil) }
      if let s = o[key] as? String { return .some(s) }
      return nil
    }
    guard let input = o["input"] as? String, let statusText = o["status"] as? String,
      let status = Status(rawValue: statusText), let exitCode = (o["exitCode"] as? NSNumber)?.int32Value,
      let caseId = optional("caseId"), let category = optional("category"), let code = optional("code"),
      let output = optional("output"), let fees = o["fees"] as? [String: Any], let errors = o["errors"] as? [[String: Any]]
    else { return nil }
    self.init(input: input, status: status)
    self.exitCode = exitCode
    self.caseId = caseId
    self.category = category
    self.code = code
    self.output = output
    if let b = o["eligible"] as? Bool { eligible = b } else if !(o["eligible"] is NSNull) { return nil }
    applicantTotal = fees["applicant"] as? String
    employerTotal = fees["employer"] as? String
    feesToCheck = fees["toCheck"] as? [String] ?? []
    for e in errors {
      guard let message = e["message"] as? String else { return nil }
      self.errors.append(Issue(path: e["path"] as? String, rule: e["rule"] as? String, message: message))
    }
    if let f = o["family"] as? [String: Any] {
      guard let members = f["members"] as? [[String: Any]], let totals = f["totals"] as? [String: Any],
        let applicant = totals["applicant"] as? String, let employer = totals["employer"] as? String
      else { return nil }
      var list: [Family.Member] = []
      for m in members {
        guard let member = m["member"] as? String, let application = m["application"] as? String, let code = m["code"] as? String
        else { return nil }
        list.append(Family.Member(member: member, application: application, code: code))
      }
      family = Family(members: list, applicantTotal: applicant, employerTotal: employer)
    } else if o["family"] != nil, !(o["family"] is NSNull) {
      return nil
    }
  }
}
