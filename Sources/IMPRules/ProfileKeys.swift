/// The keys each object of profile format v1 may hold (SPEC §1; the names are a contract).
///
/// Besides these, every object may hold keys starting with `x-`, which are kept and ignored.
/// `schema/profile.schema.json` lists the same keys; a test holds the two together.
public enum ProfileKeys {
  public static let profile = [
    "$schema", "schemaVersion", "caseId", "category", "language", "submission", "applicant", "family", "job",
    "principal", "permanentResidence", "nomination", "intraCompany", "cusma", "ceta", "gats", "reciprocal", "iec",
    "religious", "significantBenefit", "representative", "provided",
  ]
  public static let submission = ["date", "from", "requestedValidUntil", "countryWhereApplying"]
  public static let applicant = [
    "familyName", "givenNames", "dateOfBirth", "citizenships", "usPermanentResident", "countryOfResidence", "email",
    "passport", "uci", "status", "biometrics", "medicalExam", "designatedCountryStay", "languageTests", "education",
    "workHistory", "previousPgwp", "previousRefusals",
  ] + FormKeys.applicant
  public static let refusal = ["date", "country", "application", "reason", "response"]
  public static let passport = ["number", "country", "expiryDate", "issueDate"]
  public static let status = ["type", "validUntil", "since"]
  public static let biometrics = ["givenOn"]
  public static let medicalExam = ["date"]
  public static let languageTest = ["test", "language", "date", "clb"]
  public static let education = [
    "credential", "level", "university", "institution", "dliNumber", "program", "cipCode", "lengthMonths", "fullTime",
    "distanceLearningPercent", "startedOn", "completedOn", "completionConfirmedOn", "studyPermitAppliedOn",
    "curriculumLicensing", "city", "provinceOrState", "country",
  ]
  public static let work = [
    "employer", "title", "noc", "country", "from", "to", "hoursPerWeek", "relatedToCanadianEmployer", "city",
    "provinceOrState",
  ]
  public static let family = ["spouse", "children", "parents", "siblings"]
  public static let spouse = [
    "familyName", "givenNames", "dateOfBirth", "citizenships", "relationship", "since", "accompanying",
    "applyingTogether", "biometricsGivenOn", "passport", "uci", "status", "biometrics", "medicalExam",
    "designatedCountryStay", "countryOfBirth", "address", "occupation", "provided",
  ]
  public static let child = [
    "givenNames", "dateOfBirth", "citizenships", "accompanying", "applyingTogether", "biometricsGivenOn",
    "familyName", "passport", "uci", "status", "biometrics", "medicalExam", "designatedCountryStay", "school", "work",
    "relationship", "countryOfBirth", "address", "occupation", "maritalStatus", "provided",
  ]
  public static let job = [
    "employer", "title", "noc", "wage", "hoursPerWeek", "startDate", "endDate", "workLocation", "settings",
    "offerOfEmploymentNumber", "duties", "otherWorkLocations", "offerAsSubmitted", "caq",
  ]
  public static let offerAsSubmitted = ["passportNumber", "citizenship"]
  public static let employer = [
    "legalName", "operatingName", "businessNumber", "province", "address", "contact", "complianceFeeExemption",
  ]
  public static let address = ["line1", "line2", "city", "province", "postalCode", "country"]
  public static let contact = ["name", "title", "email", "phone"]
  public static let wage = ["amount", "per"]
  public static let workLocation = ["city", "province", "address"]
  public static let principal = [
    "kind", "familyName", "givenNames", "permitValidUntil", "noc", "transitioningToPermanentResidence", "program",
  ]
  public static let program = ["level", "lengthMonths"]
  public static let permanentResidence = [
    "program", "expressEntry", "applicationNumber", "acknowledgementOfReceiptOn", "completenessCheckPassed",
    "positiveEligibilityOn",
  ]
  public static let nomination = [
    "program", "province", "certificateNumber", "issuedOn", "expiresOn", "employmentRestriction", "supportLetter",
  ]
  public static let intraCompany = ["foreignEmployer", "relationship", "role", "startUp", "canadianPremises"]
  public static let cusma = ["stream", "profession", "qualification"]
  /// `ceta` and `gats`.
  public static let tradeAgreementWork = ["stream", "profession", "qualification"]
  public static let reciprocal = ["type", "agreement", "artisticCulturalOrEducational"]
  public static let iec = [
    "stream", "invitationDate", "healthInsuranceUntil", "previousParticipations", "recognizedOrganization",
  ]
  public static let iecParticipation = ["stream", "citizenship", "year"]
  public static let religious = ["kind", "organization", "role", "paid"]
  public static let significantBenefit = ["rationale"]
  public static let representative = [
    "name", "licenceNumber", "organization", "email", "paid", "familyName", "givenNames", "body", "lawSocietyProvince",
    "address", "phone",
  ]

  /// Every object of the format by where it sits (`applicant.education[]` for each element).
  public static let byPath: [String: [String]] = [
    "": profile, "submission": submission, "applicant": applicant, "applicant.passport": passport,
    "applicant.status": status, "applicant.biometrics": biometrics, "applicant.medicalExam": medicalExam,
    "applicant.languageTests[]": languageTest, "applicant.education[]": education, "applicant.workHistory[]": work,
    "applicant.previousRefusals[]": refusal,
    "family": family, "family.spouse": spouse, "family.children[]": child,
    "family.spouse.passport": passport, "family.spouse.status": status, "family.spouse.biometrics": biometrics,
    "family.spouse.medicalExam": medicalExam, "family.children[].passport": passport,
    "family.children[].status": status, "family.children[].biometrics": biometrics,
    "family.children[].medicalExam": medicalExam, "job": job, "job.employer": employer,
    "job.employer.address": address, "job.employer.contact": contact, "job.wage": wage,
    "job.workLocation": workLocation, "job.otherWorkLocations[]": workLocation,
    "job.offerAsSubmitted": offerAsSubmitted, "principal": principal, "principal.program": program,
    "permanentResidence": permanentResidence, "nomination": nomination, "intraCompany": intraCompany,
    "cusma": cusma, "ceta": tradeAgreementWork, "gats": tradeAgreementWork, "reciprocal": reciprocal, "iec": iec, "iec.previousParticipations[]": iecParticipation, "religious": religious, "significantBenefit": significantBenefit,
    "representative": representative,
  ].merging(FormKeys.byPath) { own, _ in own }
}
