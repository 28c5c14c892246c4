import Foundation
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// The `imp-packet` executable built beside this test bundle.
let tool: String = {
  let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  for dir in [beside, beside.deletingLastPathComponent(), repositoryRoot.appendingPathComponent(".build/debug")] {
    let candidate = dir.appendingPathComponent("imp-packet").path
    if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
  }
  return repositoryRoot.appendingPathComponent(".build/debug/imp-packet").path
}()

struct Run {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs a program to completion with extra environment variables.
@discardableResult
func run(_ program: String, _ args: [String], env: [String: String] = [:]) throws -> Run {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: program)
  p.arguments = args
  p.environment = ProcessInfo.processInfo.environment.merging(env) { _, new in new }
  let out = Pipe()
  let err = Pipe()
  p.standardOutput = out
  p.standardError = err
  try p.run()
  let o = out.fileHandleForReading.readDataToEndOfFile()
  let e = err.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

func cli(_ args: String..., env: [String: String] = [:]) throws -> Run { try run(tool, args, env: env) }

func fixturePath(_ name: String) -> String { repositoryRoot.appendingPathComponent("Fixtures/\(name).json").path }

/// What `scripts/check-packet.py` (zipfile, html5lib, hashlib, xmllint) found in a packet.
struct PacketCheck: Decodable {
  struct Page: Decodable {
    var text: String
    var scripts: Int
    /// `<x-injected>` elements: markup that came through from profile values.
    var injected: Int
    var title: String
  }
  struct Manifest: Decodable {
    var caseId: String
    /// The LMIA exemption code; nil in an employer bundle.
    var code: String?
  }
  var names: [String]
  var dates: [[Int]]
  var manifest: Manifest
  var html: [String: Page]
  var problems: [String]
}

func checkPacket(_ path: String) throws -> PacketCheck {
  let r = try run("/usr/bin/env", ["python3", repositoryRoot.appendingPathComponent("scripts/check-packet.py").path, path])
  #expect(r.stderr.isEmpty, "\(r.stderr)")
  return try JSONDecoder().decode(PacketCheck.self, from: Data(r.stdout.utf8))
}

final class TempDir {
  let path: String
  init() throws {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("imp-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }
  func file(_ name: String) -> String { path + "/" + name }
  var contents: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
  deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Writes `json` (a fixture changed by `change`) to a file in `dir`.
func writeProfile(_ dir: TempDir, _ name: String, from fixture: String, _ change: (inout [String: Any]) -> Void) throws
  -> String
{
  let data = try Data(contentsOf: URL(fileURLWithPath: fixturePath(fixture)))
  var json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
  change(&json)
  let path = dir.file(name)
  try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
  return path
}

/// A copy of the shipped templates in which `file` has `old` (which must occur) replaced by `new`.
func brokenTemplates(_ file: String, replacing old: String, with new: String) throws -> TempDir {
  let dir = try TempDir()
  let source = repositoryRoot.appendingPathComponent("Templates/packet")
  for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
    try FileManager.default.copyItem(atPath: source.appendingPathComponent(name).path, toPath: dir.file(name))
  }
  let text = try String(contentsOfFile: dir.file(file), encoding: .utf8)
  #expect(text.contains(old), "\(file) no longer holds \(old)")
  try text.replacingOccurrences(of: old, with: new).write(toFile: dir.file(file), atomically: true, encoding: .utf8)
  return dir
}
