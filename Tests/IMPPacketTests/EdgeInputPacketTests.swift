import Foundation
import Testing

/// The hostile inputs the readers accept (at the edges of what they allow) make packets
/// that tools we did not write accept: scripts/check-packet.py (zipfile, html5lib, hashlib,
/// xmllint) and `verify`. The inputs they refuse (Tests/Inputs/bad, hostile catalogs) make
/// no packet at all, which BadInputTests and HostileCatalogTests check.
@Suite("Hostile inputs that are accepted make packets that independent checkers accept")
struct EdgeInputPacketTests {
  nonisolated(unsafe) static let edges: [(String, [String], @Sendable (inout [String: Any]) -> Void)] = [
    ("the last accepted submission date", [], { p in
      p["submission"] = ["date": "2199-12-31", "from": "inside-canada"]
    }),
    ("the last accepted as-of date, no submission date", ["--as-of", "2199-12-31"], { p in
      var s = p["submission"] as! [String: Any]
      s["date"] = nil
      s["requestedValidUntil"] = nil
      p["submission"] = s
    }),
    ("the first accepted dates", [], { p in
      var a = p["applicant"] as! [String: Any]
      a["dateOfBirth"] = "1900-01-01"
      p["applicant"] = a
    }),
    ("names in many scripts, with markup, CDATA ends and entities", [], { p in
      var a = p["applicant"] as! [String: Any]
      a["familyName"] = "Nguyễn-Смирнов ]]> &amp; <!-- x --> <script>alert(1)</script>"
      a["givenNames"] = "李小龍 😀 O'Brien \"Q\" مريم"
      p["applicant"] = a
    }),
    ("long values", [], { p in
      var a = p["applicant"] as! [String: Any]
      a["familyName"] = String(repeating: "Ab ", count: 60)
      p["applicant"] = a
    }),
  ]

  @Test(arguments: 0..<edges.count) func packetPassesTheIndependentChecker(_ n: Int) throws {
    let (name, flags, edit) = Self.edges[n]
    let dir = try TempDir()
    let path = try writeProfile(dir, "edge.json", from: "pgwp-eligible", edit)
    let out = try TempDir()
    let r = try run(tool, ["generate", path, "-o", out.path, "--allow-ineligible"] + flags)
    #expect(r.status == 0, "\(name): \(r.stderr)")
    guard r.status == 0 else { return }
    let packet = out.file("2026-0142.zip")
    let check = try checkPacket(packet)
    #expect(check.problems == [], "\(name)")
    #expect(check.html.count >= 4, "\(name)")
    for (page, html) in check.html { #expect(html.scripts == 0, "\(name): \(page) holds a script") }
    #expect(try cli("verify", packet).status == 0, "\(name)")
    #expect(out.contents == ["2026-0142.zip"])
  }
}
