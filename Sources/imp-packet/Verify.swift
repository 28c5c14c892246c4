import ArgumentParser
import Foundation
import IMPPacket
import StrictJSON

extension IMPPacketCommand {
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check packets against their manifests: each file's size and SHA-256, nothing missing, nothing added.",
      discussion: """
        Exit codes: 0 every packet is intact; 65 a packet does not match its manifest, is damaged or has \
        no valid manifest; 66 a packet file cannot be opened; 77 an encrypted packet's password is missing or wrong.
        """)

    @Argument(help: "Packet files (.zip).")
    var packets: [String]

    @OptionGroup var password: PasswordOptions

    @Flag(name: .shortAndLong, help: "Print only problems.")
    var quiet = false

    func run() throws {
      let secret = try password.read()
      var worst: Int32 = 0
      for path in packets {
        do {
          let result = try attempt(path) { () throws(PacketError) in try PacketVerifier.verify(path: path, password: secret) }
          let m = result.manifest
          if result.intact {
            if !quiet {
              let encrypted = result.encrypted > 0 ? ", encrypted" : ""
              // The manifest's values are the packet's, not ours: shown escaped.
              print(
                ("\(path): intact: \(result.matched) files match the manifest "
                  + "(case \(m.caseId), \(m.toolName) \(m.toolVersion), catalog \(m.catalogVersion)\(encrypted))")
                  .escapingControlCharacters)
            }
          } else {
            for problem in result.problems {
              FileHandle.standardError.write(Data("error: \(path): \(problem)".escapingControlCharacters.utf8 + [0x0A]))
            }
            let n = result.problems.count
            FileHandle.standardError.write(
              Data("error: \(path) does not match its manifest (\(n) problem\(n == 1 ? "" : "s"))\n".utf8))
            worst = max(worst, ExitStatus.invalidInput.code)
          }
        } catch var f as Failure {
          if case .unreadablePacket(let e) = f.error, e.kind == .password, secret == nil {
            f.error = .unreadablePacket(.init(.password, e.message + " (give --password-file FILE or --password-env NAME)"))
          }
          f.report()
          worst = max(worst, f.exitCode)
        }
      }
      if worst != 0 { throw ExitCode(worst) }
    }
  }
}
