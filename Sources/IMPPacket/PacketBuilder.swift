public import Foundation
public import IMPRules
public import XMLTemplates
public import ZipPacket
import Crypto
import DefaultTemplates
import PDFRender

/// Builds submission packets: profile → plan → rendered pages → manifest → zip bytes.
///
/// Templates are compiled once when the builder is made and shared by every packet it
/// builds, on any thread.
public struct PacketBuilder: Sendable {
  public static let toolName = "imp-packet"
  public static let toolVersion = "0.1.0"

  public let catalog: Catalog
  public let templates: TemplateSet
  public let planner: Planner
  /// SHA-256 over the template folder (``templatesDigest(_:)``), recorded in every
  /// manifest so that `batch --resume` knows whether a packet was made by these templates.
  public let templatesSHA256: String

  /// One page of the packet: its file name, the template that makes it, and what it is.
  struct Page: Sendable {
    var file: String
    var template: String
    var title: String
    var employerSpecificOnly = false
  }

  static let pages: [Page] = [
    Page(file: "00-cover-sheet.html", template: "cover-sheet.xhtml", title: "Cover sheet: case, applicant, category and contents"),
    Page(file: "01-document-checklist.html", template: "document-checklist.xhtml", title: "Document checklist: every item, why it is needed, its status"),
    Page(file: "02-fee-breakdown.html", template: "fee-breakdown.xhtml", title: "Fee breakdown: each fee, who pays it, its legal basis"),
    Page(file: "03-cover-letter.html", template: "cover-letter.xhtml", title: "Cover letter to IRCC"),
    Page(
      file: "04-employer-summary.html", template: "employer-summary.xhtml",
      title: "Employer summary: the offer of employment", employerSpecificOnly: true),
  ]
  static let planFile = "plan.json"
  static let manifestFile = "manifest.xml"
  static let manifestTemplate = "manifest.xml"

  public init(catalog: Catalog, templates: TemplateSet) throws(PacketError) {
    let letters = catalog.categories.flatMap { $0.letters ?? [] }.map(\.template)
    let needed =
      (PacketBuilder.pages + PacketBuilder.bundlePages + PacketBuilder.offerPages).map(\.template)
      + [PacketBuilder.manifestTemplate] + letters
    let missing = needed.filter { templates[$0] == nil }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    if !missing.isEmpty {
      throw .setup("the template folder lacks \(missing.joined(separator: ", "))")
    }
    self.catalog = catalog
    self.templates = templates
    self.planner = Planner(catalog: catalog)
    self.templatesSHA256 = PacketBuilder.templatesDigest(templates)
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

  /// Loads the catalog and templates that ship with the tool, or the ones given.
  public static func load(templates: URL? = nil, catalog: URL? = nil) throws(PacketError) -> PacketBuilder {
    guard let templatesURL = templates ?? DefaultTemplatesResource.packet,
      let catalogURL = catalog ?? DefaultTemplatesResource.catalog
    else {
      throw .setup("cannot find the templates and catalog that ship with imp-packet; pass --templates and --catalog")
    }
    let c: Catalog
    do { c = try Catalog.load(catalogURL) } catch { throw .setup(error.description) }
    let t: TemplateSet
    do { t = try TemplateSet(directory: templatesURL) } catch { throw .setup(error.description) }
    return try PacketBuilder(catalog: c, templates: t)
  }

  /// The files of the packet for `profile` (HTML pages, plan, manifest), in their fixed order.
  public func files(profile: Profile, profileBytes: [UInt8], plan: Plan) throws(PacketError) -> [ZipEntry] {
    try filesAndNotes(profile: profile, profileBytes: profileBytes, plan: plan, upload: nil).entries
  }

  /// What `--pdf` adds to one packet: the client's scans, the channel, the renderer.
  struct UploadRequest {
    var documents: [ClientDocument]
    var channel: UploadCatalog.Channel
    var renderer: PDFRenderer
    /// Seconds since 1970 recorded as the PDFs' creation and modification time.
    var created: Int64
  }

  /// The files of the packet for `profile`, in their fixed order, and notes for the user
  /// (slots whose images were downsampled to fit their cap).
  func filesAndNotes(profile: Profile, profileBytes: [UInt8], plan: Plan, upload: UploadRequest?) throws(PacketError)
    -> (entries: [ZipEntry], notes: [String])
  {
    let letters = (catalog.category(idOrCode: plan.category.id)?.letters ?? []).map {
      Page(file: $0.file, template: $0.template, title: $0.title)
    }
    let pages =
      PacketBuilder.pages.filter { !$0.employerSpecificOnly || plan.category.permit == .employerSpecific } + letters
    let layout = upload.flatMap { u in
      catalog.uploads.map {
        UploadLayout.make(
          uploads: $0, plan: plan, facts: Facts(profile: profile), pages: pages.map { ($0.file, $0.template) },
          documents: u.documents, channel: u.channel)
      }
    }
    let uploadContents = (layout?.slots ?? []).filter(\.hasContent).map {
      (name: $0.fileName, title: "Upload slot \($0.number): \($0.slot.portalName), ready to upload")
    }
    let contents =
      pages.map { (name: $0.file, title: $0.title) } + uploadContents + [
        (name: PacketBuilder.planFile, title: "The plan in machine-readable form (JSON)"),
        (name: PacketBuilder.manifestFile, title: "Manifest: every file with its SHA-256"),
      ]
    var context = PacketContext.make(profile: profile, plan: plan, catalog: catalog, files: contents)
    if let layout { PacketContext.addUploads(layout, to: &context) }
    var entries: [ZipEntry] = []
    for page in pages {
      do {
        entries.append(ZipEntry(name: page.file, data: try templates[page.template]!.render(context)))
      } catch {
        throw .template(error)
      }
    }
    var notes: [String] = []
    var slots: [String: String] = [:]
    if let layout, let upload {
      let applicant = "\(profile.applicant.givenNames) \(profile.applicant.familyName)"
      var metadata = PDFMetadata(
        title: "\(applicant), case \(profile.caseId)", author: profile.representative?.name ?? applicant,
        subject: "\(plan.category.title) (\(plan.category.code))", language: profile.language, created: upload.created,
        identifier: [])
      metadata.stamp = "Case \(profile.caseId) · \(applicant)"
      let made = try UploadRenderer(
        layout: layout, renderer: upload.renderer, metadata: metadata,
        itemTitles: Dictionary(plan.checklist.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
      ).render(pages: Dictionary(entries.map { ($0.name, $0.data) }, uniquingKeysWith: { a, _ in a }))
      for f in made.files {
        entries.append(ZipEntry(name: f.name, data: f.bytes))
        slots[f.name] = f.slot
      }
      notes = made.notes
    }
    entries.append(ZipEntry(name: PacketBuilder.planFile, data: PlanWriter.bytes(plan)))

    var base = context
    base["eligibility"] = ["eligibleText": .string(plan.eligibility.eligible ? "true" : "false")]
    entries.append(
      try manifest(
        for: entries, caseId: profile.caseId, sourceBytes: profileBytes, date: profile.submission.date, base: base,
        slots: slots))
    return (entries, notes)
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
