import Foundation
import HTTPTypes
import Hummingbird
import IMPPacket
import IMPRules

/// The shapes of the server's answers: JSON, pages, zips and error objects.
enum Replies {
  /// The exit code `imp-packet` would have ended with, on every API answer.
  static let exitCodeHeader = HTTPField.Name("X-IMP-Exit-Code")!

  static func json(_ data: Data, status: Int = 200, exitCode: Int32 = 0) -> Response {
    var h = HTTPFields()
    h[.contentType] = "application/json; charset=utf-8"
    h[exitCodeHeader] = String(exitCode)
    return Response(status: .init(code: status), headers: h, body: .init(byteBuffer: ByteBuffer(bytes: data)))
  }

  static func json<T: Encodable>(_ value: T, status: Int = 200, exitCode: Int32 = 0) -> Response {
    json(PlanJSON.encode(value), status: status, exitCode: exitCode)
  }

  /// The error object: `{"valid": false, "issues": [{path, message, line, column}]}`, the
  /// issues exactly as `validate --json` lists them.
  static func error(_ e: ServerError) -> Response {
    json(ErrorBody(valid: false, issues: e.issues), status: e.status, exitCode: e.exitCode)
  }

  struct ErrorBody: Encodable {
    var valid: Bool
    var issues: [ProfileIssue]
  }

  static func html(_ text: String, status: Int = 200) -> Response {
    var h = HTTPFields()
    h[.contentType] = "text/html; charset=utf-8"
    return Response(status: .init(code: status), headers: h, body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  static func zip(_ bytes: [UInt8], name: String, exitCode: Int32 = 0) -> Response {
    var h = HTTPFields()
    h[.contentType] = "application/zip"
    h[.contentDisposition] = "attachment; filename=\"\(name)\""
    h[exitCodeHeader] = String(exitCode)
    return Response(status: .ok, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
  }

  static func redirect(_ location: String) -> Response {
    var h = HTTPFields()
    h[.location] = location
    return Response(status: .seeOther, headers: h)
  }
}
