import Foundation
public import IMPRules
import CMalloc
import ZipPacket
import PDFRender

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a batch runs.
public struct BatchOptions: Sendable {
  /// Where packets and reports go, and how packets are made (as for `generate`).
  public var packet: GenerateOptions
  /// Worker threads; they share one ``PacketBuilder`` (templates compiled once). With
  /// ``workers``, each thread feeds a worker process of its own instead.
  public var jobs = ProcessInfo.processInfo.activeProcessorCount
  /// The most ``jobs`` a batch takes: 256, or four per core on a larger machine. Each job is a
  /// thread and a worker process with its own catalog and templates (about 40 MB), and
  /// jobs past the cores make no packet sooner.
  public static var maxJobs: Int { max(256, 4 * ProcessInfo.processInfo.activeProcessorCount) }
  /// Skip a profile whose packet exists and records the same profile, catalog,
  /// templates and tool version.
  public var resume = false
  public var shard: Shard?
  /// Worker processes to make the packets in, one per job, so that a crash in one
  /// profile's work is that profile's failed row (exit 71) and the batch goes on; nil makes
  /// them in this process's threads (a crash then ends the batch).
  public var workers: BatchWorkers?

  public init(packet: GenerateOptions) { self.packet = packet }
}

/// The catalog version and templates digest a batch's packets are made with (its report's header).
public struct BatchIdentity: Sendable, Equatable {
  public var catalogVersion: String
  public var templatesSHA256: String

  public init(catalogVersion: String, templatesSHA256: String) {
    self.catalogVersion = catalogVersion
    self.templatesSHA256 = templatesSHA256
  }
}

/// How far a batch has got, for a progress display.
public struct BatchProgress: Sendable {
  /// How many profiles the inputs name, when it was counted beforehand.
  public var total: Int?
  public var done = 0
  public var packets = 0
  public var skipped = 0
  public var failed = 0
  public var seconds = 0.0
}

/// The end of a batch.
public struct BatchSummary: Sendable {
  public var progress: BatchProgress
  /// 0 when every profile got its packet (or was skipped); otherwise the highest exit
  /// code among the failed profiles.
  public var exitCode: Int32
  /// ``Batch/cancel()`` stopped the batch: profiles not yet started have no row.
  public var cancelled = false
  public var reportJSON: String
  public var reportCSV: String
}

/// Makes one packet per profile across several threads, streaming inputs and reports,
/// so that memory does not grow with the number of profiles.
///
/// A failing profile is a row of the report and never stops the others. Rows are
/// written in input order whatever order the threads finish in, so the same inputs give
/// the same report. With ``BatchOptions/workers`` each thread hands its profiles, a few at
/// a time, to a worker process of its own and writes nothing itself; a worker that dies is
/// replaced, and the profile it was making gets a failed row naming the input and the signal.
public final class Batch: @unchecked Sendable {
  let identity: BatchIdentity
  let options: BatchOptions
  let directory: String
  /// What the threads make packets with, when they make them themselves (no ``BatchOptions/workers``).
  let job: BatchJob?
  /// The worker processes started with the batch (``init(inputs:options:)``), the first of
  /// which loaded the catalog and templates for it; each thread takes one.
  private var startedWorkers: [WorkerProcess]

  // Everything below is guarded by `condition`.
  private let condition = NSCondition()
  private let inputs: BatchInputs
  private var report: BatchReportWriter
  private var taken = 0
  private var written = 0
  private var pending: [Int: (row: BatchRow, encoded: (json: String, csv: String))] = [:]
  private var waiting = 0
  private var running = 0
  private var progress = BatchProgress()
  private var worst: Int32 = 0
  private var newFailures: [BatchRow] = []
  private var cancelled = false
  private let caseIds: BatchCaseIds
  /// Holds the output folder against a `--resume` of another batch cleaning it up.
  private let folderLock: FolderLock

  /// `--resume`: the temporary files an interrupted batch had left, removed before this one starts.
  public let removedLeftovers: [String]
  /// `--resume`: another batch was writing in the folder, so its temporary files were left alone.
  public let leftoversKeptForAnotherBatch: Bool

  /// Opens the reports in `options.packet.outputDirectory`, which must exist; the packets are
  /// made with `builder` (in this process's threads, or in ``BatchOptions/workers`` that load
  /// the same catalog and templates).
  public convenience init(builder: PacketBuilder, inputs arguments: [String], options: BatchOptions) throws(PacketError) {
    try Batch.checkJobs(options)
    try self.init(
      identity: BatchIdentity(catalogVersion: builder.catalog.catalogVersion, templatesSHA256: builder.templatesSHA256),
      job: BatchJob(builder: builder, options: options.packet, resume: options.resume), started: [],
      inputs: arguments, options: options)
  }

  /// A batch made in ``BatchOptions/workers`` only, without loading a builder here: its
  /// workers (one per job, up to one per core) start at once, side by side, and what the first
  /// loads (the catalog, the templates, the PDF renderer) is the batch's. When it cannot load
  /// them the batch fails as loading them here would have, with the same error, before any
  /// report is written; otherwise a batch saves a builder's load before its first packet. A
  /// worker that loaded other files than the first (they changed meanwhile) is not used: its
  /// thread starts another, which must load the first's. `options.packet.pdf`'s renderer need
  /// not be started: the workers start their own. The output folder is made (when missing) once
  /// the first worker is ready, so a batch that cannot start leaves no folder behind.
  public convenience init(inputs arguments: [String], options: BatchOptions) throws(PacketError) {
    guard let command = options.workers else {
      throw .setup("a batch without worker processes needs a builder (Batch(builder:inputs:options:))")
    }
    try Batch.checkJobs(options)
    let count = min(options.jobs, ProcessInfo.processInfo.activeProcessorCount)
    let setup = Batch.setup(options, identity: nil)
    let results = Batch.startSideBySide(count) { () throws(PacketError) in try WorkerProcess.start(command, setup: setup) }
    let first: WorkerProcess
    switch results[0] {
    case .success(let w): first = w
    case .failure(let e):
      for case .success(let w) in results { _ = w.finish() }
      throw e
    }
    var started: [WorkerProcess] = []
    for case .success(let w) in results {
      if w.identity == first.identity { started.append(w) } else { _ = w.finish() }
    }
    do {
      try PacketBuilder.createOutputDirectory(options.packet.outputDirectory)
      try self.init(identity: first.identity, job: nil, started: started, inputs: arguments, options: options)
    } catch {
      for w in started { _ = w.finish() }
      throw error
    }
  }

  /// Throws unless `options.jobs` is 1 to ``BatchOptions/maxJobs``.
  private static func checkJobs(_ options: BatchOptions) throws(PacketError) {
    guard (1...BatchOptions.maxJobs).contains(options.jobs) else {
      throw .setup("jobs: expected 1 to \(BatchOptions.maxJobs) (one worker process each), got \(options.jobs)")
    }
  }

  /// `count` results of `start`, run side by side, in order.
  private static func startSideBySide<T>(_ count: Int, _ start: @escaping @Sendable () throws(PacketError) -> T)
    -> [Result<T, PacketError>]
  {
    let results = ResultSlots<T>(count)
    DispatchQueue.concurrentPerform(iterations: count) { k in results.set(k, Result { () throws(PacketError) in try start() }) }
    return results.all
  }

  private init(
    identity: BatchIdentity, job: BatchJob?, started: [WorkerProcess], inputs arguments: [String], options: BatchOptions
  ) throws(PacketError) {
    self.identity = identity
    self.startedWorkers = started
    var options = options
    options.packet.syncEachPacket = false  // one flush of the file system at the end instead
    self.options = options
    directory = options.packet.outputDirectory.path
    self.job = job
    inputs = BatchInputs(arguments, shard: options.shard, skipping: directory)
    folderLock = FolderLock(directory)
    if options.resume, folderLock.onlyHolder {
      removedLeftovers = Batch.removeLeftovers(in: directory, layout: options.packet.layout)
      leftoversKeptForAnotherBatch = false
    } else {
      removedLeftovers = []
      leftoversKeptForAnotherBatch = options.resume
    }
    folderLock.share()
    caseIds = BatchCaseIds(arguments: arguments, skipping: directory)
    let name = options.shard.map { "report-\($0.index)-of-\($0.count)" } ?? "report"
    do {
      report = try BatchReportWriter(
        directory: directory, name: name,
        header: [
          ("tool", "\(PacketBuilder.toolName) \(PacketBuilder.toolVersion)"),
          ("catalogVersion", identity.catalogVersion), ("templatesSHA256", identity.templatesSHA256),
          ("shard", options.shard?.description),
        ])
    } catch {
      throw .output(error)
    }
  }

  deinit {
    // A batch made but never run: the workers started for it end with it.
    for w in startedWorkers { _ = w.finish() }
  }

  /// Stops the batch: no profile is started after this call; those being made are
  /// finished, and ``run(total:interval:onProgress:)`` returns with the report of the rows
  /// so far. Safe from any thread.
  public func cancel() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    condition.unlock()
  }

  /// The temporary files of packets and reports in `directory` (and in the 256 subfolders
  /// of the hashed layout) that only a batch killed mid-write leaves.
  static func removeLeftovers(in directory: String, layout: PacketLayout) -> [String] {
    let ours: (String) -> Bool = { base in
      base.hasSuffix(".zip") || (base.hasPrefix("report") && (base.hasSuffix(".json") || base.hasSuffix(".csv")))
    }
    var removed = AtomicFile.removePartials(in: directory, accepts: ours)
    if layout == .hashed {
      for n in 0..<256 { removed += AtomicFile.removePartials(in: directory + "/" + hex2(n), accepts: ours) }
    }
    return removed
  }

  private static func hex2(_ n: Int) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[n >> 4], digits[n & 15]])
  }

  /// The rows that fall outside the reorder window wait: memory stays bounded even when
  /// one profile is slow.
  private var window: Int { max(256, options.jobs * 64) }

  /// Runs the batch. `onProgress` is called on the calling thread about every
  /// `interval` seconds and once at the end, with the failures since its last call.
  public func run(total: Int?, interval: Double, onProgress: (BatchProgress, [BatchRow]) -> Void) throws(PacketError)
    -> BatchSummary
  {
    Batch.keepFreedMemory()
    let start = Date()
    condition.lock()
    progress.total = total
    running = max(1, options.jobs)
    condition.unlock()
    // Worker processes start their own renderers: one started here (to report a missing
    // renderer up front) is not needed.
    if options.workers != nil {
      options.packet.pdf?.renderer.stop()
      signal(SIGPIPE, SIG_IGN)  // a dead worker's input is an error to handle, not the end of the batch
    }
    for k in 0..<max(1, options.jobs) {
      // One PDF renderer per worker, kept for all its packets: no new process per page. The
      // first worker takes the one given (started, or only checked, to report a missing
      // renderer up front; a renderer not started starts on first use).
      let renderer = options.workers != nil ? nil : options.packet.pdf.map { k == 0 ? $0.renderer : PDFRenderer() }
      let thread = Thread { [self] in work(renderer: renderer) }
      thread.stackSize = 8 << 20
      thread.start()
    }

    condition.lock()
    var last = Date()
    while running > 0 {
      _ = condition.wait(until: last.addingTimeInterval(interval))
      if running == 0 { break }
      if Date().timeIntervalSince(last) < interval { continue }
      last = Date()
      progress.seconds = last.timeIntervalSince(start)
      let (snapshot, failures) = (progress, newFailures)
      newFailures = []
      condition.unlock()
      onProgress(snapshot, failures)
      condition.lock()
    }
    progress.seconds = Date().timeIntervalSince(start)
    let (final, failures, worst, cancelled) = (progress, newFailures, worst, cancelled)
    newFailures = []
    condition.unlock()

    // Every failure is shown before the report is written: if the report cannot be
    // (a full disk), the display has named every profile without a packet.
    onProgress(final, failures)
    do {
      // Every packet reaches the disk before the report says it was made.
      if final.packets > 0 { AtomicFile.syncToDisk() }
      try report.finish(
        summary: [
          ("profiles", final.done), ("packets", final.packets), ("skipped", final.skipped), ("failed", final.failed),
          ("exitCode", Int(worst)),
        ] + (cancelled ? [("cancelled", 1)] : []))
    } catch {
      throw .output(
        ZipError(
          error.kind,
          "\(error.message); no report was written: of \(final.done) profiles \(final.packets) got a packet, "
            + "\(final.skipped) were skipped and \(final.failed) failed (each failure is listed above)"))
    }
    return BatchSummary(
      progress: final, exitCode: worst, cancelled: cancelled, reportJSON: report.jsonPath, reportCSV: report.csvPath)
  }

  /// Keeps memory that packets free inside the process instead of handing it back to the
  /// kernel: each packet's buffers (zlib's state above all, ~260 KB per file) would
  /// otherwise be unmapped and faulted in again, a quarter of the CPU time on Linux.
  /// Memory stays at its peak, which a batch reaches within its first packets.
  static func keepFreedMemory() {
    #if os(Linux)
      _ = mallopt(M_MMAP_THRESHOLD, 64 << 20)
      _ = mallopt(M_TRIM_THRESHOLD, 512 << 20)
    #endif
  }

  /// Profiles per request to a worker process: a pipe's round trip is paid once per few
  /// packets, and a cancelled batch waits for no more than these. A PDF packet takes long
  /// enough on its own.
  private var chunk: Int { options.workers == nil || options.packet.pdf != nil ? 1 : 8 }

  private func work(renderer: PDFRenderer?) {
    let worker = options.workers.map {
      WorkerSlot(
        command: $0, setup: Batch.setup(options, identity: identity), directory: directory, layout: options.packet.layout,
        started: takeStartedWorker())
    }
    while let items = take() {
      if let worker {
        worker.run(items) { deliver($0, $1) }
      } else if let job {
        for (sequence, item) in items { deliver(sequence, job.process(item, renderer: renderer)) }
      }
    }
    worker?.stop()
    renderer?.stop()
    condition.lock()
    running -= 1
    condition.broadcast()
    condition.unlock()
  }

  /// The next items to make, with their positions in the report; nil when there are no more
  /// or the batch is cancelled.
  private func take() -> [(Int, BatchItem)]? {
    condition.lock()
    defer { condition.unlock() }
    while taken - written >= window {
      waiting += 1
      condition.wait()
      waiting -= 1
    }
    var items: [(Int, BatchItem)] = []
    while !cancelled, items.count < chunk, taken - written < window, var item = inputs.next() {
      if !caseIds.readBeforehand { caseIds.claim(item) }  // in input order: the lock is held
      item.duplicate = caseIds.duplicate(of: item)
      items.append((taken, item))
      taken += 1
    }
    return items.isEmpty ? nil : items
  }

  /// Files `row` at its place in input order, writing every row that is now next.
  private func deliver(_ sequence: Int, _ row: BatchRow) {
    let encoded = BatchReportWriter.encode(row)
    condition.lock()
    pending[sequence] = (row, encoded)
    while let next = pending.removeValue(forKey: written) {
      report.append(next.encoded)
      written += 1
      progress.done += 1
      switch next.row.status {
      case .ok: progress.packets += 1
      case .skipped: progress.skipped += 1
      case .failed:
        progress.failed += 1
        worst = max(worst, next.row.exitCode)
        newFailures.append(next.row)
      }
    }
    if waiting > 0 { condition.broadcast() }
    condition.unlock()
  }

  /// A worker started with the batch, for a thread that asks first.
  private func takeStartedWorker() -> WorkerProcess? {
    condition.lock()
    defer { condition.unlock() }
    return startedWorkers.isEmpty ? nil : startedWorkers.removeFirst()
  }

  /// What a worker process needs to make the packets of a batch with `options`: with
  /// `identity`, the catalog and templates it must have loaded; without, it says which it loaded.
  private static func setup(_ options: BatchOptions, identity: BatchIdentity?) -> WorkerSetup {
    let p = options.packet
    return WorkerSetup(
      templates: options.workers?.templates?.path, catalog: options.workers?.catalog?.path,
      catalogVersion: identity?.catalogVersion, templatesSHA256: identity?.templatesSHA256,
      outputDirectory: p.outputDirectory.path, asOf: p.asOf, force: p.force, allowIneligible: p.allowIneligible,
      timestamp: p.timestamp, compressionLevel: p.compressionLevel, password: p.password, layout: p.layout.rawValue,
      resume: options.resume, pdf: p.pdf != nil, documents: p.pdf?.documents?.path, channel: p.pdf?.channel)
  }
}

extension PacketBuilder {
  /// What `--resume` finds at `path`, an existing packet for `profile`.
  public enum ExistingPacket: Sendable, Equatable {
    /// Made from the same profile, catalog, templates and tool version, and intact: `verify`
    /// finds every file as its manifest lists it.
    case current
    /// Readable, but made from something else (another profile, catalog, templates or tool
    /// version), or not a packet of imp-packet's.
    case other
    /// Made from the same, but damaged since: what `verify` finds wrong with it.
    case damaged(String)
  }

  /// Whether the packet at `path` is the one `profile` would make now, read whole (every file
  /// inflated and hashed, as `verify` does), so that `--resume` never keeps a damaged one.
  public func existingPacket(at path: String, profile: Profile, profileBytes: [UInt8], password: String?) -> ExistingPacket {
    guard let zip = try? ZipReader(path: path, password: password),
      let read = try? PacketVerifier.readManifest(zip)
    else { return .other }
    // The packet was made in the profile's language, whose translation is part of its templates.
    let manifest = read.manifest
    let made = (try? speaking(profile.language)) ?? self
    guard manifest.profileSHA256 == PacketBuilder.sha256(profileBytes)
      && manifest.catalogVersion == made.catalog.catalogVersion
      && manifest.templatesSHA256 == made.templatesSHA256
      && manifest.toolVersion == PacketBuilder.toolVersion
      && manifest.createdOn == profile.submission.date.description
      && manifest.caseId == profile.caseId
    else { return .other }
    do {
      let check = try PacketVerifier.verify(zip, manifestAt: read.index, manifest)
      return check.intact ? .current : .damaged(check.problems.map(\.description).joined(separator: "; "))
    } catch {
      return .damaged(error.description)
    }
  }
}

/// Results filled in by several threads, read once they are all done.
private final class ResultSlots<T>: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Result<T, PacketError>?]

  init(_ count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ k: Int, _ r: Result<T, PacketError>) { lock.withLock { slots[k] = r } }

  var all: [Result<T, PacketError>] { lock.withLock { slots.map { $0! } } }
}
