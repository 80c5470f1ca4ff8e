// HolidayRegion: the public holidays (jours fériés) and the time zone of each French holiday region.
//
// The eleven national days of the Code du travail (art. L3133-1, ``FrenchHolidays``) hold everywhere.
// Alsace-Moselle (départements 57 Moselle, 67 Bas-Rhin, 68 Haut-Rhin) adds Good Friday and 26 December
// (Code du travail art. L3134-13, the local law kept from 1892). The law makes Good Friday a holiday
// "in communes with a Protestant temple or a mixed church"; Relais keeps it in all three départements,
// as most employers there do: sending no SMS that day is the cautious side. Each overseas département
// adds the day commemorating the abolition of slavery (loi n° 83-550 du 30 juin 1983; dates fixed by
// décret n° 83-1003 du 23 novembre 1983, amended by décret n° 2012-553): Guadeloupe 27 May, Martinique
// 22 May, Guyane 10 June, La Réunion 20 December, Mayotte 27 April. Saint-Martin (27 May) and
// Saint-Barthélemy (9 October) are collectivités, not départements, and have no region here yet.
// Each region carries its IANA time zone, and a configuration word that the territory file will name.

import Foundation

/// A French holiday region: which public holidays apply, and the local time zone.
public enum HolidayRegion: String, CaseIterable, Sendable, Codable {
    case metropole
    case alsaceMoselle = "alsace-moselle"
    case guadeloupe
    case martinique
    case guyane
    case reunion
    case mayotte

    /// One public holiday: a calendar day and its French name.
    public struct Holiday: Sendable, Equatable, Hashable, CustomStringConvertible {
        public var month: Int
        public var day: Int
        public var name: String
        public var description: String { "\(month)-\(day) \(name)" }
    }

    /// The stable word of the configuration (`metropole`, `alsace-moselle`, `reunion`, ...).
    public var configurationWord: String { rawValue }

    /// The region a configuration word names, or nil for a word Relais does not know.
    public init?(configurationWord word: String) {
        self.init(rawValue: word.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// The region's name in French, for pages and messages.
    public var name: String {
        switch self {
        case .metropole: "France métropolitaine"
        case .alsaceMoselle: "Alsace-Moselle"
        case .guadeloupe: "Guadeloupe"
        case .martinique: "Martinique"
        case .guyane: "Guyane"
        case .reunion: "La Réunion"
        case .mayotte: "Mayotte"
        }
    }

    /// The IANA time zone identifier of the region (tzdata).
    public var timeZoneIdentifier: String {
        switch self {
        case .metropole, .alsaceMoselle: "Europe/Paris"
        case .guadeloupe: "America/Guadeloupe"
        case .martinique: "America/Martinique"
        case .guyane: "America/Cayenne"
        case .reunion: "Indian/Reunion"
        case .mayotte: "Indian/Mayotte"
        }
    }

    /// The region's local time, read with the system's zone rules.
    public var localTime: LocalTime {
        // Every identifier above is in tzdata; a system without it cannot run Relais in that region.
        guard let local = LocalTime(identifier: timeZoneIdentifier) else {
            preconditionFailure("the system's tzdata does not know \(timeZoneIdentifier)")
        }
        return local
    }

    /// The days this region adds to the eleven national ones.
    private func regionalDays(year: Int) -> [Holiday] {
        switch self {
        case .metropole: []
        case .alsaceMoselle: [Self.goodFriday(year: year), Holiday(month: 12, day: 26, name: "Saint-Étienne")]
        case .guadeloupe: [Holiday(month: 5, day: 27, name: "Abolition de l'esclavage")]
        case .martinique: [Holiday(month: 5, day: 22, name: "Abolition de l'esclavage")]
        case .guyane: [Holiday(month: 6, day: 10, name: "Abolition de l'esclavage")]
        case .reunion: [Holiday(month: 12, day: 20, name: "Abolition de l'esclavage")]
        case .mayotte: [Holiday(month: 4, day: 27, name: "Abolition de l'esclavage")]
        }
    }

    /// The public holidays of `year` in this region, in date order, with their French names.
    ///
    /// Two holidays can share a day (Whit Monday 2030 is 10 June, Guyane's abolition day); both are
    /// listed, the national one first.
    public func holidays(year: Int) -> [Holiday] {
        let national = FrenchHolidays.holidays(year: year).map { Holiday(month: $0.month, day: $0.day, name: $0.name) }
        let all = national + regionalDays(year: year)
        return all.enumerated()
            .sorted { ($0.element.month, $0.element.day, $0.offset) < ($1.element.month, $1.element.day, $1.offset) }
            .map(\.element)
    }

    /// The name of the public holiday on this calendar day in this region, or nil on an ordinary day.
    public func holidayName(year: Int, month: Int, day: Int) -> String? {
        holidays(year: year).first { $0.month == month && $0.day == day }?.name
    }

    /// Whether this calendar day is a public holiday in this region.
    public func isHoliday(year: Int, month: Int, day: Int) -> Bool {
        holidayName(year: year, month: month, day: day) != nil
    }

    /// Whether the local day of `date`, in the region's own time zone, is a public holiday there.
    public func isHoliday(_ date: Date) -> Bool {
        let parts = localTime.calendar.dateComponents([.year, .month, .day], from: date)
        return isHoliday(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// Good Friday, two days before Easter Sunday (which falls between 22 March and 25 April).
    private static func goodFriday(year: Int) -> Holiday {
        let easter = FrenchHolidays.easterSunday(year: year)
        let (month, day) = (easter.month!, easter.day!)
        let friday = day > 2 ? (month, day - 2) : (month - 1, 31 + day - 2)  // 1 or 2 April: 30 or 31 March
        return Holiday(month: friday.0, day: friday.1, name: "Vendredi saint")
    }
}

// MARK: - Départements

extension HolidayRegion {
    /// The holiday region of a département code (`01`…`95`, `2A`/`2B`, `971`…`974`, `976`), for the
    /// territory file to default from; nil for a code that is not a département.
    public init?(departement code: String) {
        let code = code.trimmingCharacters(in: .whitespaces).uppercased()
        switch code {
        case "57", "67", "68": self = .alsaceMoselle
        case "971": self = .guadeloupe
        case "972": self = .martinique
        case "973": self = .guyane
        case "974": self = .reunion
        case "976": self = .mayotte
        case "2A", "2B": self = .metropole
        default:
            // Metropolitan départements are 01 to 95; 20 (Corsica) was split into 2A and 2B in 1976.
            guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(code),
                (1...95).contains(number), number != 20
            else { return nil }
            self = .metropole
        }
    }
}
