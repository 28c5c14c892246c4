import Foundation
import Hummingbird
import HummingbirdTesting
import IMPPacket
import IMPRules
import Testing
@_exported import TestSupport

@testable import IMPServer

/// `imp-packet` with `args`: its exit status and standard output.
func cli(_ args: [String]) throws -> (status: Int32, stdout: Data) {
  let r = try run(tool, args)
  return (r.status, r.output)
}

func fixture(_ name: String) throws -> Data {
  try Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/\(name).json"))
}

let sharedBuilder: PacketBuilder = try! PacketBuilder.load()

/// A server over a fresh cases folder, tested in process through Hummingbird's router client.
struct Harness {
  let dir: URL
  let server: IMPServer
  static let token = "test-token-0123456789abcdef"

  init() throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("imp-serve-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var options = ServeOptions(casesDirectory: dir)
    options.token = Harness.token
    // The router client sends `Host: localhost`, one of the names a loopback server answers
    // to; scripts/test-serve.py checks that another name is refused.
    server = try IMPServer(builder: sharedBuilder, options: options)
  }

  func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    let app = Application(router: server.router())
    try await app.test(.router) { client in try await body(client) }
  }

  var bearer: HTTPFields { [.authorization: "Bearer \(Harness.token)"] }
  var cookie: HTTPFields { [.cookie: "imp_token=\(Harness.token)"] }
  var formHeaders: HTTPFields {
    [.cookie: "imp_token=\(Harness.token)", .origin: "http://localhost", .contentType: "application/x-www-form-urlencoded"]
  }

  func write(_ name: String, _ text: String) throws {
    try Data(text.utf8).write(to: dir.appendingPathComponent(name + ".json"))
  }

  func read(_ name: String) throws -> String {
    try String(decoding: Data(contentsOf: dir.appendingPathComponent(name + ".json")), as: UTF8.self)
  }
}

func body(_ r: TestResponse) -> String { String(buffer: r.body) }

/// `application/x-www-form-urlencoded` text for these fields.
func encode(_ fields: [(String, String)]) -> ByteBuffer {
  var allowed = CharacterSet.alphanumerics
  allowed.insert(charactersIn: "-._~")
  return ByteBuffer(
    string: fields.map { k, v in
      "\(k.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(v.addingPercentEncoding(withAllowedCharacters: allowed)!)"
    }.joined(separator: "&"))
}

@Suite struct AccessTests {
  @Test func withoutTheTokenEveryRouteAnswers401() async throws {
    let h = try Harness()
    try await h.test { client in
      try await client.execute(uri: "/", method: .get) { #expect($0.status == .unauthorized) }
      try await client.execute(uri: "/api/v1/plan", method: .post, body: ByteBuffer(data: try fixture("pgwp-eligible"))) { r in
        #expect(r.status == .unauthorized)
        #expect(body(r).contains("\"valid\""))
      }
      try await client.execute(uri: "/api/openapi.json", method: .get, headers: [.authorization: "Bearer wrong"]) {
        #expect($0.status == .unauthorized)
      }
    }
  }

  @Test func theTokenInTheURLBecomesACookieAndLeavesTheAddressBar() async throws {
    let h = try Harness()
    try await h.test { client in
      try await client.execute(uri: "/?token=\(Harness.token)", method: .get) { r in
        #expect(r.status == .seeOther)
        #expect(r.headers[.location] == "/")
        let cookie = try #require(r.headers[.setCookie])
        #expect(cookie.contains("imp_token=\(Harness.token)"))
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Strict"))
      }
      try await client.execute(uri: "/", method: .get, headers: h.cookie) { r in
        #expect(r.status == .ok)
        let csp = try #require(r.headers[.contentSecurityPolicy])
        #expect(csp.contains("default-src 'none'"))
        #expect(!csp.contains("unsafe-inline"))
        #expect(r.headers[.cacheControl] == "no-store")
      }
    }
  }

  @Test func aForeignOriginIsRefused() async throws {
    let h = try Harness()
    var foreign = h.bearer
    foreign[.origin] = "http://evil.example"
    let headers = foreign
    try await h.test { client in
      try await client.execute(uri: "/api/v1/plan", method: .post, headers: headers, body: ByteBuffer(data: try fixture("pgwp-eligible"))) {
        #expect($0.status == .forbidden)
      }
    }
  }

  @Test func aFormWithoutItsCSRFTokenOrOriginIsRefused() async throws {
    let h = try Harness()
    try h.write("c1", #"{"schemaVersion": 1, "caseId": "c1"}"#)
    try await h.test { client in
      try await client.execute(uri: "/cases/c1", method: .post, headers: h.formHeaders, body: encode([("caseId", "changed")])) {
        #expect($0.status == .forbidden)
      }
      var noOrigin = h.formHeaders
      noOrigin[.origin] = nil
      try await client.execute(uri: "/cases/c1", method: .post, headers: noOrigin, body: encode([("_csrf", h.server.access.csrf)])) {
        #expect($0.status == .forbidden)
      }
    }
    #expect(try h.read("c1").contains("\"c1\""))
  }
}

@Suite struct APITests {
  @Test func planAnswersWhatPlanJSONPrints() async throws {
    let h = try Harness()
    let printed = try cli(["plan", repositoryRoot.appendingPathComponent("Fixtures/pgwp-eligible.json").path, "--json"])
    #expect(printed.status == 0)
    try await h.test { client in
      try await client.execute(uri: "/api/v1/plan", method: .post, headers: h.bearer, body: ByteBuffer(data: try fixture("pgwp-eligible"))) { r in
        #expect(r.status == .ok)
        #expect(r.headers[.contentType]?.hasPrefix("application/json") == true)
        #expect(r.headers[Replies.exitCodeHeader] == "0")
        #expect(Data(buffer: r.body) == printed.stdout)
      }
    }
  }

  @Test func notEligibleIs409WithThePlanAndNoPacket() async throws {
    let h = try Harness()
    try await h.test { client in
      try await client.execute(uri: "/api/v1/plan", method: .post, headers: h.bearer, body: ByteBuffer(data: try fixture("pgwp-ineligible"))) { r in
        #expect(r.status == .conflict)
        #expect(r.headers[Replies.exitCodeHeader] == "2")
        let plan = try JSONDecoder().decode(Plan.self, from: Data(buffer: r.body))
        #expect(!plan.eligibility.eligible)
        #expect(plan.eligibility.unmet.contains { $0.rule == "pgwp.within-180-days" })
      }
      try await client.execute(uri: "/api/v1/packets", method: .post, headers: h.bearer, body: ByteBuffer(data: try fixture("pgwp-ineligible"))) { r in
        #expect(r.status == .conflict)
        #expect(body(r).contains("pgwp.within-180-days"))
      }
    }
  }

  @Test func invalidProfileIs422WithTheIssuesOfValidateJSON() async throws {
    let h = try Harness()
    let profile = String(decoding: try fixture("pgwp-eligible"), as: UTF8.self)
      .replacingOccurrences(of: "\"2031-05-30\"", with: "\"31/05/2031\"")
    let file = h.dir.appendingPathComponent("bad.json")
    try Data(profile.utf8).write(to: file)
    let printed = try cli(["validate", "--json", file.path])
    #expect(printed.status == 65)
    struct Result: Decodable { var valid: Bool; var issues: [ProfileIssue] }
    let expected = try JSONDecoder().decode([Result].self, from: printed.stdout)[0].issues
    #expect(expected.contains { $0.path == "applicant.passport.expiryDate" })
    try await h.test { client in
      for route in ["validate", "plan", "assess", "fees", "packets"] {
        try await client.execute(uri: "/api/v1/\(route)", method: .post, headers: h.bearer, body: ByteBuffer(string: profile)) { r in
          #expect(r.status == .unprocessableContent, "\(route)")
          #expect(r.headers[Replies.exitCodeHeader] == "65")
          let got = try JSONDecoder().decode(Result.self, from: Data(buffer: r.body))
          #expect(!got.valid)
          #expect(got.issues == expected, "\(route)")
        }
      }
      try await client.execute(uri: "/api/v1/validate", method: .post, headers: h.bearer, body: ByteBuffer(string: "{")) { r in
        #expect(r.status == .unprocessableContent)
        #expect(body(r).contains("\"line\""))
      }
    }
  }

  @Test func thePacketIsTheOneGenerateWritesAndVerifyAccepts() async throws {
    let h = try Harness()
    let out = h.dir.appendingPathComponent("out")
    let generated = try cli(["generate", repositoryRoot.appendingPathComponent("Fixtures/pgwp-eligible.json").path, "-o", out.path, "-q"])
    #expect(generated.status == 0)
    let expected = try Data(contentsOf: out.appendingPathComponent("2026-0142.zip"))
    try await h.test { client in
      try await client.execute(uri: "/api/v1/packets", method: .post, headers: h.bearer, body: ByteBuffer(data: try fixture("pgwp-eligible"))) { r in
        #expect(r.status == .ok)
        #expect(r.headers[.contentType] == "application/zip")
        #expect(r.headers[.contentDisposition] == "attachment; filename=\"2026-0142.zip\"")
        let zip = Data(buffer: r.body)
        #expect(zip == expected)
        let path = h.dir.appendingPathComponent("api.zip").path
        try zip.write(to: URL(fileURLWithPath: path))
        #expect(try PacketVerifier.verify(path: path).intact)
      }
    }
  }

  @Test func assessAndFeesAnswerWhatTheCommandsPrint() async throws {
    let h = try Harness()
    // A family applying together too: its members' applications and the family totals.
    for fixture in ["ict", "family-ict"] {
      let path = repositoryRoot.appendingPathComponent("Fixtures/\(fixture).json").path
      for command in ["assess", "fees"] {
        let printed = try cli([command, path, "--json"])
        try await h.test { client in
          try await client.execute(uri: "/api/v1/\(command)", method: .post, headers: h.bearer, body: ByteBuffer(data: try Data(contentsOf: URL(fileURLWithPath: path)))) { r in
            #expect(r.status == .ok)
            #expect(Data(buffer: r.body) == printed.stdout, "\(command) \(fixture)")
          }
        }
      }
    }
  }

  @Test func anEmployerFileGivesItsBundle() async throws {
    let h = try Harness()
    let file = repositoryRoot.appendingPathComponent("Fixtures/employers/small.json")
    try await h.test { client in
      try await client.execute(uri: "/api/v1/employer-bundles", method: .post, headers: h.bearer, body: ByteBuffer(data: try Data(contentsOf: file))) { r in
        #expect(r.status == .ok)
        #expect(r.headers[.contentType] == "application/zip")
        let path = h.dir.appendingPathComponent("bundle.zip").path
        try Data(buffer: r.body).write(to: URL(fileURLWithPath: path))
        #expect(try PacketVerifier.verify(path: path).intact)
      }
    }
  }

  @Test func aBodyLargerThanAProfileIsRefusedWith413() async throws {
    let h = try Harness()
    let big = ByteBuffer(repeating: UInt8(ascii: " "), count: IMPServer.maxBody + 10)
    try await h.test { client in
      try await client.execute(uri: "/api/v1/validate", method: .post, headers: h.bearer, body: big) { r in
        #expect(r.status == .contentTooLarge)
        #expect(body(r).contains("larger than"))
      }
    }
  }

  @Test func concurrentRequestsGetTheSameAnswers() async throws {
    let h = try Harness()
    let profile = try fixture("pgwp-eligible")
    try await h.test { client in
      let bodies = try await withThrowingTaskGroup(of: Data.self) { group in
        for _ in 0..<16 {
          group.addTask {
            try await client.execute(uri: "/api/v1/plan", method: .post, headers: h.bearer, body: ByteBuffer(data: profile)) {
              Data(buffer: $0.body)
            }
          }
        }
        return try await group.reduce(into: [Data]()) { $0.append($1) }
      }
      #expect(bodies.count == 16)
      #expect(Set(bodies).count == 1)
    }
  }

  @Test func theOpenAPIDocumentServedIsTheCommittedOne() async throws {
    let h = try Harness()
    let committed = try Data(contentsOf: repositoryRoot.appendingPathComponent("schema/openapi.json"))
    try await h.test { client in
      try await client.execute(uri: "/api/openapi.json", method: .get, headers: h.bearer) { r in
        #expect(r.status == .ok)
        #expect(Data(buffer: r.body) == committed)
      }
    }
    let doc = try #require(try JSONSerialization.jsonObject(with: committed) as? [String: Any])
    #expect(doc["openapi"] as? String == "3.1.0")
    let paths = try #require(doc["paths"] as? [String: Any])
    for route in ["validate", "plan", "assess", "fees", "packets", "employer-bundles"] {
      #expect(paths["/api/v1/\(route)"] != nil, "\(route)")
    }
  }
}
