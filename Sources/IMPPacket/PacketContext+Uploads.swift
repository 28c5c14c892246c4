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
    guard case .object(var checklist) = context["checklist"] ?? nil else { return }
    if case .list(let items) = checklist["items"] ?? nil { checklist["items"] = .list(items.map { annotated($0, layout, w) }) }
    if let groups = checklist["groups"] ?? nil { checklist["groups"] = annotated(groups: groups, layout, w) }
    context["checklist"] = .object(checklist)
  }

  /// Adds to a family member's page (``member(_:of:wording:to:)``) the file of the member's
  /// own `upload/<member>/` that each of their checklist items goes into.
  static func addMemberUploads(_ layout: UploadLayout, wording w: Wording, to context: inout [String: TemplateValue]) {
    guard case .object(var member) = context["member"] ?? nil, let groups = member["groups"] ?? nil else { return }
    member["groups"] = annotated(groups: groups, layout, w)
    context["member"] = .object(member)
  }

  /// Checklist groups (each with `items`) with every item annotated.
  private static func annotated(groups: TemplateValue, _ layout: UploadLayout, _ w: Wording) -> TemplateValue {
    guard case .list(let list) = groups else { return groups }
    return .list(
      list.map { g in
        guard case .object(var fields) = g, case .list(let items) = fields["items"] ?? nil else { return g }
        fields["items"] = .list(items.map { annotated($0, layout, w) })
        return .object(fields)
      })
  }

  /// A checklist item with `upload` (the file it goes into, or the slot that waits for it)
  /// and `files` (the client's files given for it).
  private static func annotated(_ item: TemplateValue, _ layout: UploadLayout, _ w: Wording) -> TemplateValue {
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
}
