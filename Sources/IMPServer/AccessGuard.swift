import Foundation
import HTTPTypes
import Hummingbird
import IMPPacket

/// Who may talk to the server, and the headers every answer carries.
///
/// As Jupyter does: a random token in the printed URL; the first visit with `?token=` sets an
/// HTTP-only, same-site cookie and redirects to the URL without it; API calls send
/// `Authorization: Bearer TOKEN`. A request whose `Host` is not this server's (DNS
/// rebinding) or whose `Origin` is another site is refused before any route runs.
struct AccessGuard<Context: RequestContext>: RouterMiddleware {
  let access: Access

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    var response = try await check(request, context: context, next: next)
    Access.secure(&response.headers)
    return response
  }

  private func check(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    let api = request.uri.path.hasPrefix("/api/")
    guard let host = request.head.authority, access.allows(host: host) else {
      return Access.refuse(403, api: api, "this server answers only to its own address (\(access.hosts?.sorted().joined(separator: ", ") ?? "any"))")
    }
    if let origin = request.headers[.origin], origin != "http://\(host)" {
      return Access.refuse(403, api: api, "requests from another site (Origin \(origin)) are refused")
    }
    if let bearer = request.headers[.authorization] {
      guard bearer.hasPrefix("Bearer "), access.matches(String(bearer.dropFirst(7))) else {
        return Access.refuse(401, api: api, "the token is wrong; use the one imp-packet serve printed")
      }
      return try await next(request, context)
    }
    if let token = request.uri.queryParameters["token"].map(String.init), request.method == .get {
      guard access.matches(token) else { return Access.refuse(401, api: api, "the token in the URL is wrong") }
      if api { return try await next(request, context) }
      // Set the cookie and drop the token from the address bar and the history.
      var headers = HTTPFields()
      headers[.location] = request.uri.path
      var response = Response(status: .seeOther, headers: headers)
      response.setCookie(
        Cookie(name: Access.cookieName, value: access.token, path: "/", secure: false, httpOnly: true, sameSite: .strict))
      return response
    }
    if let cookie = request.cookies[Access.cookieName], access.matches(cookie.value) {
      if request.method != .get && request.method != .head && request.headers[.origin] == nil {
        return Access.refuse(403, api: api, "a form sent without its Origin is refused")
      }
      return try await next(request, context)
    }
    return Access.refuse(401, api: api, "open the URL that imp-packet serve printed (it carries the access token)")
  }
}

/// The server's secrets and where it listens.
struct Access: Sendable {
  static let cookieName = "imp_token"
  let token: String
  /// Carried by every form and checked on every form post (with the Origin).
  let csrf: String
  /// The host names this server answers to (the `Host` header without its port); nil
  /// accepts any (`--host` 0.0.0.0 or ::). A page of another site that resolves its own name
  /// to 127.0.0.1 (DNS rebinding) is refused by name.
  var hosts: Set<String>?

  init(token: String, csrf: String, host: String) {
    self.token = token
    self.csrf = csrf
    if host == "0.0.0.0" || host == "::" {
      hosts = nil
    } else {
      hosts = [Access.shown(host), "localhost", "127.0.0.1", "[::1]"]
    }
  }

  /// `127.0.0.1`, `[::1]`: a host as a URL writes it.
  static func shown(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }

  /// `example.com` of `example.com:8642`, `[::1]` of `[::1]:8642`.
  static func name(ofHost host: String) -> String {
    if host.hasPrefix("["), let close = host.firstIndex(of: "]") { return String(host[...close]) }
    return String(host.split(separator: ":", maxSplits: 1).first ?? "")
  }

  /// 32 random bytes as hex, from the system's secure generator.
  static func randomToken() -> String {
    var g = SystemRandomNumberGenerator()
    let digits = Array("0123456789abcdef")
    return String((0..<32).flatMap { _ -> [Character] in
      let b = UInt8.random(in: 0...255, using: &g)
      return [digits[Int(b >> 4)], digits[Int(b & 15)]]
    })
  }

  func allows(host: String) -> Bool { hosts.map { $0.contains(Access.name(ofHost: host).lowercased()) } ?? true }

  /// Compares in time that does not depend on where the texts differ.
  func matches(_ given: String) -> Bool { Access.same(given, token) }

  static func same(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
  }

  /// Headers on every answer: a strict Content-Security-Policy (no script at all, styles and
  /// forms from this server only), no framing, no sniffing, no referrer to other sites (with
  /// `no-referrer` a browser sends `Origin: null` on its own forms), no caching.
  static func secure(_ h: inout HTTPFields) {
    h[.contentSecurityPolicy] =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    h[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
    h[HTTPField.Name("Referrer-Policy")!] = "same-origin"
    h[HTTPField.Name("X-Frame-Options")!] = "DENY"
    h[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
    h[HTTPField.Name("Cross-Origin-Resource-Policy")!] = "same-origin"
    h[.cacheControl] = "no-store"
  }

  /// A refusal: the error object of the API, or a short page.
  static func refuse(_ status: Int, api: Bool, _ message: String) -> Response {
    let error = ServerError(status: status, exitCode: ExitStatus.usage.code, message: message)
    if api { return Replies.error(error) }
    return Replies.html(HTML.page(title: "Not allowed", body: "<h1>Not allowed</h1><p>\(HTML.escape(message))</p>"), status: status)
  }
}
