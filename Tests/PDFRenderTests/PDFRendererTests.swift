import Foundation
import Testing

@testable import PDFRender

/// Runs a tool we did not write (qpdf, pdftotext, pdfinfo) on PDF bytes and returns its output.
func tool(_ name: String, _ arguments: [String], pdf: [UInt8]) throws -> String {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pdfrender-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: dir) }
  let file = dir.appendingPathComponent("in.pdf")
  try Data(pdf).write(to: file)
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  p.arguments = [name] + arguments.map { $0 == "IN" ? file.path : $0 }
  let out = Pipe()
  p.standardOutput = out
  p.standardError = out
  try p.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  return String(decoding: data, as: UTF8.self) + (p.terminationStatus == 0 ? "" : "\n(exit \(p.terminationStatus))")
}

let inputs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("Inputs/scans")

func page(_ title: String, _ body: String) -> PDFPart {
  .html(
    Array(
      """
      <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>\(title)</title>
      <style>@page { size: letter; margin: 0.75in; @bottom-right { content: "page " counter(page) " of " counter(pages); } }
      body { font-family: "Liberation Serif", serif; }</style></head>
      <body><h1>\(title)</h1>\(body)</body></html>
      """.utf8))
}

let metadata = PDFMetadata(
  title: "Client information", author: "Alex Tremblay", language: "en", created: 1_795_651_200,
  identifier: Array(repeating: 7, count: 16))

let stamped: PDFMetadata = {
  var m = metadata
  m.stamp = "Case 2026-0142"
  return m
}()

/// One renderer for the suite: the process starts once (about a second), as in a batch.
let shared = PDFRenderer()

@Suite("PDF rendering", .serialized)
struct PDFRendererTests {
  @Test func htmlBecomesATaggedLetterPDFWithItsTextAndMetadata() throws {
    let long = String(repeating: "<p>The applicant meets this requirement, as the enclosed documents show.</p>", count: 40)
    let pdf = try shared.render(
      [page("Cover letter", "<p>Case 2026-0142</p>" + long), page("Checklist", "<p>Passport</p>")], metadata: metadata)
    #expect(pdf.pages == 3)
    #expect(pdf.isArchival)
    #expect(try tool("qpdf", ["--check", "IN"], pdf: pdf.bytes).contains("No syntax or stream encoding errors"))
    let info = try tool("pdfinfo", ["IN"], pdf: pdf.bytes)
    #expect(info.contains("Title:           Client information"))
    #expect(info.contains("Author:          Alex Tremblay"))
    #expect(info.contains("Tagged:          yes"))
    #expect(info.contains("612 x 792 pts (letter)"))
    #expect(info.contains("CreationDate:    Thu Nov 26 00:00:00 2026 UTC"))
    let text = try tool("pdftotext", ["IN", "-"], pdf: pdf.bytes)
    #expect(text.contains("Case 2026-0142"))
    // Each HTML part counts its own pages, and a part of one page does not say "1 of 1".
    #expect(text.contains("page 1 of 2") && text.contains("page 2 of 2"), "\(text)")
    #expect(!text.contains("of 1"), "\(text)")
    let fonts = try tool("pdffonts", ["IN"], pdf: pdf.bytes)
    #expect(!fonts.contains(" no  "), "every font embedded:\n\(fonts)")
    let xmp = try tool("pdfinfo", ["-meta", "IN"], pdf: pdf.bytes)
    #expect(xmp.contains("pdfaid:part=\"2\"") && xmp.contains("pdfaid:conformance=\"A\""), "claims PDF/A-2a:\n\(xmp)")
  }

  @Test func sameInputsGiveTheSameBytesInAnyTimeZone() throws {
    var env = ProcessInfo.processInfo.environment
    env["TZ"] = "Pacific/Kiritimati"
    let far = PDFRenderer(environment: env)
    let parts = [page("Fees", "<p>Total $255.00</p>"), PDFPart.pdf(Array(try Data(contentsOf: inputs.appendingPathComponent("a4.pdf"))), label: "Birth certificate")]
    let here = try shared.render(parts, metadata: metadata)
    #expect(try far.render(parts, metadata: metadata).bytes == here.bytes)
    #expect(try shared.render(parts, metadata: metadata).bytes == here.bytes)
  }

  @Test func imagesAndExistingPDFsBecomeLetterPagesInOrder() throws {
    let jpeg = Array(try Data(contentsOf: inputs.appendingPathComponent("scan.jpg")))
    let a4 = Array(try Data(contentsOf: inputs.appendingPathComponent("a4.pdf")))
    let pdf = try shared.render(
      [page("Letter", "<p>first</p>"), .pdf(a4, label: "Birth certificate"), .image(jpeg, alt: "Passport, page 1")], metadata: stamped)
    #expect(pdf.pages == 3)
    #expect(!pdf.isArchival, "pages of a client's PDF are not claimed as PDF/A")
    #expect(pdf.images == [RenderedPDF.PlacedImage(part: 2, width: 600, height: 400, dpi: 77.9)])
    let sizes = try tool("pdfinfo", ["-f", "1", "-l", "3", "IN"], pdf: pdf.bytes)
    #expect(sizes.components(separatedBy: "612 x 792 pts (letter)").count == 4, "\(sizes)")
    let text = try tool("pdftotext", ["IN", "-"], pdf: pdf.bytes)
    let first = try #require(text.range(of: "first")), a4Text = try #require(text.range(of: "A4 PAGE OF A CLIENT PDF"))
    #expect(first.lowerBound < a4Text.lowerBound)
    // Every scanned page carries the stamp and its own label; our own pages do not.
    #expect(text.contains("Case 2026-0142 · Birth certificate"))
    #expect(text.contains("Case 2026-0142 · Passport, page 1"))
    #expect(text.components(separatedBy: "Case 2026-0142").count == 3)
    #expect(try tool("pdfinfo", ["IN"], pdf: pdf.bytes).contains("Tagged:          yes"))
    #expect(try tool("qpdf", ["--check", "IN"], pdf: pdf.bytes).contains("No syntax or stream encoding errors"))
    #expect(try shared.imageInfo(jpeg) == ImageInfo(width: 600, height: 400, format: "JPEG"))
  }

  @Test func aBadPartIsNamedAndTheRendererStaysUsable() throws {
    #expect(throws: PDFRenderError.self) { try shared.render([page("x", ""), .pdf(Array("not a pdf".utf8), label: "x")], metadata: metadata) }
    do {
      _ = try shared.render([page("x", ""), .image(Array("GIF89a".utf8), alt: "x")], metadata: metadata)
      Issue.record("an unreadable image was rendered")
    } catch { #expect(error.description.hasPrefix("part 1: not an image")) }
    #expect(try shared.render([page("after", "<p>still works</p>")], metadata: metadata).pages == 1)
  }

  /// A JPEG cut short (a failed download) has a good header: it is refused once read whole,
  /// as a photo to upload as it is and as a scan to place, with a message that is the same
  /// every run (no Python object addresses in it).
  @Test func aTruncatedJPEGIsRefusedAndTheMessageIsTheSameEveryRun() throws {
    let whole = try Data(contentsOf: inputs.appendingPathComponent("scan.jpg"))
    let cut = Array(whole.prefix(whole.count / 2))
    #expect(throws: PDFRenderError.self) { try shared.imageInfo(cut) }
    var messages: [String] = []
    for _ in 0..<2 {
      do {
        _ = try shared.render([page("x", ""), .image(cut, alt: "Photo")], metadata: metadata)
        Issue.record("a truncated JPEG was rendered")
      } catch { messages.append(error.description) }
    }
    #expect(messages.count == 2 && messages[0] == messages[1], "\(messages)")
    #expect(messages.first?.contains("truncated") == true, "\(messages)")
    #expect(messages.first?.contains(" at 0x") == false, "\(messages)")
    do {
      _ = try shared.render([page("x", ""), .pdf(Array("%PDF-1.4 not really".utf8), label: "x")], metadata: metadata)
      Issue.record("a broken PDF was placed")
    } catch { #expect(!error.description.contains("object at 0x"), "\(error.description)") }
    #expect(try shared.imageInfo(Array(whole)).format == "JPEG")
  }

  @Test func aRendererThatDiesIsStartedAgain() throws {
    let r = PDFRenderer()
    try r.start()
    let pid = try #require(r.processIdentifier)
    kill(pid, SIGKILL)
    usleep(100_000)
    #expect(try r.render([page("again", "")], metadata: metadata).pages == 1)
    #expect(r.starts == 2)
  }

  /// `startConcurrently()` returns at once and gives a renderer that is ready once waited for
  /// (a batch worker loads its builder meanwhile); a missing renderer is `start()`'s error.
  @Test func aConcurrentStartIsReadyOnceWaitedForAndAMissingOneSaysWhy() throws {
    let r = PDFRenderer()
    let pending = r.startConcurrently()
    try pending.wait()
    try pending.wait()  // a second wait returns at once
    #expect(r.starts == 1 && r.processIdentifier != nil)
    #expect(try r.render([page("ready", "")], metadata: metadata).pages == 1)
    #expect(r.starts == 1)
    var env = ProcessInfo.processInfo.environment
    env["IMP_PACKET_PYTHON"] = "/nonexistent/python3"
    #expect {
      try PDFRenderer(environment: env).startConcurrently().wait()
    } throws: { e in
      guard case .rendererMissing(let s) = e as? PDFRenderError else { return false }
      return s.contains("/nonexistent/python3 did not start") && s.contains("pip install weasyprint==70.0")
    }
  }

  @Test func aMissingRendererSaysHowToInstallIt() {
    var env = ProcessInfo.processInfo.environment
    env["IMP_PACKET_PYTHON"] = "/nonexistent/python3"
    #expect {
      try PDFRenderer(environment: env).render([page("x", "")], metadata: metadata)
    } throws: { e in
      guard case .rendererMissing(let s) = e as? PDFRenderError else { return false }
      return s.contains("pip install weasyprint==70.0") && s.contains("scripts/deps --pdf")
    }
  }
}
