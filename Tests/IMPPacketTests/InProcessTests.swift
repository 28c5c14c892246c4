import Foundation
import IMPPacket
import IMPRules
import Testing
import ZipPacket

/// `PacketBuilder` and `Batch` called as a server will call them: in this process, no CLI.
@Suite("In-process: the builder and the batch without the command line")
struct InProcessTests {
  static let today = CivilDate("2026-12-01")!

  @Test func theBuilderMakesAPacketItsVerifierAccepts() throws {
    let builder = try PacketBuilder.load()
    let (profile, bytes) = try shippedBuilder.readProfile(URL(fileURLWithPath: fixturePath("pgwp-eligible")), asOf: Self.today)
    let out = try TempDir()
    let packet = try builder.generate(
      profile: profile, profileBytes: bytes, options: GenerateOptions(outputDirectory: URL(fileURLWithPath: out.path), asOf: Self.today))
    #expect(packet.path == out.file("2026-0142.zip"))
    #expect(packet.plan.category.code == "C43")
    #expect(packet.plan.fees.totals.applicant.description == "255.00")
    let verified = try PacketVerifier.verify(path: packet.path)
    #expect(verified.intact && verified.manifest.caseId == "2026-0142")
    let names = try ZipReader(path: packet.path).names
    #expect(names.contains("00-cover-sheet.html") && names.contains("plan.json") && names.contains("manifest.xml"))
    // The same bytes as the command line writes.
    let cliOut = try TempDir()
    #expect(try cli("generate", fixturePath("pgwp-eligible"), "-o", cliOut.path).status == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: packet.path)) == Data(contentsOf: URL(fileURLWithPath: cliOut.file("2026-0142.zip"))))
  }

  @Test func aBatchRunsInProcessAndReportsEveryInput() throws {
    let data = try TempDir()
    let (profiles, broken) = try syntheticProfiles(data, n: 20, broken: 3)
    let out = try TempDir()
    var options = BatchOptions(packet: GenerateOptions(outputDirectory: URL(fileURLWithPath: out.path), asOf: Self.today))
    options.jobs = 2
    let batch = try Batch(builder: try PacketBuilder.load(), inputs: [profiles], options: options)
    var failedSeen: [String] = []
    let summary = try batch.run(total: nil, interval: 0.05) { _, failures in failedSeen += failures.map(\.input) }
    #expect(summary.progress.done == 20 && summary.progress.failed == 3 && summary.progress.packets == 17)
    #expect(!summary.cancelled && summary.exitCode == 65)
    #expect(Set(failedSeen) == Set(broken), "every failure reaches the progress callback")
    let report = try BatchReport(summary.reportJSON)
    #expect(report.inputs.count == 20 && report.summary.packets == 17)
    #expect(try packets(in: out.path).count == 17)
  }

  /// More jobs than ``BatchOptions/maxJobs`` are refused before any thread or worker starts,
  /// in either kind of batch, and no output folder is made.
  @Test func tooManyJobsAreRefusedBeforeAnythingStarts() throws {
    let out = try TempDir()
    let folder = URL(fileURLWithPath: out.file("packets"))
    for jobs in [0, BatchOptions.maxJobs + 1, 1_000_000] {
      var options = BatchOptions(packet: GenerateOptions(outputDirectory: folder, asOf: Self.today))
      options.jobs = jobs
      #expect(throws: PacketError.self) { try Batch(builder: try PacketBuilder.load(), inputs: [fixturePath("ict")], options: options) }
      options.workers = BatchWorkers(executable: tool, arguments: ["batch-worker"], templates: nil, catalog: nil)
      do {
        _ = try Batch(inputs: [fixturePath("ict")], options: options)
        Issue.record("\(jobs) jobs were taken")
      } catch {
        #expect(error.description.contains("jobs: expected 1 to \(BatchOptions.maxJobs)"), "\(error.description)")
      }
    }
    #expect(!FileManager.default.fileExists(atPath: folder.path))
  }

  @Test func cancelStopsABatchAndStillWritesItsReport() throws {
    let data = try TempDir()
    let (profiles, _) = try syntheticProfiles(data, n: 300, broken: 0)
    let out = try TempDir()
    var options = BatchOptions(packet: GenerateOptions(outputDirectory: URL(fileURLWithPath: out.path), asOf: Self.today))
    options.jobs = 1
    let batch = try Batch(builder: try PacketBuilder.load(), inputs: [profiles], options: options)
    // Cancelled from another thread, as a server would on a client's request.
    let folder = out.path
    let canceller = Thread {
      while (try? FileManager.default.contentsOfDirectory(atPath: folder))?.count(where: { $0.hasSuffix(".zip") }) ?? 0 < 3 {
        usleep(5_000)
      }
      batch.cancel()
    }
    canceller.start()
    let summary = try batch.run(total: 300, interval: 0.05) { _, _ in }
    #expect(summary.cancelled)
    #expect(summary.progress.done >= 3 && summary.progress.done < 300, "\(summary.progress.done) done")
    let report = try BatchReport(summary.reportJSON)
    #expect(report.inputs.count == summary.progress.done)
    #expect(report.inputs.allSatisfy { $0.status == "ok" })
    #expect(try packets(in: out.path).count == summary.progress.packets)
    let text = try String(contentsOfFile: summary.reportJSON, encoding: .utf8)
    #expect(text.contains("\"cancelled\": 1"))
    #expect(out.contents.filter { $0.contains(".partial-") } == [])
  }
}
