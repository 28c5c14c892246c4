public import Foundation

/// Where the templates and catalog that ship with imp-packet are found at run time.
///
/// The build copies `Templates/packet` and `Templates/catalog` into a resource bundle
/// beside the executable, so an installed binary needs no repository. A binary run
/// from its build folder of this checkout also finds the sources directly.
public enum DefaultTemplatesResource {
  /// The folder that holds `packet/` and `catalog/`, or nil when none is found.
  public static let root: URL? = {
    let fm = FileManager.default
    var candidates: [URL] = []
    if let env = ProcessInfo.processInfo.environment["IMP_PACKET_RESOURCES"], !env.isEmpty {
      candidates.append(URL(fileURLWithPath: env))
    }
    let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    for bundle in ["imp-packet_DefaultTemplates.resources", "imp-packet_DefaultTemplates.bundle"] {
      candidates.append(exe.deletingLastPathComponent().appendingPathComponent(bundle))
      candidates.append(Bundle.main.bundleURL.appendingPathComponent(bundle))
    }
    candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
    return candidates.first { fm.fileExists(atPath: $0.appendingPathComponent("catalog").path) }
  }()

  /// The default packet templates folder.
  public static var packet: URL? { root?.appendingPathComponent("packet") }
  /// Sample profiles that `templates check` renders every page with.
  public static var samples: URL? { root?.appendingPathComponent("samples") }
  /// The question lists of IRCC's forms and IRCC's code lists, for the form data sheets.
  public static var forms: URL? { root?.appendingPathComponent("forms") }
  /// The default rules catalog file.
  public static var catalog: URL? { root?.appendingPathComponent("catalog/catalog.json") }
}
