import Foundation
import Testing
import XMLTemplates

@Suite("Reading .po files")
struct MessageCatalogTests {
  /// The language a tool lists at start-up, from the header alone, is the one the whole file
  /// gives once read; with no header, or a header that names none, it is the file's name.
  @Test func theDeclaredLanguageIsTheHeadersReadWithoutTheRest() throws {
    let po = """
      # a comment
      msgid ""
      msgstr ""
      "Project-Id-Version: x\\n"
      "Language: fr_CA\\n"

      msgid "Applicant pays"
      msgstr "Le demandeur paie"

      msgid "broken"
      msgstr "not closed

      """
    #expect(MessageCatalog.declaredLanguage(po: Array(po.utf8), name: "x.po") == "fr_CA")
    // Windows line ends: no blank "\n\n" ends the header, so the whole file is read for it.
    #expect(MessageCatalog.declaredLanguage(po: Array(po.replacingOccurrences(of: "\n", with: "\r\n").utf8), name: "x.po") == "fr_CA")
    let fixed = po.replacingOccurrences(of: "\"not closed", with: "\"fermé\"")
    #expect(try MessageCatalog(po: Array(fixed.utf8), name: "x.po").language == "fr_CA")
    let headless = "msgid \"Applicant pays\"\nmsgstr \"Le demandeur paie\"\n"
    #expect(MessageCatalog.declaredLanguage(po: Array(headless.utf8), name: "de.po") == "de")
    #expect(try MessageCatalog(po: Array(headless.utf8), name: "de.po").language == "de")
  }

  @Test func escapesContinuationsAndNonASCIIReadAsMsgfmtReadsThem() throws {
    let po = """
      msgid ""
      msgstr "Language: fr\\n"

      #. a comment
      msgctxt "wording.fees"
      msgid "Applicant pays"
      msgstr "Le demandeur paie"

      msgid "Say \\"hi\\"\\tthen"
      msgstr ""
      "Dites « bonjour »\\t"
      "puis\\\\ensuite\\n"

      #, fuzzy
      msgid "Not yet"
      msgstr "Pas encore"

      """
    // With Windows line ends too: a line's "\r" is not part of its string.
    for text in [po, po.replacingOccurrences(of: "\n", with: "\r\n")] {
      let catalog = try MessageCatalog(po: Array(text.utf8), name: "fr.po")
      #expect(catalog.language == "fr")
      #expect(catalog.entries.map(\.id) == ["Applicant pays", "Say \"hi\"\tthen", "Not yet"])
      #expect(catalog.entries[0].context == "wording.fees")
      #expect(catalog.entries[1].translation == "Dites « bonjour »\tpuis\\ensuite\n")
      #expect(catalog.entries.map(\.line) == [6, 9, 15])
      #expect(catalog.translate("Applicant pays", context: "wording.fees") == "Le demandeur paie")
      #expect(catalog.translate("Not yet") == nil)  // fuzzy: the English shows
    }
  }

  @Test func everyBrokenStringIsNamedByLineAtOnce() {
    let po = """
      msgid "a"
      msgstr "un \\é"
      msgid "b"
      msgstr "deux" trois"
      msgid "c"
      msgstr "trois\\"
      msgid d
      msgstr "quatre"

      """
    #expect {
      try MessageCatalog(po: Array(po.utf8), name: "fr.po")
    } throws: { error in
      let messages = (error as? TemplateErrors)?.errors.map { "\($0.line): \($0.message)" } ?? []
      // Each broken string by its line (and the entries it leaves without a msgstr after them).
      return Set([
        "2: unsupported escape \\é", "4: an unescaped quote inside a string", "6: a string ends with a backslash",
        "7: expected a string in double quotes",
      ]).isSubset(of: messages)
    }
  }
}
