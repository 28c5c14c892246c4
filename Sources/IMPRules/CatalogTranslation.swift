public import Foundation
public import StrictJSON

/// Which texts of the catalog are translated, as its `translation` section says: the
/// values of some keys wherever they occur (`title`, `reason`, `message`, …), every value of
/// some name tables (`names.countries`), every string below some paths with the path as
/// gettext context (`wording`), and nothing below some paths (`lists`, matched against what
/// users type).
///
/// The message id is the English text itself, so an English text that changes has no
/// translation until a translator gives it one: the page shows the new English meanwhile,
/// and `templates check` names the text as untranslated and the old entry as stale.
public struct CatalogTranslation: Sendable, Codable {
  public let keys: [String]
  public let tables: [String]
  public let keyed: [String]
  public let skip: [String]
  public let source: String

  /// One translatable text of the catalog.
  public struct Message: Sendable, Hashable {
    /// The gettext context: the path, for `keyed` texts; nil for the others.
    public var context: String?
    public var id: String
    /// Where it is, for reports: `categories[3].documents[1].title`.
    public var path: String
  }

  /// Translates one text (English, context) or returns nil to keep it.
  public typealias Translate = (_ id: String, _ context: String?) -> String?

  /// The rules of the catalog `json` (its `translation` object), or nil when it has none.
  public static func rules(of json: JSONValue) -> CatalogTranslation? {
    guard case .object(let top) = json, let t = top["translation"] else { return nil }
    return try? JSONDecoder().decode(CatalogTranslation.self, from: Data(t.compactJSON))
  }

  /// Every translatable text of catalog bytes, in document order; none when the text does
  /// not read or has no `translation` section.
  public static func messages(inCatalog data: Data) -> [Message] {
    guard let json = try? Catalog.checkedText(data, name: ""), let rules = CatalogTranslation.rules(of: json) else {
      return []
    }
    return rules.messages(in: json)
  }

  /// Every translatable text of `json`, in document order (keys sorted).
  public func messages(in json: JSONValue) -> [Message] {
    var out: [Message] = []
    _ = walk(json, path: "", shown: "", mode: .rules) { message in
      out.append(message)
      return nil
    }
    return out
  }

  /// `json` with every translatable text that `translate` knows replaced.
  public func translated(_ json: JSONValue, _ translate: Translate) -> JSONValue {
    walk(json, path: "", shown: "", mode: .rules) { translate($0.id, $0.context) }
  }

  /// `all`: a translated key's value; `table`: a name table, translated whole however deep.
  private enum Mode { case rules, all, table, keyed }

  /// `path` names keys only (`names.countries`, for the rules); `shown` adds list indexes.
  private func walk(_ value: JSONValue, path: String, shown: String, mode: Mode, _ visit: (Message) -> String?)
    -> JSONValue
  {
    func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : "\(a).\(b)" }
    switch value {
    case .string(let s):
      guard mode != .rules else { return value }
      return .string(visit(Message(context: mode == .keyed ? path : nil, id: s, path: shown)) ?? s)
    case .array(let list):
      return .array(list.enumerated().map { i, v in walk(v, path: path, shown: "\(shown)[\(i)]", mode: mode, visit) })
    case .object(let object):
      // An object inside a translated key's value (`facts: [{when, text}]`) is read by
      // the rules again, so that its conditions and ids stay as they are; name tables and
      // keyed texts are translated whole.
      let inner = mode == .all ? Mode.rules : mode
      var out: [String: JSONValue] = [:]
      out.reserveCapacity(object.count)
      for key in object.keys.sorted() {
        let v = object[key]!
        let p = join(path, key)
        let s = join(shown, key)
        var m = inner
        if m == .rules {
          if skip.contains(p) || p == "translation" {
            out[key] = v
            continue
          }
          if keyed.contains(p) {
            m = .keyed
          } else if tables.contains(p) {
            m = .table
          } else if keys.contains(key) {
            switch v {
            case .string, .array: m = .all
            default: break
            }
          }
        }
        out[key] = walk(v, path: p, shown: s, mode: m, visit)
      }
      return .object(out)
    default:
      return value
    }
  }
}

extension Catalog {
  /// Decodes catalog bytes with their texts translated by `translate` (see
  /// ``CatalogTranslation``); the ids, codes, amounts and conditions stay as they are.
  public static func decode(_ data: Data, name: String, translate: CatalogTranslation.Translate) throws(CatalogError)
    -> Catalog
  {
    try decode(try CheckedText(data, name: name), translate: translate)
  }

  /// The same, for a catalog text read and checked already: the English catalog's, so that
  /// each language's start-up does not read and range-check the same file again (it took a
  /// sixth of a French-speaking worker's start-up).
  public static func decode(_ text: CheckedText, translate: CatalogTranslation.Translate) throws(CatalogError)
    -> Catalog
  {
    // The translated values are written back as text by StrictJSON's own writer: first
    // JSONSerialization's and then JSONEncoder's took most, then a tenth, of a French-speaking
    // worker's start-up. The translation replaces texts only (no number, key or structure),
    // so its own text is not read and checked again.
    guard let rules = CatalogTranslation.rules(of: text.json) else {
      throw CatalogError("\(text.name): no \"translation\" section saying which texts are translated")
    }
    return try decode(checkedText: Data(rules.translated(text.json, translate).compactJSON), name: text.name)
  }
}
