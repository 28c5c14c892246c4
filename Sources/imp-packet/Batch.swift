import ArgumentParser
import Foundation
import IMPPacket
import ZipPacket

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension IMPPacketCommand {
  struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write one packet per profile for many profiles at once, with a report of every input.",
      discussion: """
        INPUT is a profile file, a folder (searched recursively for *.json) or a JSON Lines file \
        (*.jsonl, *.ndjson, or - for standard input: one profile per line). A failing profile never \
        stops the others: DIR/report.json and DIR/report.csv list every input with its status, case id, \
        category, code, fees, packet and errors. Exit code 0 when every profile got its packet; \
        otherwise the highest exit code among the failed profiles (as generate would give).

        Each job's profiles are made in a worker process of its own: a crash in one profile's work \
        is that profile's failed row (exit code 71, naming the input and the signal), and the batch \
        goes on. Ctrl-C or SIGTERM stops it: the packets being made are finished and the report of \
        the rows so far is written (with "cancelled": 1), then the batch ends by that signal.

        --shard K/N makes the part K (0 to N-1) of N: N runs, on any machines, together write exactly \
        the packets of one run (each writes report-K-of-N.json and .csv).
        """)

    @Argument(help: "Profile files, folders, or JSON Lines files.")
    var inputs: [String]

    @OptionGroup var packet: PacketOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Worker processes (default: the number of cores).", valueName: "N"))
    var jobs: Int?

    @Flag(help: "Skip profiles whose packet exists and was made from the same profile, catalog, templates and version.")
    var resume = false

    @Option(help: ArgumentHelp("Make only part K (0 to N-1) of N of the inputs.", valueName: "K/N"))
    var shard: Shard?

    @Option(
      help: ArgumentHelp(
        "flat: every packet in DIR; hashed: in 256 subfolders DIR/hh/<caseId>.zip (hh from the SHA-256 of the name).",
        valueName: "flat|hashed"))
    var layout = PacketLayout.flat

    @OptionGroup var common: CommonOptions

    func validate() throws {
      if let jobs, !(1...BatchOptions.maxJobs).contains(jobs) {
        throw ValidationError(
          "--jobs: expected 1 to \(BatchOptions.maxJobs) (each job is a worker process; the cores here: "
            + "\(ProcessInfo.processInfo.activeProcessorCount)), got \(jobs)")
      }
      // The output folder is never searched for profiles (it holds packets and reports), so
      // given as an input it would be a batch of nothing that says it succeeded.
      if let out = try? Syscall.status(packet.out.output), out.isDirectory {
        for input in inputs {
          if let a = try? Syscall.status(input), a.isDirectory, a.device == out.device, a.inode == out.inode {
            throw ValidationError(
              "\(input) is also the output folder (-o): packets and reports go there and it is not searched for profiles; "
                + "give another output folder")
          }
        }
      }
    }

    func run() throws {
      try reporting {
        // No builder and no PDF renderer here: the first worker loads them for the batch
        // (IMPPacket.Batch(inputs:options:)), and its failure to is this command's, before the
        // output folder is made.
        var options = BatchOptions(packet: try packet.make(today: common.today, starting: false))
        options.jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        options.packet.layout = layout
        options.resume = resume
        options.shard = shard
        options.workers = BatchWorkers(
          executable: ownExecutable(), arguments: [BatchWorker.configuration.commandName!],
          templates: common.templates.map { URL(fileURLWithPath: $0) }, catalog: common.catalog.map { URL(fileURLWithPath: $0) })
        let batch = try attempt(nil) { () throws(PacketError) in
          try IMPPacket.Batch(inputs: inputs, options: options)
        }
        let display = ProgressDisplay(quiet: common.quiet, terminal: isatty(2) == 1)
        display.resumed(batch)
        let total =
          common.quiet || inputs.contains("-")
          ? nil : BatchInputs.count(inputs, shard: options.shard, skipping: options.packet.outputDirectory.path)
        let stop = StopOnSignals(batch)
        let summary = try attempt(nil) { () throws(PacketError) in
          try batch.run(total: total, interval: display.interval) { progress, failures in
            display.show(progress, failures)
          }
        }
        display.finish(summary)
        stop.endBySignalReceived()
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
      }
    }
  }
}

extension IMPPacketCommand {
  /// The worker process of `batch` (``IMPPacket/BatchWorker``): not for people, so not in the help.
  struct BatchWorker: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "batch-worker", abstract: "The worker process of batch (internal).", shouldDisplay: false)

    func run() throws {
      let code = IMPPacket.BatchWorker.serve()
      if code != 0 { throw ExitCode(code) }
    }
  }
}

/// This program's own file, to start batch workers from.
func ownExecutable() -> String {
  (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
}

/// Ctrl-C (SIGINT) and SIGTERM cancel the batch instead of killing it: the packets being made
/// are finished, the report of the rows so far is written, and then the process ends by the
/// signal, as the shell expects. A second signal ends it at once.
final class StopOnSignals: @unchecked Sendable {
  private var sources: [any DispatchSourceSignal] = []
  private let lock = NSLock()
  private var received: Int32?

  init(_ batch: IMPPacket.Batch) {
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { [self] in
        lock.withLock { if received == nil { received = number } }
        signal(number, SIG_DFL)
        batch.cancel()
      }
      source.resume()
      sources.append(source)
    }
  }

  /// When a signal cancelled the batch, ends the process by it.
  func endBySignalReceived() {
    guard let number = lock.withLock({ received }) else { return }
    signal(number, SIG_DFL)
    var blocked = sigset_t()
    sigemptyset(&blocked)
    sigaddset(&blocked, number)
    pthread_sigmask(SIG_UNBLOCK, &blocked, nil)
    raise(number)
    exit(128 + number)  // as a shell reports a death by the signal, should it not end the process
  }
}

/// Progress on standard error: a bar redrawn in place on a terminal, a plain line every
/// ten seconds otherwise, nothing but failures with `--quiet`. Each failure is one line
/// naming the input and its first problem; the report has them all.
final class ProgressDisplay {
  let quiet: Bool
  let terminal: Bool
  private var barShown = false

  init(quiet: Bool, terminal: Bool) {
    self.quiet = quiet
    self.terminal = terminal
  }

  var interval: Double { terminal && !quiet ? 0.2 : 10 }

  func show(_ p: BatchProgress, _ failures: [BatchRow]) {
    var text = ""
    if barShown { text += "\r\u{1B}[K" }
    for row in failures {
      let first = row.errors.first.map { e in (e.path ?? e.rule).map { "\($0): \(e.message)" } ?? e.message } ?? "failed"
      let more =
        row.errors.first?.rule == BatchRow.Issue.packetExists
        ? " (use --force to replace it)"
        : row.errors.count > 1 ? " (and \(row.errors.count - 1) more in the report)" : ""
      text += "error: \(row.input): \(first.split(separator: "\n").first ?? "")\(more)\n"
    }
    barShown = false
    if !quiet {
      if terminal {
        text += bar(p)
        barShown = true
      } else if p.done > 0 {
        text += "batch: \(line(p))\n"
      }
    }
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// What `--resume` cleaned up before starting.
  func resumed(_ batch: IMPPacket.Batch) {
    guard !quiet else { return }
    var text = ""
    if !batch.removedLeftovers.isEmpty {
      let names = batch.removedLeftovers.map { displayPath($0) }
      text += "resume: removed \(names.count) temporary file\(names.count == 1 ? "" : "s") an interrupted batch left: "
      text += names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : "") + "\n"
    }
    if batch.leftoversKeptForAnotherBatch {
      text += "resume: another batch is writing in this folder; temporary files left as they are\n"
    }
    FileHandle.standardError.write(Data(text.utf8))
  }

  func finish(_ s: BatchSummary) {
    var text = barShown ? "\r\u{1B}[K" : ""
    barShown = false
    if !quiet {
      let p = s.progress
      text += "\(p.done) profiles: \(p.packets) packets written, \(p.skipped) skipped, \(p.failed) failed "
      text += "in \(String(format: "%.1f", p.seconds)) s (\(rate(p)) profiles/s)\n"
      text += "report: \(displayPath(s.reportJSON)), \(displayPath(s.reportCSV))\n"
    }
    FileHandle.standardError.write(Data(text.utf8))
  }

  private func rate(_ p: BatchProgress) -> Int { p.seconds > 0 ? Int(Double(p.done) / p.seconds) : 0 }

  private func line(_ p: BatchProgress) -> String {
    let of = p.total.map { "/\($0)" } ?? ""
    return "\(p.done)\(of) done, \(rate(p))/s, \(p.failed) failed"
  }

  private func bar(_ p: BatchProgress) -> String {
    let width = 30
    guard let total = p.total, total > 0 else { return line(p) }
    let filled = min(width, p.done * width / total)
    let perSecond = p.seconds > 0 ? Double(p.done) / p.seconds : 0
    let eta = perSecond > 0 ? Int(Double(total - p.done) / perSecond) : nil
    let etaText = eta.map { String(format: "ETA %d:%02d", $0 / 60, $0 % 60) } ?? "ETA --:--"
    return "[\(String(repeating: "#", count: filled))\(String(repeating: "-", count: width - filled))] "
      + "\(line(p)), \(etaText)"
  }
}
