import IMPRules
import PDFRender
import XMLTemplates

extension PacketBuilder {
  /// The template of a family member's letter as it is uploaded: the letter of the member's
  /// page alone, signed (IRCC-FACTS §9: the letter names the code sought and the principal's application).
  static let memberLetterTemplate = "family-member-letter.xhtml"

  /// The name a member's letter is rendered under for its upload slot (it is no page of the packet).
  static func memberLetterFile(_ m: Plan.Member) -> String { "07-family-\(m.member)-letter.html" }

  /// The upload layouts of a packet: the applicant's (their pages and checklist, in `upload/`)
  /// and each family member's own application (the member's letter and checklist, with
  /// the member's scans, in `upload/<member>/`), all read from the catalog's `uploads`.
  func uploadLayouts(_ uploads: UploadCatalog, _ profile: Profile, _ packet: PacketPlan, _ u: UploadRequest)
    -> (applicant: UploadLayout, members: [(member: Plan.Member, layout: UploadLayout)])
  {
    let facts = Facts(profile: profile)
    let applicant = UploadLayout.make(
      uploads: uploads, checklist: packet.plan.checklist.map(\.id), facts: facts,
      pages: packet.pages.filter { $0.member == nil }.map { ($0.file, $0.template) }, documents: u.documents,
      channel: u.channel)
    let members = (packet.plan.family?.members ?? []).map { m in
      (
        member: m,
        layout: UploadLayout.make(
          uploads: uploads, checklist: m.checklist.map(\.id), facts: facts,
          pages: [(PacketBuilder.memberLetterFile(m), PacketBuilder.memberLetterTemplate)],
          documents: u.memberDocuments[m.member] ?? [], channel: u.channel, folder: "upload/\(m.member)")
      )
    }
    return (applicant, members)
  }

  /// The letter of `member` as its upload slot takes it (rendered, not a page of the packet).
  func memberLetter(_ member: Plan.Member, plan: Plan, context: [String: TemplateValue]) throws(PacketError) -> [UInt8] {
    try render(PacketBuilder.memberLetterTemplate, PacketContext.member(member.member, of: plan, wording: catalog.wording, to: context))
  }

  /// The upload files of `member`'s own application, each PDF titled and stamped with the member's name.
  func memberUploads(
    _ member: Plan.Member, _ layout: UploadLayout, plan: Plan, caseId: String, context: [String: TemplateValue],
    upload: UploadRequest, metadata applicant: PDFMetadata
  ) throws(PacketError) -> (files: [UploadFile], notes: [String]) {
    let letter = try memberLetter(member, plan: plan, context: context)
    var metadata = applicant
    metadata.title = catalog.wording.phrase("pdf.title", ["name": member.name, "caseId": caseId])
    metadata.subject = member.category.code.isEmpty ? member.category.title : "\(member.category.title) (\(member.category.code))"
    metadata.stamp = catalog.wording.phrase("pdf.stamp", ["name": member.name, "caseId": caseId])
    return try UploadRenderer(
      layout: layout, renderer: upload.renderer, metadata: metadata,
      itemTitles: Dictionary(member.checklist.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
    ).render(pages: [PacketBuilder.memberLetterFile(member): letter])
  }
}

extension PacketBuilder {
  /// Each family member's letter as `--pdf` uploads it, rendered once: `templates check`
  /// renders it with every sample, so a misspelled name in it is found without a PDF renderer.
  func memberLetters(_ profile: Profile, _ packet: PacketPlan) throws(PacketError) -> [[UInt8]] {
    if profile.language != language { return try speaking(profile.language).memberLetters(profile, packet) }
    let context = PacketContext.make(profile: profile, planned: packet.planned, catalog: catalog, files: [])
    var out: [[UInt8]] = []
    for m in packet.plan.family?.members ?? [] { out.append(try memberLetter(m, plan: packet.plan, context: context)) }
    return out
  }
}
