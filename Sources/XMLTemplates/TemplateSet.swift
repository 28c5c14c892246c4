public import Foundation

/// Every template of one folder, compiled together so they can share fragments.
///
/// `*.xhtml` files render as HTML5, `*.xml` files as XML. A file whose name starts with
/// `_` holds only fragments (letterhead, signature block, print CSS) that pages pull in
/// with `t:replace="_parts.xhtml :: letterhead"`; it is compiled and checked but is not
/// a page of its own.
public struct TemplateSet: Sendable {
  public let templates: [String: Template]
  /// The bytes each template was compiled from, by file name: what a digest of the
  /// template folder covers.
  public let sources: [String: [UInt8]]

  /// Compiles `files` (name → bytes), reporting every problem in every file at once.
  public init(files: [String: [UInt8]]) throws(TemplateErrors) {
    let files = files.filter { TemplateSet.mode(of: $0.key) != nil }
    var documents: [String: XMLDocument] = [:]
    var errors: [TemplateError] = []
    for (name, bytes) in files.sorted(by: { $0.key < $1.key }) {
      do { documents[name] = try XMLDocument(template: bytes, name: name) } catch { errors.append(error) }
    }

    let resolver = FragmentCompiler(documents: documents)
    var templates: [String: Template] = [:]
    for (name, document) in documents.sorted(by: { $0.key < $1.key }) {
      let mode = TemplateSet.mode(of: name)!
      var compiler = Compiler(document: document, mode: mode, resolveFragment: resolver.resolve)
      let program = compiler.compileDocument()
      // A fragment shared by several pages reports its problem once.
      errors += compiler.errors.filter { !errors.contains($0) }
      templates[name] = Template(name: name, mode: mode, program: program, messages: compiler.messages)
    }
    if !errors.isEmpty { throw TemplateErrors(errors) }
    self.templates = templates
    self.sources = files
  }

  /// Reads and compiles every template in `directory` (not its subfolders).
  public init(directory: URL) throws(TemplateErrors) {
    var files: [String: [UInt8]] = [:]
    var refused: [TemplateError] = []
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder), !isFolder.boolValue {
      // Foundation would say only "NSCocoaErrorDomain error 256".
      throw TemplateErrors([
        TemplateError(file: directory.path, line: 0, directive: nil, message: "is a file; --templates names the folder of the templates")
      ])
    }
    do {
      for name in try FileManager.default.contentsOfDirectory(atPath: directory.path)
      where TemplateSet.mode(of: name) != nil {
        let url = directory.appendingPathComponent(name)
        // Size and kind before reading: a FIFO would block, a huge file would be read whole.
        let attributes = try FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path)
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        if attributes[.type] as? FileAttributeType != .typeRegular {
          refused.append(TemplateError(file: name, line: 0, directive: nil, message: "not a regular file"))
        } else if size > TemplateLimits.maxFileBytes {
          refused.append(TemplateLimits.fileTooLarge(name, bytes: size))
        } else {
          files[name] = Array(try Data(contentsOf: url))
        }
      }
    } catch {
      throw TemplateErrors([
        TemplateError(file: directory.path, line: 0, directive: nil, message: "cannot read the template folder: \(error.localizedDescription)")
      ])
    }
    if !refused.isEmpty {
      var errors = refused
      do { _ = try TemplateSet(files: files) } catch { errors += error.errors }
      throw TemplateErrors(errors.sorted { $0.file < $1.file })
    }
    try self.init(files: files)
  }

  public subscript(name: String) -> Template? { templates[name] }

  /// The names of the pages (not `_` fragment files), sorted.
  public var pageNames: [String] { templates.keys.filter { !$0.hasPrefix("_") }.sorted() }

  static func mode(of name: String) -> OutputMode? {
    if name.hasSuffix(".xhtml") { return .html }
    if name.hasSuffix(".xml") { return .xml }
    return nil
  }
}

/// Compiles fragments on demand while pages compile, each once however often it is
/// pulled in, refusing cycles.
private final class FragmentCompiler {
  let documents: [String: XMLDocument]
  var inProgress: Set<String> = []
  var compiled: [String: Result<CompiledFragment, TemplateError>] = [:]

  init(documents: [String: XMLDocument]) { self.documents = documents }

  func resolve(file: String, fragment: String) -> Result<CompiledFragment, TemplateError> {
    let key = "\(file) :: \(fragment)"
    if let done = compiled[key] { return done }
    guard let document = documents[file], let mode = TemplateSet.mode(of: file) else {
      return .failure(TemplateError(file: file, line: 0, directive: nil, message: "no template file '\(file)' in this folder"))
    }
    guard !inProgress.contains(key) else {
      return .failure(TemplateError(file: file, line: 0, directive: nil, message: "fragment '\(key)' includes itself"))
    }
    inProgress.insert(key)
    defer { inProgress.remove(key) }
    var compiler = Compiler(document: document, mode: mode, resolveFragment: resolve)
    guard let nodes = compiler.compileFragment(named: fragment) else {
      return .failure(TemplateError(file: file, line: 0, directive: nil, message: "no t:fragment=\"\(fragment)\" in '\(file)'"))
    }
    let result: Result<CompiledFragment, TemplateError> =
      if let first = compiler.errors.first {
        .failure(first)
      } else {
        .success(CompiledFragment(nodes: nodes, elements: compiler.expandedElements, depth: compiler.deepest))
      }
    compiled[key] = result
    return result
  }
}
