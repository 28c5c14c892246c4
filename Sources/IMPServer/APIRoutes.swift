import Foundation
import StrictJSON
import Hummingbird
import IMPPacket
import IMPRules

/// `/api/v1/`: a profile (or employer file) in, what the CLI prints out.
///
/// | route | CLI | answer |
/// |---|---|---|
/// | `POST validate` | `validate --json` | `{valid, issues}`; 422 when invalid |
/// | `POST plan` | `plan --json` | the SPEC §2 object; 409 when not eligible |
/// | `POST assess` | `assess --json` | every category's verdict |
/// | `POST fees` | `fees --json` | the fee breakdown |
/// | `POST packets` | `generate` | the packet zip; 409 when not eligible |
/// | `POST employer-bundles` | `employer` | the bundle zip |
///
/// Statuses follow the CLI's exit codes (see ``ServerError/status(forExitCode:)``), and every
/// answer says the exit code in `X-IMP-Exit-Code`.
struct APIRoutes: Sendable {
  let engine: Engine
  let openAPI: Data
  /// The largest request body read: the CLI's largest profile.
  let maxBody: Int

  /// The API's paths and the one method each answers.
  static let methods: [String: HTTPRequest.Method] = [
    "/api/openapi.json": .get, "/api/v1/validate": .post, "/api/v1/plan": .post, "/api/v1/assess": .post,
    "/api/v1/fees": .post, "/api/v1/packets": .post, "/api/v1/employer-bundles": .post,
  ]

  func add(to router: Router<BasicRequestContext>) {
    router.add(middleware: MethodGuard())
    router.get("api/openapi.json") { _, _ in Replies.json(openAPI) }
    let v1 = router.group("api/v1")
    v1.post("validate") { request, _ in
      try await withProfile(request) { _, _ in Replies.json(Replies.ErrorBody(valid: true, issues: [])) }
    }
    v1.post("plan") { request, _ in
      try await withProfile(request) { profile, _ in
        switch engine.plan(profile) {
        case .success(let plan):
          plan.eligibility.eligible ? Replies.json(plan) : Replies.json(plan, status: 409, exitCode: ExitStatus.notEligible.code)
        case .failure(let e): Replies.error(e)
        }
      }
    }
    v1.post("assess") { request, _ in
      try await withProfile(request) { profile, _ in
        switch engine.assess(profile) {
        case .success(let list): Replies.json(list)
        case .failure(let e): Replies.error(e)
        }
      }
    }
    v1.post("fees") { request, _ in
      try await withProfile(request) { profile, _ in
        switch engine.plan(profile) {
        case .success(let plan): Replies.json(FeesReport(plan))
        case .failure(let e): Replies.error(e)
        }
      }
    }
    v1.post("packets") { request, _ in
      try await withProfile(request) { profile, data in
        switch engine.packet(profile, bytes: data) {
        case .success(let (_, bytes)): Replies.zip(bytes, name: Engine.zipName(profile.caseId))
        case .failure(let e): Replies.error(e)
        }
      }
    }
    v1.post("employer-bundles") { request, _ in
      let data: Data
      switch try await body(request) {
      case .success(let d): data = d
      case .failure(let e): return Replies.error(e)
      }
      switch engine.employerBundle(data) {
      case .success(let b):
        let id = (OrderedJSON.parse(data)?["bundleId"]).flatMap { if case .string(let s) = $0 { s } else { nil } } ?? "bundle"
        return Replies.zip(b.bytes, name: Engine.zipName(id), exitCode: b.exitCode)
      case .failure(let e): return Replies.error(e)
      }
    }
  }

  /// The request body, refused with 413 past ``maxBody``.
  func body(_ request: Request) async throws -> Result<Data, ServerError> {
    guard let buffer = try await BoundedBody.read(request, limit: maxBody) else {
      return .failure(
        ServerError(status: 413, exitCode: ExitStatus.invalidInput.code, message: "the request body is larger than \(maxBody / 1_048_576) MB; a profile is a few kilobytes"))
    }
    return .success(Data(buffer.readableBytesView))
  }

  /// Reads the body as a profile and answers with `reply`, or with the profile's problems.
  func withProfile(_ request: Request, _ reply: (Profile, Data) -> Response) async throws -> Response {
    switch try await body(request) {
    case .failure(let e): return Replies.error(e)
    case .success(let data):
      switch engine.read(data) {
      case .success(let profile): return reply(profile, data)
      case .failure(let e): return Replies.error(e)
      }
    }
  }
}

/// 405 with `Allow` for an API path asked with another method (`GET /api/v1/plan`), rather
/// than the router's 404: the path exists, the method does not.
struct MethodGuard<Context: RequestContext>: RouterMiddleware {
  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    if let allowed = APIRoutes.methods[request.uri.path], request.method != allowed, !(allowed == .get && request.method == .head) {
      var response = Replies.error(
        ServerError(status: 405, exitCode: ExitStatus.usage.code, message: "\(request.uri.path) answers \(allowed.rawValue) only"))
      response.headers[.allow] = allowed.rawValue
      return response
    }
    return try await next(request, context)
  }
}
