public import Foundation
import IMPRules
public import XMLTemplates

/// What each `.po` file of a locale folder lacks or holds in excess, against the English
/// of the templates (`i18n:translate`, `i18n:attributes`) and of the catalog (its
/// `translation` rules): the report of `templates check`.
public enum TranslationCheck {
  /// One language's findings.
  public struct Language: Sendable {
    /// The `.po` file's name (`fr.po`).
    public var file: String
    public var language: String
    /// Messages with no translation to use: where each is, and its English.
    public var untranslated: [(place: String, id: String)] = []
    /// Entries that no longer match an English text, or are marked fuzzy: line, English, why.
    public var stale: [(line: Int, id: String, why: String)] = []
    /// Translations that would break a page: a `${name}` or `{fact}` that the English lacks or drops.
    public var errors: [String] = []
    /// How many messages the sources have, and how many are translated.
    public var messages = 0
    public var translated = 0
  }

  /// A message of the sources: context, English, and the first place it occurs.
  struct Source: Hashable {
    var context: String?
    var id: String
  }

  /// The report for every `.po` file of `locales`, checked against `templates` and the catalog bytes.
  public static func check(templates: TemplateSet, catalogData: Data, locales: URL) throws(PacketError) -> [Language] {
    var sources: [Source: String] = [:]
    var order: [Source] = []
    func add(_ s: Source, _ place: String) {
      if sources[s] == nil {
        sources[s] = place
        order.append(s)
      }
    }
    for name in templates.templates.keys.sorted() {
      for m in templates.templates[name]!.messages { add(Source(context: nil, id: m.id), "\(name):\(m.line)") }
    }
    for m in CatalogTranslation.messages(inCatalog: catalogData) {
      add(Source(context: m.context, id: m.id), "catalog: \(m.path)")
    }
    let fm = FileManager.default
    let names = ((try? fm.contentsOfDirectory(atPath: locales.path)) ?? []).filter { $0.hasSuffix(".po") }.sorted()
    var out: [Language] = []
    for name in names {
      let catalog: MessageCatalog
      do {
        catalog = try MessageCatalog(po: Array(try Data(contentsOf: locales.appendingPathComponent(name))), name: name)
      } catch let e as TemplateErrors {
        throw .setup(e.description)
      } catch {
        throw .setup("\(name): \(error.localizedDescription)")
      }
      var report = Language(file: name, language: catalog.language)
      report.messages = order.count
      for s in order {
        guard let t = catalog.translate(s.id, context: s.context) else {
          report.untranslated.append((sources[s]!, s.id))
          continue
        }
        report.translated += 1
        // A template message's `${name}`s are its child elements; a catalog text's `{name}`s its facts.
        let names = sources[s]!.hasPrefix("catalog: ") ? CatalogPlaceholders.names : MessageCatalog.elementNames
        let want = Set(names(s.id))
        let got = Set(names(t))
        if want != got {
          report.errors.append(
            "\(name): the translation of \"\(s.id)\" (\(sources[s]!)) has \(got.sorted()) where the English has \(want.sorted())")
        }
      }
      for e in catalog.entries {
        if sources[Source(context: e.context, id: e.id)] == nil {
          report.stale.append((e.line, e.id, "no template or catalog text says this any more"))
        } else if e.fuzzy {
          report.stale.append((e.line, e.id, "marked fuzzy: the translation waits for a check"))
        }
      }
      out.append(report)
    }
    return out
  }
}

/// The `{fact}` and `{name}` placeholders of catalog texts.
enum CatalogPlaceholders {
  static func names(_ s: String) -> [String] {
    var out: [String] = []
    var rest = Substring(s)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      // `{fact|words}`: the words after `|` are text to translate; the fact must stay.
      out.append(String(rest[rest.index(after: open)..<close].prefix { $0 != "|" }))
      rest = rest[rest.index(after: close)...]
    }
    return out
  }
}
