import Foundation
import IMPRules
import PDFRender
import ZipPacket

/// One profile's work in a batch, the same whether a thread of the batch does it or a
/// worker process (``BatchWorker``): read, check, plan, and unless `--resume` finds its
/// packet current, build and write the packet.
struct BatchJob {
  let builder: PacketBuilder
  /// How packets are made (`syncEachPacket` off: the batch flushes once at its end).
  let options: GenerateOptions
  let resume: Bool

  var directory: String { options.outputDirectory.path }

  /// The row of `item`.
  ///
  /// With `--pdf`, `renderer` is this worker's own, and `--documents DIR` means `DIR/<caseId>/`
  /// for each profile (a profile without such a folder has no scans yet).
  func process(_ item: BatchItem, renderer: PDFRenderer? = nil) -> BatchRow {
    var row = BatchRow(input: item.source, status: .failed)
    do throws(PacketError) {
      let (profile, bytes): (Profile, [UInt8])
      switch item.content {
      case .file(let path): (profile, bytes) = try builder.readProfile(URL(fileURLWithPath: path), asOf: options.asOf)
      case .line(let line): (profile, bytes) = try builder.decodeProfile(Data(line), asOf: options.asOf)
      case .unreadable(let message): throw .invalidProfile(.unreadable(message))
      }
      row.caseId = profile.caseId
      if let duplicate = item.duplicate, duplicate.caseId == profile.caseId {
        throw .invalidProfile(
          ProfileErrors([
            ProfileIssue(
              path: "caseId",
              message: "\(profile.caseId) is the case id of \(duplicate.owner), earlier in this batch; each profile needs its own")
          ]))
      }
      let path = directory + "/" + options.layout.relativePath(caseId: profile.caseId)
      if resume && AtomicFile.exists(path) {
        switch builder.existingPacket(at: path, profile: profile, profileBytes: bytes, password: options.password) {
        case .current:
          row.describe(try builder.plan(profile))
          row.status = .skipped
          row.output = path
          return row
        case .other where !options.force:
          throw .output(
            ZipError(
              .exists,
              "\(path) already exists and was made from another profile, catalog, templates or tool version, "
                + "or is not a readable packet"))
        case .damaged(let why) where !options.force:
          throw .output(
            ZipError(.exists, "\(path) already exists, made from this profile, but is no longer intact (\(why))"))
        case .other, .damaged: break  // --force: made again
        }
      }
      var packetOptions = options
      if var pdf = packetOptions.pdf {
        if let renderer { pdf.renderer = renderer }
        pdf.documents = pdf.documents.flatMap { PacketBuilder.caseFolder($0, caseId: profile.caseId) }
        packetOptions.pdf = pdf
      }
      let packet = try builder.generate(profile: profile, profileBytes: bytes, options: packetOptions)
      row.describe(packet.plan)
      row.status = .ok
      row.output = packet.path
    } catch {
      row.exitCode = error.exitCode
      row.errors = error.issues
      if case .notEligible(let plan) = error { row.describe(plan) }
    }
    return row
  }
}

extension BatchRow {
  mutating func describe(_ plan: Plan) {
    category = plan.category.id
    code = plan.category.code
    eligible = plan.eligibility.eligible
    applicantTotal = plan.fees.totals.applicant.description
    employerTotal = plan.fees.totals.employer.description
    feesToCheck = plan.fees.toCheck
    family = plan.family.map { f in
      Family(
        members: f.members.map { Family.Member(member: $0.member, application: $0.application, code: $0.category.code) },
        applicantTotal: f.totals.applicant.description, employerTotal: f.totals.employer.description)
    }
  }
}

extension PacketError {
  /// Each reason as a report lists it: the profile's fields with their paths, unmet rules
  /// with their ids, or one message.
  var issues: [BatchRow.Issue] {
    switch self {
    case .invalidProfile(let e):
      e.issues.map { BatchRow.Issue(path: $0.path.isEmpty ? nil : $0.path, rule: nil, message: $0.message) }
    case .notEligible(let plan):
      plan.eligibility.unmet.map { BatchRow.Issue(path: nil, rule: $0.rule, message: $0.message) }
    case .output(let e) where e.kind == .exists:
      // A rule id, so that whoever reads the report (the command line, a script) can say
      // how to replace the packet in its own terms.
      [BatchRow.Issue(path: nil, rule: BatchRow.Issue.packetExists, message: description)]
    default:
      [BatchRow.Issue(path: nil, rule: nil, message: description)]
    }
  }
}
