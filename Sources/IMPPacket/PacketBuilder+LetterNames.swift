import IMPRules
import ZipPacket

extension PacketBuilder {
  /// Refuses a catalog whose letters' file names are not safe entry names (``EntryName``),
  /// are not `.html` pages, or collide with the packet's own files or each other: a letter
  /// named `../../evil.html` or `manifest.xml` must fail at load, not in the middle of a batch.
  static func checkLetterNames(_ catalog: Catalog) throws(PacketError) {
    let reserved = Set((pages + bundlePages + offerPages).map(\.file) + [planFile, manifestFile])
    var problems: [String] = []
    for (i, c) in catalog.categories.enumerated() {
      var seen: Set<String> = []
      for (j, letter) in (c.letters ?? []).enumerated() {
        let at = "catalog: categories[\(i)] (\(c.id)).letters[\(j)].file \"\(letter.file)\""
        if let problem = EntryName.problem(letter.file) {
          problems.append("\(at) \(problem)")
        } else if letter.file.contains("/") || !letter.file.hasSuffix(".html") {
          problems.append("\(at): expected a page name like \"06-program-summary.html\" (no folder, ending in .html)")
        } else if reserved.contains(letter.file) {
          problems.append("\(at) is the name of a page every packet has")
        } else if !seen.insert(letter.file).inserted {
          problems.append("\(at) is used by another letter of the category")
        }
      }
    }
    if !problems.isEmpty { throw .setup(problems.joined(separator: "\n")) }
  }
}
