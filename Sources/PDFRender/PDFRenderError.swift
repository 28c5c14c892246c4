/// Why a PDF was not made.
public enum PDFRenderError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The renderer (Python with WeasyPrint and pikepdf) is not installed; the text says how to install it.
  case rendererMissing(String)
  /// The renderer process could not be started, died twice in a row, or answered out of protocol.
  case rendererFailed(String)
  /// One of the parts given cannot be rendered (an unreadable image, an encrypted PDF); the
  /// text names the part by its position.
  case badPart(String)

  public var description: String {
    switch self {
    case .rendererMissing(let s), .rendererFailed(let s), .badPart(let s): s
    }
  }
}
