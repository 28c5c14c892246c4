public import Foundation
import Crypto
import IMPRules
public import PDFRender

/// What `--pdf` asks for: the renderer to use, the client's scans, the channel.
public struct PDFPacketOptions: Sendable {
  /// The renderer; one per thread that builds packets (it serves one request at a time).
  public var renderer: PDFRenderer
  /// `--documents DIR`: the client's scans named by checklist item id; nil for none.
  public var documents: URL?
  /// `--channel`; nil for the catalog's default (the representatives' portal when a
  /// representative is named, else the secure account).
  public var channel: String?

  public init(renderer: PDFRenderer, documents: URL? = nil, channel: String? = nil) {
    self.renderer = renderer
    self.documents = documents
    self.channel = channel
  }
}

/// One file of `upload/`, made.
struct UploadFile {
  var name: String
  var mediaType: String
  var slot: String
  var bytes: [UInt8]
}

/// Renders the slots of an ``UploadLayout`` into files, each under the channel's cap.
struct UploadRenderer {
  var layout: UploadLayout
  var renderer: PDFRenderer
  /// Title, author, language, date, shared by every file; each file's title adds its slot.
  var metadata: PDFMetadata
  /// Checklist item titles, for the alternative text of scanned pages.
  var itemTitles: [String: String]

  /// The files, and notes to print (a slot whose images were downsampled to fit).
  func render(pages: [String: [UInt8]]) throws(PacketError) -> (files: [UploadFile], notes: [String]) {
    var files: [UploadFile] = []
    var notes: [String] = []
    var problems: [String] = []
    let cap = layout.channel.capBytes
    func over(_ slot: UploadLayout.Slot, _ size: Int, _ extra: String) -> String {
      "upload slot \(slot.slot.portalName) (\(slot.fileName)) is \(UploadRenderer.megabytes(size)) (\(size) bytes), over the "
        + "\(UploadRenderer.megabytes(cap)) cap of the \(layout.channel.title)\(extra)"
    }
    for slot in layout.slots where slot.hasContent {
      if slot.slot.format == "jpeg" {
        do {
          let file = try photo(slot)
          if file.bytes.count > cap { problems.append(over(slot, file.bytes.count, "; give a smaller JPEG")) } else { files.append(file) }
        } catch { problems.append(error.description) }
        continue
      }
      var parts: [PDFPart] = slot.pages.compactMap { pages[$0].map { PDFPart.html($0) } }
      for d in slot.documents {
        let title = itemTitles[d.item] ?? d.item
        let alt = d.page.map { "\(title), page \($0)" } ?? title
        parts.append(d.kind == .pdf ? .pdf(d.bytes, label: alt) : .image(d.bytes, alt: alt))
      }
      var meta = metadata
      meta.title = "\(slot.slot.portalName) — \(metadata.title)"
      var hash = SHA256()
      hash.update(data: Array(slot.fileName.utf8))
      for p in parts {
        switch p {
        case .html(let b, _), .image(let b, _), .pdf(let b, _): hash.update(data: b)
        }
      }
      meta.identifier = Array(hash.finalize().prefix(16))
      do {
        var pdf = try renderer.render(parts, metadata: meta)
        if pdf.bytes.count > cap {
          let dense = pdf.images.filter { $0.dpi > Double(layout.imageMaxDPI) }
          guard !dense.isEmpty else {
            problems.append(over(slot, pdf.bytes.count, "; its scans are already at \(layout.imageMaxDPI) DPI or less: scan fewer or lighter pages (grey, not colour)"))
            continue
          }
          let before = pdf.bytes.count
          pdf = try renderer.render(parts, metadata: meta, maxDPI: layout.imageMaxDPI)
          if pdf.bytes.count > cap {
            problems.append(over(slot, pdf.bytes.count, " even with its images downsampled to \(layout.imageMaxDPI) DPI (\(UploadRenderer.megabytes(before)) before)"))
            continue
          }
          notes.append(
            "\(slot.fileName): \(dense.count) image\(dense.count == 1 ? "" : "s") downsampled to \(layout.imageMaxDPI) DPI "
              + "(\(UploadRenderer.megabytes(before)) → \(UploadRenderer.megabytes(pdf.bytes.count))) to fit the \(UploadRenderer.megabytes(cap)) cap of the \(layout.channel.title)")
        }
        files.append(UploadFile(name: slot.fileName, mediaType: "application/pdf", slot: slot.slot.id, bytes: pdf.bytes))
      } catch {
        if case .badPart(let why) = error {
          problems.append("upload slot \(slot.slot.portalName): \(describe(why, parts: slot))")
        } else {
          throw .renderer(error)
        }
      }
    }
    if !problems.isEmpty { throw .uploads(problems) }
    return (files, notes)
  }

  /// The photo slot takes the client's JPEG as it is, if it is one JPEG of at least the slot's size.
  private func photo(_ slot: UploadLayout.Slot) throws(PacketError) -> UploadFile {
    let s = slot.slot
    guard slot.documents.count == 1, let d = slot.documents.first, d.kind == .jpeg else {
      throw .uploads(["upload slot \(s.portalName) takes one JPEG file; got \(slot.documents.map(\.fileName).joined(separator: ", "))"])
    }
    let info: ImageInfo
    do { info = try renderer.imageInfo(d.bytes) } catch {
      // A file that is no good is the client's to replace, named; a renderer that failed is not.
      guard case .badPart(let why) = error else { throw .renderer(error) }
      throw .uploads(["upload slot \(s.portalName): \(d.fileName) is \(why)"])
    }
    if info.width < s.minWidth ?? 0 || info.height < s.minHeight ?? 0 {
      throw .uploads([
        "upload slot \(s.portalName): \(d.fileName) is \(info.width)×\(info.height) px; the portal asks for at least \(s.minWidth ?? 0)×\(s.minHeight ?? 0)"
      ])
    }
    return UploadFile(name: slot.fileName, mediaType: "image/jpeg", slot: s.id, bytes: d.bytes)
  }

  /// The renderer names a part by its position; say which file it was.
  private func describe(_ why: String, parts slot: UploadLayout.Slot) -> String {
    guard why.hasPrefix("part "), let end = why.firstIndex(of: ":"), let n = Int(why.dropFirst(5).prefix(upTo: end)) else { return why }
    let i = n - slot.pages.count
    let name = i >= 0 && i < slot.documents.count ? slot.documents[i].fileName : slot.pages[min(n, slot.pages.count - 1)]
    return name + why[end...]
  }

  /// `4 MB`, `1.3 MB`, `812 KB` in decimal units, as the portals state their caps.
  static func megabytes(_ bytes: Int) -> String {
    if bytes < 1_000_000 { return "\(Int((Double(bytes) / 1000).rounded())) KB" }
    let tenths = Int((Double(bytes) / 100_000).rounded())
    return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
  }
}
