public import Foundation

/// Where a folder of resources that the build copies beside the executable is found at
/// run time, for the resource modules (`DefaultTemplates`, `Schemas`): the folder an
/// environment variable names, the resource bundle beside the executable (or in the main
/// bundle), or the module's source folder in this checkout — the first that holds `probe`.
public enum ResourceBundle {
  /// - Parameters:
  ///   - environment: the variable that overrides the location (`IMP_PACKET_RESOURCES`).
  ///   - bundle: the bundle's name without its extension (`imp-packet_DefaultTemplates`).
  ///   - source: the folder of the module's sources (`#filePath` without its file name).
  ///   - probe: a file or folder the right folder holds (`catalog`).
  public static func locate(environment: String, bundle: String, source: URL, holding probe: String) -> URL? {
    let fm = FileManager.default
    var candidates: [URL] = []
    if let env = ProcessInfo.processInfo.environment[environment], !env.isEmpty {
      candidates.append(URL(fileURLWithPath: env))
    }
    let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    for name in ["\(bundle).resources", "\(bundle).bundle"] {
      candidates.append(exe.deletingLastPathComponent().appendingPathComponent(name))
      candidates.append(Bundle.main.bundleURL.appendingPathComponent(name))
    }
    candidates.append(source)
    return candidates.first { fm.fileExists(atPath: $0.appendingPathComponent(probe).path) }
  }
}
