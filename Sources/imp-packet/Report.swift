import ArgumentParser
import Foundation
import IMPPacket

extension IMPPacketCommand {
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Work with batch reports.", subcommands: [Merge.self])

    struct Merge: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Merge the report-K-of-N.json of a sharded batch into the report.json and .csv of one run.",
        discussion: """
          DIR holds the reports of all N parts (batch --shard K/N, copied into one folder if the parts ran \
          on several machines). The merged report.json and report.csv are the ones a single run over the \
          same inputs would write, byte for byte: every input in input order, the summary added up. The \
          exit code is the one that run would give: 0 when every profile got its packet, otherwise the \
          highest exit code of the failed profiles. A set with a part missing or twice, parts of another N, \
          or parts made with another tool, catalog or templates is refused (65), each problem naming its \
          file; 66 when DIR or a report cannot be read.
          """)

      @Argument(help: ArgumentHelp("The folder holding report-0-of-N.json … report-(N-1)-of-N.json.", valueName: "DIR"))
      var directory: String

      @Flag(name: .shortAndLong, help: "Print only errors.")
      var quiet = false

      func run() throws {
        let summary: ReportMergeSummary
        do { summary = try ReportMerge.merge(directory: directory) } catch {
          for problem in error.problems { FileHandle.standardError.write(Data("error: \(problem)\n".utf8)) }
          throw ExitCode(error.exitCode)
        }
        if !quiet {
          FileHandle.standardError.write(
            Data(
              ("\(summary.shards) parts, \(summary.profiles) profiles: \(summary.packets) packets written, "
                + "\(summary.skipped) skipped, \(summary.failed) failed\n"
                + "report: \(displayPath(summary.reportJSON)), \(displayPath(summary.reportCSV))\n").utf8))
        }
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
      }
    }
  }
}
