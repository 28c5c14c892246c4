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
        // The output folder is made once a profile reads: broken profiles alone leave none.
        let options = try packet.make(today: common.today, makingFolder: false)
        var worst: Failure?
        // Each profile's failure is told at once; the run ends with the worst one's exit code.
        func note(_ f: Failure) {
          f.report()
          if worst == nil || f.exitCode > worst!.exitCode { worst = f }
        }
        var folderMade = false
        for file in profiles {
          let read: (Profile, [UInt8])
          do { read = try common.read(file, with: builder) } catch let f as Failure {
            note(f)
            continue
          }
          // A folder that cannot be made ends the run, once, as it did when made up front.
          if !folderMade {
            _ = try packet.out.directory()
            folderMade = true
          }
          do {
            let (profile, bytes) = read
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
            note(f)
          }
        }
        if let worst { throw ExitCode(worst.exitCode) }
      }
    }
  }
}
