public import Foundation
public import IMPRules
public import XMLTemplates

/// The translations beside a template folder: `locale/<language>.po`, one file a language.
///
/// Each file translates both the templates' marked text and the catalog's texts; adding
/// a language is adding its file, with no change to code.
public enum Locales {
  /// One `.po` file of a locale folder, read but not yet parsed.
  public struct Source: Sendable {
    /// The file's name (`fr.po`), as errors give it.
    public var name: String
    /// The language its header declares (``XMLTemplates/MessageCatalog/declaredLanguage(po:name:)``).
    public var language: String
    public var bytes: [UInt8]
  }

  /// Every `.po` file of `folder` (none when it does not exist), in name order, with the
  /// language each declares; the files are read, not parsed (``translate(_:catalog:)``).
  public static func sources(_ folder: URL) throws(PacketError) -> [Source] {
    let fm = FileManager.default
    guard fm.fileExists(atPath: folder.path) else { return [] }
    let names: [String]
    do { names = try fm.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".po") }.sorted() } catch {
      throw .setup("cannot read the locale folder \(folder.path): \(error.localizedDescription)")
    }
    var out: [Source] = []
    var problems: [String] = []
    for name in names {
      do {
        let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
        out.append(Source(name: name, language: MessageCatalog.declaredLanguage(po: bytes, name: name), bytes: bytes))
      } catch {
        problems.append("\(name): \(error.localizedDescription)")
      }
    }
    if !problems.isEmpty { throw .setup(problems.joined(separator: "\n")) }
    return out
  }

  /// The translations of `source` and the catalog text `catalog` (the English catalog's,
  /// read and checked once) translated by them; every problem of the file at once.
  public static func translate(_ source: Source, catalog text: Catalog.CheckedText) throws(PacketError)
    -> (messages: MessageCatalog, catalog: Catalog)
  {
    let messages: MessageCatalog
    do { messages = try MessageCatalog(po: source.bytes, name: source.name) } catch { throw .setup(error.description) }
    guard messages.language == source.language else {
      throw .setup(
        "\(source.name): its header, read whole, declares the language \(messages.language), not \(source.language); put the header (msgid \"\") first, as gettext writes it")
    }
    do {
      return (messages, try Catalog.decode(text) { messages.translate($0, context: $1) })
    } catch {
      throw .setup("\(source.name): the catalog as translated: \(error.message)")
    }
  }
}

extension PacketBuilder {
  /// The locale folder of a template folder: `locale/` beside it (`Templates/locale` for
  /// `Templates/packet`).
  public static func localeFolder(templates: URL) -> URL {
    templates.standardizedFileURL.deletingLastPathComponent().appendingPathComponent("locale")
  }
}

/// One language of a ``PacketBuilder``: the builder in that language, made the first time a
/// profile asks for it, by whichever thread asks first (the others wait for it), and kept.
///
/// Reading `fr.po` and the catalog as it translates it was half of the tool's start-up
/// (280 M of 537 M instructions, some 50 ms), paid by every command and every batch worker
/// whether or not any profile was in French. A file that cannot be used fails the profiles
/// that ask for its language, each with the same error naming the file, and no other.
final class PendingTranslation: @unchecked Sendable {
  private let make: @Sendable () throws(PacketError) -> PacketBuilder
  // Guards `made`.
  private let lock = NSLock()
  private var made: Result<PacketBuilder, PacketError>?

  init(make: @escaping @Sendable () throws(PacketError) -> PacketBuilder) { self.make = make }

  func builder() throws(PacketError) -> PacketBuilder {
    lock.lock()
    defer { lock.unlock() }
    if made == nil { made = Result { () throws(PacketError) in try make() } }
    return try made!.get()
  }
}
