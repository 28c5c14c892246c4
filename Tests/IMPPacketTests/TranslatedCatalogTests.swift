import Foundation
import DefaultTemplates
import IMPPacket
import IMPRules
import Testing

/// A translation changes what the catalog says, never what it decides: with every
/// translatable text of the catalog replaced, each fixture gets the same category, code,
/// verdict, rules, documents, forms and fees. A key the `translation` section marks by
/// mistake (an id, a fact name, a code) changes a plan or stops the catalog from loading.
@Suite("Translating the catalog changes texts, never rules")
struct TranslatedCatalogTests {
  static let fixtures = FastPathTests.fixtures

  @Test(arguments: fixtures)
  func everyTextReplacedKeepsEveryDecision(_ name: String) throws {
    let english = try PacketBuilder.load()
    let url = try #require(DefaultTemplatesResource.catalog)
    let marked = try Catalog.decode(Data(contentsOf: url), name: "catalog.json") { id, _ in "⟦\(id)⟧" }
    let planner = Planner(catalog: marked)
    let (profile, _) = try shippedBuilder.readProfile(
      repositoryRoot.appendingPathComponent("Fixtures/\(name)"), asOf: CivilDate("2026-12-01")!)
    let a = try english.planner.plan(profile)
    let b = try planner.plan(profile)
    #expect(b.category.title.hasPrefix("⟦"), "the category title is translated")
    do {
      let (x, y) = (a, b)
      #expect(x.category.id == y.category.id)
      #expect(x.category.code == y.category.code)
      #expect(x.eligibility.eligible == y.eligibility.eligible)
      #expect(x.eligibility.unmet.map { $0.rule } == y.eligibility.unmet.map { $0.rule })
      #expect(x.eligibility.warnings.map { $0.rule } == y.eligibility.warnings.map { $0.rule })
      #expect(x.checklist.map { $0.id } == y.checklist.map { $0.id })
      #expect(x.checklist.map { $0.status } == y.checklist.map { $0.status })
      #expect(x.forms == y.forms)
      #expect(x.fees.lines.map { $0.id } == y.fees.lines.map { $0.id })
      #expect(x.fees.lines.map { $0.amount } == y.fees.lines.map { $0.amount })
      #expect(x.fees.totals == y.fees.totals)
      #expect(x.permitValidUntil == y.permitValidUntil)
      #expect(x.biometricsRequired == y.biometricsRequired)
    }
    let (am, bm) = (a.family?.members ?? [], b.family?.members ?? [])
    #expect(am.map { $0.member } == bm.map { $0.member })
    #expect(am.map { $0.category.code } == bm.map { $0.category.code })
    #expect(am.map { $0.application } == bm.map { $0.application })
    #expect(am.map { $0.eligibility.eligible } == bm.map { $0.eligibility.eligible })
    #expect(am.map { $0.checklist.map { $0.id } } == bm.map { $0.checklist.map { $0.id } })
    #expect(am.map { $0.fees.totals } == bm.map { $0.fees.totals })
    #expect(a.family?.totals == b.family?.totals)
  }
}
