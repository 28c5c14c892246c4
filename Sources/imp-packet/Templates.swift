import ArgumentParser
import DefaultTemplates
import Foundation
import IMPPacket
import IMPRules

extension IMPPacketCommand {
  struct Templates: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Work with template folders.", subcommands: [Check.self])

    struct Check: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Lint a template folder: compile every template and render every page for every category.",
        discussion: "Exit 0 when clean, 70 when a template has a problem (each printed as FILE:LINE: DIRECTIVE: message).")

      @Argument(help: "The template folder (a copy of Templates/packet).")
      var directory: String

      @Option(parsing: .upToNextOption, help: ArgumentHelp("Profiles to render with, instead of the shipped samples.", valueName: "FILE"))
      var samples: [String] = []

      @OptionGroup var catalogOption: CatalogOption

      @Flag(name: .shortAndLong, help: "Print only errors.")
      var quiet = false

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
          if !report.errors.isEmpty { throw ExitCode(70) }
          if !quiet {
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
