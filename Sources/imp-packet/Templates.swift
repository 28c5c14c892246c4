import ArgumentParser
import DefaultTemplates
import Foundation
import IMPPacket
import IMPRules
import XMLTemplates

extension IMPPacketCommand {
  struct Templates: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Work with template folders.", subcommands: [Check.self])

    struct Check: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Lint a template folder: compile every template and render every page for every category.",
        discussion: """
          Exit 0 when clean, 70 when a template has a problem (each printed as FILE:LINE: DIRECTIVE: message). \
          Then, for each translation in the folder's locale/ (a .po file beside the folder), the texts of the \
          templates and catalog it does not translate, and its stale entries (English that changed, or fuzzy).
          """)

      @Argument(help: "The template folder (a copy of Templates/packet).")
      var directory: String

      @Option(parsing: .upToNextOption, help: ArgumentHelp("Profiles to render with, instead of the shipped samples.", valueName: "FILE"))
      var samples: [String] = []

      @OptionGroup var catalogOption: CatalogOption

      @Flag(name: .shortAndLong, help: "Print only errors.")
      var quiet = false

      /// Each translation's findings; the broken ones printed as errors.
      func translationReport() throws -> [TranslationCheck.Language] {
        let folder = URL(fileURLWithPath: directory)
        guard let catalogURL = catalogOption.catalog.map({ URL(fileURLWithPath: $0) }) ?? DefaultTemplatesResource.catalog,
          let data = FileManager.default.contents(atPath: catalogURL.path)
        else { throw Failure(.setup("cannot read the catalog"), file: nil) }
        let set: TemplateSet
        do { set = try TemplateSet(directory: folder) } catch { throw Failure(.setup(error.description), file: nil) }
        let report: [TranslationCheck.Language]
        do {
          report = try TranslationCheck.check(
            templates: set, catalogData: data, locales: PacketBuilder.localeFolder(templates: folder))
        } catch { throw Failure(error, file: nil) }
        for l in report {
          for e in l.errors { FileHandle.standardError.write(Data("error: \(e)\n".utf8)) }
        }
        return report
      }

      func run() throws {
        try reporting {
          let catalog = try catalogOption.load()
          var files = samples
          if files.isEmpty, let dir = DefaultTemplatesResource.samples {
            files = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
              .filter { $0.hasSuffix(".json") }.map { dir.appendingPathComponent($0).path }
          }
          var data: [(name: String, data: Data)] = []
          for f in files {
            guard let d = FileManager.default.contents(atPath: f) else {
              throw Failure(.setup("cannot read the sample \(f)"), file: nil)
            }
            data.append((URL(fileURLWithPath: f).lastPathComponent, d))
          }
          let report = TemplateLinter.check(directory: URL(fileURLWithPath: directory), catalog: catalog, samples: data)
          for e in report.errors { FileHandle.standardError.write(Data("error: \(e)\n".utf8)) }
          if !report.errors.isEmpty { throw ExitCode(ExitStatus.templateError.code) }
          let translations = try translationReport()
          if translations.contains(where: { !$0.errors.isEmpty }) { throw ExitCode(ExitStatus.templateError.code) }
          if !quiet {
            for l in translations {
              print("\(l.file) (\(l.language)): \(l.translated) of \(l.messages) texts translated, \(l.untranslated.count) untranslated, \(l.stale.count) stale")
              for u in l.untranslated { print("  untranslated: \(u.place): \"\(u.id)\"") }
              for st in l.stale { print("  stale: \(l.file):\(st.line): \"\(st.id)\": \(st.why)") }
            }
            print(
              "\(directory): \(report.templates) templates, \(report.renderings) renderings "
                + "(\(report.profileSamples) profiles × \(catalog.applicantCategories.count) categories, \(report.employerSamples) employer file): no problems"
            )
          }
        }
      }
    }
  }
}
