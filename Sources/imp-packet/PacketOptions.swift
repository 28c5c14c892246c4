import ArgumentParser
import Foundation
import IMPPacket
import IMPRules

/// How packets are written: the options `generate` and `batch` share.
struct PacketOptions: ParsableArguments {
  @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write packets into (created if missing).", valueName: "DIR"))
  var output: String

  @Flag(help: "Replace a packet that already exists.")
  var force = false

  @Flag(help: "Write the packet even when the applicant is not eligible; its cover sheet says so.")
  var allowIneligible = false

  @Option(help: "Deflate level, 1 (fastest) to 9 (smallest), or 0 to store.")
  var compressionLevel = 6

  @Flag(help: "Encrypt every file in the packet with AES-256 (password from --password-file or --password-env).")
  var encrypt = false

  @OptionGroup var password: PasswordOptions

  func validate() throws {
    guard (0...9).contains(compressionLevel) else {
      throw ValidationError("--compression-level: expected 0 to 9, got \(compressionLevel)")
    }
    if encrypt && !password.given {
      throw ValidationError("--encrypt needs --password-file FILE or --password-env NAME")
    }
    if !encrypt && password.given {
      throw ValidationError("--password-file and --password-env go with --encrypt")
    }
  }

  /// Reads the password (before anything is created) and `SOURCE_DATE_EPOCH`, then
  /// creates the output folder.
  func make(today: CivilDate) throws -> GenerateOptions {
    let secret = try password.read()
    let dir = URL(fileURLWithPath: output)
    var options = GenerateOptions(outputDirectory: dir, asOf: today)
    options.force = force
    options.allowIneligible = allowIneligible
    options.compressionLevel = compressionLevel
    options.password = secret
    if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] {
      guard let t = Int64(epoch), t >= 0 else {
        throw Failure(.setup("SOURCE_DATE_EPOCH: expected whole seconds since 1970, got \"\(epoch)\""), file: nil)
      }
      options.timestamp = t
    }
    try attempt(nil) { () throws(PacketError) in try PacketBuilder.createOutputDirectory(dir) }
    return options
  }
}
