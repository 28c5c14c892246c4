extension FeeCatalog.BiometricsRule {
  /// Whether the person whose facts are `facts` (``Facts/init(person:today:)``) must give
  /// biometrics, and why: exempt by age, by nationality, or because they gave them within
  /// the reuse period.
  func verdict(_ who: String, wording w: Wording, _ facts: Facts) -> Plan.BiometricsPerson {
    if case .number(let age)? = facts["applicant.age"] {
      if age < minimumAge { return .init(person: who, required: false, reason: w.phrase("biometrics.under", ["age": String(minimumAge)])) }
      if age > maximumAge { return .init(person: who, required: false, reason: w.phrase("biometrics.over", ["age": String(maximumAge)])) }
    }
    if case .strings(let citizenships)? = facts["applicant.citizenships"],
      let c = citizenships.first(where: exemptCitizenships.contains)
    {
      return .init(person: who, required: false, reason: w.phrase("biometrics.national", ["country": c]))
    }
    if case .date(let given)? = facts["biometrics.givenOn"], given > facts.today.adding(years: -reuseYears) {
      return .init(person: who, required: false, reason: w.phrase("biometrics.given", ["date": given.description, "years": String(reuseYears)]))
    }
    return .init(person: who, required: true, reason: w.phrase("biometrics.required"))
  }
}
