import Foundation
import IMPPacket
import IMPRules
import PDFRender
import Testing
import ZipPacket

/// The client's sample scans shipped for `Fixtures/cusma-professional.json`.
let sampleScans = repositoryRoot.appendingPathComponent("Fixtures/documents/cusma-professional").path

/// Makes a JPEG (or a PDF holding one) of random pixels with Pillow: scans too big for a cap.
func noiseScan(_ path: String, width: Int, height: Int, dpi: Int) throws {
  let script = """
    import random, sys
    from PIL import Image
    random.seed(14)
    im = Image.frombytes("RGB", (\(width), \(height)), random.randbytes(\(width * height * 3)))
    im.save(sys.argv[1], quality=92, dpi=(\(dpi), \(dpi)), resolution=\(dpi))
    """
  let r = try run("/usr/bin/env", ["python3", "-c", script, path])
  #expect(r.status == 0, "\(r.stderr)")
}

@Suite("Upload-ready PDF packets", .serialized)
struct PDFPacketTests {
  @Test func aPacketWithTheClientsScansHasOneCheckedPDFPerSlot() throws {
    let dir = try TempDir()
    let r = try cli(
      "generate", fixturePath("cusma-professional"), "-o", dir.path, "--as-of", "2026-12-01", "--pdf", "--documents", sampleScans)
    #expect(r.status == 0, "\(r.stderr)")
    let packet = dir.file("2026-0201.zip")
    let check = try checkPacket(packet)
    #expect(check.problems == [])  // qpdf --check, Letter pages, case id in the text, manifest, zip
    #expect(
      check.names.filter { $0.hasPrefix("upload/") } == [
        "upload/02-passport.pdf", "upload/03-digital-photo.jpg", "upload/04-representative-submission-letter.pdf",
        "upload/05-offer-of-employment.pdf", "upload/06-education.pdf", "upload/08-client-information.pdf",
      ])
    let pdf = try #require(check.pdf)
    #expect(pdf["upload/02-passport.pdf"]?.pages == 2)
    #expect(pdf["upload/04-representative-submission-letter.pdf"]?.text.contains("Page 1 of 2") == true)
    #expect(pdf["upload/04-representative-submission-letter.pdf"]?.text.contains("I represent Jordan Lee Miller") == true)
    #expect(pdf["upload/06-education.pdf"]?.text.contains("Bachelor of Science in Computer Engineering") == true)
    // A scanned PDF is drawn upright: its lines read top to bottom as in the client's file
    // (drawn upside down, pdftotext gives them bottom line first).
    let education = try #require(pdf["upload/06-education.pdf"]?.text)
    let top = try #require(education.range(of: "SPECIMEN")), bottom = try #require(education.range(of: "Sample State University"))
    #expect(top.lowerBound < bottom.lowerBound, "\(education)")
    #expect(pdf["upload/08-client-information.pdf"]?.text.contains("Certificate of Birth") == true)
    #expect(pdf.values.allSatisfy { $0.tagged })
    #expect(pdf["upload/02-passport.pdf"]?.title == "Passport — Jordan Lee Miller, case 2026-0201")
    // The photo goes up as the client's own JPEG, byte for byte.
    let zip = try ZipReader(path: packet)
    let photo = try zip.data(at: try #require(zip.names.firstIndex(of: "upload/03-digital-photo.jpg")))
    #expect(photo == Array(try Data(contentsOf: URL(fileURLWithPath: sampleScans + "/photo.jpg"))))
    // The checklist marks the scanned items provided and names their files and slots.
    let checklist = try #require(check.html["01-document-checklist.html"]?.text)
    #expect(checklist.contains("Upload: upload/02-passport.pdf (Passport)Given: passport-copy-1.jpg, passport-copy-2.jpg"))
    #expect(checklist.contains("07 Proof of Membership nothing yet provincial-licence"))
    let plan = try #require(check.plan)
    #expect(plan.checklist.first { $0.id == "passport-copy" }?.status == "provided")
    #expect(plan.checklist.first { $0.id == "qualification-evidence" }?.status == "provided")
    // verify checks the PDFs as every other file.
    let v = try cli("verify", packet)
    #expect(v.status == 0 && v.stdout.contains("intact"), "\(v.stdout)\(v.stderr)")
  }

  @Test func theSamePDFBytesInAnyTimeZone() throws {
    let dir = try TempDir()
    var bytes: [[UInt8]] = []
    for (n, zone) in ["Asia/Kolkata", "America/St_Johns"].enumerated() {
      let r = try cli(
        "generate", fixturePath("cusma-professional"), "-o", dir.file("\(n)"), "--as-of", "2026-12-01", "--pdf", "--documents",
        sampleScans, env: ["TZ": zone])
      #expect(r.status == 0, "\(r.stderr)")
      bytes.append(Array(try Data(contentsOf: URL(fileURLWithPath: dir.file("\(n)/2026-0201.zip")))))
    }
    #expect(bytes[0] == bytes[1])
  }

  /// `generate --channel ircc-portal` of the CUSMA fixture with one noisy passport scan, into `dir/out`.
  func generateForTheIRCCPortal(_ dir: TempDir, scan: String, width: Int, height: Int, dpi: Int) throws -> Run {
    let scans = dir.file("scans")
    try FileManager.default.createDirectory(atPath: scans, withIntermediateDirectories: true)
    try noiseScan(scans + "/" + scan, width: width, height: height, dpi: dpi)
    return try cli(
      "generate", fixturePath("cusma-professional"), "-o", dir.file("out"), "--as-of", "2026-12-01", "--pdf", "--documents", scans,
      "--channel", "ircc-portal")
  }

  @Test func aScanThatDoesNotFitTheIRCCPortalNamesTheSlotItsSizeAndTheCap() throws {
    let dir = try TempDir()
    let r = try generateForTheIRCCPortal(dir, scan: "passport-copy.pdf", width: 1400, height: 1800, dpi: 150)
    #expect(r.status == 65)
    #expect(r.stderr.contains("upload slot Passport (upload/02-passport.pdf) is "))
    #expect(r.stderr.contains("over the 2 MB cap of the IRCC Portal"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.file("out/2026-0201.zip")), "nothing half-written")
  }

  @Test func aDenseImageIsDownsampledTo150DPIWhenThatBringsItUnderTheCapAndItSaysSo() throws {
    let dir = try TempDir()
    let r = try generateForTheIRCCPortal(dir, scan: "passport-copy.jpg", width: 2400, height: 1700, dpi: 300)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("upload/02-passport.pdf: 1 image downsampled to 150 DPI"), "\(r.stdout)")
    let check = try checkPacket(dir.file("out/2026-0201.zip"))
    #expect(check.problems == [])
  }

  @Test func aFileNamedForNoChecklistItemIsAnErrorWithTheNearestId() throws {
    let dir = try TempDir()
    try Data("%PDF-1.4\n".utf8).write(to: URL(fileURLWithPath: dir.file("pasport-copy.pdf")))
    try Data("%PDF-1.4\n".utf8).write(to: URL(fileURLWithPath: dir.file("marriage-certificate.pdf")))
    try Data("not a jpeg".utf8).write(to: URL(fileURLWithPath: dir.file("photo.jpg")))
    let builder = try PacketBuilder.load()
    let (profile, bytes) = try shippedBuilder.readProfile(URL(fileURLWithPath: fixturePath("cusma-professional")), asOf: CivilDate("2026-12-01")!)
    var options = GenerateOptions(outputDirectory: URL(fileURLWithPath: dir.path), asOf: CivilDate("2026-12-01")!)
    options.pdf = PDFPacketOptions(renderer: PDFRenderer(), documents: URL(fileURLWithPath: dir.path))
    #expect {
      try builder.packet(profile: profile, profileBytes: bytes, options: options)
    } throws: { e in
      guard case .documents(let problems) = e as? PacketError else { return false }
      let name = URL(fileURLWithPath: dir.path).lastPathComponent
      return problems.count == 3
        && problems[0].hasPrefix("\(name)/marriage-certificate.pdf: 'marriage-certificate' is not a checklist item id")
        && problems[1].hasPrefix("\(name)/pasport-copy.pdf: 'pasport-copy' is not a checklist item id; did you mean 'passport-copy'?")
        && problems[2] == "\(name)/photo.jpg: its content is not a JPEG, as its name says"
    }
  }

  /// Every fixture's upload files, made by one `batch --pdf` (a renderer per worker): each PDF
  /// passes check-packet.py (qpdf --check, Letter, the case id in its text), is tagged, never
  /// says "Page 1 of 1", and no page names the tool, our notes or a raw checklist item id.
  @Test(.timeLimit(.minutes(4))) func everyFixturesUploadPDFsReadAsTheFirmsOwn() throws {
    let dir = try TempDir()
    let fixtures = try allFixtures()
    let r = try run(tool, ["batch"] + fixtures + ["-o", dir.path, "--as-of", "2026-12-01", "--allow-ineligible", "--pdf", "--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
    let ids = try hyphenatedItemIds()
    let packets = dir.contents.filter { $0.hasSuffix(".zip") }
    #expect(packets.count == fixtures.count)
    for name in packets {
      let check = try checkPacket(dir.file(name))
      #expect(check.problems == [], "\(name): \(check.problems)")
      let pdfs = try #require(check.pdf, "\(name)")
      #expect(!pdfs.isEmpty, "\(name) has no upload PDF")
      for (file, pdf) in pdfs {
        #expect(pdf.tagged, "\(name): \(file) is not tagged")
        #expect(!pdf.text.contains("Page 1 of 1"), "\(name): \(file) numbers a one-page document")
        for banned in ["IRCC-FACTS", "imp-packet", "prepared with"] {
          #expect(!pdf.text.contains(banned), "\(name): \(file) contains \(banned)")
        }
        let shown = words(pdf.text.replacingOccurrences(of: "-", with: "_")).map { $0.replacingOccurrences(of: "_", with: "-") }
        let raw = Set(shown).intersection(ids)
        #expect(raw.isEmpty, "\(name): \(file) shows item ids \(raw.sorted())")
      }
    }
  }

  /// `employer --pdf`: every page of the bundle also as a checked PDF, the offer letter
  /// recorded in the worker's Offer of Employment slot, and each worker packet with its `upload/`.
  @Test func anEmployerBundleWithPdfHasEachPageAsAPDFAndWorkerPacketsWithUploads() throws {
    let dir = try TempDir()
    let r = try cli(
      "employer", repositoryRoot.appendingPathComponent("Fixtures/employers/small.json").path, "-o", dir.path, "--pdf",
      "--with-worker-packets", "--as-of", "2026-12-01")
    #expect(r.status == 0, "\(r.stderr)")
    let bundle = dir.file("maple-2026-q4.zip")
    let check = try checkPacket(bundle)
    #expect(check.problems == [])
    let pdf = try #require(check.pdf)
    let pages = check.names.filter { $0.hasSuffix(".html") }
    #expect(pages.count == 8)
    #expect(Set(pdf.keys) == Set(pages.map { String($0.dropLast(5)) + ".pdf" }))
    #expect(pdf.values.allSatisfy { $0.tagged })
    #expect(pdf["offers/ict-01/offer-letter.pdf"]?.slot == "offer-of-employment")
    #expect(pdf["offers/ict-01/portal-data-sheet.pdf"]?.slot == nil)
    #expect(pdf["offers/ict-01/offer-letter.pdf"]?.title == "Offer of employment letter for the worker")
    #expect(pdf["offers/t36-02/portal-data-sheet.pdf"]?.text.contains("Exemption code") == true)
    let v = try cli("verify", bundle)
    #expect(v.status == 0 && v.stdout.contains("intact"), "\(v.stdout)\(v.stderr)")
    // Each worker's own packet carries its upload files.
    let zip = try ZipReader(path: bundle)
    let worker = try #require(zip.names.first { $0.hasPrefix("workers/") })
    let inner = dir.file("worker.zip")
    try Data(try zip.data(at: try #require(zip.names.firstIndex(of: worker)))).write(to: URL(fileURLWithPath: inner))
    let workerCheck = try checkPacket(inner)
    #expect(workerCheck.problems == [])
    #expect(workerCheck.names.contains { $0.hasPrefix("upload/") && $0.hasSuffix(".pdf") }, "\(workerCheck.names)")
  }

  /// The photo goes up as it is: one cut short (a failed download, whose header is fine) is
  /// refused, named with its slot, and no packet is written.
  @Test func aTruncatedPhotoIsRefusedWithItsSlotAndNoPacketIsWritten() throws {
    let dir = try TempDir()
    let scans = dir.file("scans")
    try FileManager.default.copyItem(atPath: sampleScans, toPath: scans)
    let photo = URL(fileURLWithPath: scans + "/photo.jpg")
    let whole = try Data(contentsOf: photo)
    try whole.prefix(whole.count / 2).write(to: photo)
    let r = try cli("generate", fixturePath("cusma-professional"), "-o", dir.file("out"), "--pdf", "--documents", scans)
    #expect(r.status == 65, "\(r.stderr)")
    #expect(r.stderr.contains("upload slot Digital Photo: photo.jpg is not an image Pillow can read (image file is truncated"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.file("out/2026-0201.zip")))
  }

  @Test func withoutTheRendererPdfIsAClearErrorWithExit78() throws {
    let dir = try TempDir()
    let r = try cli(
      "generate", fixturePath("cusma-professional"), "-o", dir.path, "--pdf", env: ["IMP_PACKET_PYTHON": "/nonexistent/python3"])
    #expect(r.status == 78)
    #expect(r.stderr.contains("pip install weasyprint==70.0"), "\(r.stderr)")
    #expect(dir.contents.isEmpty)
  }

  /// `batch --pdf` starts no renderer itself: its first worker does, and a missing one is
  /// still the same error and exit 78, before the folder is made.
  @Test func batchWithoutTheRendererIsTheSameClearErrorBeforeAnythingIsWritten() throws {
    let dir = try TempDir()
    let out = dir.file("out")
    let r = try cli(
      "batch", fixturePath("cusma-professional"), fixturePath("ict"), "-o", out, "--pdf", "--jobs", "2",
      env: ["IMP_PACKET_PYTHON": "/nonexistent/python3"])
    #expect(r.status == 78)
    #expect(r.stderr.contains("/nonexistent/python3 did not start"), "\(r.stderr)")
    #expect(r.stderr.contains("pip install weasyprint==70.0"), "\(r.stderr)")
    #expect(dir.contents.isEmpty)
  }

  /// A renderer that is installed but cannot start (here a WeasyPrint whose import fails, as
  /// with a system library missing) fails the batch's first worker, so the batch fails up
  /// front as `generate` does: once, why, exit 78, and no folder, report or packet.
  @Test func batchWithARendererThatCannotStartFailsUpFrontWithExit78() throws {
    let dir = try TempDir()
    let shadow = dir.file("python/weasyprint")
    try FileManager.default.createDirectory(atPath: shadow, withIntermediateDirectories: true)
    try Data("raise OSError('cannot load library pango-1.0')\n".utf8).write(to: URL(fileURLWithPath: shadow + "/__init__.py"))
    let out = dir.file("out")
    let env = ["PYTHONPATH": dir.file("python")]
    let r = try cli("batch", fixturePath("cusma-professional"), fixturePath("ict"), "-o", out, "--pdf", "--jobs", "2", env: env)
    let generate = try cli("generate", fixturePath("ict"), "-o", dir.file("g"), "--pdf", env: env)
    #expect(r.status == 78)
    #expect(generate.status == 78)
    #expect(r.stderr.components(separatedBy: "did not start").count == 2, "\(r.stderr)")
    #expect(r.stderr == generate.stderr)
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
