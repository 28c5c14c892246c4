/// Every exit code imp-packet documents, named once (sysexits.h's numbers where one fits).
///
/// The CLI ends with these, `batch` reports record them per profile, and the server sends
/// them in `X-IMP-Exit-Code` and maps them to HTTP statuses. The help text and the README's
/// "Exit codes" list are written from ``meaning``.
public enum ExitStatus: Int32, Sendable, CaseIterable {
  case success = 0
  /// The applicant does not meet the category's requirements.
  case notEligible = 2
  /// The command line is wrong (`EX_USAGE`).
  case usage = 64
  /// A profile, category or employer file has mistakes, or a packet does not match its
  /// manifest (`EX_DATAERR`).
  case invalidInput = 65
  /// An input file cannot be read (`EX_NOINPUT`).
  case unreadableInput = 66
  /// A template failed (`EX_SOFTWARE`).
  case templateError = 70
  /// `batch`: the work on a profile crashed (a bug in imp-packet); its row names the input
  /// and the signal, and the other profiles were made.
  case crashed = 71
  /// The packet could not be written (`EX_CANTCREAT`).
  case cannotWrite = 73
  /// A packet's password is missing or wrong (`EX_NOPERM`).
  case passwordRefused = 77
  /// The templates, the catalog or the PDF renderer cannot be used (`EX_CONFIG`).
  case setup = 78

  /// The process exit code.
  public var code: Int32 { rawValue }

  /// What the code means, as the help text says it.
  public var meaning: String {
    switch self {
    case .success: "success"
    case .notEligible: "not eligible"
    case .usage: "usage error"
    case .invalidInput: "invalid input (profile or category), or a packet that does not match its manifest"
    case .unreadableInput: "an input file (profile, employer file, packet) cannot be read"
    case .templateError: "template error"
    case .crashed: "batch: the work on a profile crashed (its row names the input and the signal)"
    case .cannotWrite: "could not write the packet"
    case .passwordRefused: "a packet's password is missing or wrong"
    case .setup: "templates or catalog unusable"
    }
  }

  /// "0 success; 2 not eligible; …", for help texts.
  public static var summary: String {
    allCases.map { "\($0.rawValue) \($0.meaning)" }.joined(separator: "; ")
  }
}
