public import IMPRules
public import XMLTemplates
public import ZipPacket
public import PDFRender

/// Why a packet was not produced or could not be verified. Each case maps to its own exit code in the CLI.
public enum PacketError: Error, Sendable, CustomStringConvertible {
  /// The profile has mistakes; every one is listed with its JSON path.
  case invalidProfile(ProfileErrors)
  /// The profile is well-formed but no plan can be made (unknown or contradictory category).
  case plan(PlanError)
  /// The applicant does not meet the category's requirements.
  case notEligible(Plan)
  /// A template failed while rendering.
  case template(TemplateError)
  /// The templates or the catalog could not be loaded.
  case setup(String)
  /// The packet could not be built or written.
  case output(ZipError)
  /// A packet to verify could not be read: not found, not a zip, damaged, or its
  /// password is missing or wrong (``ZipError/kind`` tells which).
  case unreadablePacket(ZipError)
  /// A packet to verify has no manifest, or one that is not an imp-packet manifest.
  case badManifest(String)
  /// `--documents`: files whose names are not checklist item ids, or whose content is not what their name says.
  case documents([String])
  /// `--pdf`: upload slots over the channel's cap, or scans that cannot be put in their slot.
  case uploads([String])
  /// `--pdf`: the PDF renderer is missing or failed.
  case renderer(PDFRenderError)

  /// The documented exit code for this failure (README, "Exit codes").
  public var exitCode: Int32 {
    switch self {
    case .notEligible: ExitStatus.notEligible.code
    case .invalidProfile(let e): (e.unreadable ? ExitStatus.unreadableInput : .invalidInput).code
    case .plan: ExitStatus.invalidInput.code
    case .template: ExitStatus.templateError.code
    case .output: ExitStatus.cannotWrite.code
    case .unreadablePacket(let e):
      (e.kind == .io ? ExitStatus.unreadableInput : e.kind == .password ? .passwordRefused : .invalidInput).code
    case .badManifest: ExitStatus.invalidInput.code
    case .setup: ExitStatus.setup.code
    case .documents, .uploads: ExitStatus.invalidInput.code
    case .renderer(let e):
      if case .rendererMissing = e { ExitStatus.setup.code } else { ExitStatus.templateError.code }
    }
  }

  public var description: String {
    switch self {
    case .invalidProfile(let e): e.description
    case .plan(let e): e.description
    case .notEligible(let plan):
      "not eligible for \(plan.category.title) (\(plan.category.code)):\n"
        + plan.eligibility.unmet.map { "  - \($0.rule): \($0.message)" }.joined(separator: "\n")
    case .template(let e): e.description
    case .setup(let s): s
    case .output(let e): e.description
    case .unreadablePacket(let e): e.description
    case .badManifest(let s): s
    case .documents(let list), .uploads(let list): list.joined(separator: "\n")
    case .renderer(let e): e.description
    }
  }
}
