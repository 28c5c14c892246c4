import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// HTML, images and existing PDFs → one PDF, through a WeasyPrint process kept running.
///
/// Starting Python and WeasyPrint costs about a second; rendering a page in a running
/// process costs a tenth of that. So a renderer starts its process on first use and keeps
/// it for every later request; if the process dies it is started again once, transparently.
/// One renderer serves one request at a time (callers on other threads wait): give each
/// worker thread its own.
///
/// The process is `python3` (or `$IMP_PACKET_PYTHON`) running `render-driver.py`, shipped
/// as this module's resource. Starting a renderer makes the process ignore `SIGPIPE`, so
/// that a renderer that died mid-request is an error, not the end of the process.
public final class PDFRenderer: @unchecked Sendable {
  /// The versions `scripts/deps` installs, named in the "how to install" message.
  public static let pinned = "weasyprint==70.0 pikepdf==10.18.0"
  /// What to run when the renderer is missing.
  public static let installHint =
    "install it with `scripts/deps --pdf`, or `python3 -m pip install \(pinned)` "
    + "(set IMP_PACKET_PYTHON to use another Python)"

  private let lock = NSLock()
  private var process: DriverProcess?
  /// The renderer's own name and version, known once it has started (`WeasyPrint 70.0`).
  public private(set) var rendererVersion: String?
  /// How many times a process was started (1 for a healthy renderer): tests and benchmarks read it.
  public private(set) var starts = 0

  private let environment: [String: String]

  /// A renderer whose process gets `environment` (this process's environment when nil).
  public init(environment: [String: String]? = nil) {
    self.environment = environment ?? ProcessInfo.processInfo.environment
  }

  deinit { process?.stop() }

  /// Makes one PDF of `parts`, in order, with `metadata`. `maxDPI` downsamples embedded
  /// images above that resolution (JPEG quality 85); nil keeps them as they are.
  public func render(_ parts: [PDFPart], metadata: PDFMetadata, maxDPI: Int? = nil) throws(PDFRenderError) -> RenderedPDF {
    var blobs: [[UInt8]] = []
    var described: [[String: Any]] = []
    for part in parts {
      switch part {
      case .html(let bytes, let base):
        var d: [String: Any] = ["kind": "html", "blob": blobs.count]
        if let base { d["baseURL"] = base }
        described.append(d)
        blobs.append(bytes)
      case .image(let bytes, let alt):
        described.append(["kind": "image", "blob": blobs.count, "alt": alt])
        blobs.append(bytes)
      case .pdf(let bytes, let label):
        described.append(["kind": "pdf", "blob": blobs.count, "alt": label])
        blobs.append(bytes)
      }
    }
    var options: [String: Any] = [
      "title": metadata.title, "lang": metadata.language, "created": metadata.w3cDate,
      "identifier": metadata.identifier.map { String($0, radix: 16).leftPadded(2) }.joined(),
    ]
    if let a = metadata.author { options["author"] = a }
    if let s = metadata.subject { options["subject"] = s }
    if let s = metadata.stamp { options["stamp"] = s }
    if let v = metadata.archivalVariant { options["variant"] = v }
    if let maxDPI { options["maxDPI"] = maxDPI }
    let (header, bytes) = try exchange(["op": "render", "parts": described, "options": options], blobs: blobs)
    let images = (header["images"] as? [[String: Any]] ?? []).map {
      RenderedPDF.PlacedImage(
        part: $0["part"] as? Int ?? -1, width: $0["width"] as? Int ?? 0, height: $0["height"] as? Int ?? 0,
        dpi: ($0["dpi"] as? NSNumber)?.doubleValue ?? 0)
    }
    return RenderedPDF(
      bytes: bytes, pages: header["pages"] as? Int ?? 0, images: images,
      isArchival: header["pdfa"] as? Bool ?? false, warnings: header["warnings"] as? [String] ?? [])
  }

  /// The size and format of an image, as the renderer's image library reads it.
  public func imageInfo(_ bytes: [UInt8]) throws(PDFRenderError) -> ImageInfo {
    let (header, _) = try exchange(["op": "image-info"], blobs: [bytes])
    return ImageInfo(
      width: header["width"] as? Int ?? 0, height: header["height"] as? Int ?? 0,
      format: header["format"] as? String ?? "")
  }

  /// Starts the process now (it otherwise starts on first use), so that a missing renderer is
  /// reported before any work is done.
  public func start() throws(PDFRenderError) {
    lock.lock()
    defer { lock.unlock() }
    if process == nil { try launch() }
  }

  /// Starts the process on another thread and returns at once, so that the caller's own
  /// start-up runs while Python imports WeasyPrint; ``PendingStart/wait()`` then throws what
  /// ``start()`` would have.
  public func startConcurrently() -> PendingStart {
    let pending = PendingStart()
    let thread = Thread { [self] in
      do throws(PDFRenderError) { try start() } catch { pending.failure = error }
      pending.done.signal()
    }
    thread.start()
    return pending
  }

  /// Ends the process, waiting for it to exit (a later request starts a new one): a batch
  /// worker stops its renderer when it has no more packets.
  public func stop() {
    lock.lock()
    defer { lock.unlock() }
    process?.stop()
    process = nil
  }

  /// Sends one request; on a dead process, starts a new one and sends it again, once.
  private func exchange(_ request: [String: Any], blobs: [[UInt8]]) throws(PDFRenderError) -> ([String: Any], [UInt8]) {
    var request = request
    request["blobs"] = blobs.map(\.count)
    let line: Data
    do { line = try JSONSerialization.data(withJSONObject: request, options: [.sortedKeys]) } catch {
      throw .rendererFailed("cannot encode a request for the PDF renderer: \(error)")
    }
    lock.lock()
    defer { lock.unlock() }
    var lastFailure = ""
    for _ in 0..<2 {
      if process == nil { try launch() }
      guard let p = process else { continue }
      do {
        let (header, payload) = try p.exchange(Array(line) + [10], blobs: blobs)
        if header["ok"] as? Bool == true { return (header, payload) }
        throw PDFRenderError.badPart(header["error"] as? String ?? "the PDF renderer failed")
      } catch let e as PDFRenderError {
        throw e
      } catch {
        lastFailure = "\(error)"
        p.stop()
        process = nil
      }
    }
    throw .rendererFailed("the PDF renderer stopped while rendering, twice (\(lastFailure))")
  }

  private func launch() throws(PDFRenderError) {
    guard let driver = PDFRenderer.driverURL else {
      throw .rendererFailed("cannot find render-driver.py beside imp-packet (its PDFRender resources)")
    }
    #if canImport(Glibc)
      signal(SIGPIPE, SIG_IGN)
    #endif
    starts += 1
    let p = try DriverProcess.start(driver: driver, environment: environment)
    process = p
    rendererVersion = p.renderer
  }

  /// The running process's id, or nil: for tests that kill it.
  var processIdentifier: Int32? {
    lock.lock()
    defer { lock.unlock() }
    return process?.processIdentifier
  }

  /// `render-driver.py` from this module's resource bundle, or from the source tree of a
  /// binary run from its build folder.
  static let driverURL: URL? = {
    let fm = FileManager.default
    let name = "render-driver.py"
    var candidates: [URL] = []
    let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    for bundle in ["imp-packet_PDFRender.resources", "imp-packet_PDFRender.bundle"] {
      candidates.append(exe.deletingLastPathComponent().appendingPathComponent(bundle).appendingPathComponent(name))
      candidates.append(Bundle.main.bundleURL.appendingPathComponent(bundle).appendingPathComponent(name))
    }
    candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources/\(name)"))
    return candidates.first { fm.fileExists(atPath: $0.path) }
  }()
}

/// A ``PDFRenderer/startConcurrently()`` under way.
public final class PendingStart: @unchecked Sendable {
  let done = DispatchSemaphore(value: 0)
  var failure: PDFRenderError?

  /// Waits for the process to be ready; throws why it could not start.
  public func wait() throws(PDFRenderError) {
    done.wait()
    done.signal()  // a second wait returns at once
    if let failure { throw failure }
  }
}

extension String {
  fileprivate func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
