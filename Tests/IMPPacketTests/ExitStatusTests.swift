import Foundation
import IMPPacket
import Testing

/// The exit codes are named once, in ``ExitStatus``; the README's table and `--help` list
/// exactly those.
@Suite struct ExitStatusTests {
  @Test func readmeTableListsEveryNamedCode() throws {
    let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let section = try #require(readme.components(separatedBy: "### Exit codes").dropFirst().first)
    let table = section.components(separatedBy: "\n\n").dropFirst().first ?? ""
    let codes = table.split(separator: "\n").compactMap { line -> Int32? in
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      return cells.first.flatMap { Int32($0) }
    }
    #expect(codes == ExitStatus.allCases.map(\.code))
  }

  @Test func helpListsEveryNamedCode() throws {
    let help = try run(tool, ["--help"])
    let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    for status in ExitStatus.allCases {
      #expect(flat.contains("\(status.code) \(status.meaning)"), "help lacks \(status.code)")
    }
  }
}
