public import Foundation
import ResourceBundle

/// Where the JSON Schemas of the profile and employer formats, and the OpenAPI document of
/// `imp-packet serve`'s HTTP API, are found at run time.
///
/// The files in this folder are the one copy of each: editors and the Python checks read
/// them here, and the build copies them into a resource bundle beside the executable, which
/// `imp-packet serve` builds its case form from and serves at `/api/openapi.json`.
public enum SchemaResource {
  /// `profile.schema.json`, or nil when neither the bundle nor this checkout has it.
  public static let profile: URL? = locate("profile.schema.json")
  /// `employer.schema.json`.
  public static let employer: URL? = locate("employer.schema.json")
  /// `openapi.json`, the OpenAPI 3.1 document of the `/api/v1/` routes.
  public static let openAPI: URL? = locate("openapi.json")

  private static func locate(_ name: String) -> URL? {
    ResourceBundle.locate(
      environment: "IMP_PACKET_SCHEMAS", bundle: "imp-packet_Schemas",
      source: URL(fileURLWithPath: #filePath).deletingLastPathComponent(), holding: name
    ).map { $0.appendingPathComponent(name) }
  }
}
