public import Foundation
import IMPRules
import ZipPacket

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a batch starts its worker processes: a command of this same tool that runs
/// ``BatchWorker/serve()`` (the CLI's hidden `batch-worker`).
public struct BatchWorkers: Sendable {
  public var executable: String
  public var arguments: [String]
  /// `--templates` and `--catalog` as given, for the workers to load the same files.
  public var templates: URL?
  public var catalog: URL?

  public init(executable: String, arguments: [String], templates: URL?, catalog: URL?) {
    self.executable = executable
    self.arguments = arguments
    self.templates = templates
    self.catalog = catalog
  }
}

/// One worker process of a batch, seen from the batch: its pipes and how it ended.
final class WorkerProcess {
  /// How a worker ended.
  enum Ending {
    case exited(Int32)
    case signal(Int32)
  }

  private let process: Process
  private let stdin: FileHandle
  private let rows: FrameReader
  private let keepAlive: (Pipe, Pipe)

  /// Spawning serialised: a pipe made by one thread must not leak into the worker another
  /// thread spawns meanwhile, or that worker would hold it open and a dead worker's end of
  /// input would never be seen.
  private static let spawning = NSLock()

  private init(process: Process, input: Pipe, output: Pipe) {
    self.process = process
    stdin = input.fileHandleForWriting
    rows = FrameReader(fd: output.fileHandleForReading.fileDescriptor)
    keepAlive = (input, output)
  }

  /// Starts a worker and sends it `setup`; throws what the worker said when it cannot work.
  static func start(_ command: BatchWorkers, setup: WorkerSetup) throws(PacketError) -> WorkerProcess {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: command.executable)
    process.arguments = command.arguments
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    // A trap's message could quote a profile's values: a crashed worker is named in the
    // report by its input and signal instead.
    process.standardError = FileHandle.nullDevice
    let started: Bool = spawning.withLock {
      for fd in [
        input.fileHandleForReading.fileDescriptor, input.fileHandleForWriting.fileDescriptor,
        output.fileHandleForReading.fileDescriptor, output.fileHandleForWriting.fileDescriptor,
      ] {
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
      }
      return (try? process.run()) != nil
    }
    guard started else { throw .setup("cannot start a batch worker (\(command.executable))") }
    // The worker's ends are its own now: its death is then the end of its output.
    try? input.fileHandleForReading.close()
    try? output.fileHandleForWriting.close()
    let worker = WorkerProcess(process: process, input: input, output: output)
    guard writeFrame(setup, to: worker.stdin.fileDescriptor), let hello = worker.rows.next(WorkerHello.self) else {
      let ending = worker.finish()
      throw .setup("a batch worker stopped before it was ready (\(ending))")
    }
    if let failure = hello.failure {
      _ = worker.finish()
      throw failure.error
    }
    guard let version = hello.catalogVersion, let digest = hello.templatesSHA256 else {
      _ = worker.finish()
      throw .setup("a batch worker did not say which catalog and templates it loaded")
    }
    worker.identity = BatchIdentity(catalogVersion: version, templatesSHA256: digest)
    return worker
  }

  static let changedWhileStarting = "the catalog or the templates changed while the batch was starting; run it again"

  /// The catalog and templates the worker loaded.
  private(set) var identity = BatchIdentity(catalogVersion: "", templatesSHA256: "")

  /// Sends items to work on; false when the worker is gone.
  func send(_ items: [BatchItem]) -> Bool {
    writeFrame(items.map(WorkerItem.init), to: stdin.fileDescriptor)
  }

  /// The row of the next item sent, or nil when the worker died first.
  func nextRow() -> BatchRow? { rows.next().flatMap(BatchRow.init(frame:)) }

  /// Ends a worker that broke the protocol (it has usually died already) and says how it ended.
  func end() -> Ending {
    if process.isRunning { _ = kill(process.processIdentifier, SIGKILL) }
    return finish()
  }

  /// Closes the worker's input and waits for it to exit.
  func finish() -> Ending {
    try? stdin.close()
    process.waitUntilExit()
    return process.terminationReason == .uncaughtSignal
      ? .signal(process.terminationStatus) : .exited(process.terminationStatus)
  }
}

extension WorkerProcess.Ending: CustomStringConvertible {
  /// "signal 4 (Illegal instruction)", "exit status 1".
  var description: String {
    switch self {
    case .signal(let n): "signal \(n) (\(String(cString: strsignal(n))))"
    case .exited(let n): "exit status \(n)"
    }
  }
}

extension BatchRow {
  /// The row of a profile whose worker died while making it: the input and how the worker
  /// ended, nothing of the profile but its case id.
  static func crashed(_ item: BatchItem, _ ending: WorkerProcess.Ending, caseId: String?) -> BatchRow {
    var row = BatchRow(input: item.source, status: .failed)
    row.caseId = caseId
    row.exitCode = ExitStatus.crashed.code
    row.errors = [
      Issue(
        path: nil, rule: nil,
        message: "imp-packet crashed making the packet of \(item.source): its worker stopped with \(ending); "
          + "no packet was written for this input and the batch went on. This is a bug in imp-packet; please report it")
    ]
    return row
  }
}

/// A batch thread's worker process: started when first needed, replaced after it dies.
final class WorkerSlot {
  private let command: BatchWorkers
  private let setup: WorkerSetup
  private let directory: String
  private let layout: PacketLayout
  private var worker: WorkerProcess?

  /// `started`: a worker already started for this slot (the batch's first, which loaded the
  /// catalog and templates for it).
  init(command: BatchWorkers, setup: WorkerSetup, directory: String, layout: PacketLayout, started: WorkerProcess? = nil) {
    self.command = command
    self.setup = setup
    self.directory = directory
    self.layout = layout
    self.worker = started
  }

  /// Makes `items` in the worker, handing each row to `deliver` with its position. When the
  /// worker dies, the item it was making fails, its temporary file (if any) is removed, and
  /// the items after it go to a new worker; when none can start, they fail with why.
  func run(_ items: [(Int, BatchItem)], deliver: (Int, BatchRow) -> Void) {
    var queue = items[...]
    while !queue.isEmpty {
      let current: WorkerProcess
      if let worker {
        current = worker
      } else {
        do throws(PacketError) { current = try WorkerProcess.start(command, setup: setup) } catch {
          for (sequence, item) in queue {
            var row = BatchRow(input: item.source, status: .failed)
            row.exitCode = error.exitCode
            row.errors = error.issues
            deliver(sequence, row)
          }
          return
        }
        worker = current
      }
      _ = current.send(queue.map(\.1))
      while let first = queue.first, let row = current.nextRow() {
        deliver(first.0, row)
        queue.removeFirst()
      }
      guard let (sequence, item) = queue.first else { return }
      worker = nil
      let ending = current.end()
      let caseId = BatchCaseIds.caseId(of: item)
      removePartial(caseId: caseId)
      deliver(sequence, .crashed(item, ending, caseId: caseId))
      queue.removeFirst()
    }
  }

  /// Removes the temporary file a worker killed mid-write left for `caseId`'s packet. No
  /// other worker writes that name: a case id belongs to one input of the batch.
  private func removePartial(caseId: String?) {
    guard let caseId else { return }
    let relative = layout.relativePath(caseId: caseId)
    let base = String(relative.split(separator: "/").last ?? "")
    let folder = relative.contains("/") ? directory + "/" + relative.split(separator: "/").dropLast().joined(separator: "/") : directory
    _ = AtomicFile.removePartials(in: folder, accepts: { $0 == base })
  }

  /// Ends the worker: its input closes, it finishes and exits.
  func stop() {
    _ = worker?.finish()
    worker = nil
  }
}
