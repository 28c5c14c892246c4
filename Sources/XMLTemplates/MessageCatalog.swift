import Foundation

/// The translations of one language, read from a GNU gettext `.po` file.
///
/// The message id is the English text (`msgid`), optionally with a context (`msgctxt`);
/// an entry marked `#, fuzzy` or with an empty `msgstr` is not used, as `msgfmt` would not
/// use it, so the English shows until a translator confirms the text. Obsolete entries
/// (`#~`) are skipped. The reader follows the format `msgfmt --check` accepts: keywords
/// `msgctxt`, `msgid`, `msgid_plural`, `msgstr`, `msgstr[N]`, each with a C-quoted string
/// that may continue on the following lines.
public struct MessageCatalog: Sendable {
  /// One entry of the file.
  public struct Entry: Sendable, Equatable {
    public var context: String?
    public var id: String
    public var translation: String
    public var fuzzy: Bool
    /// The 1-based line of its `msgid`.
    public var line: Int
  }

  /// What a translation lookup is keyed by: context and English text.
  struct Key: Hashable, Sendable {
    var context: String?
    var id: String
  }

  /// The file's name, as errors and reports give it.
  public let name: String
  /// The header's `Language:` value (`fr`), or the file name without `.po`.
  public let language: String
  /// Every entry but the header, in file order.
  public let entries: [Entry]
  let table: [Key: String]

  /// Reads `.po` bytes; every syntax problem is reported at once, by line.
  public init(po bytes: [UInt8], name: String) throws(TemplateErrors) {
    var reader = POReader(name: name)
    reader.read(String(decoding: bytes, as: UTF8.self))
    var errors = reader.errors
    var table: [Key: String] = [:]
    var seen: Set<Key> = []
    var language: String?
    var entries: [Entry] = []
    for e in reader.entries {
      let key = Key(context: e.context, id: e.id)
      if !seen.insert(key).inserted {
        errors.append(TemplateError(file: name, line: e.line, directive: nil, message: "duplicate message definition \"\(e.id)\""))
        continue
      }
      if e.id.isEmpty && e.context == nil {
        language = MessageCatalog.headerLanguage(e.translation)
        continue
      }
      entries.append(e)
      if !e.fuzzy && !e.translation.isEmpty { table[key] = e.translation }
    }
    if !errors.isEmpty { throw TemplateErrors(errors) }
    self.name = name
    self.language = MessageCatalog.language(declared: language, name: name)
    self.entries = entries
    self.table = table
  }

  /// The language of the `.po` file `bytes`, read from its header alone: what ``language``
  /// is once the whole file is read, for a tool that lists its languages when it starts and
  /// reads a translation only when a page is wanted in it. The header is taken to be the
  /// first entry, ending at the first blank line after its `msgstr`, as gettext's tools write
  /// it; a file laid out otherwise may say another language once read whole, which its
  /// reader must check.
  public static func declaredLanguage(po bytes: [UInt8], name: String) -> String {
    var end = bytes.count
    if let msgstr = bytes.firstRange(of: Array("\nmsgstr".utf8)),
      let blank = bytes[msgstr.upperBound...].firstRange(of: [0x0A, 0x0A])
    {
      end = blank.lowerBound
    }
    var reader = POReader(name: name)
    reader.read(String(decoding: bytes[..<end], as: UTF8.self))
    let header = reader.entries.first { $0.id.isEmpty && $0.context == nil }
    return language(declared: header.flatMap { headerLanguage($0.translation) }, name: name)
  }

  /// The `Language:` field of a header entry's text, if it has one.
  private static func headerLanguage(_ header: String) -> String? {
    var language: String?
    for line in header.split(separator: "\n") where line.hasPrefix("Language:") {
      language = line.dropFirst("Language:".count).trimmingCharacters(in: .whitespaces)
    }
    return language
  }

  /// The header's language, or the file name without `.po` when it names none.
  private static func language(declared: String?, name: String) -> String {
    declared.flatMap { $0.isEmpty ? nil : $0 } ?? (name.hasSuffix(".po") ? String(name.dropLast(3)) : name)
  }

  /// The `${name}`s of a template message or its translation: the child elements it places.
  public static func elementNames(_ text: String) -> [String] { Translation.names(text) }

  /// The translation of `id` (in `context`), or nil when there is none to use.
  public func translate(_ id: String, context: String? = nil) -> String? { table[Key(context: context, id: id)] }
}

/// The line-by-line reader behind ``MessageCatalog``.
private struct POReader {
  let name: String
  var errors: [TemplateError] = []
  var entries: [MessageCatalog.Entry] = []

  private enum Field { case context, id, plural, string(Int) }
  private var context: String?
  private var id: String?
  private var idLine = 0
  private var strings: [Int: String] = [:]
  private var fuzzy = false
  private var nextFuzzy = false
  private var field: Field?

  init(name: String) { self.name = name }

  private mutating func fail(_ line: Int, _ message: String) {
    errors.append(TemplateError(file: name, line: line, directive: nil, message: message))
  }

  /// Ends the entry being read, if any.
  private mutating func flush(_ line: Int) {
    defer {
      context = nil
      id = nil
      strings = [:]
      field = nil
    }
    guard let id else {
      if context != nil { fail(line, "msgctxt without msgid") }
      return
    }
    guard let first = strings[0] else {
      fail(idLine, "msgid without msgstr")
      return
    }
    entries.append(.init(context: context, id: id, translation: first, fuzzy: fuzzy, line: idLine))
  }

  mutating func read(_ text: String) {
    var number = 0
    // Lines cut by byte: a `Character` split would keep "\r\n" whole (one grapheme) and
    // walk every character of the file.
    for bytes in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
      let raw = Substring(bytes)
      number += 1
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      if trimmed.isEmpty { continue }
      if trimmed.hasPrefix("#") {
        if trimmed.hasPrefix("#~") { continue }  // obsolete entries are not translations
        if trimmed.hasPrefix("#,") {
          if id != nil { flush(number) }
          if trimmed.dropFirst(2).split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == "fuzzy" }) {
            nextFuzzy = true
          }
        }
        continue
      }
      if trimmed.first == "\"" {
        guard let f = field, let s = unquote(trimmed, number) else {
          if field == nil { fail(number, "a string with no keyword before it") }
          continue
        }
        switch f {
        case .context: context! += s
        case .id: id! += s
        case .plural: break
        case .string(let n): strings[n, default: ""] += s
        }
        continue
      }
      let keyword = trimmed.prefix { $0 != " " && $0 != "\t" && $0 != "\"" }
      let rest = trimmed.dropFirst(keyword.count).drop { $0 == " " || $0 == "\t" }
      guard let value = unquote(rest, number) else { continue }
      switch keyword {
      case "msgctxt":
        if id != nil { flush(number) }
        context = value
        field = .context
      case "msgid":
        if id != nil { flush(number) }
        id = value
        idLine = number
        fuzzy = nextFuzzy
        nextFuzzy = false
        field = .id
      case "msgid_plural":
        guard id != nil else { fail(number, "msgid_plural without msgid"); continue }
        field = .plural
      case _ where keyword == "msgstr" || (keyword.hasPrefix("msgstr[") && keyword.hasSuffix("]")):
        guard id != nil else { fail(number, "\(keyword) without msgid"); continue }
        let n = keyword == "msgstr" ? 0 : Int(keyword.dropFirst(7).dropLast()) ?? -1
        guard n >= 0 else { fail(number, "bad plural index in \(keyword)"); continue }
        strings[n] = value
        field = .string(n)
      default:
        fail(number, "unknown keyword '\(keyword)'; expected msgctxt, msgid, msgid_plural or msgstr")
      }
    }
    flush(number)
  }

  /// The value of a C-quoted string that is all of `s`, or nil (with an error).
  private mutating func unquote(_ s: Substring, _ line: Int) -> String? {
    // By UTF-8 byte: `"` and `\\` are ASCII and never part of a longer character, and a
    // `.po` file has thousands of strings (grapheme-by-grapheme walking cost start-up time).
    let bytes = Array(s.utf8)
    guard bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") else {
      fail(line, "expected a string in double quotes")
      return nil
    }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count - 2)
    var escaped = false
    for i in 1..<(bytes.count - 1) {
      let b = bytes[i]
      if escaped {
        switch b {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(b)
        default:
          // The escaped character whole, as the message names it (`\\é`, not a lone byte).
          let c = String(decoding: bytes[i..<(bytes.count - 1)], as: UTF8.self).first.map(String.init) ?? ""
          fail(line, "unsupported escape \\\(c)")
          return nil
        }
        escaped = false
      } else if b == UInt8(ascii: "\\") {
        escaped = true
      } else if b == UInt8(ascii: "\"") {
        fail(line, "an unescaped quote inside a string")
        return nil
      } else {
        out.append(b)
      }
    }
    if escaped {
      fail(line, "a string ends with a backslash")
      return nil
    }
    return String(decoding: out, as: UTF8.self)
  }
}
