import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The running driver: a child process and the two pipes of its protocol
/// (`render-driver.py`'s doc comment). Not thread-safe; ``PDFRenderer`` serialises use.
final class DriverProcess {
  struct Broken: Error, CustomStringConvertible {
    var description: String
  }

  private let process: Process
  private let input: FileHandle
  private let output: FileHandle
  private var buffer: [UInt8] = []
  /// `WeasyPrint 70.0`, from the driver's first line.
  let renderer: String

  private init(process: Process, input: FileHandle, output: FileHandle, renderer: String) {
    self.process = process
    self.input = input
    self.output = output
    self.renderer = renderer
  }

  /// Starts the driver and reads its first line: ready, or what is missing.
  static func start(driver: URL, environment env: [String: String]) throws(PDFRenderError) -> DriverProcess {
    try launch(driver: driver, arguments: [], environment: env)
  }

  /// Runs the driver's `--check` (are WeasyPrint, pikepdf and Pillow installed? found, not
  /// imported) and returns the renderer's name, or throws what ``start(driver:environment:)``
  /// would for a missing renderer.
  static func check(driver: URL, environment env: [String: String]) throws(PDFRenderError) -> String {
    let p = try launch(driver: driver, arguments: ["--check"], environment: env)
    p.stop()
    return p.renderer
  }

  private static func launch(driver: URL, arguments: [String], environment env: [String: String]) throws(PDFRenderError)
    -> DriverProcess
  {
    let python = env["IMP_PACKET_PYTHON"].flatMap { $0.isEmpty ? nil : $0 } ?? "python3"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [python, driver.path] + arguments
    process.environment = env
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch {
      throw .rendererMissing("cannot start \(python) for the PDF renderer (\(error)); \(PDFRenderer.installHint)")
    }
    let p = DriverProcess(process: process, input: stdin.fileHandleForWriting, output: stdout.fileHandleForReading, renderer: "")
    let header: [String: Any]
    do { header = try p.readHeader() } catch {
      p.stop()
      throw .rendererMissing("the PDF renderer needs \(python) with WeasyPrint and pikepdf, and \(python) did not start; \(PDFRenderer.installHint)")
    }
    guard header["ready"] as? Bool == true, let name = header["renderer"] as? String else {
      p.stop()
      let missing = header["missing"] as? String ?? "weasyprint"
      throw .rendererMissing("the PDF renderer is not installed (\(python) has no \(missing)); \(PDFRenderer.installHint)")
    }
    return DriverProcess(process: process, input: p.input, output: p.output, renderer: name)
  }

  /// Writes a request line and its blobs, then reads the response header and payload.
  func exchange(_ line: [UInt8], blobs: [[UInt8]]) throws -> ([String: Any], [UInt8]) {
    try input.write(contentsOf: line)
    for b in blobs where !b.isEmpty { try input.write(contentsOf: b) }
    let header = try readHeader()
    let length = header["length"] as? Int ?? 0
    return (header, try read(count: length))
  }

  var processIdentifier: Int32 { process.processIdentifier }

  /// Closes the driver's input (it exits at end of input) and waits for it to exit, ending it
  /// if it has not after two seconds: no renderer outlives its owner, and its CPU time is
  /// counted with its owner's.
  func stop() {
    try? input.close()
    for _ in 0..<200 where process.isRunning { usleep(10_000) }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
  }

  private func readHeader() throws -> [String: Any] {
    while true {
      if let newline = buffer.firstIndex(of: 10) {
        let line = Array(buffer[..<newline])
        buffer.removeSubrange(...newline)
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
          throw Broken(description: "the renderer answered something that is not a JSON line")
        }
        return object
      }
      try fill()
    }
  }

  private func read(count: Int) throws -> [UInt8] {
    while buffer.count < count { try fill() }
    let out = Array(buffer[..<count])
    buffer.removeSubrange(..<count)
    return out
  }

  private func fill() throws {
    let data = output.availableData
    if data.isEmpty { throw Broken(description: "the renderer closed its output") }
    buffer.append(contentsOf: data)
  }
}
