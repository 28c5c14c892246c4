import Foundation
import Testing

/// `--catalog` files a careless edit or an attacker could give: each is refused at load,
/// exit 78 with the path of the bad value, before any packet is written.
@Suite("Hostile catalogs are refused whole, before any packet")
struct HostileCatalogTests {
  static let shippedBytes = try! Data(contentsOf: repositoryRoot.appendingPathComponent("Templates/catalog/catalog.json"))

  /// The shipped catalog with `edit` applied, written to `dir`.
  func catalog(_ dir: TempDir, _ name: String, _ edit: (inout [String: Any]) -> Void) throws -> String {
    var c = try JSONSerialization.jsonObject(with: Self.shippedBytes) as! [String: Any]
    edit(&c)
    let path = dir.file(name)
    try JSONSerialization.data(withJSONObject: c).write(to: URL(fileURLWithPath: path))
    return path
  }

  func firstLetter(_ c: inout [String: Any], _ file: String) {
    var categories = c["categories"] as! [[String: Any]]
    let i = categories.firstIndex { $0["letters"] != nil }!
    var letters = categories[i]["letters"] as! [[String: Any]]
    letters[0]["file"] = file
    categories[i]["letters"] = letters
    c["categories"] = categories
  }

  func maxMonths(_ c: inout [String: Any], _ n: Any) {
    var categories = c["categories"] as! [[String: Any]]
    var validity = categories[0]["validity"] as! [String: Any]
    validity["maxMonths"] = n
    categories[0]["validity"] = validity
    c["categories"] = categories
  }

  @Test(arguments: [
    ("huge-months", "categories[0].validity.maxMonths: expected a whole number from 0 to 1200, got 1000000"),
    ("int-max-window", "processingWindowDays: expected a whole number from 0 to 3650, got"),
    ("negative-locations", "employerPortal.maxLocations: expected a whole number from 1 to 100, got -1"),
    ("control-version", "catalogVersion: expected text without control characters; character 5 is U+001B"),
    ("letter-dotdot", #"letters[0].file "../../evil.html" holds '..', which climbs out"#),
    ("letter-absolute", #"letters[0].file "/tmp/evil.html" is an absolute path"#),
    ("letter-folder", #"letters[0].file "dir/" ends in '/'"#),
    ("letter-empty", #"letters[0].file "" is empty"#),
    ("letter-manifest", #"letters[0].file "manifest.xml": expected a page name"#),
    ("letter-cover", #"letters[0].file "00-cover-sheet.html" is the name of a page every packet has"#),
  ])
  func eachIsRefusedNamingTheValue(_ name: String, _ message: String) throws {
    let dir = try TempDir()
    let path = try catalog(dir, "\(name).json") { c in
      switch name {
      case "huge-months": maxMonths(&c, 1_000_000)
      case "int-max-window": c["processingWindowDays"] = Int.max
      case "negative-locations":  // found by the catalog fuzz target (seed 41): it trapped the portal review
        var portal = c["employerPortal"] as! [String: Any]
        portal["maxLocations"] = -1
        c["employerPortal"] = portal
      case "control-version": c["catalogVersion"] = "2026\u{1B}[2J"
      case "letter-dotdot": firstLetter(&c, "../../evil.html")
      case "letter-absolute": firstLetter(&c, "/tmp/evil.html")
      case "letter-folder": firstLetter(&c, "dir/")
      case "letter-empty": firstLetter(&c, "")
      case "letter-manifest": firstLetter(&c, "manifest.xml")
      default: firstLetter(&c, "00-cover-sheet.html")
      }
    }
    let out = dir.file("out")
    let fixtures = ["pgwp-eligible", "ict", "francophone-mobility"].map(fixturePath)
    let r = try run(tool, ["generate"] + fixtures + ["-o", out, "--catalog", path])
    #expect(r.status == 78, "\(name): exit \(r.status): \(r.stderr)")
    #expect(r.stderr.contains(message), "\(name): \(r.stderr)")
    #expect(!r.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(name): raw control characters")
    #expect(((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).isEmpty, "\(name) wrote packets")
  }

  @Test func everyBadNumberIsListedAtOnce() throws {
    let dir = try TempDir()
    let path = try catalog(dir, "many.json") { c in
      maxMonths(&c, 2.5)
      c["processingWindowDays"] = -1
    }
    let r = try run(tool, ["plan", fixturePath("ict"), "--catalog", path])
    #expect(r.status == 78)
    #expect(r.stderr.contains("categories[0].validity.maxMonths: expected a whole number from 0 to 1200, got 2.5"))
    #expect(r.stderr.contains("processingWindowDays: expected a whole number from 0 to 3650, got -1"))
    #expect(!r.stderr.contains("not valid JSON") && !r.stderr.contains("NSCocoaErrorDomain"), "\(r.stderr)")
  }

  /// Finding #10: these once said "You don't have permission" and "NSCocoaErrorDomain error 256".
  @Test func whatCannotBeReadSaysWhy() throws {
    let dir = try TempDir()
    for (path, why) in [
      ("/dev/zero", "it is a device or a pipe, not a file"), (dir.path, "it is a folder, not a file"),
      (dir.file("none.json"), "no such file"),
    ] {
      let r = try run(tool, ["plan", fixturePath("ict"), "--catalog", path])
      #expect(r.status == 78 && r.stderr == "error: cannot read the catalog \(path): \(why)\n", "\(r.stderr)")
    }
    try Data("{\"catalogVersion\": 1,}".utf8).write(to: URL(fileURLWithPath: dir.file("syntax.json")))
    let r = try run(tool, ["plan", fixturePath("ict"), "--catalog", dir.file("syntax.json")])
    #expect(r.stderr.contains("syntax.json: line 1, column 22: not valid JSON: a comma before '}'"), "\(r.stderr)")
  }

  /// A number no range in `CatalogRanges` lists (one the list forgot) is still bounded:
  /// ±1,000,000, refused at load with its path, so that it cannot overflow anything.
  @Test(arguments: [
    ("iecCountries.countries[36].monthsByParticipation[0]", 1_000_001.0),
    ("uploads.imageMaxDPI", 9e17),
    ("lists[0].entries[0].number", -2_000_000.0),
    ("uploads.slots[3].minWidth", Double(Int.max)),
  ])
  func aNumberNoRangeNamesIsBoundedToo(_ path: String, _ value: Double) throws {
    let dir = try TempDir()
    let file = try catalog(dir, "unlisted.json") { c in
      // Walk `path` (keys and [i]) and set the number at its end.
      func set(_ node: Any, _ steps: ArraySlice<String>) -> Any {
        guard let step = steps.first else { return value }
        if let i = Int(step), var a = node as? [Any] {
          a[i] = set(a[i], steps.dropFirst())
          return a
        }
        var o = node as! [String: Any]
        o[step] = set(o[step]!, steps.dropFirst())
        return o
      }
      let steps = path.replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "").split(separator: ".")
      c = set(c, steps.map(String.init)[...]) as! [String: Any]
    }
    let out = dir.file("out")
    let r = try run(tool, ["generate", fixturePath("ict"), "-o", out, "--catalog", file])
    #expect(r.status == 78, "\(path): exit \(r.status): \(r.stderr)")
    #expect(r.stderr.contains("unlisted.json: \(path): expected a whole number from -1000000 to 1000000, got"), "\(r.stderr)")
    #expect(((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).isEmpty, "\(path) wrote packets")
  }

  @Test func theBoundItselfIsAccepted() throws {
    let dir = try TempDir()
    let file = try catalog(dir, "edge.json") { c in
      var uploads = c["uploads"] as! [String: Any]
      uploads["imageMaxDPI"] = 1_000_000
      c["uploads"] = uploads
    }
    let r = try run(tool, ["plan", fixturePath("ict"), "--catalog", file])
    #expect(r.status == 0, "\(r.stderr)")
  }
}
