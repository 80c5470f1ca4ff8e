// Territory: the place Relais serves: its communes (by INSEE code) and priority neighbourhoods
// (QPV), the organiser and the contract named to residents and on reports, its time zone, holidays,
// phone numbering and shuttle destination.
//
// The territory is data, read from its file (TerritoryFile, Config/territories/NAME.conf); no
// territory is written in Swift.
//
// Every name a person types ("St Martin", "saint martin", "Égly" or "Egly") resolves
// through one normal form, the slug.

import Foundation

/// A commune of the territory.
public struct Commune: Sendable, Equatable, Hashable, Codable {
    /// The INSEE code of the *Code officiel géographique*, e.g. "01313".
    public var code: String
    /// The normal form of the name: lower case, no accents, words joined by hyphens.
    public var slug: String
    /// The name as it is written, e.g. "Saint-Martin-d'Hères".
    public var name: String
    /// Other names people type for it ("St Martin" for Saint-Martin-d'Hères), as slugs.
    public var aliases: [String]

    public init(name: String, code: String, aliases: [String] = []) {
        self.name = name
        self.code = code
        self.slug = Territory.slug(name)
        self.aliases = aliases.map(Territory.slug)
    }
}

/// A priority neighbourhood of city policy (*quartier prioritaire de la politique de la ville*).
public struct PriorityNeighbourhood: Sendable, Equatable, Hashable, Codable {
    public var slug: String
    public var name: String
    /// The slug of the commune it lies in.
    public var commune: String
    /// The national QPV code (e.g. "QN00101M"), when a source gives it.
    public var code: String?

    public init(name: String, commune: String, code: String? = nil) {
        self.name = name
        self.slug = Territory.slug(name)
        self.commune = Territory.slug(commune)
        self.code = code
    }
}

/// The communes and QPVs that a Relais installation serves.
public struct Territory: Sendable, Equatable {
    /// The territory's own name, e.g. an agglomeration ("… agglo") or a CPTS.
    public var name: String
    /// The organiser as residents read it in messages and on pages.
    public var organiser: String
    /// The contract or programme named on reports.
    public var contract: String
    /// The département's code, e.g. "01", "74", "974".
    public var departement: String
    /// The IANA time zone of the territory.
    public var timeZone: String
    public var holidayRegion: HolidayRegion
    public var phonePlan: PhonePlan
    /// Where the shuttle goes by default; nil when the territory has none.
    public var shuttleDestination: String?
    public var communes: [Commune]
    public var neighbourhoods: [PriorityNeighbourhood]

    public init(
        name: String, organiser: String? = nil, contract: String? = nil, departement: String,
        timeZone: String? = nil, holidayRegion: HolidayRegion = .metropole, phonePlan: PhonePlan = .france,
        shuttleDestination: String? = nil, communes: [Commune], neighbourhoods: [PriorityNeighbourhood]
    ) {
        self.name = name
        self.organiser = organiser ?? name
        self.contract = contract ?? name
        self.departement = departement
        self.timeZone = timeZone ?? holidayRegion.timeZoneIdentifier
        self.holidayRegion = holidayRegion
        self.phonePlan = phonePlan
        self.shuttleDestination = shuttleDestination
        self.communes = communes
        self.neighbourhoods = neighbourhoods
    }

    /// The commune a typed name designates, or nil. The short names people use work when they
    /// designate one commune only: "St Martin" is Saint-Martin-d'Hères when no other commune's
    /// name starts so; "Saint" designates several and is refused.
    public func commune(named typed: String) -> Commune? {
        let key = Territory.slug(typed)
        guard !key.isEmpty else { return nil }
        if let exact = communes.first(where: { $0.slug == key || $0.aliases.contains(key) }) { return exact }
        let candidates = communes.filter { $0.slug.hasPrefix(key + "-") }
        return candidates.count == 1 ? candidates[0] : nil
    }

    /// The commune whose slug is `slug` (as stored), or nil.
    public func commune(slug: String) -> Commune? { communes.first { $0.slug == slug } }

    /// The commune whose INSEE code is `code`, or nil.
    public func commune(code: String) -> Commune? { communes.first { $0.code == code } }

    /// The QPV a typed name designates, or nil.
    public func neighbourhood(named typed: String) -> PriorityNeighbourhood? {
        let key = Territory.slug(typed)
        return neighbourhoods.first { $0.slug == key }
    }

    /// The normal form of a place name: case and accents folded, "St"/"Ste" spelled out,
    /// every run of other characters a single hyphen.
    public static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var words: [String] = []
        var word = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else if scalar == "œ" {
                word += "oe"
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        return words.map { $0 == "st" ? "saint" : $0 == "ste" ? "sainte" : $0 }.joined(separator: "-")
    }
}
