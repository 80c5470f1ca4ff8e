// FareBands: the shuttle fare by family-quotient band (quotient familial, in whole euros a month,
// as the CAF attestation gives it).
//
// Configured as `[transport] fare_bands = 0-700: 0, 701-1200: 1.50, 1201+: 3.00`: contiguous bands
// from 0, the last one open, each with the fare of one journey (one leg) in euros. Both ends of a
// band are inside it: with the default, 700 is free, 701 pays 1.50 €, 1200 pays 1.50 €, 1201 pays
// 3.00 €. A booking records the band and the fare used when it was made, so a later change of the
// bands never changes what a resident was told. Money is counted in cents, never in floating point.

import Foundation

/// One band: quotients from `lowest` to `highest` (inclusive; nil: no upper end) pay `fareCents` per journey.
public struct FareBand: Sendable, Equatable {
    public var lowest: Int
    public var highest: Int?
    public var fareCents: Int

    public init(lowest: Int, highest: Int?, fareCents: Int) {
        self.lowest = lowest
        self.highest = highest
        self.fareCents = fareCents
    }

    /// The band as written in the configuration and recorded with each booking: `701-1200`, `1201+`.
    public var label: String { highest.map { "\(lowest)-\($0)" } ?? "\(lowest)+" }
}

/// The fare a booking pays, with the band it was computed from.
public struct ShuttleFare: Sendable, Equatable {
    /// The band's label, or `no quotient` when the resident gave none (the highest band applies).
    public var band: String
    /// The fare of the booking: the band's fare per journey times the journeys (legs) booked.
    public var cents: Int

    public init(band: String, cents: Int) {
        self.band = band
        self.cents = cents
    }
}

/// The bands, checked: contiguous from 0 and open at the top.
public struct FareBands: Sendable, Equatable {
    public private(set) var bands: [FareBand]

    /// Free up to 700 €, 1.50 € up to 1,200 €, 3.00 € above.
    public static let standard = try! FareBands(parsing: "0-700: 0, 701-1200: 1.50, 1201+: 3.00")

    /// Reads `0-700: 0, 701-1200: 1.50, 1201+: 3.00` (a comma also works as decimal mark when the
    /// amount has two decimals after it: `1,50`; bands are then best separated by `;`).
    public init(parsing text: String) throws(FieldError) {
        let separator: Character = text.contains(";") ? ";" : ","
        var bands: [FareBand] = []
        for part in text.split(separator: separator) {
            let item = part.trimmingCharacters(in: .whitespaces)
            let pieces = item.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, let cents = Self.cents(pieces[1]) else {
                throw FieldError(field: "fare_bands", reason: "\"\(item)\" is not a band such as 701-1200: 1.50")
            }
            let range = pieces[0]
            let band: FareBand
            if range.hasSuffix("+"), let lowest = Int(range.dropLast()) {
                band = FareBand(lowest: lowest, highest: nil, fareCents: cents)
            } else {
                let ends = range.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard ends.count == 2, let lowest = ends[0], let highest = ends[1], lowest <= highest else {
                    throw FieldError(field: "fare_bands", reason: "\"\(range)\" is not a quotient range such as 701-1200 or 1201+")
                }
                band = FareBand(lowest: lowest, highest: highest, fareCents: cents)
            }
            let expected = bands.last.map { ($0.highest ?? -1) + 1 } ?? 0
            guard bands.last?.highest != nil || bands.isEmpty else {
                throw FieldError(field: "fare_bands", reason: "\(bands.last!.label) is open-ended, so no band may follow it")
            }
            guard band.lowest == expected else {
                throw FieldError(field: "fare_bands", reason: "\(band.label) must start at \(expected): bands are contiguous from 0")
            }
            bands.append(band)
        }
        guard let last = bands.last else { throw FieldError(field: "fare_bands", reason: "is empty") }
        guard last.highest == nil else {
            throw FieldError(field: "fare_bands", reason: "the last band must be open-ended, e.g. \(last.highest! + 1)+: 3.00")
        }
        self.bands = bands
    }

    /// The fare for a quotient (nil: not given, the highest band applies) and a number of journeys.
    public func fare(quotient: Int?, journeys: Int) -> ShuttleFare {
        guard let quotient else { return ShuttleFare(band: "no quotient", cents: bands.last!.fareCents * journeys) }
        let band = bands.first { quotient >= $0.lowest && ($0.highest.map { quotient <= $0 } ?? true) } ?? bands.last!
        return ShuttleFare(band: band.label, cents: band.fareCents * journeys)
    }

    /// Reads a family quotient as typed: a whole, non-negative number of euros, at most 100,000.
    public static func quotient(_ text: String) throws(Refusal) -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Int(trimmed), (0...100_000).contains(value) else { throw .shuttle(.quotientUnreadable(typed: trimmed)) }
        return value
    }

    /// `1.50 €`, `0.00 €`.
    public static func euros(_ cents: Int) -> String { String(format: "%d.%02d €", cents / 100, cents % 100) }

    /// Cents from `3`, `1.5`, `1.50` or `1,50`; nil for anything else or a negative amount.
    static func cents(_ text: String) -> Int? {
        let parts = text.replacingOccurrences(of: ",", with: ".").split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let euros = Int(parts[0]), euros >= 0, euros <= 1_000 else { return nil }
        guard parts.count == 2 else { return euros * 100 }
        let decimals = String(parts[1])
        guard (1...2).contains(decimals.count), decimals.allSatisfy(\.isNumber), let value = Int(decimals) else { return nil }
        return euros * 100 + (decimals.count == 1 ? value * 10 : value)
    }
}
