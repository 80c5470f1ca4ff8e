// Territory: the communes and priority neighbourhoods (QPV) that Relais serves.
//
// Pays de Gex agglo is built in; every name a person types ("St Genis", "ferney voltaire",
// "Échenevex" or "Echenevex") resolves through one normal form, the slug, which is also the key
// the store keeps.

import Foundation

/// A commune of the territory.
public struct Commune: Sendable, Equatable, Hashable, Codable {
    /// The normal form of the name: lower case, no accents, words joined by hyphens.
    public var slug: String
    /// The name as it is written, e.g. "Prévessin-Moëns".
    public var name: String

    public init(name: String) {
        self.name = name
        self.slug = Territory.slug(name)
    }
}

/// A priority neighbourhood of city policy (*quartier prioritaire de la politique de la ville*).
public struct PriorityNeighbourhood: Sendable, Equatable, Hashable, Codable {
    public var slug: String
    public var name: String
    /// The slug of the commune it lies in.
    public var commune: String

    public init(name: String, commune: String) {
        self.name = name
        self.slug = Territory.slug(name)
        self.commune = Territory.slug(commune)
    }
}

/// The communes and QPVs that a Relais installation serves.
public struct Territory: Sendable, Equatable {
    public var name: String
    public var communes: [Commune]
    public var neighbourhoods: [PriorityNeighbourhood]

    public init(name: String, communes: [Commune], neighbourhoods: [PriorityNeighbourhood]) {
        self.name = name
        self.communes = communes
        self.neighbourhoods = neighbourhoods
    }

    /// The commune a typed name designates, or nil. The short names people use work when they
    /// designate one commune only: "Ferney" is Ferney-Voltaire, "St Genis" Saint-Genis-Pouilly;
    /// "Saint" designates two and is refused.
    public func commune(named typed: String) -> Commune? {
        let key = Territory.slug(typed)
        guard !key.isEmpty else { return nil }
        if let exact = communes.first(where: { $0.slug == key }) { return exact }
        let candidates = communes.filter { $0.slug.hasPrefix(key + "-") }
        return candidates.count == 1 ? candidates[0] : nil
    }

    /// The commune whose slug is `slug` (as stored), or nil.
    public func commune(slug: String) -> Commune? { communes.first { $0.slug == slug } }

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

extension Territory {
    /// Pays de Gex agglo: 27 communes of the Ain on the Swiss border, and its two QPVs.
    public static let paysDeGex = Territory(
        name: "Pays de Gex agglo",
        communes: [
            "Cessy", "Challex", "Chevry", "Chézery-Forens", "Collonges", "Crozet", "Divonne-les-Bains",
            "Échenevex", "Farges", "Ferney-Voltaire", "Gex", "Grilly", "Léaz", "Lélex", "Mijoux",
            "Ornex", "Péron", "Pougny", "Prévessin-Moëns", "Saint-Genis-Pouilly",
            "Saint-Jean-de-Gonville", "Sauverny", "Ségny", "Sergy", "Thoiry", "Versonnex", "Vesancy",
        ].map(Commune.init(name:)),
        neighbourhoods: [
            PriorityNeighbourhood(name: "Levant-Tattes", commune: "Ferney-Voltaire"),
            PriorityNeighbourhood(name: "Jacques Prévert", commune: "Saint-Genis-Pouilly"),
        ])
}
