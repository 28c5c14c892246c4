import ArgumentParser
import Foundation
import IMPPacket
import IMPRules

extension IMPPacketCommand {
  struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show what generate would decide for a profile, without writing anything.")

    @Argument(help: "A profile file (JSON).")
    var profile: String

    @Flag(help: "Print the plan as JSON (the object generate writes as plan.json).")
    var json = false

    @OptionGroup var common: CommonOptions

    func run() throws {
      try reporting {
        let builder = try common.builder()
        let (p, _) = try common.read(profile)
        let plan = try attempt(profile) { () throws(PacketError) in try builder.plan(p) }
        if json { printJSON(plan) } else { print(PlanText.describe(plan), terminator: "") }
        if !plan.eligibility.eligible { throw ExitCode(2) }
      }
    }
  }

  struct Fees: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the fee breakdown alone: each fee, its payer and basis.")

    @Argument(help: "A profile file (JSON).")
    var profile: String

    @Flag(help: "Print the fee breakdown as JSON.")
    var json = false

    @OptionGroup var common: CommonOptions

    func run() throws {
      try reporting {
        let builder = try common.builder()
        let (p, _) = try common.read(profile)
        let plan = try attempt(profile) { () throws(PacketError) in try builder.plan(p) }
        if json { printJSON(plan.fees) } else { print(PlanText.fees(plan), terminator: "") }
      }
    }
  }

  struct Assess: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Every category: eligible, not eligible (and why), or which facts are needed.")

    @Argument(help: "A profile file (JSON).")
    var profile: String

    @Flag(help: "Print the assessment as JSON.")
    var json = false

    @OptionGroup var common: CommonOptions

    func run() throws {
      try reporting {
        let builder = try common.builder()
        let (p, _) = try common.read(profile)
        let results = builder.planner.assess(p)
        if json {
          printJSON(results)
          return
        }
        for r in results {
          print("\(r.category) (\(r.code ?? "?")) \(r.title): \(r.verdict.rawValue)")
          for u in r.unmet { print("  - \(u.rule): \(u.message)") }
          for m in r.missingFacts { print("  ? needs \(m)") }
        }
      }
    }
  }

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check profiles for mistakes, listing every one with its path.")

    @Argument(help: "Profile files (JSON).")
    var profiles: [String]

    @Flag(help: "Print the result as JSON: one object per file with its issues.")
    var json = false

    @OptionGroup var common: CommonOptions

    struct Result: Encodable {
      var file: String
      var valid: Bool
      var issues: [ProfileIssue]
    }

    func run() throws {
      var results: [Result] = []
      for file in profiles {
        do {
          _ = try common.read(file)
          results.append(Result(file: file, valid: true, issues: []))
        } catch let f as Failure {
          if case .invalidProfile(let e) = f.error {
            results.append(Result(file: file, valid: false, issues: e.issues))
          } else {
            f.report()
            throw ExitCode(f.exitCode)
          }
        }
      }
      if json {
        printJSON(results)
      } else {
        for r in results {
          if r.valid {
            if !common.quiet { print("\(r.file): valid") }
          } else {
            for issue in r.issues { FileHandle.standardError.write(Data("error: \(r.file): \(issue)\n".utf8)) }
          }
        }
      }
      if results.contains(where: { !$0.valid }) { throw ExitCode(65) }
    }
  }

  struct Categories: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the catalog's categories, or explain one official code.")

    @Option(help: ArgumentHelp("An LMIA exemption code to explain, e.g. C23.", valueName: "CODE"))
    var code: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
      try reporting {
        let catalog = try common.builder().catalog
        if let code {
          guard let info = catalog.codeInfo(code) else {
            FileHandle.standardError.write(Data("error: \(code) is not an exemption code this catalog knows\n".utf8))
            throw ExitCode(65)
          }
          print("\(info.code): \(info.title) (\(info.legalBasis))")
          if let c = info.category { print("  prepared by category \(c)") } else { print("  not a category this catalog prepares") }
          if let note = info.note { print("  note: \(note)") }
          return
        }
        print("Catalog \(catalog.catalogVersion), rules as of \(catalog.asOf)")
        for c in catalog.categories {
          print("\(c.id): \(c.title) — \(c.codes.map(\.code).joined(separator: "/")), \(c.permit), \(c.legalBasis)")
        }
      }
    }
  }
}
