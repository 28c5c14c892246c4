import IMPRules
import XMLTemplates
import ZipPacket

extension PacketManifest {
  /// `manifest.xml` for `files`: each file's name, size, SHA-256, media type and upload
  /// slot, written in code (not from the template folder, which users may edit) in the
  /// form `Templates/packet/manifest.xsd` describes.
  static func file(for files: [PacketFile], header h: ManifestHeader) throws(PacketError) -> PacketFile {
    var children = [
      XMLElement(
        "tool",
        [
          ("name", PacketBuilder.toolName), ("version", PacketBuilder.toolVersion),
          ("deflate", ZipArchive.deflateVersion),
        ]),
      XMLElement("catalog", [("version", h.catalogVersion)]),
      XMLElement("templates", [("sha256", h.templatesSHA256)]),
      XMLElement("profile", [("sha256", PacketBuilder.sha256(h.sourceBytes))]),
    ]
    if let c = h.category {
      children.append(
        XMLElement(
          "category", [("id", c.id), ("code", c.code), ("permit", c.permit.rawValue), ("legalBasis", c.legalBasis)]))
    }
    if let eligible = h.eligible { children.append(XMLElement("eligibility", [("eligible", eligible ? "true" : "false")])) }
    children.append(
      XMLElement(
        "files",
        children: files.map { f in
          XMLElement(
            "file",
            [
              ("name", f.name), ("size", String(f.bytes.count)), ("sha256", PacketBuilder.sha256(f.bytes)),
              ("mediaType", f.mediaType.rawValue), ("slot", f.slot),
            ])
        }))
    let root = XMLElement(
      "manifest",
      [("xmlns", PacketManifest.namespace), ("version", "1"), ("caseId", h.caseId), ("createdOn", h.createdOn.description)],
      children: children)
    do {
      return PacketFile(name: PacketBuilder.manifestFile, mediaType: .xml, bytes: try root.document(name: PacketBuilder.manifestFile))
    } catch {
      throw .template(error)
    }
  }
}
