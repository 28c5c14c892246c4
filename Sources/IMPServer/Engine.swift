import Foundation
import StrictJSON
import IMPPacket
import IMPRules
import ZipPacket

/// Everything the server asks of imp-packet, through the same few entry points the CLI
/// uses: read a profile, plan it, assess it, build its packet, build an employer's bundle.
///
/// One engine holds one compiled ``PacketBuilder`` (catalog and templates), shared by every
/// request on every thread.
struct Engine: Sendable {
  let builder: PacketBuilder
  /// The "today" of profiles without `submission.date`; nil for the current date.
  let asOf: CivilDate?

  var today: CivilDate { asOf ?? CivilDate(unixTime: Int64(Date().timeIntervalSince1970)) }

  /// The checked profile, or every problem in it (the issues of `validate --json`).
  func read(_ data: Data) -> Result<Profile, ServerError> {
    do { return .success(try builder.decodeProfile(data, asOf: today).0) } catch { return .failure(ServerError(error)) }
  }

  func plan(_ profile: Profile) -> Result<Plan, ServerError> {
    do { return .success(try builder.plan(profile)) } catch { return .failure(ServerError(error)) }
  }

  func assess(_ profile: Profile) -> Result<[Assessment], ServerError> {
    do { return .success(try builder.planner.assess(profile)) } catch {
      return .failure(ServerError(.plan(error)))
    }
  }

  /// The packet's zip bytes; refused (as `generate` does) when the applicant is not eligible.
  func packet(_ profile: Profile, bytes: Data) -> Result<(Plan, [UInt8]), ServerError> {
    do {
      return .success(
        try builder.packet(
          profile: profile, profileBytes: Array(bytes),
          options: GenerateOptions(outputDirectory: FileManager.default.temporaryDirectory, asOf: today)))
    } catch {
      return .failure(ServerError(error))
    }
  }

  /// An employer's bundle: its zip bytes and each offer's outcome, as `imp-packet employer`
  /// writes them. The bundle is built in a private temporary folder and read back, so the
  /// server uses exactly the code path of the command.
  func employerBundle(_ data: Data) -> Result<(bytes: [UInt8], outcomes: [OfferOutcome], exitCode: Int32), ServerError> {
    let file: EmployerFile
    switch EmployerFormat.decode(data, defaultDate: today, vocabulary: builder.vocabulary) {
    case .success(let f): file = f
    case .failure(let e): return .failure(ServerError(.invalidProfile(e)))
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("imp-serve-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    do {
      try PacketBuilder.createOutputDirectory(dir)
      let bundle = try builder.employerBundle(file: file, fileBytes: Array(data), options: EmployerBundleOptions(outputDirectory: dir))
      guard let bytes = FileManager.default.contents(atPath: bundle.path) else {
        return .failure(ServerError(status: 500, exitCode: ExitStatus.cannotWrite.code, message: "the bundle could not be read back"))
      }
      let code: Int32 =
        (bundle.outcomes.contains { $0.status == .invalid } ? ExitStatus.invalidInput
          : bundle.outcomes.contains { $0.status == .notEligible } ? .notEligible : .success).code
      return .success((Array(bytes), bundle.outcomes, code))
    } catch {
      return .failure(ServerError(error))
    }
  }

  /// The file name a packet or bundle for `id` is written under.
  static func zipName(_ id: String) -> String { PacketBuilder.fileName(caseId: id) }

  /// Whether `data` looks like an employer file rather than a profile (it has `offers`).
  static func isEmployerFile(_ json: OrderedJSON?) -> Bool { json?["offers"] != nil }
}

/// A refusal with the HTTP status that matches the CLI's exit code, and the issues of
/// `validate --json` (path, message, line, column).
struct ServerError: Error, Sendable {
  var status: Int
  var exitCode: Int32
  var issues: [ProfileIssue]

  init(status: Int, exitCode: Int32, message: String, path: String = "") {
    self.status = status
    self.exitCode = exitCode
    self.issues = [ProfileIssue(path: path, message: message)]
  }

  /// HTTP statuses for the CLI's exit codes: 65 (invalid input) → 422, 2 (not eligible) →
  /// 409, 66 → 400, 70/73/78 (templates, writing, setup) → 500.
  init(_ error: PacketError) {
    exitCode = error.exitCode
    status = ServerError.status(forExitCode: exitCode)
    switch error {
    case .invalidProfile(let e): issues = e.issues
    case .plan(let e): issues = [ProfileIssue(path: e.path, message: e.message)]
    case .notEligible(let plan):
      issues = plan.eligibility.unmet.map { ProfileIssue(path: "", message: "\($0.rule): \($0.message)") }
    default: issues = [ProfileIssue(path: "", message: error.description)]
    }
  }

  static func status(forExitCode code: Int32) -> Int {
    switch ExitStatus(rawValue: code) {
    case .success: 200
    case .notEligible: 409
    case .invalidInput: 422
    case .usage, .unreadableInput, .passwordRefused: 400
    case .templateError, .crashed, .cannotWrite, .setup, nil: 500
    }
  }
}
