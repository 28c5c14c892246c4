public import Foundation

/// What every test target shares: where the repository is, the `imp-packet` executable built
/// beside the test bundle, and running a program to completion.

/// The repository's root folder.
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// The `imp-packet` executable built beside this test bundle.
public let tool: String = {
  let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  for dir in [beside, beside.deletingLastPathComponent(), repositoryRoot.appendingPathComponent(".build/debug")] {
    let candidate = dir.appendingPathComponent("imp-packet").path
    if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
  }
  return repositoryRoot.appendingPathComponent(".build/debug/imp-packet").path
}()

/// A finished program: its exit status and what it wrote.
public struct Run: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
  /// Standard output as bytes.
  public var output: Data
}

/// Runs `program` to completion. `env` is added to this process's environment, or is the
/// whole environment when `replacingEnvironment`; `directory` is its working folder.
@discardableResult
public func run(
  _ program: String, _ args: [String], env: [String: String] = [:], replacingEnvironment: Bool = false,
  directory: URL? = nil
) throws -> Run {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: program)
  p.arguments = args
  p.environment = replacingEnvironment ? env : ProcessInfo.processInfo.environment.merging(env) { _, new in new }
  if let directory { p.currentDirectoryURL = directory }
  let out = Pipe()
  let err = Pipe()
  p.standardOutput = out
  p.standardError = err
  try p.run()
  let o = out.fileHandleForReading.readDataToEndOfFile()
  let e = err.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  return Run(
    status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self),
    output: o)
}
