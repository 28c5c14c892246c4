import Foundation
import StrictJSON

/// A ``BatchRow`` as a worker sends it to its batch: compact JSON written and read through
/// StrictJSON, with the same keys as its `Codable` form.
///
/// One row a packet crosses the pipe, and `JSONEncoder` in the worker and `JSONDecoder` in
/// the batch took 3% of a batch's CPU for rows of about 260 bytes (perf, 1,000 profiles).
extension BatchRow {
  static let frameLimits = JSONLimits(
    maxBytes: WorkerFrames.maxBytes, maxDepth: 16, maxValues: .max, noun: "batch row", usualSize: "", usualValues: "",
    usualDepth: "", zipGuess: "")

  /// The frame's bytes.
  var frameBytes: [UInt8] { frameValue.compactJSON }

  private var frameValue: JSONValue {
    func text(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    var o: [String: JSONValue] = [
      "input": .string(input), "status": .string(status.rawValue), "exitCode": .number(Double(exitCode)),
      "caseId": text(caseId), "category": text(category), "code": text(code),
      "eligible": eligible.map(JSONValue.bool) ?? .null,
      "applicantTotal": text(applicantTotal), "employerTotal": text(employerTotal),
      "feesToCheck": .array(feesToCheck.map(JSONValue.string)), "output": text(output),
      "errors": .array(
        errors.map { .object(["path": text($0.path), "rule": text($0.rule), "message": .string($0.message)]) }),
    ]
    if let family {
      o["family"] = .object([
        "members": .array(
          family.members.map {
            .object(["member": .string($0.member), "application": .string($0.application), "code": .string($0.code)])
          }),
        "applicantTotal": .string(family.applicantTotal), "employerTotal": .string(family.employerTotal),
      ])
    }
    return .object(o)
  }

  /// The row a frame holds, or nil when the bytes are not one (a broken worker).
  init?(frame: [UInt8]) {
    guard case .success(.object(let o)) = JSONValue.parse(Data(frame), limits: BatchRow.frameLimits),
      case .string(let input) = o["input"], case .string(let s) = o["status"],
      let status = Status(rawValue: s), case .number(let exit) = o["exitCode"], let exitCode = Int32(exactly: exit)
    else { return nil }
    /// A string, or nil for `null` or absent; `.some(nil)`: present and of another type.
    func text(_ key: String, in o: [String: JSONValue]) -> String?? {
      switch o[key] {
      case nil, .null?: .some(nil)
      case .string(let v)?: .some(v)
      default: nil
      }
    }
    guard let caseId = text("caseId", in: o), let category = text("category", in: o), let code = text("code", in: o),
      let applicantTotal = text("applicantTotal", in: o), let employerTotal = text("employerTotal", in: o),
      let output = text("output", in: o)
    else { return nil }
    self.init(input: input, status: status)
    self.exitCode = exitCode
    (self.caseId, self.category, self.code) = (caseId, category, code)
    (self.applicantTotal, self.employerTotal, self.output) = (applicantTotal, employerTotal, output)
    switch o["eligible"] {
    case nil, .null?: eligible = nil
    case .bool(let b)?: eligible = b
    default: return nil
    }
    guard case .array(let fees)? = o["feesToCheck"] ?? .array([]), case .array(let issues)? = o["errors"] ?? .array([]) else {
      return nil
    }
    feesToCheck = []
    for f in fees {
      guard case .string(let s) = f else { return nil }
      feesToCheck.append(s)
    }
    errors = []
    for e in issues {
      guard case .object(let i) = e, let path = text("path", in: i), let rule = text("rule", in: i),
        case .string(let message)? = i["message"]
      else { return nil }
      errors.append(Issue(path: path, rule: rule, message: message))
    }
    switch o["family"] {
    case nil, .null?: family = nil
    case .object(let f)?:
      guard case .array(let list)? = f["members"], case .string(let a)? = f["applicantTotal"],
        case .string(let e)? = f["employerTotal"]
      else { return nil }
      var members: [Family.Member] = []
      for m in list {
        guard case .object(let m) = m, case .string(let member)? = m["member"],
          case .string(let application)? = m["application"], case .string(let code)? = m["code"]
        else { return nil }
        members.append(Family.Member(member: member, application: application, code: code))
      }
      family = Family(members: members, applicantTotal: a, employerTotal: e)
    default: return nil
    }
  }
}
