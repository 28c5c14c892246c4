public import Foundation
public import IMPRules
import StrictJSON
public import XMLTemplates

/// Checks a template folder before any client file meets it: every template compiles,
/// the pages the packet needs are there, and every page renders for every category of
/// the catalog with sample profiles (one with every field filled, one with the fewest).
public enum TemplateLinter {
  public struct Report: Sendable {
    /// Every problem, each naming its template file, line and directive.
    public var errors: [TemplateError]
    /// Renderings attempted: profile samples × categories, plus one per employer sample.
    public var renderings: Int
    public var templates: Int
    public var profileSamples = 0
    public var employerSamples = 0
  }

  /// `samples` are profile files (JSON); their `category` is replaced by each catalog category in turn.
  public static func check(directory: URL, catalog: Catalog, samples: [(name: String, data: Data)]) -> Report {
    let set: TemplateSet
    do { set = try TemplateSet(directory: directory) } catch {
      return Report(errors: error.errors, renderings: 0, templates: 0)
    }
    let builder: PacketBuilder
    do { builder = try PacketBuilder(catalog: catalog, templates: set) } catch {
      return Report(
        errors: [TemplateError(file: directory.lastPathComponent, line: 0, directive: nil, message: error.description)],
        renderings: 0, templates: set.templates.count)
    }
    var errors: [TemplateError] = []
    var renderings = 0
    var profileSamples = 0
    var employerSamples = 0
    for sample in samples {
      guard case .object(var json) = (try? JSONDecoder().decode(JSONValue.self, from: sample.data)) ?? .null else {
        errors.append(TemplateError(file: sample.name, line: 0, directive: nil, message: "sample is not a JSON object"))
        continue
      }
      if json["offers"] != nil {
        // An employer file: render the bundle's pages.
        renderings += 1
        employerSamples += 1
        guard case .success(let file) = EmployerFormat.decode(sample.data, defaultDate: catalog.asOf) else {
          errors.append(TemplateError(file: sample.name, line: 0, directive: nil, message: "sample is not a valid employer file"))
          continue
        }
        do {
          _ = try builder.employerBundleEntries(
            file: file, fileBytes: Array(sample.data), options: EmployerBundleOptions(outputDirectory: directory))
        } catch .template(let e) {
          if !errors.contains(e) { errors.append(e) }
        } catch {}
        continue
      }
      profileSamples += 1
      for category in catalog.applicantCategories {
        json["category"] = .string(category.id)
        renderings += 1
        do {
          guard case .success(let profile) = ProfileFormat.decode(.object(json), defaultDate: catalog.asOf) else {
            errors.append(TemplateError(file: sample.name, line: 0, directive: nil, message: "sample is not a valid profile"))
            break
          }
          let plan = try builder.packetPlan(profile)
          _ = try builder.files(profile: profile, profileBytes: Array(sample.data), plan: plan)
          _ = try builder.memberLetters(profile, plan)
        } catch .template(let e) {
          if !errors.contains(e) { errors.append(e) }
          // A runaway page would spend its whole budget again in every other category.
          if e.exceedsLimit { break }
        } catch {
          // A sample that no plan can be made for says nothing about the templates.
          continue
        }
      }
    }
    return Report(
      errors: errors, renderings: renderings, templates: set.templates.count, profileSamples: profileSamples,
      employerSamples: employerSamples)
  }
}
