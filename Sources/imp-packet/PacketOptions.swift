import ArgumentParser
import Foundation
import IMPPacket
import IMPRules

/// How packets are written: the options `generate` and `batch` share.
struct PacketOptions: ParsableArguments {
  @OptionGroup var out: OutputOptions

  @Flag(help: "Write the packet even when the applicant is not eligible; its cover sheet says so.")
  var allowIneligible = false

  @Flag(help: "Encrypt every file in the packet with AES-256 (password from --password-file or --password-env).")
  var encrypt = false

  @OptionGroup var password: PasswordOptions

  @OptionGroup var pdf: PDFOptions

  func validate() throws {
    if encrypt && !password.given {
      throw ValidationError("--encrypt needs --password-file FILE or --password-env NAME")
    }
    if !encrypt && password.given {
      throw ValidationError("--password-file and --password-env go with --encrypt")
    }
  }

  /// Reads the password (before anything is created) and `SOURCE_DATE_EPOCH`, starts the PDF
  /// renderer, then creates the output folder. `starting: false` (batch, whose workers load
  /// everything): neither the renderer nor the folder, which the batch makes once its first
  /// worker is ready.
  func make(today: CivilDate, starting: Bool = true, makingFolder: Bool = true) throws -> GenerateOptions {
    let secret = try password.read()
    let timestamp = try sourceDateEpoch()
    let renderer: PDFPacketOptions?
    do { renderer = try pdf.make(starting: starting) } catch { throw Failure(error, file: nil) }
    let folder = starting && makingFolder ? try out.directory() : URL(fileURLWithPath: out.output)
    var options = GenerateOptions(outputDirectory: folder, asOf: today)
    options.force = out.force
    options.allowIneligible = allowIneligible
    options.compressionLevel = out.compressionLevel
    options.password = secret
    options.timestamp = timestamp
    options.pdf = renderer
    return options
  }
}
