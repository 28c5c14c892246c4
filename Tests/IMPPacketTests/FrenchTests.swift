import Foundation
import Testing

/// English words that a French sentence does not use (function words only: names and
/// codes the packet quotes, `Express Entry`, `IELTS`, are not in the list).
private let englishWords: Set<String> = [
  "the", "and", "of", "is", "are", "with", "this", "that", "which", "must", "be", "been", "will", "has", "have",
  "for", "from", "by", "not", "an", "it", "its", "was", "were", "who", "what", "each", "every", "only", "when",
  "before", "after", "under", "applicant", "employer", "application", "permit", "work", "fee", "fees",
]

/// The runs of a page's text that read as English: a clause (cut at `.`, `;`, `:`, `—`, `(`
/// and `)`) with three or more words of ``englishWords``. `data` (the profile's own values:
/// names, job titles, duties) is taken out first: it stays in the language the client wrote.
func englishSentences(_ text: String, data: [String]) -> [String] {
  var t = text
  for d in data.sorted(by: { $0.count > $1.count }) where d.count > 2 { t = t.replacingOccurrences(of: d, with: " ") }
  // URLs are addresses, not sentences.
  t = t.split(separator: " ").filter { !$0.hasPrefix("http") }.joined(separator: " ")
  let clauses = t.split(whereSeparator: { ".;:—()«»“”".contains($0) })
  return clauses.compactMap { clause in
    let words = clause.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" })
    return words.filter { englishWords.contains(String($0)) }.count >= 3
      ? clause.trimmingCharacters(in: .whitespaces) : nil
  }
}

/// Every string value of a JSON document: the client's own words.
private func strings(_ json: Any) -> [String] {
  switch json {
  case let s as String: [s]
  case let a as [Any]: a.flatMap(strings)
  case let o as [String: Any]: o.values.flatMap(strings)
  default: []
  }
}

@Suite("Packets in French")
struct FrenchTests {
  @Test func theWordCheckFindsAnEnglishSentence() {
    #expect(englishSentences("Le demandeur est admissible. The applicant is eligible for this permit.", data: []).count == 1)
    #expect(englishSentences("Demande de permis de travail ouvert.", data: []).isEmpty)
    #expect(englishSentences("Employeur : Maple and the Robots of Canada Inc.", data: ["Maple and the Robots of Canada Inc"]).isEmpty)
  }

  /// Every fixture, made with `"language": "fr"`: valid HTML5 (html5lib, strict), `lang="fr"`,
  /// French dates and amounts, and no English sentence outside the client's own data.
  @Test(arguments: try allFixtures())
  func everyFixtureInFrench(_ fixture: String) throws {
    let dir = try TempDir()
    let name = URL(fileURLWithPath: fixture).deletingPathExtension().lastPathComponent
    let profile = try writeProfile(dir, "\(name).json", from: name) { $0["language"] = "fr" }
    let r = try cli("generate", profile, "-o", dir.path, "--as-of", "2026-12-01", "--allow-ineligible", "-q")
    try #require(r.status == 0, "\(r.stderr)")
    let zip = try #require(dir.contents.first { $0.hasSuffix(".zip") })
    let packet = try checkPacket(dir.file(zip))
    #expect(packet.problems.isEmpty, "\(packet.problems)")
    let data = strings(try loadJSON(profile))
    for (page, p) in packet.html.sorted(by: { $0.key < $1.key }) {
      #expect(p.lang == "fr", "\(name) \(page)")
      // A form's data sheet quotes its form's English edition (IMM 5710E …) question by
      // question, as the person filling that form reads it; a French edition is a new data file.
      let english = page.hasPrefix("forms/") ? [] : englishSentences(p.text, data: data)
      #expect(english.isEmpty, "\(name) \(page): \(english)")
      #expect(!p.text.contains(" December "), "\(name) \(page)")
    }
    let cover = try #require(packet.html["00-cover-sheet.html"])
    #expect(cover.text.contains("1er décembre 2026"))
    #expect(cover.text.contains("Page couverture de la demande"))
  }

  /// The English packet is the one the templates write as they stand: no `i18n` attribute
  /// or namespace reaches a page.
  @Test func englishPagesCarryNoTranslationMarkers() throws {
    let dir = try TempDir()
    let r = try cli("generate", fixturePath("pgwp-eligible"), "-o", dir.path, "--as-of", "2026-12-01", "-q")
    try #require(r.status == 0, "\(r.stderr)")
    let packet = try checkPacket(dir.file("2026-0142.zip"))
    for (page, p) in packet.html {
      #expect(p.lang == "en", "\(page)")
      #expect(!p.text.contains("${"), "\(page)")
    }
    let unzip = try run("/usr/bin/env", ["python3", "-c", "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(sum(b'i18n' in z.read(n) for n in z.namelist()))", dir.file("2026-0142.zip")])
    #expect(unzip.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
  }

  /// `msgfmt --check` (GNU gettext, not our reader) accepts every translation file.
  @Test func everyPoFilePassesMsgfmt() throws {
    let folder = repositoryRoot.appendingPathComponent("Templates/locale")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".po") }
    #expect(files.contains("fr.po"))
    for f in files {
      let r = try run("/usr/bin/env", ["msgfmt", "--check", "-o", "/dev/null", folder.appendingPathComponent(f).path])
      #expect(r.status == 0, "\(f): \(r.stderr)")
    }
  }

  /// `plan --json` keeps ids and codes in English and writes titles and messages in French.
  @Test func planJSONKeepsIdsAndTranslatesText() throws {
    let dir = try TempDir()
    let profile = try writeProfile(dir, "p.json", from: "pgwp-eligible") { $0["language"] = "fr" }
    let r = try cli("plan", profile, "--json", "--as-of", "2026-12-01")
    try #require(r.status == 0, "\(r.stderr)")
    let plan = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    let category = plan["category"] as! [String: Any]
    #expect(category["id"] as? String == "pgwp")
    #expect(category["title"] as? String == "Permis de travail postdiplôme")
    let items = plan["checklist"] as! [[String: Any]]
    #expect(items.contains { $0["id"] as? String == "passport-copy" })
    #expect(items.contains { ($0["title"] as? String)?.hasPrefix("Copie du passeport") == true })
  }

  /// The shipped templates and `fr.po` copied into `dir` (`t/packet`, `t/locale/fr.po`), for a
  /// test to change: the path to pass as `--templates`.
  func copyTemplatesAndFrench(to dir: TempDir) throws -> String {
    let fm = FileManager.default
    let templates = dir.file("t/packet")
    try fm.createDirectory(atPath: dir.file("t/locale"), withIntermediateDirectories: true)
    try fm.copyItem(atPath: repositoryRoot.appendingPathComponent("Templates/packet").path, toPath: templates)
    let po = repositoryRoot.appendingPathComponent("Templates/locale/fr.po").path
    try fm.copyItem(atPath: po, toPath: dir.file("t/locale/fr.po"))
    return templates
  }

  /// A French packet records its translation in its templates digest: `--resume` skips it
  /// while `fr.po` is unchanged and does not take it for current once a translation changed;
  /// an English packet's digest does not depend on `fr.po`.
  @Test func aChangedTranslationIsNotTakenForCurrentByResume() throws {
    let dir = try TempDir()
    let fm = FileManager.default
    let templates = try copyTemplatesAndFrench(to: dir)
    let inputs = dir.file("in")
    try fm.createDirectory(atPath: inputs, withIntermediateDirectories: true)
    _ = try writeProfile(dir, "in/fr.json", from: "pgwp-eligible") {
      $0["language"] = "fr"
      $0["caseId"] = "2026-9001"
    }
    _ = try writeProfile(dir, "in/en.json", from: "pgwp-eligible") { $0["caseId"] = "2026-9002" }
    let out = dir.file("out")
    try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
    let args = ["batch", inputs, "-o", out, "--templates", templates, "--as-of", "2026-12-01", "--quiet"]
    let first = try run(tool, args)
    try #require(first.status == 0, "\(first.stderr)")
    let again = try run(tool, args + ["--resume"])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try BatchReport(dir.file("out/report.json")).inputs.map(\.status) == ["skipped", "skipped"])

    // One translation changed: the French packet is no longer current; the English one is.
    var text = try String(contentsOfFile: dir.file("t/locale/fr.po"), encoding: .utf8)
    text = text.replacingOccurrences(of: "msgstr \"Liste de contrôle des documents\"", with: "msgstr \"Liste des documents\"")
    try text.write(toFile: dir.file("t/locale/fr.po"), atomically: true, encoding: .utf8)
    let changed = try run(tool, args + ["--resume"])
    #expect(changed.status == 73, "\(changed.stderr)")
    let report = try BatchReport(dir.file("out/report.json"))
    #expect(report.inputs.map(\.status) == ["skipped", "failed"])
    #expect(report.inputs[1].errors.first?.message.contains("was made from another profile, catalog, templates") == true)
    let forced = try run(tool, args + ["--resume", "--force"])
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(try BatchReport(dir.file("out/report.json")).inputs.map(\.status) == ["skipped", "ok"])
  }

  /// A translation is read when a profile first asks for its language: a broken `fr.po`
  /// fails the French profiles of a batch, each naming the file and line, and no English one;
  /// a single command for an English profile does not read it at all.
  @Test func aBrokenTranslationFailsItsLanguageOnly() throws {
    let dir = try TempDir()
    let fm = FileManager.default
    let templates = try copyTemplatesAndFrench(to: dir)
    var text = try String(contentsOfFile: dir.file("t/locale/fr.po"), encoding: .utf8)
    let line = text.prefix(upTo: text.range(of: "\nmsgid \", RCIC licence")!.lowerBound).split(
      separator: "\n", omittingEmptySubsequences: false).count + 1
    text = text.replacingOccurrences(of: "msgid \", RCIC licence", with: "msgidd \", RCIC licence")
    try text.write(toFile: dir.file("t/locale/fr.po"), atomically: true, encoding: .utf8)
    let inputs = dir.file("in")
    try fm.createDirectory(atPath: inputs, withIntermediateDirectories: true)
    _ = try writeProfile(dir, "in/en.json", from: "pgwp-eligible") { $0["caseId"] = "2026-9002" }
    _ = try writeProfile(dir, "in/fr.json", from: "pgwp-eligible") {
      $0["language"] = "fr"
      $0["caseId"] = "2026-9001"
    }
    let out = dir.file("out")
    let r = try run(tool, ["batch", inputs, "-o", out, "--templates", templates, "--as-of", "2026-12-01", "--quiet"])
    #expect(r.status == 78, "\(r.stderr)")
    let report = try BatchReport(dir.file("out/report.json"))
    #expect(report.inputs.map(\.status) == ["ok", "failed"])
    let message = report.inputs[1].errors.first?.message ?? ""
    #expect(message.contains("fr.po:\(line)"), "\(message)")
    #expect(message.contains("unknown keyword 'msgidd'"), "\(message)")
    #expect(fm.fileExists(atPath: dir.file("out/2026-9002.zip")))
    #expect(!fm.fileExists(atPath: dir.file("out/2026-9001.zip")))

    let english = try run(tool, ["plan", dir.file("in/en.json"), "--templates", templates, "--as-of", "2026-12-01"])
    #expect(english.status == 0, "\(english.stderr)")
    let french = try run(tool, ["plan", dir.file("in/fr.json"), "--templates", templates, "--as-of", "2026-12-01"])
    #expect(french.status == 78, "\(french.stderr)")
    #expect(french.stderr.contains("fr.po:\(line)"), "\(french.stderr)")
  }

  /// A language with no `.po` file is refused, naming the field and the languages there are.
  @Test func aLanguageWithoutTranslationIsRefused() throws {
    let dir = try TempDir()
    let profile = try writeProfile(dir, "p.json", from: "pgwp-eligible") { $0["language"] = "de" }
    let r = try cli("generate", profile, "-o", dir.path, "--as-of", "2026-12-01")
    #expect(r.status != 0)
    #expect(r.stderr.contains("language"), "\(r.stderr)")
    #expect(r.stderr.contains("en or fr"), "\(r.stderr)")
    #expect(!dir.contents.contains { $0.hasSuffix(".zip") })
  }
}
