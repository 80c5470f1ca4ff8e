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
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = timeZone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600
        let minutes = abs(offset) % 3600 / 60
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", parts.year!, parts.month!, parts.day!,
            parts.hour!, parts.minute!, parts.second!, sign, hours, minutes)
    }

    /// `2027-03-30 09:00`: the short form for tables.
    public func short(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!)
    }

    /// `2027-03-30`: the local date.
    public func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
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
