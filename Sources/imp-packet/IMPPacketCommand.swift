import ArgumentParser
import Foundation
import IMPPacket
import IMPRules
import StrictJSON

@main
struct IMPPacketCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "imp-packet",
    abstract: "Canadian IMP work-permit packets: category and exemption code, eligibility, documents, fees, zip.",
    discussion: """
      Exit codes: \(ExitStatus.summary).
      """,
    version: PacketBuilder.toolVersion,
    subcommands: [
      Generate.self, Batch.self, Employer.self, Plan.self, Fees.self, Assess.self, Validate.self, Categories.self,
      Verify.self, Templates.self, Report.self, Serve.self, BatchWorker.self,
    ]
  )

  /// Every message starts `error: `, the argument parser's too (not `Error: `).
  static var _errorPrefix: String { "error: " }

  static func main() {
    pinLocalZone()
    main(nil)
  }

  /// libzip 1.7 as Debian builds it converts each entry's time with `localtime()` twice (the
  /// local and the central header; ``ZipPacket/DOSTime`` then writes the fields over it), and
  /// glibc, when `TZ` is unset, checks `/etc/localtime` with a `stat` on every such call: 20
  /// system calls a packet, 1.8% of a batch's time. `TZ=:/etc/localtime` names the very zone
  /// an unset `TZ` means, and glibc then reads it once. Set before any thread starts (and
  /// inherited by batch workers); nothing imp-packet writes depends on the local zone.
  private static func pinLocalZone() {
    if getenv("TZ") == nil { setenv("TZ", ":/etc/localtime", 0) }
  }
}

/// Options every command that reads profiles shares.
struct CommonOptions: ParsableArguments {
  @Option(help: ArgumentHelp("The \"today\" of all checks for profiles without submission.date (YYYY-MM-DD).", valueName: "DATE"))
  var asOf: CivilDate?

  @Option(help: ArgumentHelp("A folder of templates to use instead of the shipped ones.", valueName: "DIR"))
  var templates: String?

  @Option(help: ArgumentHelp("A rules catalog file to use instead of the shipped one.", valueName: "FILE"))
  var catalog: String?

  @Flag(name: .shortAndLong, help: "Print only errors.")
  var quiet = false

  func validate() throws {
    if let asOf, !CivilDate.accepted.contains(asOf) {
      throw ValidationError("--as-of: expected \(CivilDate.acceptedDescription), got \(asOf)")
    }
  }

  var today: CivilDate {
    asOf ?? CivilDate(unixTime: Int64(Date().timeIntervalSince1970))
  }

  func builder() throws -> PacketBuilder {
    do {
      return try PacketBuilder.load(
        templates: templates.map { URL(fileURLWithPath: $0) }, catalog: catalog.map { URL(fileURLWithPath: $0) })
    } catch {
      throw Failure(error, file: nil)
    }
  }

  /// The profile in `file`, checked against `builder`'s catalog and translations too.
  func read(_ file: String, with builder: PacketBuilder) throws -> (Profile, [UInt8]) {
    do { return try builder.readProfile(URL(fileURLWithPath: file), asOf: today) } catch {
      throw Failure(error, file: file)
    }
  }
}

/// `SOURCE_DATE_EPOCH`, the timestamp of zip entries, when set.
func sourceDateEpoch() throws -> Int64? {
  guard let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] else { return nil }
  guard let t = Int64(epoch), t >= 0 else {
    throw Failure(.setup("SOURCE_DATE_EPOCH: expected whole seconds since 1970, got \"\(epoch)\""), file: nil)
  }
  return t
}

/// Where and how a command writes its zip files.
struct OutputOptions: ParsableArguments {
  @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write into (created if missing).", valueName: "DIR"))
  var output: String

  @Flag(help: "Replace a file that already exists.")
  var force = false

  @Option(help: "Deflate level, 1 (fastest) to 9 (smallest), or 0 to store.")
  var compressionLevel = 6

  func validate() throws {
    guard (0...9).contains(compressionLevel) else {
      throw ValidationError("--compression-level: expected 0 to 9, got \(compressionLevel)")
    }
    // `-o ''` would write into the current folder without saying so.
    guard !output.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw ValidationError("--output: expected a folder, got an empty path (use -o . for the current folder)")
    }
  }

  /// The output folder, created owner-only when missing.
  func directory() throws -> URL {
    let dir = URL(fileURLWithPath: output)
    try attempt(nil) { () throws(PacketError) in try PacketBuilder.createOutputDirectory(dir) }
    return dir
  }
}

/// A failure reported on stderr, ending the process with its documented exit code.
struct Failure: Error {
  var error: PacketError
  var file: String?
  init(_ error: PacketError, file: String?) {
    self.error = error
    self.file = file
  }

  var exitCode: Int32 { error.exitCode }

  func report() {
    let prefix = file.map { "\($0): " } ?? ""
    let lines: [String]
    switch error {
    case .invalidProfile(let e): lines = e.issues.map { "\(prefix)\($0)" }
    // The library says a file exists; how to replace it is this command line's to say.
    case .output(let e) where e.kind == .exists: lines = ["\(prefix)\(e.description) (use --force to replace it)"]
    default: lines = error.description.split(separator: "\n", omittingEmptySubsequences: false).map { "\(prefix)\($0)" }
    }
    // A file name, a template's text or a catalog value may hold control characters: escaped.
    for line in lines { FileHandle.standardError.write(Data("error: \(line.escapingControlCharacters)\n".utf8)) }
  }
}

extension ParsableCommand {
  /// Runs `body`, turning a ``Failure`` into its message and exit code.
  func reporting(_ body: () throws -> Void) throws {
    do { try body() } catch let f as Failure {
      f.report()
      throw ExitCode(f.exitCode)
    }
  }
}

/// `path` relative to the working folder when it lies inside it, as the user typed `-o`.
func displayPath(_ path: String) -> String {
  let cwd = FileManager.default.currentDirectoryPath
  return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
}

func printJSON<T: Encodable>(_ value: T) {
  FileHandle.standardOutput.write(PlanJSON.encode(value))
}

/// Runs `body`, reporting its error as a ``Failure`` about `file`.
func attempt<T>(_ file: String?, _ body: () throws(PacketError) -> T) throws -> T {
  do { return try body() } catch { throw Failure(error, file: file) }
}
