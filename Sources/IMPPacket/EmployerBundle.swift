public import Foundation
public import IMPRules
import Crypto
import PDFRender
import XMLTemplates
import ZipPacket

/// How one offer of an employer file came out.
public struct OfferOutcome: Sendable, Codable, Equatable {
  public enum Status: String, Sendable, Codable {
    /// In the bundle, with its Employer Portal offer number.
    case ready
    /// In the bundle; the employer must still submit it in the Employer Portal.
    case toSubmit = "to-submit"
    /// In the bundle; the employer is exempt from the compliance regime (R209.91): no portal offer.
    case noPortalOffer = "no-portal-offer"
    /// Left out: the worker or job does not meet the category's requirements.
    case notEligible = "not-eligible"
    /// Left out: the offer has mistakes, or names a category that cannot fit.
    case invalid
  }
  public var offerId: String
  public var status: Status
  public var worker: String?
  public var category: String?
  public var code: String?
  /// What the employer pays for this offer (`"230.00"`), when it is in the bundle.
  public var complianceFee: Money?
  public var problems: [String]

  public var included: Bool { status == .ready || status == .toSubmit || status == .noPortalOffer }
}

public struct EmployerBundleOptions: Sendable {
  public var outputDirectory: URL
  public var force = false
  /// Also put each worker's applicant packet (`workers/<caseId>.zip`) in the bundle.
  public var withWorkerPackets = false
  public var timestamp: Int64?
  public var compressionLevel = 6
  /// `--pdf`: every page of the bundle also as a Letter PDF beside it (the offer letter is the
  /// file the worker uploads in the Offer of Employment slot), and each worker packet with its
  /// own `upload/` (`documents` then means `DIR/<caseId>/`); nil for HTML only.
  public var pdf: PDFPacketOptions?

  public init(outputDirectory: URL) { self.outputDirectory = outputDirectory }
}

public struct EmployerBundle: Sendable {
  public var path: String
  public var size: Int
  public var outcomes: [OfferOutcome]
}

extension PacketBuilder {
  static let bundlePages: [Page] = [
    Page(file: "00-compliance-fee-summary.html", template: "employer-compliance-summary.xhtml", title: "page.employer-compliance-summary"),
    Page(file: "01-employer-obligations.html", template: "employer-obligations.xhtml", title: "page.employer-obligations"),
  ]
  static let offerPages: [Page] = [
    Page(file: "portal-data-sheet.html", template: "employer-portal-sheet.xhtml", title: "page.portal-data-sheet"),
    Page(file: "offer-letter.html", template: "employer-offer-letter.xhtml", title: "page.offer-letter"),
    Page(file: "worker-checklist.html", template: "document-checklist.xhtml", title: "page.worker-checklist"),
  ]
  /// The upload slot (catalog `uploads.slots`) of the worker's application that a bundle page
  /// fills, as recorded in the manifest for its PDF: the offer letter, signed, is the worker's
  /// Offer of Employment upload.
  static let bundlePageSlots = ["employer-offer-letter.xhtml": "offer-of-employment"]

  /// Builds the employer's bundle and writes `<bundleId>.zip`, whole or not at all.
  public func employerBundle(file: EmployerFile, fileBytes: [UInt8], options: EmployerBundleOptions)
    throws(PacketError) -> EmployerBundle
  {
    let (outcomes, files, time) = try employerBundleEntries(file: file, fileBytes: fileBytes, options: options)
    let bytes = try PacketBuilder.zip(
      files, options: ZipOptions(compressionLevel: options.compressionLevel, modified: DOSTime(unixTime: time)))
    let path = options.outputDirectory.appendingPathComponent(PacketBuilder.fileName(caseId: file.bundleId)).path
    do { try AtomicFile.write(bytes, to: path, mode: 0o600, overwrite: options.force) } catch { throw .output(error) }
    return EmployerBundle(path: path, size: bytes.count, outcomes: outcomes)
  }

  /// The files of the employer's bundle, in their fixed order, and the zip timestamp.
  func employerBundleEntries(file: EmployerFile, fileBytes: [UInt8], options: EmployerBundleOptions)
    throws(PacketError) -> ([OfferOutcome], [PacketFile], Int64)
  {
    let sender: TemplateValue = [
      "heading": .string(file.employer.legalName), "name": TemplateValue(file.employer.contact?.name),
      "licence": nil, "organization": .string(file.employer.legalName),
      "email": TemplateValue(file.employer.contact?.email), "isApplicant": false,
    ]
    let author = file.employer.contact?.name ?? file.employer.legalName
    var outcomes: [OfferOutcome] = []
    var offerFiles: [PacketFile] = []
    var workerPackets: [PacketFile] = []
    var rows: [TemplateValue] = []
    var totalFees = Money.zero
    let time =
      options.timestamp
      ?? (file.offers.compactMap { try? $0.profile.get().submission.date }.first ?? catalog.asOf).unixTime

    // The bundle's pages in the file's language; each offer's pages in the offer's.
    let home = try speaking(file.language)
    for offer in file.offers {
      // What the command line reports stays English; the pages say it in their language.
      let (outcome, planned, profile) = assessOffer(offer)
      outcomes.append(outcome)
      let shown = home.language == language ? (outcome, planned, profile) : home.assessOffer(offer)
      rows.append(EmployerContext.row(shown.0, profile: shown.2, plan: shown.1?.plan, wording: home.catalog.wording))
      guard outcome.included, let planned, let profile else { continue }
      totalFees = totalFees + (outcome.complianceFee ?? .zero)
      let own = try speaking(profile.language)
      // Each language's plan is made once (a translated catalog decides the same way:
      // TranslatedCatalogTests); only its texts differ.
      let ownPlanned =
        own.language == language
        ? planned : own.language == home.language ? (shown.1 ?? planned) : (own.assessOffer(offer).1 ?? planned)
      var context = PacketContext.make(profile: profile, planned: ownPlanned, catalog: own.catalog, files: [])
      context["sender"] = sender
      context["offer"] = EmployerContext.offer(outcome, plan: ownPlanned.plan, wording: own.catalog.wording)
      for page in PacketBuilder.offerPages {
        let html = PacketFile(
          name: "offers/\(offer.id)/\(page.file)", mediaType: .html, bytes: try own.render(page.template, context))
        offerFiles.append(html)
        if let pdf = options.pdf {
          offerFiles.append(
            try own.pagePDF(
              html, page: page, renderer: pdf.renderer, language: profile.language, author: author, created: time))
        }
      }
      if options.withWorkerPackets {
        var o = GenerateOptions(outputDirectory: options.outputDirectory, asOf: profile.submission.date)
        o.allowIneligible = true
        o.timestamp = time
        o.compressionLevel = options.compressionLevel
        if var pdf = options.pdf {
          pdf.documents = pdf.documents.flatMap { PacketBuilder.caseFolder($0, caseId: profile.caseId) }
          o.pdf = pdf
        }
        let (_, bytes) = try packet(profile: profile, profileBytes: offer.profileBytes, options: o)
        workerPackets.append(
          PacketFile(name: "workers/\(PacketBuilder.fileName(caseId: profile.caseId))", mediaType: .zip, bytes: bytes))
      }
    }

    var bundle = EmployerContext.bundle(file, catalog: home.catalog, rows: rows, outcomes: outcomes, total: totalFees)
    bundle["sender"] = sender
    var files: [PacketFile] = []
    for page in PacketBuilder.bundlePages {
      let html = PacketFile(name: page.file, mediaType: .html, bytes: try home.render(page.template, bundle))
      files.append(html)
      if let pdf = options.pdf {
        files.append(
          try home.pagePDF(html, page: page, renderer: pdf.renderer, language: home.language, author: author, created: time))
      }
    }
    files.append(PacketFile(name: "offers.csv", mediaType: .csv, bytes: Array(EmployerContext.csv(outcomes, file: file).utf8)))
    files.append(PacketFile(name: "report.json", mediaType: .json, bytes: Array(PlanJSON.encode(outcomes))))
    files += offerFiles + workerPackets
    let header = ManifestHeader(
      caseId: file.bundleId,
      createdOn: file.offers.first.flatMap { try? $0.profile.get().submission.date } ?? catalog.asOf,
      catalogVersion: catalog.catalogVersion, templatesSHA256: templatesSHA256, sourceBytes: fileBytes,
      category: nil, eligible: nil)
    files.append(try PacketManifest.file(for: files, header: header))

    return (outcomes, files, time)
  }

  /// The PDF twin of one rendered bundle page (`offer-letter.html` → `offer-letter.pdf`):
  /// Letter, tagged, titled by the page, with fixed dates and a document id from its bytes.
  private func pagePDF(
    _ html: PacketFile, page: Page, renderer: PDFRenderer, language: String, author: String, created: Int64
  ) throws(PacketError) -> PacketFile {
    var hash = SHA256()
    hash.update(data: Array(html.name.utf8))
    hash.update(data: html.bytes)
    var metadata = PDFMetadata(
      title: page.title(catalog.wording), author: author, language: language, created: created, identifier: Array(hash.finalize().prefix(16)))
    metadata.stamp = nil
    let made: RenderedPDF
    do { made = try renderer.render([.html(html.bytes)], metadata: metadata) } catch { throw .renderer(error) }
    let name = String(html.name.dropLast(".html".count)) + ".pdf"
    return PacketFile(name: name, mediaType: .pdf, slot: PacketBuilder.bundlePageSlots[page.template], bytes: made.bytes)
  }

  /// `DIR/<caseId>/` when it is a folder, else nil (that case has no scans yet): how `batch`
  /// and `employer` read `--documents DIR` for many cases.
  static func caseFolder(_ dir: URL, caseId: String) -> URL? {
    let own = dir.appendingPathComponent(caseId)
    var isDir: ObjCBool = false
    return FileManager.default.fileExists(atPath: own.path, isDirectory: &isDir) && isDir.boolValue ? own : nil
  }

  /// Checks one offer with the applicant rules, as an offer of employment.
  private func assessOffer(_ offer: EmployerFile.Offer) -> (OfferOutcome, Planner.Planned?, Profile?) {
    var outcome = OfferOutcome(
      offerId: offer.id, status: .invalid, worker: nil, category: nil, code: nil, complianceFee: nil, problems: [])
    let profile: Profile
    switch offer.profile {
    case .failure(let e):
      outcome.problems = e.issues.map(\.description)
      return (outcome, nil, nil)
    case .success(let p): profile = p
    }
    outcome.worker = "\(profile.applicant.givenNames) \(profile.applicant.familyName)"
    let planned: Planner.Planned
    do { planned = try planner.planned(profile) } catch {
      outcome.problems = ["offers[\(offer.index)].\(error.path): \(error.message)"]
      return (outcome, nil, profile)
    }
    let plan = planned.plan
    outcome.category = plan.category.id
    outcome.code = plan.category.code
    if plan.category.permit != .employerSpecific {
      outcome.problems = [
        "offers[\(offer.index)].category: \(plan.category.title) (\(plan.category.code)) is an open work permit: there is no employer offer to submit; the worker applies alone"
      ]
      return (outcome, planned, profile)
    }
    // The bundle is how the employer gets the offer number: its absence is a step, not a fault.
    let unmet = plan.eligibility.unmet.filter { $0.rule != "offer.employer-portal" }
    if !unmet.isEmpty {
      outcome.status = .notEligible
      outcome.problems = unmet.map { "\($0.rule): \($0.message)" }
      return (outcome, planned, profile)
    }
    if profile.job?.employer?.complianceFeeExemption != nil {
      outcome.status = .noPortalOffer
    } else {
      outcome.status = profile.job?.offerOfEmploymentNumber == nil ? .toSubmit : .ready
    }
    outcome.complianceFee = plan.fees.lines.filter { $0.payer == .employer }.reduce(.zero) { $0 + $1.amount }
    return (outcome, planned, profile)
  }
}
