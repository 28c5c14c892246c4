/// A compiled XHTML or XML template, ready to render any number of contexts.
///
/// The template is parsed by libxml2 once, checked, and compiled to a program in
/// which static markup is already serialized. Rendering never touches libxml2,
/// so one `Template` can be shared by every thread of a batch.
public struct Template: Sendable {
  /// The name errors report (the file name, relative to its folder).
  public let name: String
  public let mode: OutputMode
  let program: [Node]
  /// The messages it marks for translation (`i18n:translate`, `i18n:attributes`), by line.
  public let messages: [(id: String, line: Int)]

  /// Compiles a standalone template (no `t:replace` of other files).
  public init(bytes: [UInt8], name: String, mode: OutputMode) throws(TemplateErrors) {
    let document: XMLDocument
    do { document = try XMLDocument(template: bytes, name: name) } catch { throw TemplateErrors([error]) }
    var compiler = Compiler(document: document, mode: mode, resolveFragment: nil)
    let program = compiler.compileDocument()
    if !compiler.errors.isEmpty { throw TemplateErrors(compiler.errors) }
    self.init(name: name, mode: mode, program: program, messages: compiler.messages)
  }

  init(name: String, mode: OutputMode, program: [Node], messages: [(id: String, line: Int)]) {
    self.name = name
    self.mode = mode
    self.program = program
    self.messages = messages
  }

  /// Renders `context` (its keys are the template's top-level names) to UTF-8 bytes.
  ///
  /// Every value is escaped as text or attribute content; a name the context does not
  /// define is an error that gives this template's name, the line and the directive.
  /// With `messages`, text marked `i18n:translate` (and `i18n:attributes`) is written in their
  /// language wherever they translate it; without, the template's own (English) text is.
  public func render(_ context: [String: TemplateValue], messages: MessageCatalog? = nil) throws(TemplateError)
    -> [UInt8]
  {
    var r = Renderer(file: name, mode: mode, messages: messages, scope: Scope(root: context))
    r.out.reserveCapacity(16 * 1024)
    try r.render(program)
    if r.out.count > TemplateLimits.maxOutputBytes {
      throw TemplateError(
        file: name, line: 0, directive: nil,
        message: "the page passes \(TemplateLimits.maxOutputBytes >> 20) MiB (TemplateLimits.maxOutputBytes)",
        exceedsLimit: true)
    }
    return r.out
  }

  public func renderString(_ context: [String: TemplateValue], messages: MessageCatalog? = nil) throws(TemplateError)
    -> String
  {
    String(decoding: try render(context, messages: messages), as: UTF8.self)
  }
}
