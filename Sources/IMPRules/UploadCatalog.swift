/// How a packet is filed online: the portal's upload slots, what goes into each, and the
/// size cap of each channel (catalog `uploads`, IRCC-FACTS §8).
public struct UploadCatalog: Sendable, Codable {
  /// A way of filing online, with its cap on the size of one uploaded file.
  public struct Channel: Sendable, Codable {
    /// `apr-portal`, `secure-account`, `ircc-portal`: the values of `--channel`.
    public let id: String
    public let title: String
    public let capBytes: Int
    /// When this channel is the default (the representatives' portal when a representative is named).
    public let defaultWhen: RuleCondition?
    public let source: String
  }

  /// A page of the packet that goes into a slot, when `when` holds.
  public struct SlotPage: Sendable, Codable {
    public let template: String
    public let when: RuleCondition?
  }

  /// One upload field of the portal.
  public struct Slot: Sendable, Codable {
    /// The portal's name for it, as a file-name part (`representative-submission-letter`).
    public let id: String
    /// The portal's own name (`Representative's Submission Letter`).
    public let portalName: String
    /// Checklist item ids whose files go into this slot.
    public let documents: [String]?
    /// Pages of the packet that go into this slot, in this order.
    public let pages: [SlotPage]?
    /// `jpeg` for a slot that takes the client's JPEG as it is (the digital photo); nil for PDF.
    public let format: String?
    /// The smallest image the slot accepts, in pixels.
    public let minWidth: Int?
    public let minHeight: Int?
    public let source: String
  }

  /// Pages that stay HTML only, and why.
  public struct NotUploaded: Sendable, Codable {
    public let pages: [String]
    public let reason: String
  }

  public let source: String
  /// The slot of every checklist item that no slot names (`client-information`).
  public let catchAll: String
  /// Images above this resolution are downsampled when that brings a slot under its cap.
  public let imageMaxDPI: Int
  public let imageMaxDPISource: String
  public let channels: [Channel]
  public let notUploaded: NotUploaded
  /// In the order of their file numbers.
  public let slots: [Slot]

  /// The slot a checklist item's files go into.
  public func slot(forDocument id: String) -> Slot? {
    slots.first { $0.documents?.contains(id) ?? false } ?? slots.first { $0.id == catchAll }
  }

  public func channel(_ id: String) -> Channel? { channels.first { $0.id == id } }

  /// The channel used without `--channel`: the first whose `defaultWhen` holds.
  public func defaultChannel(_ facts: Facts) -> Channel? {
    channels.first { $0.defaultWhen?.evaluate(facts) == .yes } ?? channels.first
  }

  /// Problems with the slots themselves: ids unique and safe in file names, the catch-all present,
  /// each document and page in at most one slot whose condition could hold.
  func problems(documentIds: Set<String>) -> [String] {
    var problems: [String] = []
    var ids = Set<String>()
    for s in slots {
      if !ids.insert(s.id).inserted { problems.append("uploads: slot '\(s.id)' appears twice") }
      if s.id.isEmpty || !s.id.utf8.allSatisfy({ (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }) {
        problems.append("uploads: slot id '\(s.id)' must be lower-case letters, digits and '-'")
      }
      if let f = s.format, f != "jpeg" { problems.append("uploads: slot '\(s.id)': format must be jpeg or absent, got '\(f)'") }
      for d in s.documents ?? [] where !documentIds.contains(d) {
        problems.append("uploads: slot '\(s.id)' names document '\(d)', which no rule defines")
      }
    }
    if !ids.contains(catchAll) { problems.append("uploads: catchAll '\(catchAll)' is not a slot") }
    var docs = Set<String>()
    for d in slots.flatMap({ $0.documents ?? [] }) where !docs.insert(d).inserted {
      problems.append("uploads: document '\(d)' is in two slots")
    }
    if channels.isEmpty { problems.append("uploads: no channel") }
    for c in channels where c.capBytes <= 0 { problems.append("uploads: channel '\(c.id)' needs a positive capBytes") }
    return problems
  }
}

extension UploadCatalog {
  /// The name of `names` closest to `name` by edit distance, for "did you mean" in errors;
  /// nil when none is close.
  public static func nearest(_ name: String, in names: [String]) -> String? { FieldReader.nearest(name, in: names) }
}
