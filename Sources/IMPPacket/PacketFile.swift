import IMPRules
import ZipPacket

/// What a file of a packet is, as its manifest records it.
public struct MediaType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public var description: String { rawValue }

  public static let html = MediaType(rawValue: "text/html")
  public static let json = MediaType(rawValue: "application/json")
  public static let csv = MediaType(rawValue: "text/csv")
  public static let zip = MediaType(rawValue: "application/zip")
  public static let xml = MediaType(rawValue: "application/xml")
  public static let pdf = MediaType(rawValue: "application/pdf")
}

/// One file of a packet or bundle: its name inside the zip, what it is, the IRCC portal
/// upload slot it goes into (for uploads), and its bytes.
///
/// Every step after planning works on these: pages, `plan.json`, uploads and nested
/// packets alike become `PacketFile`s, the manifest is written from them
/// (``PacketManifest/file(for:header:)``), and the zip holds them in order.
public struct PacketFile: Sendable, Equatable {
  public var name: String
  public var mediaType: MediaType
  public var slot: String?
  public var bytes: [UInt8]

  public init(name: String, mediaType: MediaType, slot: String? = nil, bytes: [UInt8]) {
    self.name = name
    self.mediaType = mediaType
    self.slot = slot
    self.bytes = bytes
  }

  var zipEntry: ZipEntry { ZipEntry(name: name, data: bytes) }
}

/// What a manifest says about the packet as a whole, besides its files.
struct ManifestHeader: Sendable {
  var caseId: String
  /// The packet's "today".
  var createdOn: CivilDate
  var catalogVersion: String
  var templatesSHA256: String
  /// The bytes of the profile or employer file the packet was made from.
  var sourceBytes: [UInt8]
  /// An applicant packet's category and verdict; an employer bundle has neither.
  var category: Plan.CategoryRef?
  var eligible: Bool?
}
