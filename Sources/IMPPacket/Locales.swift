public import Foundation
public import IMPRules
public import XMLTemplates

/// The translations beside a template folder: `locale/<language>.po`, one file a language.
///
/// Each file translates both the templates' marked text and the catalog's texts; adding
/// a language is adding its file, with no change to code.
public enum Locales {
  /// Reads every `.po` file of `folder` (none when it does not exist) and the catalog text
  /// `catalog` (the English catalog's, read and checked once) translated by each.
  public static func load(_ folder: URL, catalog text: Catalog.CheckedText) throws(PacketError)
    -> [(messages: MessageCatalog, catalog: Catalog)]
  {
    let fm = FileManager.default
    guard fm.fileExists(atPath: folder.path) else { return [] }
    let names: [String]
    do { names = try fm.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".po") }.sorted() } catch {
      throw .setup("cannot read the locale folder \(folder.path): \(error.localizedDescription)")
    }
    guard !names.isEmpty else { return [] }
    var out: [(MessageCatalog, Catalog)] = []
    var problems: [String] = []
    for name in names {
      do {
        let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
        let messages = try MessageCatalog(po: bytes, name: name)
        let translated = try Catalog.decode(text) { messages.translate($0, context: $1) }
        out.append((messages, translated))
      } catch let e as TemplateErrors {
        problems.append(e.description)
      } catch let e as CatalogError {
        problems.append("\(name): the catalog as translated: \(e.message)")
      } catch {
        problems.append("\(name): \(error.localizedDescription)")
      }
    }
    if !problems.isEmpty { throw .setup(problems.joined(separator: "\n")) }
    return out
  }
}

extension PacketBuilder {
  /// The locale folder of a template folder: `locale/` beside it (`Templates/locale` for
  /// `Templates/packet`).
  public static func localeFolder(templates: URL) -> URL {
    templates.standardizedFileURL.deletingLastPathComponent().appendingPathComponent("locale")
  }
}
