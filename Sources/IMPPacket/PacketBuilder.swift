public import Foundation
public import IMPRules
public import XMLTemplates
import ZipPacket
import Crypto
import DefaultTemplates
import PDFRender

/// Builds submission packets: profile → plan (with its category and pages) → files
/// (``PacketFile``) → manifest written from them → zip bytes, checked against that manifest.
///
/// Templates are compiled once when the builder is made and shared by every packet it
/// builds, on any thread.
public struct PacketBuilder: Sendable {
  public static let toolName = "imp-packet"
  public static let toolVersion = "0.1.0"

  public let catalog: Catalog
  public let templates: TemplateSet
  public let planner: Planner
  /// The question lists and IRCC code lists the form data sheets are made from.
  public let forms: FormLibrary
  /// SHA-256 over the template folder (``templatesDigest(_:)``), recorded in every
  /// manifest so that `batch --resume` knows whether a packet was made by these templates.
  public let templatesSHA256: String
  /// The language this builder writes pages in (`en`: the templates and catalog as written).
  public let language: String
  /// Its translations (nil for English).
  let messages: MessageCatalog?
  /// The same builder in each language a `.po` file translates into, by language code,
  /// made when a profile first asks for it.
  let translations: [String: PendingTranslation]
  /// What a profile's `category`, `language` and `provided` ids must name: this catalog's
  /// categories and checklist items, and the languages packets can be written in
  /// (``languages``). Made once, with the builder.
  public let vocabulary: ProfileVocabulary

  /// One page of the packet: its file name, the template that makes it, and what it is.
  struct Page: Sendable {
    var file: String
    var template: String
    /// A ``Wording`` phrase key for the tool's own pages; the catalog's title for a category's letters.
    var title: String
    var employerSpecificOnly = false
    /// The family member (``Plan/Member/member``) whose application the page is.
    var member: String? = nil
    var titleIsPhrase = true
    /// The form whose data sheet the page is (`IMM 5710`), for ``formSheetTemplate``.
    var form: String? = nil

    /// What the page is, as the cover sheet lists it: the phrase `title` with the page's
    /// form (`{form}`), family member (`{member}`, its id) and that member as pages name
    /// them (`{person}`) filled in.
    func title(_ w: Wording) -> String {
      guard titleIsPhrase else { return title }
      var values: [String: String] = [:]
      if let form { values["form"] = form }
      if let member {
        values["member"] = member
        values["person"] = w.person(member)
      }
      return w.phrase(title, values)
    }
  }

  /// The template of every form data sheet (`forms/IMM-5710-data.html`).
  static let formSheetTemplate = "form-data-sheet.xhtml"

  static let pages: [Page] = [
    Page(file: "00-cover-sheet.html", template: "cover-sheet.xhtml", title: "page.cover-sheet"),
    Page(file: "01-document-checklist.html", template: "document-checklist.xhtml", title: "page.document-checklist"),
    Page(file: "02-fee-breakdown.html", template: "fee-breakdown.xhtml", title: "page.fee-breakdown"),
    Page(file: "03-cover-letter.html", template: "cover-letter.xhtml", title: "page.cover-letter"),
    Page(
      file: "04-employer-summary.html", template: "employer-summary.xhtml",
      title: "page.employer-summary", employerSpecificOnly: true),
  ]
  /// The letter of explanation (Client Information), added when the case has a fact to explain.
  static let explanationPage = Page(
    file: "06-letter-of-explanation.html", template: "letter-of-explanation.xhtml",
    title: "page.letter-of-explanation")
  static let planFile = "plan.json"
  static let manifestFile = "manifest.xml"

  /// `forms` defaults to the question lists that ship with the tool.
  public init(catalog: Catalog, templates: TemplateSet, forms: FormLibrary? = nil) throws(PacketError) {
    let letters = catalog.categories.flatMap { $0.letters ?? [] }.map(\.template)
    let needed =
      (PacketBuilder.pages + PacketBuilder.bundlePages + PacketBuilder.offerPages + [PacketBuilder.explanationPage])
      .map(\.template) + letters + [PacketBuilder.formSheetTemplate, PacketBuilder.memberTemplate, PacketBuilder.memberLetterTemplate]
    let missing = needed.filter { templates[$0] == nil }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    if !missing.isEmpty {
      throw .setup("the template folder lacks \(missing.joined(separator: ", "))")
    }
    try PacketBuilder.checkLetterNames(catalog)
    self.catalog = catalog
    self.templates = templates
    self.planner = Planner(catalog: catalog)
    self.templatesSHA256 = PacketBuilder.templatesDigest(templates)
    if let forms {
      self.forms = forms
    } else {
      guard let folder = DefaultTemplatesResource.forms else {
        throw .setup("cannot find the form question lists that ship with imp-packet")
      }
      do { self.forms = try FormLibrary.load(folder) } catch { throw .setup(error.description) }
    }
    self.language = "en"
    self.messages = nil
    self.translations = [:]
    self.vocabulary = ProfileVocabulary(catalog: catalog, languages: ["en"])
  }

  /// A builder for English and for each language of `sources` (``Locales/sources(_:)``),
  /// each made from its file and the catalog text `text` when a profile first asks for it.
  init(catalog: Catalog, text: Catalog.CheckedText, templates: TemplateSet, sources: [Locales.Source]) throws(PacketError) {
    let english = try PacketBuilder(catalog: catalog, templates: templates)
    var translations: [String: PendingTranslation] = [:]
    for source in sources {
      translations[source.language] = PendingTranslation { () throws(PacketError) in
        let (messages, translated) = try Locales.translate(source, catalog: text)
        return try english.translated(messages, catalog: translated)
      }
    }
    self.catalog = catalog
    self.templates = templates
    self.planner = english.planner
    self.forms = english.forms
    self.templatesSHA256 = english.templatesSHA256
    self.language = "en"
    self.messages = nil
    self.translations = translations
    self.vocabulary = ProfileVocabulary(catalog: catalog, languages: (["en"] + translations.keys).sorted())
  }

  /// This (English) builder in the language of `messages`, with `catalog` as it translates it.
  private func translated(_ messages: MessageCatalog, catalog: Catalog) throws(PacketError) -> PacketBuilder {
    try PacketBuilder(
      catalog: catalog, templates: templates, language: messages.language, messages: messages,
      digest: PacketBuilder.templatesDigest(templatesSHA256, messages), forms: forms)
  }

  private init(
    catalog: Catalog, templates: TemplateSet, language: String, messages: MessageCatalog, digest: String,
    forms: FormLibrary
  ) throws(PacketError) {
    try PacketBuilder.checkLetterNames(catalog)
    self.catalog = catalog
    self.templates = templates
    self.planner = Planner(catalog: catalog)
    self.forms = forms
    self.templatesSHA256 = digest
    self.language = language
    self.messages = messages
    self.translations = [:]
    self.vocabulary = ProfileVocabulary(catalog: catalog, languages: ["en"])
  }

  /// The languages packets can be written in: `en` and each translation, sorted.
  public var languages: [String] { (["en"] + translations.keys).sorted() }

  /// This builder in `language` (`en`, or one of ``languages``).
  public func speaking(_ language: String) throws(PacketError) -> PacketBuilder {
    if language == self.language { return self }
    if language == "en", self.language != "en" {
      throw .setup("a translated builder does not switch back to English")
    }
    guard let pending = translations[language] else {
      throw .plan(
        PlanError(
          path: "language",
          message: ProfileVocabulary.noTranslation(language, in: languages)))
    }
    return try pending.builder()
  }

  /// SHA-256 over every template file, in name order: for each, its name, a NUL byte,
  /// its length in decimal, a NUL byte, then its bytes. Renaming, adding, removing or
  /// changing any template changes it.
  static func templatesDigest(_ templates: TemplateSet) -> String {
    var hash = SHA256()
    for (name, bytes) in templates.sources.sorted(by: { $0.key < $1.key }) {
      hash.update(data: Array(name.utf8) + [0] + Array(String(bytes.count).utf8) + [0])
      hash.update(data: bytes)
    }
    return hex(hash.finalize())
  }

  /// The digest of a translated packet's templates: the templates' digest, then each entry
  /// of the translation that is used (context, English, translation, each followed by a NUL
  /// byte), so that a changed translation makes `--resume` write the packet again.
  static func templatesDigest(_ templates: String, _ messages: MessageCatalog) -> String {
    var hash = SHA256()
    hash.update(data: Array(templates.utf8) + [0] + Array(messages.language.utf8) + [0])
    for e in messages.entries where !e.fuzzy && !e.translation.isEmpty {
      hash.update(data: Array((e.context ?? "").utf8) + [0] + Array(e.id.utf8) + [0] + Array(e.translation.utf8) + [0])
    }
    return hex(hash.finalize())
  }

  /// Loads the catalog and templates that ship with the tool, or the ones given.
  public static func load(templates: URL? = nil, catalog: URL? = nil) throws(PacketError) -> PacketBuilder {
    guard let templatesURL = templates ?? DefaultTemplatesResource.packet,
      let catalogURL = catalog ?? DefaultTemplatesResource.catalog
    else {
      throw .setup("cannot find the templates and catalog that ship with imp-packet; pass --templates and --catalog")
    }
    // The catalog's text is read and checked once, for English and for every translation.
    let text: Catalog.CheckedText
    let c: Catalog
    do {
      text = try Catalog.CheckedText.read(catalogURL)
      c = try Catalog.decode(text)
    } catch { throw .setup(error.description) }
    let t: TemplateSet
    do { t = try TemplateSet(directory: templatesURL) } catch { throw .setup(error.description) }
    let sources = try Locales.sources(PacketBuilder.localeFolder(templates: templatesURL))
    return try PacketBuilder(catalog: c, text: text, templates: t, sources: sources)
  }

  /// A plan with what its packet holds: the category it was made in and its pages.
  public struct PacketPlan: Sendable {
    public let planned: Planner.Planned
    /// The standard pages the permit needs, then the category's letters.
    let pages: [Page]

    public var plan: Plan { planned.plan }
    public var category: Catalog.Category { planned.category }
  }

  /// Plans `profile` and lays out its packet's pages.
  public func packetPlan(_ profile: Profile) throws(PacketError) -> PacketPlan {
    if profile.language != language { return try speaking(profile.language).packetPlan(profile) }
    let planned: Planner.Planned
    do { planned = try planner.planned(profile) } catch { throw .plan(error) }
    let plan = planned.plan
    let letters = (planned.category.letters ?? []).map {
      Page(file: $0.file, template: $0.template, title: $0.title, titleIsPhrase: false)
    }
    let explains = !planned.letters.coverLetter.explanations.isEmpty
    let sheets = plan.forms.filter { forms.forms[$0] != nil }.map {
      Page(
        file: FormLibrary.sheetFile($0), template: PacketBuilder.formSheetTemplate,
        title: "page.form-data-sheet",
        form: $0)
    }
    // The submission letter is the representative's when one is named, the applicant's own otherwise.
    let own = PacketBuilder.pages.filter { !$0.employerSpecificOnly || plan.category.permit == .employerSpecific }.map {
      var page = $0
      if profile.representative == nil, page.title == "page.cover-letter" { page.title = "page.cover-letter.self" }
      return page
    }
    let pages =
      own + letters
      + (explains ? [PacketBuilder.explanationPage] : []) + sheets + PacketBuilder.memberPages(plan)
    return PacketPlan(planned: planned, pages: pages)
  }

  /// The files of the packet for `profile`, in their fixed order: its pages, `plan.json`
  /// and last the manifest written from them.
  public func files(profile: Profile, profileBytes: [UInt8], plan packet: PacketPlan) throws(PacketError) -> [PacketFile] {
    try filesAndNotes(profile: profile, profileBytes: profileBytes, plan: packet, upload: nil).files
  }

  /// What `--pdf` adds to one packet: the client's scans, the channel, the renderer.
  struct UploadRequest {
    var documents: [ClientDocument]
    /// Each family member's own scans (`--documents DIR/<member>/`), by ``Plan/Member/member``.
    var memberDocuments: [String: [ClientDocument]] = [:]
    var channel: UploadCatalog.Channel
    var renderer: PDFRenderer
    /// Seconds since 1970 recorded as the PDFs' creation and modification time.
    var created: Int64
  }

  /// The files of the packet, with `upload/` when `upload` is given, and notes for the user
  /// (slots whose images were downsampled to fit their cap).
  func filesAndNotes(profile: Profile, profileBytes: [UInt8], plan packet: PacketPlan, upload: UploadRequest?)
    throws(PacketError) -> (files: [PacketFile], notes: [String])
  {
    if profile.language != language {
      return try speaking(profile.language).filesAndNotes(
        profile: profile, profileBytes: profileBytes, plan: packet, upload: upload)
    }
    let plan = packet.plan
    let layouts = upload.flatMap { u in catalog.uploads.map { uploadLayouts($0, profile, packet, u) } }
    let layout = layouts?.applicant
    let w = catalog.wording
    let uploadContents = ([layout].compactMap { $0 } + (layouts?.members.map(\.layout) ?? [])).flatMap(\.slots)
      .filter(\.hasContent).map {
        (name: $0.fileName, title: w.phrase("upload.title", ["number": String($0.number), "slot": $0.slot.portalName]))
      }
    let contents =
      packet.pages.map { (name: $0.file, title: $0.title(w)) } + uploadContents + [
        (name: PacketBuilder.planFile, title: w.phrase("page.plan")),
        (name: PacketBuilder.manifestFile, title: w.phrase("page.manifest")),
      ]
    var context = PacketContext.make(profile: profile, planned: packet.planned, catalog: catalog, files: contents)
    if let layout { PacketContext.addUploads(layout, wording: w, to: &context) }
    let sheets = formSheets(profile, packet)
    PacketContext.addForms(sheets, wording: catalog.wording, to: &context)
    var files: [PacketFile] = []
    for page in packet.pages {
      var pageContext =
        page.member.map { member in
          var c = PacketContext.member(member, of: plan, wording: catalog.wording, to: context)
          if let l = layouts?.members.first(where: { $0.member.member == member }) { PacketContext.addMemberUploads(l.layout, wording: w, to: &c) }
          return c
        } ?? context
      if let form = page.form, let sheet = sheets.first(where: { $0.form == form }) {
        pageContext["sheet"] = PacketContext.sheetValue(sheet)
        pageContext["page"] = ["title": .string(catalog.wording.phrase("page.form-data-sheet.title", ["form": form, "caseId": profile.caseId]))]
      }
      files.append(PacketFile(name: page.file, mediaType: .html, bytes: try render(page.template, pageContext)))
    }
    var notes: [String] = []
    if let layout, let upload {
      let applicant = "\(profile.applicant.givenNames) \(profile.applicant.familyName)"
      var metadata = PDFMetadata(
        title: w.phrase("pdf.title", ["name": applicant, "caseId": profile.caseId]),
        author: profile.representative?.name ?? applicant,
        subject: "\(plan.category.title) (\(plan.category.code))", language: profile.language, created: upload.created,
        identifier: [])
      metadata.stamp = w.phrase("pdf.stamp", ["name": applicant, "caseId": profile.caseId])
      // The applicant's slots, then each member's: every slot over its cap is reported at once.
      var made: [UploadFile] = []
      var problems: [String] = []
      func collect(
        _ member: Plan.Member? = nil, _ render: () throws(PacketError) -> (files: [UploadFile], notes: [String])
      ) throws(PacketError) {
        do {
          let r = try render()
          made += r.files
          notes += r.notes
        } catch {
          guard case .uploads(let list) = error else { throw error }
          // A member's slot is named with whose application it is (`spouse: upload slot …`), by id, not name.
          problems += list.map { p in member.map { "\($0.member): \(p)" } ?? p }
        }
      }
      let pages = Dictionary(files.map { ($0.name, $0.bytes) }, uniquingKeysWith: { a, _ in a })
      try collect { () throws(PacketError) in
        try UploadRenderer(
          layout: layout, renderer: upload.renderer, metadata: metadata,
          itemTitles: Dictionary(plan.checklist.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        ).render(pages: pages)
      }
      for (member, memberLayout) in layouts?.members ?? [] {
        try collect(member) { () throws(PacketError) in
          try memberUploads(
            member, memberLayout, plan: plan, caseId: profile.caseId, context: context, upload: upload, metadata: metadata)
        }
      }
      if !problems.isEmpty { throw .uploads(problems) }
      for f in made {
        files.append(PacketFile(name: f.name, mediaType: MediaType(rawValue: f.mediaType), slot: f.slot, bytes: f.bytes))
      }
    }
    files.append(PacketFile(name: PacketBuilder.planFile, mediaType: .json, bytes: PlanJSON.bytes(plan)))
    let header = ManifestHeader(
      caseId: profile.caseId, createdOn: profile.submission.date, catalogVersion: catalog.catalogVersion,
      templatesSHA256: templatesSHA256, sourceBytes: profileBytes, category: plan.category,
      eligible: plan.eligibility.eligible)
    files.append(try PacketManifest.file(for: files, header: header))
    return (files, notes)
  }

  /// The data sheet of each form of the plan that has a question list.
  public func formSheets(_ profile: Profile, _ packet: PacketPlan) -> [FormSheet] {
    let answerer = FormAnswerer(lists: forms.lists)
    let c = FormCase(categoryId: packet.category.id, permit: packet.plan.category.permit.rawValue)
    return packet.plan.forms.compactMap { forms.forms[$0] }.map { answerer.sheet($0, profile: profile, case: c) }
  }

  /// The bytes of one template rendered with `context`.
  func render(_ template: String, _ context: [String: TemplateValue]) throws(PacketError) -> [UInt8] {
    guard let t = templates[template] else { throw .setup("the template folder lacks \(template)") }
    do { return try t.render(context, messages: messages) } catch { throw .template(error) }
  }

  /// The zip of `files`, checked against its own manifest before anyone sees it: a packet
  /// that `verify` would reject is an error here, never a file on disk.
  ///
  /// Without a password the zip is read back structurally (``ZipArchive/build(_:options:readBack:)``:
  /// it holds exactly these files' bytes) and the files are checked against the manifest in
  /// memory, which is what `verify` of the zip would find without inflating and hashing it
  /// all again; an encrypted packet is verified whole, through its password.
  static func zip(_ files: [PacketFile], options: ZipOptions) throws(PacketError) -> [UInt8] {
    let bytes: [UInt8]
    let entries = files.map(\.zipEntry)
    let readBack = options.password == nil
    do { bytes = try ZipArchive.build(entries, options: options, readBack: readBack) } catch { throw .output(error) }
    let check: PacketVerification
    do {
      check =
        readBack
        ? try PacketVerifier.verify(entries: entries) : try PacketVerifier.verify(bytes: bytes, password: options.password)
    } catch {
      throw .output(ZipError(.archive, "the packet cannot be read back: \(error)"))
    }
    guard check.intact, check.matched == files.count - 1 else {
      throw .output(
        ZipError(
          .archive,
          "the packet does not match its own manifest: \(check.problems.map(\.description).joined(separator: "; "))"))
    }
    return bytes
  }

  static func sha256(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

  static func hex(_ digest: SHA256.Digest) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for b in digest {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 15)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
