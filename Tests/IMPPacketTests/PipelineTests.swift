import Foundation
@testable import IMPPacket
import IMPRules
import Testing
import ZipPacket

/// The steps a server calls in-process: profile → plan → files → manifest → zip.
@Suite("The packet pipeline, in process: files with media types, a manifest written from them")
struct PipelineTests {
  static let builder = try! PacketBuilder.load()

  static func profile(_ name: String) throws -> (Profile, [UInt8]) {
    try shippedBuilder.readProfile(URL(fileURLWithPath: fixturePath(name)), asOf: CivilDate("2026-12-01")!)
  }

  @Test func thePlanCarriesItsCategoryAndPages() throws {
    let (profile, _) = try Self.profile("ict")
    let packet = try Self.builder.packetPlan(profile)
    #expect(packet.category.id == "ict" && packet.plan.category.id == "ict")
    #expect(
      packet.pages.map(\.file) == [
        "00-cover-sheet.html", "01-document-checklist.html", "02-fee-breakdown.html", "03-cover-letter.html",
        "04-employer-summary.html", "05-relationship-summary.html", "forms/IMM-1295-data.html", "forms/IMM-5645-data.html",
      ])
  }

  @Test func everyFileHasItsMediaTypeAndTheManifestListsThem() throws {
    let (profile, bytes) = try Self.profile("pgwp-eligible")
    let files = try Self.builder.files(profile: profile, profileBytes: bytes, plan: Self.builder.packetPlan(profile))
    #expect(files.last?.name == "manifest.xml")
    let manifest = try PacketManifest(bytes: files.last!.bytes)
    #expect(manifest.files.map(\.name) == files.dropLast().map(\.name))
    #expect(manifest.files.map(\.mediaType) == files.dropLast().map(\.mediaType.rawValue))
    #expect(manifest.files.first { $0.name == "plan.json" }?.mediaType == "application/json")
    #expect(manifest.files.filter { $0.name.hasSuffix(".html") }.allSatisfy { $0.mediaType == "text/html" })
    #expect(manifest.files.allSatisfy { $0.slot == nil })
  }

  /// Adding an upload is one `PacketFile`: its media type and slot reach the manifest,
  /// which the schema accepts and `verify` reads back.
  @Test func aPDFUploadWithASlotIsRecordedAsAPDF() throws {
    let (profile, bytes) = try Self.profile("pgwp-eligible")
    var files = try Self.builder.files(profile: profile, profileBytes: bytes, plan: Self.builder.packetPlan(profile))
    files.removeLast()
    let pdf = Array("%PDF-1.4\n%%EOF\n".utf8)
    files.append(PacketFile(name: "upload/passport-copy.pdf", mediaType: .pdf, slot: "Passport", bytes: pdf))
    let header = ManifestHeader(
      caseId: profile.caseId, createdOn: profile.submission.date, catalogVersion: "test", templatesSHA256: String(repeating: "0", count: 64),
      sourceBytes: bytes, category: nil, eligible: nil)
    files.append(try PacketManifest.file(for: files, header: header))

    let dir = try TempDir()
    try Data(files.last!.bytes).write(to: URL(fileURLWithPath: dir.file("manifest.xml")))
    let xsd = repositoryRoot.appendingPathComponent("Templates/packet/manifest.xsd").path
    let lint = try run("/usr/bin/env", ["xmllint", "--noout", "--schema", xsd, dir.file("manifest.xml")])
    #expect(lint.status == 0, "\(lint.stderr)")
    let text = String(decoding: files.last!.bytes, as: UTF8.self)
    #expect(text.contains(#"<file name="upload/passport-copy.pdf" size="15" sha256=""#))
    #expect(text.contains(#"mediaType="application/pdf" slot="Passport"/>"#))

    let zip = try PacketBuilder.zip(files, options: ZipOptions())
    let check = try PacketVerifier.verify(bytes: zip)
    #expect(check.intact && check.matched == files.count - 1)
    #expect(check.manifest.files.last == .init(
      name: "upload/passport-copy.pdf", size: 15, sha256: PacketBuilder.sha256(pdf), mediaType: "application/pdf", slot: "Passport"))
  }

  /// A packet whose files do not match its own manifest is refused before it is written.
  @Test func aPacketIsCheckedAgainstItsManifestBeforeItIsWritten() throws {
    let (profile, bytes) = try Self.profile("pgwp-eligible")
    var files = try Self.builder.files(profile: profile, profileBytes: bytes, plan: Self.builder.packetPlan(profile))
    files[0].bytes += Array("<!-- changed after the manifest -->".utf8)
    #expect {
      try PacketBuilder.zip(files, options: ZipOptions())
    } throws: { e in
      guard case .output(let z) = e as! PacketError else { return false }
      return z.message.contains("does not match its own manifest") && z.message.contains("changed: 00-cover-sheet.html")
    }
  }
}
