public import Foundation

/// The question lists of the forms this tool makes data sheets for, and IRCC's code lists,
/// read from a folder (`Templates/forms`: `IMM5710.json` … and `ircc-lists.json`).
public struct FormLibrary: Sendable {
  /// By form number as the catalog writes it (`IMM 5710`).
  public let forms: [String: FormQuestionList]
  public let lists: IRCCLists

  public init(forms: [String: FormQuestionList], lists: IRCCLists) throws(FormLibraryError) {
    self.forms = forms
    self.lists = lists
    let problems = forms.values.sorted { $0.form < $1.form }.flatMap { check($0) }
    if !problems.isEmpty { throw FormLibraryError(problems.joined(separator: "\n")) }
  }

  /// Reads every `IMM*.json` of `folder` and its `ircc-lists.json`.
  public static func load(_ folder: URL) throws(FormLibraryError) -> FormLibrary {
    func read<T: Decodable>(_ type: T.Type, _ file: URL) throws(FormLibraryError) -> T {
      do { return try JSONDecoder().decode(type, from: try Data(contentsOf: file)) } catch {
        throw FormLibraryError("\(file.lastPathComponent): \(error)")
      }
    }
    let names: [String]
    do { names = try FileManager.default.contentsOfDirectory(atPath: folder.path) } catch {
      throw FormLibraryError("\(folder.path): cannot read the form folder")
    }
    var forms: [String: FormQuestionList] = [:]
    for name in names.sorted() where name.hasPrefix("IMM") && name.hasSuffix(".json") {
      let list = try read(FormQuestionList.self, folder.appendingPathComponent(name))
      forms[list.form] = list
    }
    return try FormLibrary(forms: forms, lists: try read(IRCCLists.self, folder.appendingPathComponent("ircc-lists.json")))
  }

  /// The data sheet file for `form` in the packet (`forms/IMM-5710-data.html`).
  public static func sheetFile(_ form: String) -> String {
    "forms/\(String(form.map { $0 == " " ? "-" : $0 }))-data.html"
  }

  /// Every name a question list uses that means nothing: a derivation, list or format.
  func check(_ f: FormQuestionList) -> [String] {
    let formats: Set<String> = [
      "yes-no", "yes-if-any", "address", "phone", "lines", "name", "period", "until", "field-of-study",
      "education-country", "address-or-mailing",
    ]
    var problems: [String] = []
    for s in f.sections {
      for q in s.questions {
        let at = "\(f.form) \(s.title) \(q.number) (\(q.text))"
        let a = q.answer
        if let d = a.derive, !FormDerivation.names.contains(d) { problems.append("\(at): no derivation \"\(d)\"") }
        if let l = a.list, !["country", "passportCountry"].contains(l), lists.lists[l] == nil {
          problems.append("\(at): no IRCC list \"\(l)\"")
        }
        if let fmt = a.format, !formats.contains(fmt) { problems.append("\(at): no format \"\(fmt)\"") }
        if a.key == nil, a.keys == nil, a.derive == nil, a.note == nil {
          problems.append("\(at): no key, derivation or note saying why the profile has none")
        }
      }
    }
    return problems
  }
}

/// A question list or code list that cannot be read or names what does not exist.
public struct FormLibraryError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
