import ArgumentParser
import Foundation
import IMPPacket
import IMPRules
import IMPServer

extension IMPPacketCommand {
  struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "A local web intake for a folder of cases, and the HTTP JSON API under /api/v1/.",
      discussion: """
        Prints a URL with an access token; open it in a browser. Every request needs the token \
        (a cookie after the first visit; API calls send Authorization: Bearer TOKEN). Listens on \
        127.0.0.1 only unless --host says otherwise. Stop it with Ctrl-C.
        """)

    @Option(help: ArgumentHelp("The folder of profile files to list and edit (created if missing).", valueName: "DIR"))
    var cases = "."

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 8642

    @Option(help: ArgumentHelp("The address to listen on. Anything but loopback lets other machines reach the cases.", valueName: "H"))
    var host = "127.0.0.1"

    @OptionGroup var common: CommonOptions

    func validate() throws {
      guard (0...65535).contains(port) else { throw ValidationError("--port: expected 0 to 65535, got \(port)") }
    }

    func run() throws {
      try reporting {
        let builder = try common.builder()
        let dir = URL(fileURLWithPath: cases)
        try attempt(nil) { () throws(PacketError) in try PacketBuilder.createOutputDirectory(dir) }
        var options = ServeOptions(casesDirectory: dir)
        options.host = host
        options.port = port
        options.asOf = common.asOf
        let server: IMPServer
        do { server = try IMPServer(builder: builder, options: options) } catch {
          throw Failure(.setup("\(error)"), file: nil)
        }
        let quiet = common.quiet
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
          do {
            try await server.run { url in
              let text =
                quiet ? url : "imp-packet serve: cases in \(displayPath(dir.path)); open this URL (it carries the access token):\n  \(url)"
              FileHandle.standardOutput.write(Data((text + "\n").utf8))
            }
          } catch {
            outcome.error = "\(error)"
          }
          done.signal()
        }
        done.wait()
        if let message = outcome.error {
          throw Failure(.setup("cannot serve on \(host):\(port): \(message)"), file: nil)
        }
      }
    }
  }
}

/// The server task's error, read once the task has ended.
private final class Outcome: @unchecked Sendable {
  var error: String?
}
