import ArgumentParser
import Foundation
import IMPPacket
import IMPRules

/// The arguments of commands that read one profile and print what the rules decide.
struct OneProfile: ParsableArguments {
  @Argument(help: "A profile file (JSON).")
  var profile: String

  @Flag(help: "Print JSON instead of text.")
  var json = false

  @OptionGroup var common: CommonOptions

  /// The builder (catalog and templates) and the checked profile.
  func load() throws -> (PacketBuilder, Profile) {
    let builder = try common.builder()
    return (builder, try common.read(profile, with: builder).0)
  }

  func plan() throws -> IMPRules.Plan {
    let (builder, p) = try load()
    return try attempt(profile) { () throws(PacketError) in try builder.plan(p) }
  }
}

extension IMPPacketCommand {
  struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show what generate would decide for a profile, without writing anything.",
      discussion: "--json prints the object generate writes as plan.json.")

    @OptionGroup var options: OneProfile

    func run() throws {
      try reporting {
        let plan = try options.plan()
        if options.json { printJSON(plan) } else { print(PlanText.describe(plan), terminator: "") }
        if !plan.eligibility.eligible { throw ExitCode(ExitStatus.notEligible.code) }
      }
    }
  }

  struct Fees: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the fee breakdown alone: each fee, its payer and basis.")

    @OptionGroup var options: OneProfile

    func run() throws {
      try reporting {
        let plan = try options.plan()
        if options.json { printJSON(FeesReport(plan)) } else { print(PlanText.fees(plan), terminator: "") }
      }
    }
  }

  struct Assess: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Every category: eligible, needs facts (which), or not eligible (why).",
      discussion: """
        Prints the short answer first: the eligible categories, then those that need facts, fewest \
        missing first. --all adds every category's verdict with its reasons; --json prints them all.
        """)

    @OptionGroup var options: OneProfile

    @Flag(help: "Also list every category with its verdict, failed rules and missing facts.")
    var all = false

    func run() throws {
      try reporting {
        let (builder, p) = try options.load()
        let results = try attempt(options.profile) { () throws(PacketError) in
          do throws(PlanError) { return try builder.planner.assess(p) } catch { throw .plan(error) }
        }
        if options.json {
          printJSON(results)
          return
        }
        for line in Assessment.shortAnswer(results) { print(line) }
        // The family's applications rest on the principal's: shown once its category is decided.
        if !p.membersApplyingTogether.isEmpty, let plan = try? builder.plan(p), let family = plan.family {
          print("Family applying together, with \(plan.category.id) (\(plan.category.code)):")
          for m in family.members {
            let code = m.category.code.isEmpty ? m.category.id : m.category.code
            print("  \(m.member): \(m.application) \(code): \(m.eligibility.eligible ? "eligible" : "not eligible")\(m.eligibility.unmet.first.map { " (\($0.message))" } ?? "")")
          }
        }
        guard all else { return }
        print("")
        for r in results {
          print("\(r.category) (\(r.code ?? "")) \(r.title): \(r.verdict.rawValue)")
          for u in r.unmet { print("  - \(u.rule): \(u.message)") }
          if r.verdict == .needsFacts { for m in r.missingFacts { print("  ? needs \(m)") } }
        }
      }
    }
  }
}
