public import IMPRules

/// How a packet is filed: which upload slot each page and each of the client's files goes
/// into, the file each slot becomes, and the cap it must stay under. All of it is read from
/// the catalog's `uploads` (``UploadCatalog``); nothing here knows a slot by name.
public struct UploadLayout: Sendable {
  /// One slot this application uses.
  public struct Slot: Sendable {
    public var slot: UploadCatalog.Slot
    /// Its position among the slots this application uses, from 1 (the `NN` of its file).
    public var number: Int
    /// `upload/03-passport.pdf` (or `.jpg` for a slot that takes a JPEG); a family member's
    /// under their own folder, `upload/spouse/03-passport.pdf`.
    public var fileName: String
    /// Packet pages (their file names) that go into it, in packet order.
    public var pages: [String]
    /// Checklist items that go into it, in checklist order.
    public var items: [String]
    /// The client's files for those items, in checklist then page order.
    public var documents: [ClientDocument]
    /// Items of this slot with no file from the client yet.
    public var waitingFor: [String]
    /// Whether the slot has anything to upload yet.
    public var hasContent: Bool { !pages.isEmpty || !documents.isEmpty }
  }

  public var channel: UploadCatalog.Channel
  public var slots: [Slot]
  public var imageMaxDPI: Int

  /// The layout of one application: `checklist` its checklist item ids, `pages` the pages
  /// that go up with it as (file, template), in order. `folder` is where its files go:
  /// `upload` for the applicant's, `upload/spouse` for a family member's own application.
  public static func make(
    uploads: UploadCatalog, checklist: [String], facts: Facts, pages: [(file: String, template: String)],
    documents: [ClientDocument], channel: UploadCatalog.Channel, folder: String = "upload"
  ) -> UploadLayout {
    var byId: [String: Slot] = [:]
    func add(_ s: UploadCatalog.Slot, page: String? = nil, item: String? = nil) {
      var slot = byId[s.id] ?? Slot(slot: s, number: 0, fileName: "", pages: [], items: [], documents: [], waitingFor: [])
      if let page { slot.pages.append(page) }
      if let item {
        slot.items.append(item)
        let files = documents.filter { $0.item == item }
        slot.documents += files
        if files.isEmpty { slot.waitingFor.append(item) }
      }
      byId[s.id] = slot
    }
    for page in pages {
      let owner = uploads.slots.first { s in
        s.pages?.contains { $0.template == page.template && ($0.when?.evaluate(facts) ?? .yes) == .yes } ?? false
      }
      if let owner { add(owner, page: page.file) }
    }
    for item in checklist {
      if let s = uploads.slot(forDocument: item) { add(s, item: item) }
    }
    var slots: [Slot] = []
    for s in uploads.slots {
      guard var used = byId[s.id] else { continue }
      used.number = slots.count + 1
      let nn = used.number < 10 ? "0\(used.number)" : "\(used.number)"
      used.fileName = "\(folder)/\(nn)-\(s.id).\(s.format == "jpeg" ? "jpg" : "pdf")"
      slots.append(used)
    }
    return UploadLayout(channel: channel, slots: slots, imageMaxDPI: uploads.imageMaxDPI)
  }

  /// The slot a checklist item goes into.
  public func slot(ofItem id: String) -> Slot? { slots.first { $0.items.contains(id) } }
}
