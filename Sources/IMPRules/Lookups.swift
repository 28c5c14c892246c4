extension Catalog {
  /// Matches facts against the catalog's closed lists (``Catalog/Lookup``). For each
  /// lookup whose fact is known it sets `<as>.listed`; for a listed value `<as>.name`
  /// (the list's own title) and `<as>.qualification`; for one not listed, when a listed
  /// name is near it, `<as>.suggestion` (words to append to a message).
  public func lookUp(_ facts: inout Facts) {
    for lookup in lookups ?? [] {
      let source = facts.sources[lookup.fact] ?? lookup.fact
      for name in ["listed", "name", "qualification", "suggestion"] { facts.sources["\(lookup.as).\(name)"] = source }
      guard case .string(let value)? = facts[lookup.fact], let list = lists?.first(where: { $0.id == lookup.list })
      else { continue }
      let key = NearestName.normalized(value)
      let match = list.entries.first { e in ([e.name] + (e.alsoCalled ?? [])).contains { NearestName.normalized($0) == key } }
      facts.set("\(lookup.as).listed", .bool(match != nil), source)
      if let match {
        facts.set("\(lookup.as).name", .string(match.name), source)
        facts.set("\(lookup.as).qualification", match.qualification.map(Fact.string), source)
        continue
      }
      let names = list.entries.flatMap { e in [e.name] + (e.alsoCalled ?? []) }
      let near = NearestName.nearest(value, in: names).map { n in
        list.entries.first { ([$0.name] + ($0.alsoCalled ?? [])).contains(n) }!.name
      }.uniqued()
      if !near.isEmpty {
        let titles = NearestName.orList(near.map { "“\($0)”" })
        facts.set(
          "\(lookup.as).suggestion",
          .string("; the nearest listed title is \(titles): if the duties are those of that profession, write its title in \(source)"),
          source)
      }
    }
  }
}
