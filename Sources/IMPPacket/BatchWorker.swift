import Foundation
import IMPRules
import PDFRender
import ZipPacket

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The worker process of a batch (the CLI's hidden `batch-worker`): makes the packets of
/// the profiles its batch sends, so that a crash in one profile's work (a Swift runtime
/// trap, an abort in libxml2 or libzip) ends this process only and becomes that profile's
/// failed row (protocol: ``WorkerFrames``).
public enum BatchWorker {
  /// The test hook, read only here, in the worker: `IMP_PACKET_TEST_CRASH=<how>:<input>` makes
  /// the worker crash when it is given the input whose source (`path`, or `path:line` of a
  /// JSON Lines file) is `<input>`: `trap` by a Swift runtime trap before the work, `abort`
  /// by `abort()` while the packet's temporary file is open. No profile can reach it: a
  /// profile is data and cannot set the environment of the process that reads it, and
  /// whoever can set it can send the worker a signal anyway.
  static let crashHookVariable = "IMP_PACKET_TEST_CRASH"

  /// Serves its batch over standard input and output until the input ends, and returns the
  /// exit code: 0, or 78 when the setup cannot be used (the batch has been told why).
  public static func serve() -> Int32 {
    // The batch decides what Ctrl-C and SIGTERM do: it finishes the packets being made
    // (here), then writes its report.
    signal(SIGINT, SIG_IGN)
    signal(SIGTERM, SIG_IGN)
    signal(SIGPIPE, SIG_IGN)
    // Nothing else may write into the protocol: standard input and output become /dev/null.
    let input = dup(0)
    let output = dup(1)
    let null = open("/dev/null", O_RDWR)
    if null >= 0 {
      dup2(null, 0)
      dup2(null, 1)
      close(null)
    }
    let items = FrameReader(fd: input)
    guard let setup = items.next(WorkerSetup.self) else { return ExitStatus.setup.code }
    let job: BatchJob
    let renderer: PDFRenderer?
    do throws(PacketError) { (job, renderer) = try prepare(setup) } catch {
      _ = writeFrame(WorkerHello(failure: WorkerFailure(error)), to: output)
      return ExitStatus.setup.code
    }
    let loaded = WorkerHello(
      catalogVersion: job.builder.catalog.catalogVersion, templatesSHA256: job.builder.templatesSHA256)
    guard writeFrame(loaded, to: output) else { return 0 }
    Batch.keepFreedMemory()
    let hook = ProcessInfo.processInfo.environment[crashHookVariable].flatMap(CrashHook.init)
    while let frame = items.next([WorkerItem].self) {
      for sent in frame {
        let item = sent.item
        if let hook, item.source == hook.input { hook.crash(item, job: job) }
        guard writeFrame(bytes: job.process(item, renderer: renderer).frameBytes, to: output) else { break }
      }
    }
    renderer?.stop()
    return 0
  }

  /// The job `setup` describes, with the same catalog and templates as the batch's (or why not).
  /// With `--pdf`, the renderer's process starts first: Python imports WeasyPrint while the
  /// builder loads.
  static func prepare(_ setup: WorkerSetup) throws(PacketError) -> (BatchJob, PDFRenderer?) {
    let starting = setup.pdf ? PDFRenderer() : nil
    let pending = starting?.startConcurrently()
    let builder: PacketBuilder
    do throws(PacketError) {
      builder = try PacketBuilder.load(
        templates: setup.templates.map { URL(fileURLWithPath: $0) }, catalog: setup.catalog.map { URL(fileURLWithPath: $0) })
      if let version = setup.catalogVersion, let digest = setup.templatesSHA256,
        builder.catalog.catalogVersion != version || builder.templatesSHA256 != digest
      {
        throw .setup(WorkerProcess.changedWhileStarting)
      }
    } catch {
      try? pending?.wait()
      starting?.stop()
      throw error
    }
    var options = GenerateOptions(outputDirectory: URL(fileURLWithPath: setup.outputDirectory), asOf: setup.asOf)
    options.force = setup.force
    options.allowIneligible = setup.allowIneligible
    options.timestamp = setup.timestamp
    options.compressionLevel = setup.compressionLevel
    options.password = setup.password
    options.syncEachPacket = false
    options.layout = PacketLayout(rawValue: setup.layout) ?? .flat
    var renderer: PDFRenderer?
    if let r = starting {
      do { try pending?.wait() } catch { throw .renderer(error) }
      renderer = r
      options.pdf = PDFPacketOptions(
        renderer: r, documents: setup.documents.map { URL(fileURLWithPath: $0) }, channel: setup.channel)
    }
    return (BatchJob(builder: builder, options: options, resume: setup.resume), renderer)
  }

  /// `IMP_PACKET_TEST_CRASH`, parsed.
  struct CrashHook {
    var abortWhileWriting: Bool
    var input: String

    init?(_ value: String) {
      guard let colon = value.firstIndex(of: ":") else { return nil }
      switch value[..<colon] {
      case "trap": abortWhileWriting = false
      case "abort": abortWhileWriting = true
      default: return nil
      }
      input = String(value[value.index(after: colon)...])
    }

    func crash(_ item: BatchItem, job: BatchJob) -> Never {
      if abortWhileWriting, let caseId = BatchCaseIds.caseId(of: item) {
        let path = job.directory + "/" + job.options.layout.relativePath(caseId: caseId)
        let partial = try? AtomicStream(path: path)
        partial?.write("PK")
        abort()
      }
      // A Swift runtime trap, as an overflow in date arithmetic once was (SIGILL or SIGTRAP).
      let limit = Int(ProcessInfo.processInfo.environment.count) + Int.max
      fatalError("unreachable \(limit)")
    }
  }
}
