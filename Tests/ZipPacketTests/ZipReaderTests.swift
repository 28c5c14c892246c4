import Foundation
import Testing
import ZipPacket

@Suite("Reading zips back")
struct ZipReaderTests {
  let entries = [
    ZipEntry(name: "00-first.html", data: Array("<p>first & only</p>".utf8)),
    ZipEntry(name: "plan.json", data: Array(String(repeating: "{\"k\": 1}\n", count: 200).utf8)),
    ZipEntry(name: "empty.txt", data: []),
  ]

  @Test func readsWhatWasBuiltInItsOrder() throws {
    for level in [0, 6, 9] {
      let zip = try ZipReader(bytes: try ZipArchive.build(entries, options: ZipOptions(compressionLevel: level)))
      #expect(zip.names == ["00-first.html", "plan.json", "empty.txt"])
      let read = try zip.entries()
      #expect(read.map(\.data) == entries.map(\.data), "level \(level)")
      #expect(try !zip.isEncrypted(at: 0))
    }
  }

  @Test func readsAFileAndTellsAMissingFileFromAForeignOne() throws {
    let dir = try TempDir()
    let path = dir.path + "/p.zip"
    try AtomicFile.write(try ZipArchive.build(entries), to: path, overwrite: false)
    #expect(try ZipReader(path: path).data(at: 1) == entries[1].data)
    #expect { try ZipReader(path: dir.path + "/none.zip") } throws: { ($0 as! ZipError).kind == .io }
    try AtomicFile.write(Array("not a zip at all".utf8), to: dir.path + "/text.zip", overwrite: false)
    #expect { try ZipReader(path: dir.path + "/text.zip") } throws: { ($0 as! ZipError).kind == .archive }
  }

  @Test func encryptedEntriesNeedTheRightPassword() throws {
    let bytes = try ZipArchive.build(entries, options: ZipOptions(password: "correct horse"))
    let locked = try ZipReader(bytes: bytes)
    #expect(locked.names == entries.map(\.name))  // names are not encrypted, contents are
    #expect(try locked.isEncrypted(at: 0))
    #expect { try locked.data(at: 0) } throws: { ($0 as! ZipError).kind == .password }
    #expect { try ZipReader(bytes: bytes, password: "wrong").data(at: 1) } throws: { ($0 as! ZipError).kind == .password }
    #expect(try ZipReader(bytes: bytes, password: "correct horse").entries().map(\.data) == entries.map(\.data))
  }

  @Test func aChangedByteInStoredDataFailsItsCRC() throws {
    var bytes = try ZipArchive.build(entries, options: ZipOptions(compressionLevel: 0))
    let needle = Array("first & only".utf8)
    let at = try #require(bytes.indices.first { bytes[$0...].starts(with: needle) })
    bytes[at] ^= 0x20  // "first" -> "First"
    let zip = try ZipReader(bytes: bytes)
    #expect { try zip.data(at: 0) } throws: { e in
      let e = e as! ZipError
      return e.kind == .archive && e.message.contains("00-first.html")
    }
    #expect(try zip.data(at: 1) == entries[1].data)
  }

  @Test func anEntryLargerThanTheLimitIsRefused() throws {
    let zip = try ZipReader(bytes: try ZipArchive.build(entries))
    #expect { try zip.data(at: 1, limit: 100) } throws: { ($0 as! ZipError).kind == .archive }
  }
}
