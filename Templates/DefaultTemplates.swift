public import Foundation
import ResourceBundle

/// Where the templates and catalog that ship with imp-packet are found at run time.
///
/// The build copies `Templates/packet` and `Templates/catalog` into a resource bundle
/// beside the executable, so an installed binary needs no repository. A binary run
/// from its build folder of this checkout also finds the sources directly.
public enum DefaultTemplatesResource {
  /// The folder that holds `packet/` and `catalog/`, or nil when none is found.
  public static let root: URL? = ResourceBundle.locate(
    environment: "IMP_PACKET_RESOURCES", bundle: "imp-packet_DefaultTemplates",
    source: URL(fileURLWithPath: #filePath).deletingLastPathComponent(), holding: "catalog")

  /// The default packet templates folder.
  public static var packet: URL? { root?.appendingPathComponent("packet") }
  /// Sample profiles that `templates check` renders every page with.
  public static var samples: URL? { root?.appendingPathComponent("samples") }
  /// The question lists of IRCC's forms and IRCC's code lists, for the form data sheets.
  public static var forms: URL? { root?.appendingPathComponent("forms") }
  /// The default rules catalog file.
  public static var catalog: URL? { root?.appendingPathComponent("catalog/catalog.json") }
}
