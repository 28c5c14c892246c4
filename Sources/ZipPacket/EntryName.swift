/// What makes a zip entry name safe: a relative path of plain file names that every unzip
/// tool extracts inside the folder it is asked to, on every system.
///
/// Packets are written with such names only, and `verify` holds any packet to them: a name
/// like `../evil.html` or `/etc/x` would let an archive write outside the folder it is
/// opened in (the "zip slip"), and `C:x`, `a\b` or a control character mean different things
/// to different tools.
public enum EntryName {
  /// The longest name, in UTF-8 bytes (what file systems hold for one name).
  public static let maxBytes = 255

  /// Why `name` is not a safe entry name, in words that follow the name; nil when it is safe.
  public static func problem(_ name: String) -> String? {
    if name.isEmpty { return "is empty" }
    if name.utf8.count > maxBytes { return "is longer than \(maxBytes) bytes" }
    if let s = name.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
      return "holds the control character U+\(hex(s.value))"
    }
    if name.hasPrefix("/") { return "is an absolute path" }
    // By byte, not by Character: every packet checks each of its names twice.
    if name.utf8.contains(UInt8(ascii: "\\")) { return "holds a backslash, which some tools read as a folder separator" }
    if name.utf8.contains(UInt8(ascii: ":")) { return "holds ':', which Windows reads as a drive or a stream" }
    if name.hasSuffix("/") { return "ends in '/': it is a folder, not a file" }
    for part in name.split(separator: "/", omittingEmptySubsequences: false) {
      switch part {
      case "..": return "holds '..', which climbs out of the folder it is extracted to"
      case ".", "": return "holds an empty or '.' folder name"
      default: continue
      }
    }
    return nil
  }

  private static func hex(_ v: UInt32) -> String {
    let h = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - h.count)) + h
  }
}
