import ArgumentParser
import Foundation
import IMPPacket
import IMPRules

extension IMPPacketCommand {
  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check profiles for mistakes, listing every one with its path, line and column.",
      discussion: """
        Exits 0 when every profile is valid, 65 when any has a mistake, 66 when one cannot be read; \
        the other profiles are still checked. The JSON Schema of the format is schema/profile.schema.json.
        """)

    @Argument(help: "Profile files (JSON).")
    var profiles: [String]

    @Flag(help: "Print the result as JSON: one object per file with its issues (path, message, line, column).")
    var json = false

    @OptionGroup var common: CommonOptions

    struct Result: Encodable {
      var file: String
      var valid: Bool
      var issues: [ProfileIssue]
    }

    func run() throws {
      var results: [Result] = []
      var worst: Int32 = 0
      // The catalog and translations first: a profile's category, language and provided ids
      // are checked with its other fields, all at once.
      let builder: PacketBuilder
      do { builder = try common.builder() } catch let f as Failure {
        f.report()
        throw ExitCode(f.exitCode)
      }
      for file in profiles {
        do {
          _ = try common.read(file, with: builder)
          results.append(Result(file: file, valid: true, issues: []))
        } catch let f as Failure {
          guard case .invalidProfile(let e) = f.error else {
            f.report()
            throw ExitCode(f.exitCode)
          }
          results.append(Result(file: file, valid: false, issues: e.issues))
          worst = max(worst, f.exitCode)
        }
      }
      if json {
        printJSON(results)
      } else {
        for r in results {
          if r.valid {
            if !common.quiet { print("\(r.file): valid") }
          } else {
            for issue in r.issues { FileHandle.standardError.write(Data("error: \(r.file): \(issue)\n".utf8)) }
          }
        }
      }
      if worst != 0 { throw ExitCode(worst) }
    }
  }

  struct Categories: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the catalog's categories, or explain one official code.")

    @Option(help: ArgumentHelp("An LMIA exemption code to explain, e.g. C23.", valueName: "CODE"))
    var code: String?

    @OptionGroup var catalogOption: CatalogOption

    func run() throws {
      try reporting {
        let catalog = try catalogOption.load()
        if let code {
          guard let info = catalog.codeInfo(code) else {
            FileHandle.standardError.write(Data("error: \(code) is not an exemption code this catalog knows\n".utf8))
            throw ExitCode(ExitStatus.invalidInput.code)
          }
          print("\(info.code): \(info.title) (\(info.legalBasis))")
          if let replaced = info.replacedBy, !replaced.isEmpty {
            print("  in use \(info.inForce?.description ?? "before the renumbering"); replaced on 15 Dec 2022 by \(catalog.replacementsText(replaced))")
          } else if let c = info.category {
            print("  prepared by category \(c)")
          } else {
            print("  not a category this catalog prepares")
          }
          if let note = info.note { print("  note: \(note)") }
          if let t = catalog.iecCountries, info.category == "iec" {
            print("  streams by country or territory (\(t.season) season; others only through a recognized organization, R205(b)):")
            for row in t.countries where row.isInForce(on: catalog.asOf) {
              print("    \(row.name) (\(row.country)): \(t.streamsText(row)); \(row.participations) participation\(row.participations == 1 ? "" : "s")")
            }
          }
          return
        }
        print("Catalog \(catalog.catalogVersion), rules as of \(catalog.asOf)")
        for c in catalog.applicantCategories {
          let codes = c.codes.map(\.code).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
          let permits = c.codes.map { ($0.permit ?? c.permit).rawValue }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
          print("\(c.id): \(c.title) — \(codes.joined(separator: "/")), \(permits.joined(separator: " or ")), \(c.legalBasis)")
        }
      }
    }
  }
}
