/// IRCC's own words for the values a profile holds: what each drop-down of the application
/// forms shows (`Templates/forms/ircc-lists.json`), each list with its source.
///
/// A value without a label is never guessed: the data sheet says to choose it in the form.
public struct IRCCLists: Sendable, Decodable {
  public var countries: Countries
  /// Lists by name (`sex`, `maritalStatus`, `purpose` …): our value → the form's label.
  public var lists: [String: CodeList]

  public struct Countries: Sendable, Decodable {
    public var source: String
    public var confirmed: Bool
    public var note: String
    /// Codes whose IRCC spelling the source gives but nothing confirms.
    public var unconfirmedSpellings: [String]
    /// Every ISO 3166-1 code the profile accepts (and XK).
    public var byCode: [String: Country]
  }

  public struct Country: Sendable, Decodable {
    /// The ISO 3166-1 name.
    public var iso: String
    public var alpha3: String?
    /// IRCC's name (its citizenship list), when the source has the country.
    public var ircc: String?
    /// IRCC's numeric code, only where confirmed.
    public var code: String?
  }

  public struct CodeList: Sendable, Decodable {
    public var source: String
    /// Whether the labels were read from the form itself.
    public var confirmed: Bool
    public var labels: [String: String]
    public var note: String?
  }

  /// The form's words for `code` as a country: IRCC's name, else the ISO name with a note.
  func country(_ code: String, passport: Bool = false) -> (text: String, note: String?) {
    guard let c = countries.byCode[code] else { return (code, "not a country code we know") }
    guard let name = c.ircc else {
      return (c.iso, "not in IRCC's citizenship list as we have it: choose it in the form's list")
    }
    let note = countries.unconfirmedSpellings.contains(code) ? "spelling as in our source; check the drop-down" : nil
    if passport, let three = c.alpha3 {
      return ("\(three) (\(name))", "the passport list shows ISO-3 and IRCC's name; check the drop-down")
    }
    return (name, note)
  }
}
