// LocalTime: instants as people of the territory read and type them, in the local zone.
//
// Relais stores UTC instants; everything a person sees or types is wall-clock time in the
// territory's zone (Europe/Paris by default), with its offset when written for machines
// (ISO 8601, `2027-03-30T09:00:00+02:00`). The zone rules are the system's (tzdata).

import Foundation

/// Reads and writes local times in one time zone.
public struct LocalTime: Sendable {
    public let timeZone: TimeZone
    public let calendar: Calendar

    /// The default zone of the territory.
    public static let paris = LocalTime(timeZone: TimeZone(identifier: "Europe/Paris")!)

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.locale = Locale(identifier: "en_US_POSIX")
        self.calendar = calendar
    }

    /// A zone by its identifier, or nil when the system does not know it.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.init(timeZone: zone)
    }

    /// `2027-03-30T09:00:00+02:00`: local wall-clock time with its UTC offset.
    public func iso8601(_ date: Date) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        let wall = wallClock(date, offset: offset)
        let sign = offset < 0 ? "-" : "+"
        let zone = "\(sign)\(Self.digits(abs(offset) / 3600)):\(Self.digits(abs(offset) % 3600 / 60))"
        return "\(Self.date(wall))T\(Self.digits(wall.hour)):\(Self.digits(wall.minute)):\(Self.digits(wall.second))\(zone)"
    }

    /// `2027-03-30 09:00`: the short form for tables.
    public func short(_ date: Date) -> String {
        let wall = wallClock(date, offset: timeZone.secondsFromGMT(for: date))
        return "\(Self.date(wall)) \(Self.digits(wall.hour)):\(Self.digits(wall.minute))"
    }

    /// `2027-03-30`: the local date.
    public func day(_ date: Date) -> String {
        Self.date(wallClock(date, offset: timeZone.secondsFromGMT(for: date)))
    }

    /// The wall-clock fields of `date` at `offset` seconds from UTC. Counted with integers (days
    /// from the civil calendar, H. Hinnant's days_from_civil inverse) for the years 1900 to 2199,
    /// which is every date Relais writes: the calendar's own computation takes a lock and, with
    /// String(format:), was a tenth of the desk's GET /api/v1/runs/{id} (issue 16). Other years
    /// go through `calendar`.
    private func wallClock(_ date: Date, offset: Int) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        if let wall = Self.counted(date, offset: offset) { return wall }
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return (parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
    }

    /// The wall-clock fields of `date` at `offset`, counted; nil outside the years 1900 to 2199.
    private static func counted(
        _ date: Date, offset: Int
    ) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)? {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds > -2_208_988_800, seconds < 7_258_118_400 else { return nil }  // 1900-01-01 to 2200-01-01, UTC
        let local = Int(seconds) + offset
        let days = Int((Double(local) / 86_400).rounded(.down))
        let clock = local - days * 86_400
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, clock / 3600, clock % 3600 / 60, clock % 60)
    }

    /// `Tue, 30 Mar 2027 09:00:00 +0200`: the RFC 5322 date of an e-mail's `Date` header, in
    /// `timeZone`, counted as `iso8601` is (a DateFormatter built per message was a quarter of
    /// `send`'s time, issue 16).
    public static func rfc5322(_ date: Date, timeZone: TimeZone) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        // An offset of seconds (local mean time, before 1911 in France) is left to the formatter.
        guard offset % 60 == 0, let wall = counted(date, offset: offset) else {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.calendar = Calendar(identifier: .gregorian)
            formatter.timeZone = timeZone
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
            return formatter.string(from: date)
        }
        let days = Int((Double(Int(date.timeIntervalSince1970.rounded(.down)) + offset) / 86_400).rounded(.down))
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]  // 1970-01-01 was a Thursday
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][wall.month - 1]
        let sign = offset < 0 ? "-" : "+"
        let zone = "\(sign)\(digits(abs(offset) / 3600))\(digits(abs(offset) % 3600 / 60))"
        return "\(weekday), \(digits(wall.day)) \(month) \(digits(wall.year, 4)) "
            + "\(digits(wall.hour)):\(digits(wall.minute)):\(digits(wall.second)) \(zone)"
    }

    /// `2027-03-30`.
    private static func date(_ wall: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)) -> String {
        "\(digits(wall.year, 4))-\(digits(wall.month))-\(digits(wall.day))"
    }

    /// `value` in decimal, zero-padded to `width` digits (never negative here).
    private static func digits(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// Reads `2027-03-30` (local midnight), `2027-03-30T09:00`, `2027-03-30 09:00[:00]`, or a full
    /// ISO 8601 time with `Z` or an offset. A wall-clock time that does not exist (in the spring gap)
    /// is moved forward by the gap, as clocks are.
    public func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let withT = trimmed.replacingOccurrences(of: " ", with: "T")
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: withT) { return date }
        }
        let scanner = withT.split(separator: "T", maxSplits: 1)
        let dateParts = scanner.first.map { $0.split(separator: "-").compactMap { Int($0) } } ?? []
        guard dateParts.count == 3, scanner.first!.split(separator: "-").count == 3 else { return nil }
        var components = DateComponents(year: dateParts[0], month: dateParts[1], day: dateParts[2], hour: 0, minute: 0, second: 0)
        if scanner.count == 2 {
            let timeParts = scanner[1].split(separator: ":")
            let numbers = timeParts.compactMap { Int($0) }
            guard (2...3).contains(timeParts.count), numbers.count == timeParts.count else { return nil }
            components.hour = numbers[0]
            components.minute = numbers[1]
            components.second = numbers.count == 3 ? numbers[2] : 0
        }
        guard let month = components.month, (1...12).contains(month), let day = components.day, (1...31).contains(day),
            (0...23).contains(components.hour!), (0...59).contains(components.minute!), (0...59).contains(components.second!),
            let date = calendar.date(from: components),
            calendar.dateComponents([.year, .month, .day], from: date)
                == DateComponents(year: components.year, month: month, day: day)
        else { return nil }
        return date
    }
}
