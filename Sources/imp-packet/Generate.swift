import ArgumentParser
import Foundation
import IMPPacket
import IMPRules

extension IMPPacketCommand {
  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write one packet <caseId>.zip per profile.")

    @Argument(help: "Profile files (JSON).")
    var profiles: [String]

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

    @OptionGroup var common: CommonOptions

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

    func run() throws {
      let secret = try password.read()  // before anything is created
      try reporting {
        let builder = try common.builder()
        let dir = URL(fileURLWithPath: output)
        try attempt(nil) { () throws(PacketError) in try PacketBuilder.createOutputDirectory(dir) }
        var options = GenerateOptions(outputDirectory: dir, asOf: common.today)
        options.force = force
        options.allowIneligible = allowIneligible
        options.compressionLevel = compressionLevel
        options.password = secret
        options.timestamp = try common.sourceDateEpoch()
        var worst: Failure?
        for file in profiles {
          do {
            let (profile, bytes) = try common.read(file)
            let packet = try attempt(file) { () throws(PacketError) in
              try builder.generate(profile: profile, profileBytes: bytes, options: options)
            }
            if !common.quiet {
              let p = packet.plan
              print(
                "\(packet.path): \(p.category.title) (\(p.category.code)), \(p.eligibility.eligible ? "eligible" : "NOT ELIGIBLE"), "
                  + "applicant pays \(p.fees.totals.applicant.formatted), "
                  + "\(p.checklist.filter { $0.status != "provided" }.count) of \(p.checklist.count) documents to collect")
            }
          } catch let f as Failure {
            f.report()
            if worst == nil || f.exitCode > worst!.exitCode { worst = f }
          }
        }
        if let worst { throw ExitCode(worst.exitCode) }
      }
    }
  }
}
