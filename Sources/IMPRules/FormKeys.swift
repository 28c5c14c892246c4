/// The keys of profile format v1 that answer the questions of IRCC's application forms
/// (IMM 1295, 5710, 5645, 5476) and nothing else: the places of ``ProfileKeys`` they extend.
///
/// All are optional. A background question (`applicant.background.*`) is `yes`, `no` or
/// `unknown` and has no default: an absent one is a question still to ask.
public enum FormKeys {
  public static let applicant = [
    "sex", "placeOfBirth", "otherNames", "maritalStatus", "previousRelationships", "nativeLanguage",
    "ableToCommunicate", "mostAtEaseIn", "nationalIdentityDocuments", "usGreenCard", "mailingAddress",
    "residentialSameAsMailing", "residentialAddress", "phones", "residenceHistory", "canadaEntry", "background",
  ]
  public static let placeOfBirth = ["city", "country"]
  public static let otherName = ["familyName", "givenNames"]
  public static let previousRelationship = ["familyName", "givenNames", "dateOfBirth", "relationship", "from", "to"]
  public static let identityDocument = ["number", "country", "issueDate", "expiryDate"]
  public static let greenCard = ["number", "expiryDate"]
  public static let postalAddress = [
    "poBox", "unit", "streetNumber", "street", "city", "province", "postalCode", "country",
  ]
  public static let phone = ["type", "countryCode", "number", "extension"]
  public static let residence = ["country", "status", "statusOther", "from", "to"]
  public static let canadaEntry = [
    "originalDate", "originalPlace", "originalPurpose", "originalPurposeOther", "recentDate", "recentPlace",
    "lastDocumentNumber",
  ]
  /// The background questions, each `yes` / `no` / `unknown`, in the forms' order.
  public static let backgroundQuestions = [
    "tuberculosis", "disorder", "overstayed", "refused", "previouslyApplied", "criminal", "military", "organization",
    "illTreatment",
  ]
  /// The details boxes that go with them.
  public static let backgroundDetails = ["healthDetails", "immigrationDetails", "criminalDetails", "militaryDetails"]
  public static let background = backgroundQuestions + backgroundDetails
  public static let caq = ["number", "expiryDate"]
  /// A parent or a brother or sister (IMM 5645).
  public static let relative = [
    "relationship", "familyName", "givenNames", "dateOfBirth", "countryOfBirth", "address", "occupation",
    "maritalStatus", "deceased", "accompanying",
  ]

  public static let byPath: [String: [String]] = [
    "applicant.placeOfBirth": placeOfBirth, "applicant.otherNames[]": otherName,
    "applicant.previousRelationships[]": previousRelationship,
    "applicant.nationalIdentityDocuments[]": identityDocument, "applicant.usGreenCard": greenCard,
    "applicant.mailingAddress": postalAddress, "applicant.residentialAddress": postalAddress,
    "applicant.phones[]": phone, "applicant.residenceHistory[]": residence, "applicant.canadaEntry": canadaEntry,
    "applicant.background": background, "job.caq": caq, "family.parents[]": relative, "family.siblings[]": relative,
    "representative.address": postalAddress,
  ]

  /// Values of the forms' enumerations.
  public static let sexes = ["F", "M", "X"]
  public static let maritalStatuses = ["single", "married", "common-law", "divorced", "separated", "widowed", "annulled"]
  public static let answers = ["yes", "no", "unknown"]
  public static let residenceStatuses = [
    "citizen", "permanent-resident", "visitor", "worker", "student", "other", "protected-person", "refugee-claimant",
    "foreign-national",
  ]
  public static let communication = ["english", "french", "both", "neither"]
  public static let phoneTypes = ["residence", "cellular", "business"]
  public static let entryPurposes = ["business", "tourism", "study", "work", "family-visit", "other"]
  public static let childRelationships = ["son", "daughter", "step-son", "step-daughter", "adopted-son", "adopted-daughter"]
  public static let parentRelationships = ["mother", "father"]
  public static let siblingRelationships = ["brother", "sister", "half-brother", "half-sister", "step-brother", "step-sister"]
  public static let representativeBodies = ["cicc", "law-society", "chambre-des-notaires", "friend-or-family", "other"]
}
