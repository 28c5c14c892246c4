import Foundation
import Testing
import ZipPacket

@Suite("Deterministic zips")
struct ZipArchiveTests {
  static let time = DOSTime(year: 2026, month: 12, day: 1, secondOfDay: 49_530)
  let entries = [
    ZipEntry(name: "b.html", data: Array("<p>second & last</p>".utf8)),
    ZipEntry(name: "a.json", data: Array(String(repeating: "{\"k\": 1}\n", count: 200).utf8)),
    ZipEntry(name: "empty.txt", data: []),
  ]

  @Test func dosTimeFieldsAndTheirRange() {
    // 2026-12-01T13:45:30
    let t = DOSTime(year: 2026, month: 12, day: 1, secondOfDay: 13 * 3600 + 45 * 60 + 30)
    #expect(t.date == UInt16((2026 - 1980) << 9 | 12 << 5 | 1))
    #expect(t.time == UInt16(13 << 11 | 45 << 5 | 15))
    #expect(DOSTime(year: 1970, month: 1, day: 1, secondOfDay: 0) == .earliest)
    #expect(DOSTime(year: 9999, month: 1, day: 1, secondOfDay: 0) == DOSTime(year: 2107, month: 12, day: 31, secondOfDay: 86_399))
  }

  /// The read-back check changes nothing it checks, accepts stored, deflated and empty
  /// entries, and is refused for an encrypted zip (whose bytes it cannot compare).
  @Test func readingBackGivesTheSameBytesAndNeedsNoPassword() throws {
    var noise = SystemRandomNumberGenerator()
    let stored = ZipEntry(name: "scan.pdf", data: (0..<4_000).map { _ in UInt8.random(in: 0...255, using: &noise) })
    let all = entries + [stored]
    let options = ZipOptions(modified: Self.time)
    let checked = try ZipArchive.build(all, options: options, readBack: true)
    #expect(checked == (try ZipArchive.build(all, options: options)))
    let zip = try ZipReader(bytes: checked)
    let pdf = try zip.stored(at: 3)
    #expect(!pdf.deflated && pdf.size == 4_000 && pdf.storedSize == 4_000)
    #expect(try zip.storedBytes(at: 3, storedSize: pdf.storedSize) == stored.data)
    let json = try zip.stored(at: 1)
    #expect(json.deflated && json.size == entries[1].data.count && json.storedSize < json.size / 10)
    #expect(try zip.stored(at: 2) == ZipReader.Stored(deflated: false, size: 0, storedSize: 0, crc: 0))
    #expect(throws: ZipError.self) {
      try ZipArchive.build(all, options: ZipOptions(password: "s3cret"), readBack: true)
    }
  }

  @Test func sameEntriesGiveSameBytes() throws {
    let a = try ZipArchive.build(entries, options: ZipOptions(modified: Self.time))
    let b = try ZipArchive.build(entries, options: ZipOptions(modified: Self.time))
    #expect(a == b)
    let c = try ZipArchive.build(entries, options: ZipOptions(modified: DOSTime(year: 2026, month: 12, day: 1, secondOfDay: 49_532)))
    #expect(a != c)
  }

  @Test func pythonZipfileReadsEntriesInOrderWithContent() throws {
    let bytes = try ZipArchive.build(entries, options: ZipOptions(modified: Self.time))
    let dir = try TempDir()
    let path = dir.path + "/t.zip"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let script = """
      import sys, zipfile
      z = zipfile.ZipFile(sys.argv[1])
      assert z.testzip() is None
      for i in z.infolist():
          print(i.filename, i.date_time, oct(i.external_attr >> 16), i.compress_type, len(z.read(i)))
      print(z.read('b.html').decode())
      """
    let out = try run("/usr/bin/env", ["python3", "-c", script, path])
    #expect(
      out == """
        b.html (2026, 12, 1, 13, 45, 30) 0o100600 0 20
        a.json (2026, 12, 1, 13, 45, 30) 0o100600 8 1800
        empty.txt (2026, 12, 1, 13, 45, 30) 0o100600 0 0
        <p>second & last</p>

        """)  // the 20-byte page and the empty file do not shrink: stored
  }

  /// Entries that deflate gains under 5% on (a PDF's compressed streams, here random
  /// bytes) are stored; text is deflated; level 0 stores everything. unzip and Python
  /// read every entry back with its CRC.
  @Test func storesWhatDeflateDoesNotShrink() throws {
    var rng = SystemRandomNumberGenerator()
    let noise = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
    let text = Array(String(repeating: "<td>Statement of purpose</td>\n", count: 300).utf8)
    let dir = try TempDir()
    for (level, expected) in [(6, "noise.pdf 0\ntext.html 8\n"), (0, "noise.pdf 0\ntext.html 0\n")] {
      let bytes = try ZipArchive.build(
        [ZipEntry(name: "noise.pdf", data: noise), ZipEntry(name: "text.html", data: text)],
        options: ZipOptions(compressionLevel: level))
      let path = dir.path + "/\(level).zip"
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      let script = """
        import sys, zipfile
        z = zipfile.ZipFile(sys.argv[1])
        assert z.testzip() is None
        assert z.read('noise.pdf') == bytes.fromhex(sys.argv[2])
        for i in z.infolist(): print(i.filename, i.compress_type)
        """
      #expect(try run("/usr/bin/env", ["python3", "-c", script, path, noise.map { String(format: "%02x", $0) }.joined()]) == expected)
      #expect(try run("/usr/bin/env", ["unzip", "-tq", path]).hasPrefix("No errors detected"))
      if level == 6 { #expect(bytes.count < noise.count + text.count / 10) }
    }
  }

  /// Packets' times are written over libzip's local-zone conversion: 1980-01-01 00:00
  /// (the earliest) and the last even second of 2107 come back exactly, in local and
  /// central headers alike (Python reads the central one, `unzip -Z` too).
  @Test func extremeTimesAreExact() throws {
    let dir = try TempDir()
    for (time, expected) in [
      (DOSTime.earliest, "(1980, 1, 1, 0, 0, 0)"),
      (DOSTime(year: 2107, month: 12, day: 31, secondOfDay: 86_399), "(2107, 12, 31, 23, 59, 58)"),
    ] {
      let path = dir.path + "/t.zip"
      try Data(try ZipArchive.build(entries, options: ZipOptions(modified: time))).write(to: URL(fileURLWithPath: path))
      let script = """
        import struct, sys, zipfile
        data = open(sys.argv[1], 'rb').read()
        z = zipfile.ZipFile(sys.argv[1])
        for i in z.infolist():
            t, d = struct.unpack_from('<HH', data, i.header_offset + 10)
            local = ((d >> 9) + 1980, (d >> 5) & 15, d & 31, t >> 11, (t >> 5) & 63, (t & 31) * 2)
            assert local == i.date_time, (local, i.date_time)
        print(z.infolist()[0].date_time)
        """
      #expect(try run("/usr/bin/env", ["python3", "-c", script, path]) == expected + "\n")
    }
  }
}

@Suite("Whole files or nothing")
struct AtomicFileTests {
  @Test func writesOwnerOnlyAndNeverOverwritesWithoutPermission() throws {
    let dir = try TempDir()
    let path = dir.path + "/p.zip"
    try AtomicFile.write(Array("first".utf8), to: path, overwrite: false)
    let attrs = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attrs[.posixPermissions] as? Int) == 0o600)
    #expect {
      try AtomicFile.write(Array("second".utf8), to: path, overwrite: false)
    } throws: { ($0 as! ZipError).kind == .exists }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "first")
    try AtomicFile.write(Array("third".utf8), to: path, overwrite: true)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "third")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["p.zip"])
  }

  @Test func failureLeavesNothingBehind() throws {
    let dir = try TempDir()
    #expect {
      try AtomicFile.write([1, 2, 3], to: dir.path + "/missing/p.zip", overwrite: false)
    } throws: { ($0 as! ZipError).kind == .io }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
  }

  @Test func createsOwnerOnlyFoldersAndSaysWhyItCannot() throws {
    let dir = try TempDir()
    try AtomicFile.createDirectory(dir.path + "/a/b", mode: 0o700)
    try AtomicFile.createDirectory(dir.path + "/a/b", mode: 0o700)  // already there: fine
    #expect((try FileManager.default.attributesOfItem(atPath: dir.path + "/a/b")[.posixPermissions] as? Int) == 0o700)
    try AtomicFile.write([1], to: dir.path + "/file", overwrite: false)
    #expect { try AtomicFile.createDirectory(dir.path + "/file/c") } throws: { e in
      let e = e as! ZipError
      // The system's errno is kept, so a caller can tell this from a full disk.
      return e.kind == .io && e.description == "cannot create \(dir.path)/file/c: Not a directory"
        && e.errno == ENOTDIR && e.cause?.call == "mkdir" && e.cause?.isOutOfSpace == false
    }
    #expect { try AtomicFile.createDirectory(dir.path + "/file") } throws: { ($0 as! ZipError).kind == .io }
  }
}

final class TempDir {
  let path: String
  init() throws {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("imp-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }
  deinit { try? FileManager.default.removeItem(atPath: path) }
}

func run(_ tool: String, _ args: [String]) throws -> String {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: tool)
  p.arguments = args
  let pipe = Pipe()
  p.standardOutput = pipe
  try p.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  #expect(p.terminationStatus == 0, "\(args) exited \(p.terminationStatus)")
  return String(decoding: data, as: UTF8.self)
}
