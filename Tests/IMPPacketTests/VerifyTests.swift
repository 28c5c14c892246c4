import Foundation
import IMPPacket
import IMPRules
import Testing
import ZipPacket

/// The files of the eligible PGWP packet, built in memory.
func packetEntries() throws -> [ZipEntry] {
  let builder = try PacketBuilder.load()
  let (profile, bytes) = try shippedBuilder.readProfile(
    URL(fileURLWithPath: fixturePath("pgwp-eligible")), asOf: CivilDate("2026-12-01")!)
  return try builder.files(profile: profile, profileBytes: bytes, plan: builder.packetPlan(profile)).map {
    ZipEntry(name: $0.name, data: $0.bytes)
  }
}

@Suite("A packet against its manifest")
struct PacketVerifierTests {
  @Test func anUntouchedPacketIsIntact() throws {
    let entries = try packetEntries()
    let result = try PacketVerifier.verify(bytes: try ZipArchive.build(entries))
    #expect(result.intact)
    #expect(result.matched == entries.count - 1)  // every file but the manifest itself
    #expect(result.encrypted == 0)
    #expect(result.manifest.caseId == "2026-0142")
    #expect(result.manifest.toolName == "imp-packet" && result.manifest.toolVersion == PacketBuilder.toolVersion)
    #expect(!result.manifest.catalogVersion.isEmpty)
    let digest = try run(
      "/usr/bin/env", ["python3", "-c", "import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())", fixturePath("pgwp-eligible")])
    #expect(result.manifest.profileSHA256 + "\n" == digest.stdout)
    #expect(result.manifest.files.map(\.name) == entries.dropLast().map(\.name))
  }

  @Test func aOneByteChangeIsCaught() throws {
    var entries = try packetEntries()
    entries[3].data[200] ^= 0x01
    let result = try PacketVerifier.verify(bytes: try ZipArchive.build(entries))
    #expect(result.problems == [.changed("03-cover-letter.html", detail: "SHA-256 differs from the manifest")])
  }

  @Test func changedSizeMissingAndExtraFilesAreEachNamed() throws {
    var entries = try packetEntries()
    entries[0].data.append(0x0A)
    entries.removeAll { $0.name == "plan.json" }
    entries.insert(ZipEntry(name: "notes.txt", data: Array("added later".utf8)), at: 1)
    let result = try PacketVerifier.verify(bytes: try ZipArchive.build(entries))
    let size = entries[0].data.count
    #expect(
      result.problems == [
        .missing("plan.json"),
        .changed("00-cover-sheet.html", detail: "\(size) bytes, the manifest says \(size - 1); SHA-256 differs from the manifest"),
        .extra("notes.txt"),
      ])
    #expect(!result.intact)
  }

  /// `generate` and `batch` check the files in memory once the zip is read back
  /// structurally: that must find what `verify` of the zip finds, for every kind of problem.
  @Test func theInMemoryCheckFindsWhatVerifyOfTheZipFinds() throws {
    let untouched = try packetEntries()
    var flipped = untouched
    flipped[3].data[200] ^= 0x01
    var reshaped = untouched
    reshaped[0].data.append(0x0A)
    reshaped.removeAll { $0.name == "plan.json" }
    reshaped.insert(ZipEntry(name: "notes.txt", data: Array("added later".utf8)), at: 1)
    reshaped.append(ZipEntry(name: "../escape.txt", data: [1]))
    for entries in [untouched, flipped, reshaped] {
      let inMemory = try PacketVerifier.verify(files: entries.map { ($0.name, $0.data) })
      let zipped = try PacketVerifier.verify(bytes: try ZipArchive.build(entries, readBack: true))
      #expect(inMemory.problems == zipped.problems)
      #expect(inMemory.matched == zipped.matched && inMemory.manifest.files.map(\.sha256) == zipped.manifest.files.map(\.sha256))
    }
    #expect(try PacketVerifier.verify(files: flipped.map { ($0.name, $0.data) }).problems == [.changed("03-cover-letter.html", detail: "SHA-256 differs from the manifest")])
  }

  @Test func encryptedPacketsAreVerifiedWithTheirPassword() throws {
    let bytes = try ZipArchive.build(try packetEntries(), options: ZipOptions(password: "s3cret"))
    let result = try PacketVerifier.verify(bytes: bytes, password: "s3cret")
    #expect(result.intact && result.encrypted == 9)
    for password in [nil, "wrong"] {
      #expect { try PacketVerifier.verify(bytes: bytes, password: password) } throws: { e in
        guard case .unreadablePacket(let z) = e as! PacketError else { return false }
        return z.kind == .password
      }
    }
  }

  @Test func aZipWithoutAValidManifestIsNotAPacket() throws {
    var entries = try packetEntries()
    let manifest = entries.removeLast()
    #expect { try PacketVerifier.verify(bytes: try ZipArchive.build(entries)) } throws: { e in
      if case .badManifest(let m) = e as! PacketError { return m.contains("no manifest.xml") }
      return false
    }
    let broken = [
      ("<manifest/>", "not an imp-packet manifest"),
      ("<manifest", "XML error"),
      (String(decoding: manifest.data, as: UTF8.self).replacingOccurrences(of: "sha256=\"", with: "sha256=\"X"), "sha256 is not 64"),
      (String(decoding: manifest.data, as: UTF8.self).replacingOccurrences(of: "<tool ", with: "<tool size=\"1\" x"), "<tool> lacks name"),
    ]
    for (text, message) in broken {
      let bytes = try ZipArchive.build(entries + [ZipEntry(name: "manifest.xml", data: Array(text.utf8))])
      #expect { try PacketVerifier.verify(bytes: bytes) } throws: { e in
        if case .badManifest(let m) = e as! PacketError { return m.contains(message) }
        return false
      }
    }
    // A zip of a manifest that lists no file was "intact: 0 files"; it vouches for nothing.
    let text = String(decoding: manifest.data, as: UTF8.self)
    let files = try #require(text.range(of: "<files>")?.lowerBound)
    let end = try #require(text.range(of: "</files>")?.upperBound)
    let empty = text.replacingCharacters(in: files..<end, with: "<files/>")
    let alone = try ZipArchive.build([ZipEntry(name: "manifest.xml", data: Array(empty.utf8))])
    #expect { try PacketVerifier.verify(bytes: alone) } throws: { e in
      if case .badManifest(let m) = e as! PacketError { return m.contains("lists no files") }
      return false
    }
  }
}

@Suite("imp-packet verify, on packets changed by tools imp-packet did not write")
struct VerifyCommandTests {
  /// Rewrites a packet with Python's zipfile: `flip` one bit of one byte of `name`, `drop` it,
  /// `add` it, or `repeat` it (a second entry of the same name).
  func rewrite(_ packet: String, _ op: String, _ name: String, into dir: TempDir) throws -> String {
    let script = """
      import sys, zipfile
      src, dst, op, name = sys.argv[1:5]
      with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as b:
          for i in a.infolist():
              data = a.read(i)
              if i.filename == name and op == 'drop':
                  continue
              if i.filename == name and op == 'flip':
                  data = data[:100] + bytes([data[100] ^ 1]) + data[101:]
              b.writestr(i, data)
          if op in ('add', 'repeat'):
              b.writestr(name, b'added later\\n')
      """
    let out = dir.file("\(op)-\(name).zip")
    let r = try run("/usr/bin/env", ["python3", "-c", script, packet, out, op, name])
    #expect(r.status == 0, "\(r.stderr)")
    return out
  }

  func generated(_ dir: TempDir) throws -> String {
    let r = try cli("generate", fixturePath("pgwp-eligible"), "-o", dir.path, "--quiet")
    #expect(r.status == 0, "\(r.stderr)")
    return dir.file("2026-0142.zip")
  }

  @Test func anIntactPacketPasses() throws {
    let dir = try TempDir()
    let r = try cli("verify", try generated(dir))
    #expect(r.status == 0)
    #expect(r.stdout.hasPrefix("\(dir.file("2026-0142.zip")): intact: 8 files match the manifest (case 2026-0142, imp-packet "))
  }

  @Test func oneChangedByteFails() throws {
    let dir = try TempDir()
    let tampered = try rewrite(try generated(dir), "flip", "02-fee-breakdown.html", into: dir)
    let r = try cli("verify", tampered)
    #expect(r.status == 65)
    #expect(
      r.stderr == """
        error: \(tampered): changed: 02-fee-breakdown.html (SHA-256 differs from the manifest)
        error: \(tampered) does not match its manifest (1 problem)

        """)
  }

  @Test func aRemovedAndAnAddedFileFail() throws {
    let dir = try TempDir()
    let packet = try generated(dir)
    let dropped = try cli("verify", try rewrite(packet, "drop", "plan.json", into: dir))
    #expect(dropped.status == 65)
    #expect(dropped.stderr.contains("missing: plan.json (listed in the manifest, not in the packet)"))
    let added = try cli("verify", try rewrite(packet, "add", "notes.txt", into: dir))
    #expect(added.status == 65)
    #expect(added.stderr.contains("extra: notes.txt (in the packet, not in the manifest)"))
  }

  @Test func aDamagedZipIsReportedNotTrusted() throws {
    let dir = try TempDir()
    let packet = try generated(dir)
    // Flip a byte inside 03-cover-letter.html's compressed data, leaving its CRC as it was.
    let script = """
      import sys, zipfile, struct
      path = sys.argv[1]
      info = zipfile.ZipFile(path).getinfo('03-cover-letter.html')
      raw = bytearray(open(path, 'rb').read())
      n, m = struct.unpack('<HH', raw[info.header_offset + 26:info.header_offset + 30])
      raw[info.header_offset + 30 + n + m + info.compress_size // 2] ^= 0xFF
      open(path, 'wb').write(raw)
      """
    #expect(try run("/usr/bin/env", ["python3", "-c", script, packet]).status == 0)
    let r = try cli("verify", packet)
    #expect(r.status == 65)
    #expect(r.stderr.hasPrefix("error: \(packet): damaged: 03-cover-letter.html ("), "\(r.stderr)")
    #expect(r.stderr.hasSuffix("does not match its manifest (1 problem)\n"))
  }

  @Test func whatIsNotAPacketGetsItsOwnExitCode() throws {
    let dir = try TempDir()
    let missing = try cli("verify", dir.file("none.zip"))
    #expect(missing.status == 66)
    try Data("plain text".utf8).write(to: URL(fileURLWithPath: dir.file("text.zip")))
    let text = try cli("verify", dir.file("text.zip"))
    #expect(text.status == 65 && text.stderr.contains("Not a zip archive"), "\(text.stderr)")
    let bare = try rewrite(try generated(dir), "drop", "manifest.xml", into: dir)
    let noManifest = try cli("verify", bare)
    #expect(noManifest.status == 65 && noManifest.stderr.contains("the packet has no manifest.xml"))
    let twice = try cli("verify", try rewrite(dir.file("2026-0142.zip"), "repeat", "plan.json", into: dir))
    #expect(twice.status == 65 && twice.stderr.contains("two entries have the same name"), "\(twice.stderr)")
    // Several packets: the others are still checked, and the worst code wins.
    let all = try cli("verify", dir.file("2026-0142.zip"), bare, dir.file("none.zip"))
    #expect(all.status == 66 && all.stdout.contains("intact"))
  }
}
