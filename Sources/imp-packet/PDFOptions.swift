import ArgumentParser
import Foundation
import IMPPacket
import PDFRender

/// `--pdf`, `--documents`, `--channel`: the options of upload-ready packets.
struct PDFOptions: ParsableArguments {
  @Flag(help: "Also write upload/NN-<slot>.pdf: one file per IRCC upload slot, under the channel's size cap (needs WeasyPrint: scripts/deps --pdf).")
  var pdf = false

  @Option(
    help: ArgumentHelp(
      "The client's scans, named by checklist item id (passport-copy.pdf, photo.jpg, passport-copy-1.jpg …), merged into their slots. batch reads DIR/<caseId>/.",
      valueName: "DIR"))
  var documents: String?

  @Option(help: "apr-portal, secure-account or ircc-portal: sets the cap per file (default: apr-portal when a representative is named, else secure-account).")
  var channel: String?

  func validate() throws {
    if !pdf && (documents != nil || channel != nil) { throw ValidationError("--documents and --channel go with --pdf") }
  }

  /// The options for the builder, with a renderer already started (or, when `startRenderer`
  /// is false, only checked to be installed: `batch`, whose workers start their own), so that
  /// a missing renderer is reported before anything is written.
  func make(startRenderer: Bool = true) throws(PacketError) -> PDFPacketOptions? {
    guard pdf else { return nil }
    let renderer = PDFRenderer()
    do { try startRenderer ? renderer.start() : renderer.check() } catch { throw .renderer(error) }
    return PDFPacketOptions(renderer: renderer, documents: documents.map { URL(fileURLWithPath: $0) }, channel: channel)
  }
}
