import ArgumentParser
import Foundation
import IMPPacket
import IMPRules

extension IMPPacketCommand {
  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write one packet <caseId>.zip per profile.")

    @Argument(help: "Profile files (JSON).")
    var profiles: [String]

    @OptionGroup var packet: PacketOptions

    @OptionGroup var common: CommonOptions

    func run() throws {
      try reporting {
        let builder = try common.builder()
        let options = try packet.make(today: common.today)
        var worst: Failure?
        for file in profiles {
          do {
            let (profile, bytes) = try common.read(file, with: builder)
            let packet = try attempt(file) { () throws(PacketError) in
              try builder.generate(profile: profile, profileBytes: bytes, options: options)
            }
            if !common.quiet {
              let p = packet.plan
              print(
                "\(displayPath(packet.path)): \(p.category.title) (\(p.category.code)), \(p.eligibility.eligible ? "eligible" : "NOT ELIGIBLE"), "
                  + "applicant pays \(p.fees.totals.applicant.formatted), "
                  + "\(p.checklist.filter { $0.status != "provided" }.count) of \(p.checklist.count) documents to collect"
                  + (p.family.map { f in
                    "; with \(f.members.count) family member\(f.members.count == 1 ? "" : "s") applying together, the family pays \(f.totals.applicant.formatted)"
                  } ?? ""))
              for note in packet.notes { print("  \(note)") }
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
