import Foundation
import Testing

/// A family applying together: each member's page in the packet (letter, checklist, fees),
/// checked with zipfile, html5lib and the manifest by `scripts/check-packet.py`.
@Suite("Family packets: a page per member, with the code sought and the principal's application")
struct FamilyPacketTests {
  private func packet(_ fixture: String) throws -> (PacketCheck, TempDir) {
    let dir = try TempDir()
    let r = try cli("generate", fixturePath(fixture), "-o", dir.path)
    #expect(r.status == 0, "\(r.stderr)")
    let zip = try #require(dir.contents.first { $0.hasSuffix(".zip") })
    #expect(try cli("verify", dir.file(zip)).status == 0)
    return (try checkPacket(dir.file(zip)), dir)
  }

  @Test func aPGWPSpousesPageNamesC41AndThePrincipalsApplicationInTheGroup() throws {
    let (check, _) = try packet("family-pgwp-spouse")
    #expect(check.problems.isEmpty, "\(check.problems)")
    let page = try #require(check.html["07-family-spouse.html"]).text
    #expect(page.contains("exemption code C41"))
    #expect(page.contains("please enter C41"))
    #expect(page.contains("applied for in the same group: C43, Post-graduation work permit"))
    #expect(!page.contains("authorized until"))
    #expect(page.contains("Proof of the relationship"))
    #expect(page.contains("Upload slot: Marriage or common-law evidence"))
    #expect(page.contains("$340.00") && page.contains("$595.00"))
    // The cover sheet lists the member's page among the contents.
    #expect(check.html["00-cover-sheet.html"]?.text.contains("07-family-spouse.html") == true)
  }

  @Test func theSection9FamilyHasAPagePerMemberAndTotalsSevenHundredThirty() throws {
    let (check, _) = try packet("family-example-s9")
    #expect(check.problems.isEmpty, "\(check.problems)")
    #expect(check.names.filter { $0.hasPrefix("07-family-") } == ["07-family-spouse.html", "07-family-child-1.html"])
    let child = try #require(check.html["07-family-child-1.html"]).text
    #expect(child.contains("Not an IMP work permit"))
    #expect(child.contains("IMM 1294") && child.contains("$150.00"))
    #expect(child.contains("birth certificate") && child.contains("Upload slot: Client Information"))
    #expect(!child.contains("please enter"))
    #expect(child.contains("$730.00"))
  }

  @Test func theICTFamilysYoungestPaysNoBiometricsAndTheEldestNoneBeyondTheMaximum() throws {
    let (check, _) = try packet("family-ict")
    let eldest = try #require(check.html["07-family-child-1.html"]).text
    #expect(eldest.contains("family maximum of $170.00 reached"))
    let youngest = try #require(check.html["07-family-child-2.html"]).text
    #expect(!youngest.contains("Biometrics"))
    #expect(try #require(check.html["07-family-spouse.html"]).text.contains("$880.00"))
  }
}
