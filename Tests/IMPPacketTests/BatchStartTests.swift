import Foundation
import IMPPacket
import Testing
import ZipPacket

/// `batch` loads no catalog, templates or renderer itself: its first worker does, and that
/// load is the batch's. A batch that cannot start must still fail as `generate` does, before
/// it makes any folder or report.
@Suite("batch: the first worker's start is the batch's")
struct BatchStartTests {
  /// A catalog file that does not read: a number out of its range.
  private func brokenCatalog(_ dir: TempDir) throws -> String {
    let shipped = try String(
      contentsOf: repositoryRoot.appendingPathComponent("Templates/catalog/catalog.json"), encoding: .utf8)
    let broken = shipped.replacingOccurrences(of: "\"maxLocations\": 2", with: "\"maxLocations\": -3")
    #expect(broken != shipped, "the catalog no longer has \"maxLocations\": 2")
    let path = dir.file("catalog.json")
    try broken.write(toFile: path, atomically: false, encoding: .utf8)
    return path
  }

  @Test func aCatalogThatCannotLoadFailsTheBatchAsItFailsGenerateAndNoFolderIsMade() throws {
    let dir = try TempDir()
    let catalog = try brokenCatalog(dir)
    let generate = try cli("generate", fixturePath("ict"), "--catalog", catalog, "-o", dir.file("g"))
    let batch = try cli("batch", fixturePath("ict"), fixturePath("bowp"), "--catalog", catalog, "-o", dir.file("b"), "--quiet")
    #expect(generate.status == 78)
    #expect(batch.status == 78)
    #expect(batch.stderr.contains("maxLocations: expected a whole number from 1 to 100, got -3"), "\(batch.stderr)")
    #expect(batch.stderr == generate.stderr)
    #expect(!FileManager.default.fileExists(atPath: dir.file("b")))
  }

  @Test func aMissingRendererFailsTheBatchAsItFailsGenerateAndNoFolderIsMade() throws {
    let dir = try TempDir()
    let env = ["IMP_PACKET_PYTHON": "/nonexistent/python3"]
    let generate = try cli("generate", fixturePath("ict"), "--pdf", "-o", dir.file("g"), env: env)
    let batch = try cli("batch", fixturePath("ict"), "--pdf", "-o", dir.file("b"), "--quiet", env: env)
    #expect(generate.status == 78)
    #expect(batch.status == 78)
    #expect(batch.stderr.contains("pip install weasyprint==70.0"), "\(batch.stderr)")
    #expect(batch.stderr == generate.stderr)
    #expect(!FileManager.default.fileExists(atPath: dir.file("b")))
    // An existing folder is left as it was: no report, no lock.
    try FileManager.default.createDirectory(atPath: dir.file("b"), withIntermediateDirectories: false)
    let again = try cli("batch", fixturePath("ict"), "--pdf", "-o", dir.file("b"), "--quiet", env: env)
    #expect(again.status == 78)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("b")) == [])
  }

  @Test func theReportNamesTheCatalogAndTemplatesThePacketsWereMadeWith() throws {
    let out = try TempDir()
    let r = try cli("batch", fixturePath("ict"), fixturePath("iec-working-holiday"), "-o", out.path, "--quiet", "--jobs", "2")
    #expect(r.status == 0, "\(r.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out.file("report.json")))) as? [String: Any])
    let zips = out.contents.filter { $0.hasSuffix(".zip") }
    #expect(zips.count == 2)
    for name in zips {
      let zip = try ZipReader(path: out.file(name))
      let manifest = try PacketManifest(bytes: try zip.data(at: try #require(zip.names.firstIndex(of: "manifest.xml"))))
      #expect(manifest.catalogVersion == report["catalogVersion"] as? String)
      #expect(manifest.templatesSHA256 == report["templatesSHA256"] as? String)
    }
  }
}
