import IMPRules
import Testing

@Suite("Dates and money")
struct CivilDateMoneyTests {
  @Test(arguments: ["2026-02-30", "2026-13-01", "31/05/2031", "2026-1-01", "", "2026-02-29"])
  func invalidDatesAreRejected(_ text: String) {
    #expect(CivilDate(text) == nil)
  }

  @Test func leapDaysAndArithmetic() throws {
    let d = try #require(CivilDate("2028-02-29"))
    #expect(d.adding(years: 1).description == "2029-02-28")
    #expect(CivilDate("2026-01-31")!.adding(months: 1).description == "2026-02-28")
    #expect(CivilDate("2026-11-05")!.days(until: CivilDate("2026-12-01")!) == 26)
    #expect(CivilDate(daysSinceEpoch: CivilDate("1969-07-20")!.daysSinceEpoch).description == "1969-07-20")
    #expect(CivilDate("1998-04-12")!.age(on: CivilDate("2026-04-11")!) == 27)
    #expect(CivilDate("1998-04-12")!.age(on: CivilDate("2026-04-12")!) == 28)
  }

  @Test func moneyIsExactDecimal() throws {
    #expect(Money("246.25")!.cents == 24625)
    #expect(Money("155")!.description == "155.00")
    #expect(Money("0.5")!.description == "0.50")
    for bad in ["1.234", "-5", "1e3", "12,00", ".5", "", "NaN"] { #expect(Money(bad) == nil, "\(bad)") }
    #expect((Money("246.25")! + Money("155.00")!).description == "401.25")
    #expect(Money(cents: 123_456_78).formatted == "$123,456.78")
  }

  @Test func theCatalogsWordingWritesDatesAndAmounts() {
    let w = shippedCatalog.wording
    #expect(w.date(CivilDate("2026-12-01")!) == "1 December 2026")
    #expect(w.date(CivilDate("2029-11-30")!) == "30 November 2029")
    #expect(w.money(Money(cents: 123_456_78)) == "$123,456.78")
    #expect(w.money(Money(cents: 5)) == "$0.05")
    #expect(w.money(Money(cents: -1_234_56)) == "-$1,234.56")
    #expect(w.phrase("wage.hour", ["amount": "$30.00"]) == "$30.00 per hour")
  }
}
