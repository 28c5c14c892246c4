extension FeeCatalog.BiometricsRule {
  /// Whether the person whose facts are `facts` (``Facts/init(person:today:)``) must give
  /// biometrics, and why: exempt by age, by nationality, or because they gave them within
  /// the reuse period.
  func verdict(_ who: String, _ facts: Facts) -> Plan.BiometricsPerson {
    if case .number(let age)? = facts["applicant.age"] {
      if age < minimumAge { return .init(person: who, required: false, reason: "under \(minimumAge)") }
      if age > maximumAge { return .init(person: who, required: false, reason: "over \(maximumAge)") }
    }
    if case .strings(let citizenships)? = facts["applicant.citizenships"],
      let c = citizenships.first(where: exemptCitizenships.contains)
    {
      return .init(person: who, required: false, reason: "national of \(c)")
    }
    if case .date(let given)? = facts["biometrics.givenOn"], given > facts.today.adding(years: -reuseYears) {
      return .init(person: who, required: false, reason: "gave biometrics on \(given), within \(reuseYears) years")
    }
    return .init(person: who, required: true, reason: "required for a work permit application")
  }
}
