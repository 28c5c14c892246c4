import Hummingbird

/// A request body read up to a limit, for the routes that take a profile or a form.
///
/// Past the limit the rest is still read (and dropped), up to ``drainLimit`` more, before
/// the 413 is sent: a client that writes its whole body before it reads the answer (Python's
/// urllib, most scripts) would otherwise wait on a server that stopped reading, until its
/// own timeout, instead of getting the 413. Past ``drainLimit`` the server stops reading.
enum BoundedBody {
  /// How much past the limit is read and dropped to deliver the 413 to such a client.
  static let drainLimit = 256 << 20

  /// The body, or nil when it is longer than `limit` bytes.
  static func read(_ request: Request, limit: Int) async throws -> ByteBuffer? {
    var collected = ByteBuffer()
    var total = 0
    for try await chunk in request.body {
      total += chunk.readableBytes
      if total <= limit {
        var chunk = chunk
        collected.writeBuffer(&chunk)
      } else if total > limit + drainLimit {
        break
      }
    }
    return total <= limit ? collected : nil
  }
}
