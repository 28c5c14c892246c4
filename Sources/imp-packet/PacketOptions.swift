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
  /// renderer (or only checks it is installed: `startRenderer` false), then creates the output folder.
  func make(today: CivilDate, startRenderer: Bool = true) throws -> GenerateOptions {
    let secret = try password.read()
    let timestamp = try sourceDateEpoch()
    let renderer: PDFPacketOptions?
    do { renderer = try pdf.make(startRenderer: startRenderer) } catch { throw Failure(error, file: nil) }
    var options = GenerateOptions(outputDirectory: try out.directory(), asOf: today)
    options.force = out.force
    options.allowIneligible = allowIneligible
    options.compressionLevel = out.compressionLevel
    options.password = secret
    options.timestamp = timestamp
    options.pdf = renderer
    return options
  }
}
