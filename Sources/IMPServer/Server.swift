public import Foundation
public import Hummingbird
public import IMPPacket
public import IMPRules
import Logging
import Schemas

/// How `imp-packet serve` runs.
public struct ServeOptions: Sendable {
  /// The folder of profile and employer files the case list shows and the form saves into.
  public var casesDirectory: URL
  /// The address to listen on: loopback unless the user says otherwise.
  public var host = "127.0.0.1"
  /// 0 picks a free port (the printed URL says which).
  public var port = 8642
  /// The "today" of profiles without `submission.date`; nil for the current date.
  public var asOf: CivilDate?
  /// The access token; nil makes a random one (tests pass their own).
  public var token: String?

  public init(casesDirectory: URL) { self.casesDirectory = casesDirectory }
}

/// Why the server cannot start.
public struct ServeError: Error, Sendable, CustomStringConvertible {
  public var description: String
}

/// The web intake and HTTP JSON API of imp-packet, on Hummingbird.
///
/// Thin over ``PacketBuilder`` as the CLI is: the routes read request bodies and case files,
/// call the engine, and write what it answers. One builder serves every request.
public struct IMPServer: Sendable {
  public let options: ServeOptions
  let access: Access
  let engine: Engine
  let store: CaseStore
  let form: CaseForm
  let sections: Sections
  let openAPI: Data
  /// The largest profile, form or employer file read, as the CLI's reader allows.
  public static let maxBody = ProfileFormat.maxBytes

  /// Checks the cases folder and loads the schema and the OpenAPI document.
  public init(builder: PacketBuilder, options: ServeOptions) throws(ServeError) {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: options.casesDirectory.path, isDirectory: &isDir), isDir.boolValue else {
      throw ServeError(description: "--cases \(options.casesDirectory.path): no such folder")
    }
    guard let schemaURL = SchemaResource.profile, let schemaData = try? Data(contentsOf: schemaURL),
      let schema = try? SchemaForm.load(data: schemaData)
    else {
      throw ServeError(description: "cannot read the profile schema that ships with imp-packet (profile.schema.json)")
    }
    guard let apiURL = SchemaResource.openAPI, let api = try? Data(contentsOf: apiURL) else {
      throw ServeError(description: "cannot read the OpenAPI document that ships with imp-packet (openapi.json)")
    }
    self.options = options
    let token = options.token ?? Access.randomToken()
    access = Access(token: token, csrf: Access.randomToken(), host: options.host)
    engine = Engine(builder: builder, asOf: options.asOf)
    store = CaseStore(directory: options.casesDirectory)
    form = CaseForm(schema: schema)
    sections = Sections(catalog: builder.catalog, topLevel: Set(schema.root.map(\.name)))
    openAPI = api
  }

  /// The access token every request must carry.
  public var token: String { access.token }

  /// Every route, behind the access guard.
  public func router() -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: RouteLog())
    router.add(middleware: AccessGuard(access: access))
    APIRoutes(engine: engine, openAPI: openAPI, maxBody: IMPServer.maxBody).add(to: router)
    PageRoutes(
      engine: engine, store: store, form: form, sections: sections, access: access, css: Stylesheet.css,
      maxBody: IMPServer.maxBody
    ).add(to: router)
    return router
  }

  /// Runs until interrupted, calling `announce` with the URL (token included) once
  /// listening. With port 0 the system picks a free port; the URL names it.
  public func run(announce: @escaping @Sendable (String) -> Void) async throws {
    var logger = Logger(label: "imp-packet.serve")
    logger.logLevel = .info
    let app = Application(
      router: router(),
      configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
      onServerRunning: { [access, options] channel in
        let port = channel.localAddress?.port ?? options.port
        announce("http://\(Access.shown(options.host)):\(port)/?token=\(access.token)")
      },
      logger: logger)
    try await app.runService()
  }
}

/// Logs each answer by its route's pattern (`POST /cases/{name}`) and status: never a file
/// name, a query, a body or a token, which may name a person.
struct RouteLog<Context: RequestContext>: RouterMiddleware {
  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    let response = try await next(request, context)
    context.logger.info("\(request.method) \(context.endpointPath ?? "-") \(response.status.code)")
    return response
  }
}
