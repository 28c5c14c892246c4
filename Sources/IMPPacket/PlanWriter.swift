import IMPRules
import Synchronization

/// `plan.json` written field by field, the fastest way to the text ``PlanJSON`` defines.
///
/// The fields and their sorted order are spelled out here, so a field added to ``Plan``
/// would be missing: the first plan of every process is therefore also encoded through
/// `Encodable`, and if the two texts differ this writer is not used again in that process
/// (the test suite compares them on every fixture, so such a change is caught there first).
enum PlanWriter {
  private static let agrees = Mutex<Bool?>(nil)

  /// `plan.json`'s bytes.
  static func bytes(_ plan: Plan) -> [UInt8] {
    // A family's plan is rarer and larger: it goes through the encoder that knows every field.
    if plan.family != nil { return PlanJSON.bytes(plan) }
    switch agrees.withLock({ $0 }) {
    case true?: return write(plan)
    case false?: return PlanJSON.bytes(plan)
    case nil:
      let reference = PlanJSON.bytes(plan)
      let ok = write(plan) == reference
      agrees.withLock { $0 = ok }
      return reference
    }
  }

  static func write(_ p: Plan) -> [UInt8] {
    var w = Writer()
    w.out.reserveCapacity(16384)
    w.open(UInt8(ascii: "{"))
    w.key("biometrics")
    w.array(p.biometrics) { w, b in
      w.open(UInt8(ascii: "{"))
      w.field("person", b.person)
      w.field("reason", b.reason)
      w.field("required", b.required)
      w.close(UInt8(ascii: "}"))
    }
    w.field("biometricsRequired", p.biometricsRequired)
    w.field("caseId", p.caseId)
    w.field("catalogVersion", p.catalogVersion)
    w.key("category")
    w.open(UInt8(ascii: "{"))
    w.field("code", p.category.code)
    w.field("id", p.category.id)
    w.field("legalBasis", p.category.legalBasis)
    w.field("permit", p.category.permit.rawValue)
    w.field("title", p.category.title)
    w.close(UInt8(ascii: "}"))
    w.key("checklist")
    w.array(p.checklist) { w, i in
      w.open(UInt8(ascii: "{"))
      w.field("form", i.form, nullIfAbsent: true)
      w.field("id", i.id)
      w.field("reason", i.reason)
      w.field("required", i.required)
      w.field("slot", i.slot)
      w.field("source", i.source)
      w.field("status", i.status)
      w.field("title", i.title)
      w.close(UInt8(ascii: "}"))
    }
    w.key("eligibility")
    w.open(UInt8(ascii: "{"))
    w.field("eligible", p.eligibility.eligible)
    w.key("unmet")
    w.array(p.eligibility.unmet, Writer.finding)
    w.key("warnings")
    w.array(p.eligibility.warnings, Writer.finding)
    w.close(UInt8(ascii: "}"))
    w.key("fees")
    w.open(UInt8(ascii: "{"))
    w.key("lines")
    w.array(p.fees.lines) { w, l in
      w.open(UInt8(ascii: "{"))
      w.field("amount", l.amount.description)
      w.field("basis", l.basis)
      w.field("description", l.description)
      w.field("id", l.id)
      w.field("payer", l.payer.rawValue)
      w.close(UInt8(ascii: "}"))
    }
    w.field("schedule", p.fees.schedule.description)
    w.key("toCheck")
    w.array(p.fees.toCheck) { w, f in PrettyJSON.quote(f, to: &w.out) }
    w.key("totals")
    w.open(UInt8(ascii: "{"))
    w.field("applicant", p.fees.totals.applicant.description)
    w.field("employer", p.fees.totals.employer.description)
    w.close(UInt8(ascii: "}"))
    w.close(UInt8(ascii: "}"))
    w.key("forms")
    w.array(p.forms) { w, f in PrettyJSON.quote(f, to: &w.out) }
    w.key("letterFacts")
    w.array(p.letterFacts) { w, f in
      w.open(UInt8(ascii: "{"))
      w.field("label", f.label)
      w.field("value", f.value)
      w.close(UInt8(ascii: "}"))
    }
    w.field("medicalExamRequired", p.medicalExamRequired)
    w.field("permitValidUntil", p.permitValidUntil.description)
    w.close(UInt8(ascii: "}"))
    w.out.append(0x0A)
    return w.out
  }

  /// JSONEncoder's pretty layout: each member on its own line, two spaces per level.
  struct Writer {
    var out: [UInt8] = []
    private var depth = 0
    private var first = true

    mutating func newline() {
      if !first { out.append(UInt8(ascii: ",")) }
      out.append(0x0A)
      out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
      first = false
    }

    mutating func open(_ bracket: UInt8) {
      out.append(bracket)
      depth += 1
      first = true
    }

    /// `]` or `}` on its own line; an empty container keeps an empty line (`[\n\n  ]`).
    mutating func close(_ bracket: UInt8) {
      depth -= 1
      out.append(0x0A)
      if first { out.append(0x0A) }
      out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
      out.append(bracket)
      first = false
    }

    mutating func key(_ k: String) {
      newline()
      PrettyJSON.quote(k, to: &out)
      out.append(contentsOf: " : ".utf8)
    }

    mutating func field(_ k: String, _ s: String) {
      key(k)
      PrettyJSON.quote(s, to: &out)
    }

    mutating func field(_ k: String, _ s: String?, nullIfAbsent: Bool) {
      guard let s else {
        if nullIfAbsent {
          key(k)
          out.append(contentsOf: "null".utf8)
        }
        return
      }
      field(k, s)
    }

    mutating func field(_ k: String, _ b: Bool) {
      key(k)
      out.append(contentsOf: (b ? "true" : "false").utf8)
    }

    mutating func array<T>(_ items: [T], _ each: (inout Writer, T) -> Void) {
      open(UInt8(ascii: "["))
      for item in items {
        newline()
        each(&self, item)
      }
      close(UInt8(ascii: "]"))
    }

    static func finding(_ w: inout Writer, _ f: Plan.Finding) {
      w.open(UInt8(ascii: "{"))
      w.field("message", f.message)
      w.field("rule", f.rule)
      w.field("source", f.source, nullIfAbsent: false)
      w.close(UInt8(ascii: "}"))
    }
  }
}
