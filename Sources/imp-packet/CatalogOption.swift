import ArgumentParser
import DefaultTemplates
import Foundation
import IMPPacket
import IMPRules

/// `--catalog FILE` alone, for the commands that read the catalog but no profile and no
/// templates (`categories`, `templates check`).
struct CatalogOption: ParsableArguments {
  @Option(help: ArgumentHelp("A rules catalog file to use instead of the shipped one.", valueName: "FILE"))
  var catalog: String?

  /// The catalog given, or the one that ships with the tool.
  func load() throws -> Catalog {
    guard let url = catalog.map({ URL(fileURLWithPath: $0) }) ?? DefaultTemplatesResource.catalog else {
      throw Failure(.setup("cannot find the catalog that ships with imp-packet; pass --catalog"), file: nil)
    }
    do { return try Catalog.load(url) } catch { throw Failure(.setup(error.description), file: nil) }
  }
}
