import Foundation
import Testing
import ZipPacket

/// `--pdf` for a family applying together: each member's own application goes up from
/// `upload/<member>/` (the member's letter, their scans from `--documents DIR/<member>/`),
/// checked with qpdf, pdftotext and the manifest by `scripts/check-packet.py`.
@Suite("Family uploads: upload/<member>/ per member applying together", .serialized)
struct FamilyUploadTests {
  /// A scans folder with `files` (name → sample scan) under `sub`.
  private func scans(_ dir: TempDir, _ sub: String, _ files: [String: String]) throws -> String {
    let folder = dir.file("scans/\(sub)")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for (name, sample) in files { try FileManager.default.copyItem(atPath: sampleScans + "/" + sample, toPath: folder + "/" + name) }
    return dir.file("scans")
  }

  /// `generate FIXTURE --pdf --documents DOCS` into `dir/out`.
  private func generate(_ fixture: String, _ dir: TempDir, _ docs: String) throws -> Run {
    try cli("generate", fixturePath(fixture), "-o", dir.file("out"), "--as-of", "2026-12-01", "--pdf", "--documents", docs)
  }

  private func entry(_ packet: String, _ name: String) throws -> [UInt8] {
    let zip = try ZipReader(path: packet)
    return try zip.data(at: try #require(zip.names.firstIndex(of: name)))
  }

  /// The manifest's `<file>` line for `name`.
  private func manifestLine(_ packet: String, _ name: String) throws -> String? {
    let xml = String(decoding: try entry(packet, "manifest.xml"), as: UTF8.self)
    return xml.split(separator: "\n").first { $0.contains("name=\"\(name)\"") }.map(String.init)
  }

  @Test func aPGWPSpouseHasHerOwnLetterPhotoAndMarriageCertificateInUploadSpouse() throws {
    let dir = try TempDir()
    let docs = try scans(dir, "spouse", ["photo.jpg": "photo.jpg", "relationship-proof.pdf": "proof-of-citizenship.pdf"])
    let r = try generate("family-pgwp-spouse", dir, docs)
    #expect(r.status == 0, "\(r.stderr)")
    let packet = dir.file("out/2026-0301.zip")
    let check = try checkPacket(packet)
    #expect(check.problems == [])  // qpdf --check, Letter pages, the case id in the text, manifest, zip
    #expect(
      check.names.filter { $0.hasPrefix("upload/spouse/") } == [
        "upload/spouse/04-digital-photo.jpg", "upload/spouse/05-representative-submission-letter.pdf",
        "upload/spouse/06-marriage-certificate.pdf",
      ])
    // The applicant's own upload/ holds none of the spouse's.
    #expect(!check.names.contains { $0.hasPrefix("upload/0") && $0.contains("marriage") })
    let pdf = try #require(check.pdf)
    let letter = try #require(pdf["upload/spouse/05-representative-submission-letter.pdf"])
    #expect(letter.slot == "representative-submission-letter")
    #expect(letter.text.contains("Re: Luis Hernández Ruiz, spouse or common-law partner of María José García López"))
    #expect(letter.text.contains("exemption code C41") && letter.text.contains("please enter C41"))
    #expect(letter.text.contains("applied for in the same group: C43, Post-graduation work permit"))
    #expect(letter.text.contains("Respectfully submitted"))
    #expect(!letter.text.contains("authorized until"))
    let marriage = try #require(pdf["upload/spouse/06-marriage-certificate.pdf"])
    #expect(marriage.slot == "marriage-certificate")
    #expect(marriage.title == "Marriage Certificate — Luis Hernández Ruiz, case 2026-0301")
    #expect(marriage.text.contains("Certificate of Birth"))  // the sample scan given as the relationship proof
    #expect(pdf.values.allSatisfy { $0.tagged })
    let line = try #require(try manifestLine(packet, "upload/spouse/06-marriage-certificate.pdf"))
    #expect(line.contains("mediaType=\"application/pdf\"") && line.contains("slot=\"marriage-certificate\""))
    #expect(try manifestLine(packet, "upload/spouse/04-digital-photo.jpg")?.contains("mediaType=\"image/jpeg\"") == true)
    // The scans count as provided on the spouse's checklist, and her page names their files.
    let page = try #require(check.html["07-family-spouse.html"]).text
    #expect(page.contains("Upload: upload/spouse/06-marriage-certificate.pdf (Marriage Certificate)Given: relationship-proof.pdf"))
    let planJSON = try #require(try JSONSerialization.jsonObject(with: Data(try entry(packet, "plan.json"))) as? [String: Any])
    let spouse = try #require(((planJSON["family"] as? [String: Any])?["members"] as? [[String: Any]])?.first)
    let status = Dictionary(
      ((spouse["checklist"] as? [[String: Any]]) ?? []).map { ($0["id"] as! String, $0["status"] as! String) },
      uniquingKeysWith: { a, _ in a })
    #expect(status["relationship-proof"] == "provided" && status["photo"] == "provided" && status["passport-copy"] == "missing")
    #expect(check.html["00-cover-sheet.html"]?.text.contains("upload/spouse/06-marriage-certificate.pdf") == true)
    let v = try cli("verify", packet)
    #expect(v.status == 0 && v.stdout.contains("intact"), "\(v.stdout)\(v.stderr)")
  }

  @Test func aChildsBirthCertificateGoesUpWithTheChildsLetterInClientInformation() throws {
    let dir = try TempDir()
    let docs = try scans(dir, "child-1", ["birth-certificate.pdf": "proof-of-citizenship.pdf"])
    let r = try generate("family-example-s9", dir, docs)
    #expect(r.status == 0, "\(r.stderr)")
    let packet = try #require(FileManager.default.contentsOfDirectory(atPath: dir.file("out")).first { $0.hasSuffix(".zip") })
    let check = try checkPacket(dir.file("out/" + packet))
    #expect(check.problems == [])
    let child = check.names.filter { $0.hasPrefix("upload/child-1/") }
    #expect(child.count == 1 && child.first?.hasSuffix("-client-information.pdf") == true, "\(child)")
    let childFile = try #require(child.first)
    let pdf = try #require(check.pdf?[childFile])
    #expect(pdf.slot == "client-information")
    #expect(pdf.text.contains("Study permit for a minor child") && pdf.text.contains("Certificate of Birth"))
    #expect(!pdf.text.contains("please enter"))  // a study permit has no exemption code
    // The spouse's letter is there too, without scans.
    #expect(check.names.contains { $0.hasPrefix("upload/spouse/") && $0.hasSuffix(".pdf") })
  }

  /// `employer --pdf --with-worker-packets`: a worker's family gets its uploads in the
  /// worker's packet, the member's scans read from `DIR/<caseId>/<member>/`.
  @Test func anEmployerWorkersSpouseHasHerUploadsInTheWorkersPacket() throws {
    let dir = try TempDir()
    let docs = try scans(dir, "maple-2026-q4-ict-01/spouse", ["relationship-proof.pdf": "proof-of-citizenship.pdf"])
    var file = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/employers/small.json")))
        as? [String: Any])
    let family = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fixturePath("family-ict")))) as? [String: Any])["family"]
    var offers = try #require(file["offers"] as? [[String: Any]])
    offers[0]["family"] = family
    file["offers"] = offers
    let path = dir.file("employer.json")
    try JSONSerialization.data(withJSONObject: file).write(to: URL(fileURLWithPath: path))
    let r = try cli(
      "employer", path, "-o", dir.file("out"), "--pdf", "--with-worker-packets", "--documents", docs, "--as-of", "2026-12-01")
    #expect(r.status == 0, "\(r.stderr)")
    let worker = dir.file("worker.zip")
    try Data(try entry(dir.file("out/maple-2026-q4.zip"), "workers/maple-2026-q4-ict-01.zip")).write(to: URL(fileURLWithPath: worker))
    let check = try checkPacket(worker)
    #expect(check.problems == [])
    let spouse = check.names.filter { $0.hasPrefix("upload/spouse/") }
    #expect(spouse.contains { $0.hasSuffix("-marriage-certificate.pdf") }, "\(spouse)")
    #expect(check.names.contains { $0.hasPrefix("upload/child-2/") }, "\(check.names)")
    let cert = try #require(spouse.first { $0.hasSuffix("-marriage-certificate.pdf") })
    #expect(check.pdf?[cert]?.title == "Marriage Certificate — Harriet Whitfield, case maple-2026-q4-ict-01")
  }

  @Test func aSlotProblemOfTheApplicantAndOneOfTheSpouseAreReportedTogether() throws {
    let dir = try TempDir()
    _ = try scans(dir, "", ["photo.pdf": "proof-of-citizenship.pdf"])
    let docs = try scans(dir, "spouse", ["photo.pdf": "proof-of-citizenship.pdf"])
    let r = try generate("family-pgwp-spouse", dir, docs)
    #expect(r.status != 0)
    let lines = r.stderr.split(separator: "\n").filter { $0.contains("upload slot Digital Photo takes one JPEG file") }
    #expect(lines.count == 2, "\(r.stderr)")
    #expect(lines.contains { $0.contains("spouse: upload slot Digital Photo") }, "\(r.stderr)")
    #expect(!r.stderr.contains("Hernández"))  // nothing personal beyond the field to fix
    #expect(!FileManager.default.fileExists(atPath: dir.file("out/2026-0301.zip")))
  }

  @Test func aScansSubfolderThatNamesNoMemberIsAnErrorWithTheMembersAndNothingIsWritten() throws {
    let dir = try TempDir()
    _ = try scans(dir, "spuse", ["photo.jpg": "photo.jpg"])
    let docs = try scans(dir, "spouse", ["relationship-prof.pdf": "proof-of-citizenship.pdf"])
    let r = try generate("family-pgwp-spouse", dir, docs)
    #expect(r.status != 0)
    #expect(r.stderr.contains("scans/spuse/: not a family member applying together; expected spouse"), "\(r.stderr)")
    #expect(r.stderr.contains("scans/spouse/relationship-prof.pdf") && r.stderr.contains("did you mean 'relationship-proof'"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.file("out/2026-0301.zip")))
  }
}
