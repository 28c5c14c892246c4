import Crypto

/// Where in the output folder a packet goes.
///
/// A batch of tens of thousands of profiles need not put as many files in one folder:
/// `.hashed` spreads them over 256 subfolders named by the first two hexadecimal digits
/// of the SHA-256 of the packet's file name (`3f/2026-0142.zip`), so each holds about
/// 1/256 of them whatever the case ids look like, and the folder of a packet can be
/// computed from its case id alone.
public enum PacketLayout: String, Sendable, CaseIterable {
  /// Every packet directly in the output folder: `<caseId>.zip`.
  case flat
  /// `<hh>/<caseId>.zip`, `hh` the first byte of SHA-256(`<caseId>.zip`) in hexadecimal.
  case hashed

  /// The packet's path relative to the output folder.
  public func relativePath(caseId: String) -> String {
    let name = PacketBuilder.fileName(caseId: caseId)
    switch self {
    case .flat: return name
    case .hashed:
      let first = Array(SHA256.hash(data: Array(name.utf8)))[0]
      let hex = Array("0123456789abcdef")
      return "\(hex[Int(first >> 4)])\(hex[Int(first & 15)])/\(name)"
    }
  }
}
