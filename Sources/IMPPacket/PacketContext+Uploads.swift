import IMPRules
import XMLTemplates

extension PacketContext {
  /// Adds what `--pdf` decided to the names templates see: `uploads` (the channel and each
  /// slot's file, or what it still waits for) and, on each checklist item, `upload` (the file
  /// it goes into) and `files` (the client's files given for it).
  static func addUploads(_ layout: UploadLayout, wording w: Wording, to context: inout [String: TemplateValue]) {
    let slots: [TemplateValue] = layout.slots.map { s in
      [
        "number": .string(s.number < 10 ? "0\(s.number)" : "\(s.number)"), "name": .string(s.slot.portalName),
        "file": s.hasContent ? .string(s.fileName) : nil,
        "waitingText": s.waitingFor.isEmpty ? nil : .string(s.waitingFor.joined(separator: ", ")),
      ]
    }
    context["uploads"] = [
      "channel": .string(layout.channel.title), "cap": .string(UploadRenderer.megabytes(layout.channel.capBytes)),
      "slots": .list(slots),
      "waitingCount": .string(String(layout.slots.filter { !$0.waitingFor.isEmpty }.count)),
    ]
    func annotate(_ item: TemplateValue) -> TemplateValue {
      guard case .object(var fields) = item, case .string(let id) = fields["id"] ?? nil, let slot = layout.slot(ofItem: id) else {
        return item
      }
      fields["upload"] = .string(
        slot.hasContent
          ? w.phrase("upload.file", ["file": slot.fileName, "slot": slot.slot.portalName])
          : w.phrase("upload.noFile", ["number": String(slot.number), "slot": slot.slot.portalName]))
      let files = slot.documents.filter { $0.item == id }.map(\.fileName)
      fields["files"] = files.isEmpty ? .null : .string(files.joined(separator: ", "))
      return .object(fields)
    }
    guard case .object(var checklist) = context["checklist"] ?? nil else { return }
    if case .list(let items) = checklist["items"] ?? nil { checklist["items"] = .list(items.map(annotate)) }
    if case .list(let groups) = checklist["groups"] ?? nil {
      checklist["groups"] = .list(
        groups.map { g in
          guard case .object(var fields) = g, case .list(let items) = fields["items"] ?? nil else { return g }
          fields["items"] = .list(items.map(annotate))
          return .object(fields)
        })
    }
    context["checklist"] = .object(checklist)
  }
}
