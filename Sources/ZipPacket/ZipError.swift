/// A failure to build, write or read a zip, with libzip's or the system's reason.
public struct ZipError: Error, Sendable, CustomStringConvertible {
  public enum Kind: Sendable, Equatable {
    /// libzip refused an operation (a bad entry, out of memory, encryption unavailable).
    case archive
    /// The destination already holds a file and overwriting was not allowed.
    case exists
    /// The file system refused (no such folder, no permission, disk full).
    case io
    /// An encrypted entry was read without a password, or with the wrong one.
    case password
  }
  public var kind: Kind
  /// What failed, in the user's terms ("cannot write out/2026-0142.zip").
  public var message: String
  /// The system call behind an ``Kind-swift.enum/io`` failure, with its `errno`.
  public var cause: SystemError?

  public init(_ kind: Kind, _ message: String, cause: SystemError? = nil) {
    self.kind = kind
    self.message = message
    self.cause = cause
  }

  /// An ``Kind-swift.enum/io`` failure caused by `cause`: "`what`: the system's words".
  public init(_ what: String, _ cause: SystemError) {
    self.init(.io, what, cause: cause)
  }

  /// The failed call's `errno`, when the system refused.
  public var errno: Int32? { cause?.errno }

  public var description: String { cause.map { "\(message): \($0)" } ?? message }
}
