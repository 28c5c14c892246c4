import ArgumentParser
import Foundation
import IMPPacket
import IMPRules

extension IMPPacketCommand {
  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write one packet <caseId>.zip per profile.")

    @Argument(help: "Profile files (JSON).")
    var profiles: [String]

    @OptionGroup var out: OutputOptions

    @Flag(help: "Write the packet even when the applicant is not eligible; its cover sheet says so.")
    var allowIneligible = false

    @Flag(help: "Encrypt every file in the packet with AES-256 (password from --password-file or --password-env).")
    var encrypt = false

    @OptionGroup var password: PasswordOptions

    @OptionGroup var common: CommonOptions

    func validate() throws {
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
        var options = GenerateOptions(outputDirectory: try out.directory(), asOf: common.today)
        options.force = out.force
        options.allowIneligible = allowIneligible
        options.compressionLevel = out.compressionLevel
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
                "\(displayPath(packet.path)): \(p.category.title) (\(p.category.code)), \(p.eligibility.eligible ? "eligible" : "NOT ELIGIBLE"), "
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
