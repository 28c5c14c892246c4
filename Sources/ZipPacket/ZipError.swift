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
  public var message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String { message }
}
