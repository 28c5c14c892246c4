import Foundation
import Testing

/// The documents a newcomer reads: what they point at exists, and the profile reference
/// says what the schema says.
@Suite struct DocsTests {
  @Test func theProfileFormatPageIsWhatTheSchemaSays() throws {
    let script = repositoryRoot.appendingPathComponent("scripts/gen-profile-format.py").path
    let r = try run("/usr/bin/env", ["python3", script, "--stdout"])
    #expect(r.status == 0, "\(r.stderr)")
    let page = try String(
      contentsOf: repositoryRoot.appendingPathComponent("docs/profile-format.md"), encoding: .utf8)
    #expect(
      r.stdout == page,
      "docs/profile-format.md differs from schema/profile.schema.json: run python3 scripts/gen-profile-format.py")
  }

  @Test func everyKeyOfTheSchemaIsOnThePageWithItsMeaning() throws {
    let page = try String(
      contentsOf: repositoryRoot.appendingPathComponent("docs/profile-format.md"), encoding: .utf8)
    let schema = try loadJSON(repositoryRoot.appendingPathComponent("schema/profile.schema.json").path)
    var paths: [(String, String?)] = []
    func walk(_ node: Any?, _ path: String) {
      guard let node = node as? [String: Any] else { return }
      for (key, sub) in (node["properties"] as? [String: Any]) ?? [:] {
        let full = path.isEmpty ? key : "\(path).\(key)"
        paths.append((full, (sub as? [String: Any])?["description"] as? String))
        walk(sub, full)
        walk((sub as? [String: Any])?["items"], full + "[]")
      }
    }
    walk(schema, "")
    #expect(paths.count > 150)
    for (path, description) in paths {
      #expect(description?.isEmpty == false, "\(path) has no description in the schema")
      #expect(page.contains("| `\(path)` |"), "\(path) is not on docs/profile-format.md")
    }
  }

  @Test func relativeLinksInTheDocumentsLeadToFilesInTheRepository() throws {
    let documents = ["README.md", "Templates/README.md", "docs/profile-format.md", "deploy/README.md"]
    let link = try NSRegularExpression(pattern: #"\]\(([^)#\s]+)(#[^)]*)?\)"#)
    for doc in documents {
      let url = repositoryRoot.appendingPathComponent(doc)
      guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
      for m in link.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        let target = String(text[Range(m.range(at: 1), in: text)!])
        if target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("mailto:") { continue }
        let resolved = url.deletingLastPathComponent().appendingPathComponent(target).standardizedFileURL.path
        #expect(FileManager.default.fileExists(atPath: resolved), "\(doc): the link \(target) leads nowhere")
      }
    }
  }

  @Test func theReadmeSendsReadersOnlyToWhatTheRepositoryHolds() throws {
    let text = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    for outside in ["SPEC", "IRCC-FACTS", "IRCC-LISTS", "IRCC-FORMS", "STYLE.md"] {
      #expect(!text.contains(outside), "README.md refers to \(outside), which is not in the repository")
    }
    #expect(text.contains("docs/profile-format.md"))
  }
}
