public import StrictJSON

/// An applicant profile (SPEC §1, format version 1), after every field has been checked.
public struct Profile: Sendable {
  public var schemaVersion: Int
  public var caseId: String
  /// A catalog id (`pgwp`) or an official code (`C43`), as written; nil to assess.
  public var category: String?
  public var language: String
  public var submission: Submission
  public var applicant: Applicant
  public var family: Family?
  public var job: Job?
  public var principal: Principal?
  public var permanentResidence: PermanentResidence?
  public var nomination: Nomination?
  public var intraCompany: IntraCompany?
  public var cusma: Cusma?
  public var ceta: TradeAgreementWork?
  public var gats: TradeAgreementWork?
  public var reciprocal: Reciprocal?
  public var iec: IEC?
  public var religious: Religious?
  public var significantBenefit: SignificantBenefit?
  public var representative: Representative?
  public var provided: [String]
  /// The profile as read, after every check: where the form data sheets find their answers
  /// by key (``FormKeys``), absent keys staying absent (never a default).
  public var source: JSONValue = .null

  public struct Submission: Sendable {
    public var date: CivilDate
    public var from: String
    public var requestedValidUntil: CivilDate?
  }

  public struct Applicant: Sendable {
    public var familyName: String
    public var givenNames: String
    public var dateOfBirth: CivilDate
    public var citizenships: [String]
    public var usPermanentResident: Bool
    public var countryOfResidence: String?
    public var email: String?
    public var passport: Passport?
    public var uci: String?
    public var status: Status?
    public var biometrics: Biometrics?
    public var medicalExam: MedicalExam?
    public var designatedCountryStay: Bool
    public var languageTests: [LanguageTest]
    public var education: [Education]
    public var workHistory: [Work]
    public var previousPgwp: Bool
    /// Earlier refusals the applicant declares, for the letter of explanation.
    public var previousRefusals: [Refusal] = []
  }

  public struct Passport: Sendable {
    public var number: String
    public var country: String
    public var expiryDate: CivilDate
    public var issueDate: CivilDate?
  }

  public struct Status: Sendable {
    public var type: String
    public var validUntil: CivilDate?
  }

  public struct Biometrics: Sendable { public var givenOn: CivilDate }
  /// An earlier refused application, as the refusal letter gives it.
  public struct Refusal: Sendable {
    public var date: CivilDate
    /// The country that refused (ISO 3166-1 code; Canada when not given).
    public var country: String
    /// What was applied for ("a visitor visa").
    public var application: String
    /// The reason the refusal letter states.
    public var reason: String?
    /// What has changed since, in the applicant's words, for the letter of explanation.
    public var response: String?
  }
  public struct MedicalExam: Sendable { public var date: CivilDate }

  public struct LanguageTest: Sendable {
    public var test: String
    public var language: String
    public var date: CivilDate
    public var clb: Int
  }

  public struct Education: Sendable {
    public var credential: String
    public var level: String
    public var university: Bool
    public var institution: String
    public var dliNumber: String?
    public var program: String?
    public var cipCode: String?
    public var lengthMonths: Int?
    public var fullTime: Bool?
    public var distanceLearningPercent: Int?
    public var startedOn: CivilDate?
    public var completedOn: CivilDate?
    public var completionConfirmedOn: CivilDate?
    public var studyPermitAppliedOn: CivilDate?
    public var curriculumLicensing: Bool
  }

  public struct Work: Sendable {
    public var employer: String
    public var title: String
    public var noc: String?
    public var country: String?
    public var from: CivilDate
    public var to: CivilDate?
    public var hoursPerWeek: Int?
    public var relatedToCanadianEmployer: Bool
  }

  public struct Family: Sendable {
    public var spouse: Spouse?
    public var children: [Child]
  }

  public struct Spouse: Sendable {
    public var familyName: String
    public var givenNames: String
    public var dateOfBirth: CivilDate?
    public var citizenships: [String]
    public var relationship: String
    public var since: CivilDate?
    public var accompanying: Bool
    public var applyingTogether: Bool
    /// Biometrics given within the reuse period (`biometrics.givenOn`, or the older `biometricsGivenOn`).
    public var biometrics: Biometrics?
    /// The facts of the spouse's own application, when applying together (SPEC §8).
    public var own = MemberFacts()
  }

  public struct Child: Sendable {
    public var givenNames: String
    public var dateOfBirth: CivilDate
    public var citizenships: [String]
    public var accompanying: Bool
    public var applyingTogether: Bool
    public var biometrics: Biometrics?
    /// The child's family name; the principal's when not given.
    public var familyName: String?
    /// Whether the child will attend school in Canada.
    public var school: Bool?
    /// Whether the child will work in Canada.
    public var work: Bool?
    public var own = MemberFacts()
  }

  /// What a family member's own application needs beyond name, birth and citizenships:
  /// the applicant's keys of the same names (SPEC §8).
  public struct MemberFacts: Sendable {
    public var passport: Passport?
    public var status: Status?
    public var medicalExam: MedicalExam?
    public var uci: String?
    public var designatedCountryStay = false
    /// Ids of the member's own checklist items the client has already handed over (as the
    /// profile's top-level `provided` is for the applicant's).
    public var provided: [String] = []
    public init() {}
  }

  public struct Job: Sendable {
    public var employer: Employer?
    public var title: String?
    public var noc: String?
    public var wage: Wage?
    public var hoursPerWeek: Int?
    public var startDate: CivilDate?
    public var endDate: CivilDate?
    public var workLocation: Location?
    public var settings: [String]
    public var offerOfEmploymentNumber: String?
    public var duties: [String]
    /// Work locations beyond `workLocation`.
    public var otherWorkLocations: [Location] = []
    /// The passport number and citizenship the employer's Employer Portal offer records,
    /// to check against the passport (they must match exactly).
    public var offerAsSubmitted: OfferRecord?

    /// The TEER of `noc`: its second digit.
    public var teer: Int? { noc.flatMap { Array($0).dropFirst().first?.wholeNumberValue } }
  }

  public struct Employer: Sendable {
    public var legalName: String
    public var operatingName: String?
    public var businessNumber: String?
    public var province: String?
    public var address: Address?
    public var contact: Contact?
    public var complianceFeeExemption: String?
  }

  public struct Address: Sendable {
    public var line1: String
    public var line2: String?
    public var city: String
    public var province: String?
    public var postalCode: String?
    public var country: String?
  }

  public struct Contact: Sendable {
    public var name: String
    public var title: String?
    public var email: String?
    public var phone: String?
  }

  public struct Wage: Sendable {
    public var amount: Money
    public var per: String
  }

  public struct OfferRecord: Sendable {
    public var passportNumber: String?
    public var citizenship: String?
  }

  public struct Location: Sendable {
    public var city: String
    public var province: String
  }

  public struct Principal: Sendable {
    public var kind: String
    public var familyName: String?
    public var givenNames: String?
    public var permitValidUntil: CivilDate?
    public var noc: String?
    public var transitioningToPermanentResidence: Bool
    public var program: Program?
    public struct Program: Sendable {
      public var level: String
      public var lengthMonths: Int?
    }
    public var teer: Int? { noc.flatMap { Array($0).dropFirst().first?.wholeNumberValue } }
  }

  public struct PermanentResidence: Sendable {
    public var program: String
    public var expressEntry: Bool
    public var applicationNumber: String?
    public var acknowledgementOfReceiptOn: CivilDate?
    public var completenessCheckPassed: Bool
    public var positiveEligibilityOn: CivilDate?
  }

  public struct Nomination: Sendable {
    /// `pnp` (a provincial nomination, T13) or `atlantic` (an Atlantic Immigration Program endorsement, C18).
    public var program: String
    public var province: String
    public var certificateNumber: String?
    public var issuedOn: CivilDate?
    public var expiresOn: CivilDate?
    public var employmentRestriction: Bool
    public var supportLetter: Bool
  }

  public struct IntraCompany: Sendable {
    public var foreignEmployer: String
    public var relationship: String
    public var role: String
    public var startUp: Bool
    public var canadianPremises: Bool
  }

  public struct Cusma: Sendable {
    /// `professional` (T36), `trader` (T34) or `investor` (T35); intra-company transferees use `intraCompany`.
    public var stream: String
    public var profession: String?
    public var qualification: String?
  }

  /// Work under CETA or GATS: the stream the agreement names and the profession.
  public struct TradeAgreementWork: Sendable {
    public var stream: String
    public var profession: String
    public var qualification: String?
  }

  public struct Reciprocal: Sendable {
    /// `general` (C20), `academic-exchange` (C22), `performing-arts` (C23),
    /// `camp-counsellor` (C24) or `coach-athlete` (C26).
    public var type: String
    /// The agreement or arrangement the job falls under.
    public var agreement: String
    /// Artistic, cultural or educational work is exempt from the $155 fee (R299(2)(h)).
    public var artisticCulturalOrEducational: Bool
  }

  public struct IEC: Sendable {
    public var stream: String
    public var invitationDate: CivilDate?
    public var healthInsuranceUntil: CivilDate?
    /// Earlier IEC participations, counted against the agreement's limit.
    public var previousParticipations: [Participation] = []
    /// The recognized organization the applicant goes through (R205(b)), for nationals of
    /// countries without an agreement and US citizens or permanent residents.
    public var recognizedOrganization: String?

    public struct Participation: Sendable {
      public var stream: String
      /// The citizenship it was under; nil: the one this application uses.
      public var citizenship: String?
      public var year: Int?
    }
  }

  public struct Religious: Sendable {
    /// `religious` (C50) or `charitable` (C51).
    public var kind: String
    public var organization: String
    public var role: String?
    public var paid: Bool
  }

  public struct SignificantBenefit: Sendable { public var rationale: String }

  public struct Representative: Sendable {
    public var name: String
    public var licenceNumber: String?
    public var organization: String?
    public var email: String?
    public var paid: Bool
  }
}
