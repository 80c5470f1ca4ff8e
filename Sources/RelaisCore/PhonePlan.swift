// PhonePlan: the numbering rules a territory reads telephone numbers with, as data.
//
// France is always in the plan, with its overseas départements: the French national numbering plan
// (ARCEP, plan national de numérotation, décision n° 2018-0881 and the overseas decisions, e.g.
// n° 2006-0720 for Mayotte) gives them 10-digit national forms "0…" like the mainland's, but their
// own country codes: 0262/0263 and mobiles 0692/0693 are +262 (La Réunion); 0269 and mobile 0639
// are +262 (Mayotte); 0590 and mobiles 0690/0691 are +590 (Guadeloupe, Saint-Martin,
// Saint-Barthélemy); 0594 and 0694 are +594 (Guyane); 0596 and 0696/0697 are +596 (Martinique)
// (ranges checked against libphonenumber's metadata for RE, YT, GP, GF and MQ). A national form
// with one of these prefixes maps to its own code wherever the resident lives: a Réunion mobile
// typed in a metropolitan territory is still +262. The overseas 09 (VoIP) blocks are read as +33, as before.
//
// A border territory adds the countries its residents' numbers come from (+41, +49, +32, +352,
// +39, +34, +377). Their numbers must be typed in international form ("+41 …" or "0041 …"), since
// "07…" exists in both France and Switzerland; what follows the country code depends on whether
// the country has a trunk prefix 0: Switzerland, Germany and Belgium do, and "+41 (0)79 …" drops it;
// Luxembourg, Spain and Monaco have none, so a 0 there is a mistake; Italy's fixed numbers keep
// their leading 0 in E.164 ("+39 02 …" is Milan), so nothing is dropped after +39.

/// One country's rules for what follows its calling code.
public struct PhoneCountry: Sendable, Equatable, Hashable {
    /// What a 0 right after the country code means.
    public enum TrunkZero: Sendable, Equatable, Hashable {
        /// The national trunk prefix, written "(0)" out of habit: dropped (+33, +41, +49, +32).
        case dropped
        /// Part of the number itself, kept in E.164 (Italian fixed lines: +39 02 …).
        case kept
        /// The country has no trunk prefix and no number starts with 0: refused (+352, +34, +377).
        case absent
    }

    /// The calling code, digits only: `41`.
    public let callingCode: String
    /// How people name a number of this country in a message: "Swiss" in "a Swiss number has 9".
    public let numberName: String
    /// What a 0 after the calling code means.
    public let trunkZero: TrunkZero
    /// How many digits follow the calling code, when the country fixes it; nil where numbers vary
    /// in length (Germany, Luxembourg), which are held to E.164's 8 to 15 digits only.
    public let significantDigits: ClosedRange<Int>?

    public init(callingCode: String, numberName: String, trunkZero: TrunkZero, significantDigits: ClosedRange<Int>?) {
        self.callingCode = callingCode
        self.numberName = numberName
        self.trunkZero = trunkZero
        self.significantDigits = significantDigits
    }

    /// Metropolitan France, +33.
    public static let france = PhoneCountry(
        callingCode: "33", numberName: "French", trunkZero: .dropped, significantDigits: 9...9)
    /// La Réunion and Mayotte, +262.
    public static let reunionMayotte = PhoneCountry(
        callingCode: "262", numberName: "Réunion or Mayotte", trunkZero: .dropped, significantDigits: 9...9)
    /// Guadeloupe, Saint-Martin and Saint-Barthélemy, +590.
    public static let guadeloupe = PhoneCountry(
        callingCode: "590", numberName: "Guadeloupe", trunkZero: .dropped, significantDigits: 9...9)
    /// Guyane, +594.
    public static let guyane = PhoneCountry(
        callingCode: "594", numberName: "Guyane", trunkZero: .dropped, significantDigits: 9...9)
    /// Martinique, +596.
    public static let martinique = PhoneCountry(
        callingCode: "596", numberName: "Martinique", trunkZero: .dropped, significantDigits: 9...9)

    /// Switzerland, +41: trunk 0, nine digits.
    public static let switzerland = PhoneCountry(
        callingCode: "41", numberName: "Swiss", trunkZero: .dropped, significantDigits: 9...9)
    /// Germany, +49: trunk 0, numbers of varying length.
    public static let germany = PhoneCountry(
        callingCode: "49", numberName: "German", trunkZero: .dropped, significantDigits: nil)
    /// Belgium, +32: trunk 0, eight digits (fixed) or nine (mobile).
    public static let belgium = PhoneCountry(
        callingCode: "32", numberName: "Belgian", trunkZero: .dropped, significantDigits: 8...9)
    /// Luxembourg, +352: no trunk prefix, numbers of varying length.
    public static let luxembourg = PhoneCountry(
        callingCode: "352", numberName: "Luxembourg", trunkZero: .absent, significantDigits: nil)
    /// Italy, +39: no trunk prefix; fixed numbers start with 0 and keep it.
    public static let italy = PhoneCountry(
        callingCode: "39", numberName: "Italian", trunkZero: .kept, significantDigits: 6...11)
    /// Spain, +34: no trunk prefix, nine digits.
    public static let spain = PhoneCountry(
        callingCode: "34", numberName: "Spanish", trunkZero: .absent, significantDigits: 9...9)
    /// Monaco, +377: no trunk prefix, eight digits (fixed) or nine (mobile).
    public static let monaco = PhoneCountry(
        callingCode: "377", numberName: "Monaco", trunkZero: .absent, significantDigits: 8...9)

    /// The foreign countries a border territory may add, in the order the issue names them.
    public static let border: [PhoneCountry] = [.switzerland, .germany, .belgium, .luxembourg, .italy, .spain, .monaco]

    /// A border country by its calling code as the territory file writes it (`+41`, `41`), or nil.
    public init?(borderCallingCode text: String) {
        var code = text.trimmingCharacters(in: .whitespaces)
        if code.hasPrefix("+") { code.removeFirst() }
        guard let country = Self.border.first(where: { $0.callingCode == code }) else { return nil }
        self = country
    }
}

/// The numbering rules of a territory: France with its overseas départements, and border countries.
public struct PhonePlan: Sendable, Equatable {
    /// The countries whose rules the plan knows, France and the overseas codes first.
    public let countries: [PhoneCountry]
    /// National 10-digit prefixes (the "0" and three digits) that belong to another calling code.
    public let nationalPrefixes: [String: PhoneCountry]

    /// France, its overseas départements, and the border countries of the territory.
    public init(borderCountries: [PhoneCountry]) {
        var countries = Self.french
        for country in borderCountries where !countries.contains(country) { countries.append(country) }
        self.countries = countries
        self.nationalPrefixes = Self.overseasPrefixes
    }

    private init(countries: [PhoneCountry], nationalPrefixes: [String: PhoneCountry]) {
        self.countries = countries
        self.nationalPrefixes = nationalPrefixes
    }

    /// France with its overseas départements, and no foreign country (Haute-Loire, La Réunion).
    public static let france = PhonePlan(borderCountries: [])

    /// What `PhoneNumber(parsing:)` has always read: France and Switzerland, and every national form
    /// as +33 (a Réunion mobile "0692…" becomes +33692…). Kept so that no caller changes until the
    /// territory file chooses a plan.
    static let beforeRegions = PhonePlan(countries: [.france, .switzerland], nationalPrefixes: [:])

    /// The calling codes of the overseas départements.
    static let overseas: [PhoneCountry] = [.reunionMayotte, .guadeloupe, .guyane, .martinique]
    /// The calling codes of France and its overseas départements.
    static let french: [PhoneCountry] = [.france] + overseas

    /// The overseas national prefixes of the French numbering plan, each with its calling code.
    static let overseasPrefixes: [String: PhoneCountry] = [
        "0262": .reunionMayotte, "0263": .reunionMayotte, "0692": .reunionMayotte, "0693": .reunionMayotte,
        "0269": .reunionMayotte, "0639": .reunionMayotte,
        "0590": .guadeloupe, "0690": .guadeloupe, "0691": .guadeloupe,
        "0594": .guyane, "0694": .guyane,
        "0596": .martinique, "0696": .martinique, "0697": .martinique,
    ]

    /// The country whose calling code starts these international digits, if the plan knows it.
    func country(ofInternational digits: String) -> PhoneCountry? {
        countries.first { digits.hasPrefix($0.callingCode) }
    }

    /// The E.164 digits (without "+") of a 10-digit national form "0…".
    func international(ofNational digits: String) -> String {
        let country = nationalPrefixes[String(digits.prefix(4))] ?? .france
        return country.callingCode + digits.dropFirst()
    }
}
