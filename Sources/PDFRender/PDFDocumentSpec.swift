import Foundation

/// One piece of a PDF to make, in page order.
public enum PDFPart: Sendable, Equatable {
  /// An HTML document, laid out with its own print CSS (`@page`, counters, running headers).
  /// It is its own document for "page X of Y": its counters restart at 1.
  case html([UInt8], baseURL: String? = nil)
  /// A JPEG or PNG image, as large as fits on a Letter page; `alt` becomes its alternative text
  /// and, after the ``PDFMetadata/stamp``, the page's foot line.
  case image([UInt8], alt: String)
  /// Pages of an existing PDF, each drawn inside the margins of a Letter page of ours (which
  /// carries the stamp and `label`). A PDF with such pages is no longer claimed as PDF/A: its
  /// pages are not ours to vouch for.
  case pdf([UInt8], label: String)
}

/// What is recorded in a PDF besides its pages. Every value is fixed by the caller, so that
/// the same inputs give the same bytes on any machine, in any time zone.
public struct PDFMetadata: Sendable, Equatable {
  public var title: String
  public var author: String?
  public var subject: String?
  /// BCP 47 language of the document (`en`, `fr`), recorded for screen readers.
  public var language: String
  /// Creation and modification time, seconds since 1970 (UTC).
  public var created: Int64
  /// The PDF file identifier: 16 bytes, fixed by the caller (for example a digest of the inputs).
  public var identifier: [UInt8]
  /// A line printed at the foot of every scanned page (image or existing PDF), before the
  /// part's own label: `Case 2026-0142`. Nil prints only pages' own content.
  public var stamp: String?
  /// The PDF/A variant claimed for pages we make, e.g. `pdf/a-2a` (tagged); nil for none.
  public var archivalVariant: String? = "pdf/a-2a"

  public init(title: String, author: String?, subject: String? = nil, language: String, created: Int64, identifier: [UInt8]) {
    self.title = title
    self.author = author
    self.subject = subject
    self.language = language
    self.created = created
    self.identifier = identifier
  }

  /// `created` in the W3C date form the renderer records (`2026-11-20T00:00:00Z`), in UTC:
  /// the local zone is never consulted.
  var w3cDate: String {
    let f = ISO8601DateFormatter()
    f.timeZone = TimeZone(secondsFromGMT: 0)
    f.formatOptions = [.withInternetDateTime]
    return f.string(from: Date(timeIntervalSince1970: TimeInterval(created)))
  }
}

/// A PDF made by ``PDFRenderer``.
public struct RenderedPDF: Sendable {
  /// An image part as it was placed: its pixels and its resolution on the page.
  public struct PlacedImage: Sendable, Equatable {
    /// The part's position in the request.
    public var part: Int
    public var width: Int
    public var height: Int
    /// Pixels per inch as printed on Letter paper (before any downsampling).
    public var dpi: Double
  }
  public var bytes: [UInt8]
  public var pages: Int
  public var images: [PlacedImage]
  /// Whether the file claims PDF/A (false when it holds pages of an existing PDF).
  public var isArchival: Bool
  /// The renderer's warnings (an unsupported CSS property, a missing font), for the log.
  public var warnings: [String]
}

/// An image's size and format, read by the renderer's image library.
public struct ImageInfo: Sendable, Equatable {
  public var width: Int
  public var height: Int
  /// `JPEG`, `PNG`, `TIFF`, …
  public var format: String
}
