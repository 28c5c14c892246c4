import Foundation
import IMPPacket
@_exported import TestSupport
import Testing

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
    /// The `lang` of `<html>`; nil from an older script.
    var lang: String?
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
  /// Each PDF's pages, slot, text (pdftotext), tagging and title; nil from an older script.
  struct PDF: Decodable {
    var pages: Int
    var slot: String?
    var text: String
    var tagged: Bool
    var title: String
  }
  var pdf: [String: PDF]?
  /// plan.json's checklist, for the status of each item.
  struct Plan: Decodable {
    struct Item: Decodable {
      var id: String
      var status: String
    }
    var checklist: [Item]
  }
  var plan: Plan?
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

/// A file under `Tests/Inputs` (test profiles and the bad-input corpus).
func inputPath(_ name: String) -> String { repositoryRoot.appendingPathComponent("Tests/Inputs/\(name)").path }

/// Every `Fixtures/*.json`, including those added after this test was written.
func allFixtures() throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("Fixtures").path)
    .filter { $0.hasSuffix(".json") }.sorted().map { repositoryRoot.appendingPathComponent("Fixtures/\($0)").path }
}

/// A JSON file as a mutable value.
func loadJSON(_ path: String) throws -> Any {
  try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
}

/// `json` with `value` set at `path` (`applicant.education[0].level`); nil removes the key,
/// `NSNull()` writes null. Missing objects on the way are created.
func setting(_ json: Any, _ path: String, _ value: Any?) -> Any {
  var parts: [Substring] = []
  for piece in path.split(separator: ".") {
    var rest = piece
    while let open = rest.firstIndex(of: "[") {
      if open > rest.startIndex { parts.append(rest[..<open]) }
      let close = rest.firstIndex(of: "]")!
      parts.append(rest[open...close])
      rest = rest[rest.index(after: close)...]
    }
    if !rest.isEmpty { parts.append(rest) }
  }
  func set(_ node: Any?, _ parts: ArraySlice<Substring>) -> Any? {
    guard let first = parts.first else { return value }
    if first.hasPrefix("[") {
      var array = node as? [Any] ?? []
      let n = Int(first.dropFirst().dropLast())!
      if let v = set(array[n], parts.dropFirst()) { array[n] = v } else { array.remove(at: n) }
      return array
    }
    var object = node as? [String: Any] ?? [:]
    object[String(first)] = set(object[String(first)], parts.dropFirst())
    return object
  }
  return set(json, parts[...])!
}

/// Writes `json` into `dir` as `name` and returns its path.
func write(_ json: Any, _ dir: TempDir, _ name: String) throws -> String {
  let path = dir.file(name)
  try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: path))
  return path
}

/// What `scripts/check-profile-schema.py` (Python's jsonschema, Draft 2020-12) says about each file.
struct SchemaVerdict: Decodable {
  struct Error: Decodable {
    var path: String
    var message: String
  }
  var file: String
  var valid: Bool
  var errors: [Error]
}

func schemaCheck(_ files: [String], formats: Bool = true) throws -> [String: SchemaVerdict] {
  let script = repositoryRoot.appendingPathComponent("scripts/check-profile-schema.py").path
  let r = try run("/usr/bin/env", ["python3", script] + (formats ? [] : ["--no-format"]) + files)
  #expect(r.stderr.isEmpty, "check-profile-schema.py: \(r.stderr) (scripts/deps --test installs jsonschema)")
  let verdicts = try JSONDecoder().decode([SchemaVerdict].self, from: Data(r.stdout.utf8))
  return Dictionary(verdicts.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
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

/// The shipped catalog and templates, loaded once for the tests that only read profiles.
let shippedBuilder = try! PacketBuilder.load()
