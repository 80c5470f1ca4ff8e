// SendingWindow: the hours and days at which a channel may reach a resident.
//
// Many residents are elderly; an SMS at 6:30 or on a Sunday morning is an intrusion (and French
// practice for SMS to consumers is working hours, no Sundays, no public holidays). A window is a
// span of local wall-clock minutes, the same every day, plus whether Sundays and public holidays
// are allowed (the public holidays of the territory's HolidayRegion). Everything is computed in the
// local time of the calendar given (the territory's): instants are built from year/month/day/hour/minute with the calendar, never by
// adding seconds to a midnight, so the windows keep their wall-clock hours on clock-change days.
//
// Boundaries, at minute resolution: an instant t is allowed when
//     opens <= hour(t) * 60 + minute(t) < closes
// on an allowed day. With the SMS window 08:00-20:00, 08:00:00 and 19:59:59 are allowed, 20:00:00
// and 07:59:59 are not. The last allowed minute of a day is `closes - 1` (19:59): that is what
// `latestAllowed` returns when it moves a message back to an earlier day.

import Foundation

/// When a channel may send: local minutes of the day, and whether Sundays and holidays are allowed.
public struct SendingWindow: Sendable, Equatable {
    /// The first allowed minute after local midnight (480 = 08:00).
    public var opens: Int
    /// The first minute after local midnight that is no longer allowed (1200 = 20:00): exclusive.
    public var closes: Int
    /// Whether messages may go on Sundays.
    public var sundays: Bool
    /// Whether messages may go on public holidays.
    public var holidays: Bool
    /// Whose public holidays count: the territory's region (``Configuration/applying(territory:)``).
    public var holidayRegion: HolidayRegion

    /// A window from `opens` (inclusive) to `closes` (exclusive), in minutes after local midnight.
    /// A window with `opens >= closes`, or outside 0...1440, allows nothing.
    public init(
        opens: Int = 8 * 60, closes: Int = 20 * 60, sundays: Bool = false, holidays: Bool = false,
        holidayRegion: HolidayRegion = .metropole
    ) {
        self.holidayRegion = holidayRegion
        self.opens = opens
        self.closes = closes
        self.sundays = sundays
        self.holidays = holidays
    }

    /// SMS: 08:00 to 20:00, not on Sundays, not on public holidays.
    public static let sms = SendingWindow(opens: 8 * 60, closes: 20 * 60, sundays: false, holidays: false)
    /// E-mail, read when the resident chooses: 07:00 to 21:00, every day.
    public static let email = SendingWindow(opens: 7 * 60, closes: 21 * 60, sundays: true, holidays: true)

    /// How many days `latestAllowed` and `earliestAllowed` look back or ahead before giving up.
    public static let searchDays = 30

    /// Whether a message may be sent at `date` (local time in `calendar`'s zone).
    public func allows(_ date: Date, calendar: Calendar) -> Bool {
        guard isValid else { return false }
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
        let minute = parts.hour! * 60 + parts.minute!
        return opens <= minute && minute < closes && isSendingDay(parts)
    }

    /// The latest allowed instant at or before `date`: `date` itself when allowed; otherwise the
    /// last allowed minute (`closes - 1`, e.g. 19:59:00) of the same day if `date` is after closing,
    /// or of the closest earlier allowed day. Nil when no day of the last ``searchDays`` is allowed.
    public func latestAllowed(atOrBefore date: Date, calendar: Calendar) -> Date? {
        guard isValid else { return nil }
        if allows(date, calendar: calendar) { return date }
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
        let minute = parts.hour! * 60 + parts.minute!
        if minute >= closes && isSendingDay(parts), let last = instant(on: parts, minute: closes - 1, calendar: calendar), last <= date {
            return last
        }
        for offset in 1...Self.searchDays {
            guard let day = day(offset: -offset, from: date, calendar: calendar) else { return nil }
            if isSendingDay(day) { return instant(on: day, minute: closes - 1, calendar: calendar) }
        }
        return nil
    }

    /// The earliest allowed instant at or after `date`: `date` itself when allowed; otherwise the
    /// opening minute of the same day if `date` is before opening, or of the next allowed day
    /// (Sundays and holidays skipped when the window excludes them). Nil beyond ``searchDays``.
    public func earliestAllowed(atOrAfter date: Date, calendar: Calendar) -> Date? {
        guard isValid else { return nil }
        if allows(date, calendar: calendar) { return date }
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
        let minute = parts.hour! * 60 + parts.minute!
        if minute < opens && isSendingDay(parts), let first = instant(on: parts, minute: opens, calendar: calendar), first >= date {
            return first
        }
        for offset in 1...Self.searchDays {
            guard let day = day(offset: offset, from: date, calendar: calendar) else { return nil }
            if isSendingDay(day) { return instant(on: day, minute: opens, calendar: calendar) }
        }
        return nil
    }

    // MARK: - Days and wall-clock instants

    private var isValid: Bool { 0 <= opens && opens < closes && closes <= 24 * 60 }

    /// Whether the day (year, month, day, weekday components) may carry messages.
    private func isSendingDay(_ day: DateComponents) -> Bool {
        if !sundays && day.weekday == 1 { return false }  // Gregorian weekday 1 is Sunday, whatever firstWeekday says
        if !holidays && holidayRegion.isHoliday(year: day.year!, month: day.month!, day: day.day!) { return false }
        return true
    }

    /// The local day `offset` days from the day of `date`, reached from its noon so that no
    /// clock change (at 02:00 or 03:00 in Paris, at midnight in some zones) can skip or repeat a day.
    private func day(offset: Int, from date: Date, calendar: Calendar) -> DateComponents? {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let noon = calendar.date(from: DateComponents(year: parts.year, month: parts.month, day: parts.day, hour: 12)),
            let shifted = calendar.date(byAdding: .day, value: offset, to: noon)
        else { return nil }
        return calendar.dateComponents([.year, .month, .day, .weekday], from: shifted)
    }

    /// The instant at a wall-clock minute of a local day. A minute that does not exist (in the
    /// spring gap) comes out moved forward by the gap, as clocks are.
    private func instant(on day: DateComponents, minute: Int, calendar: Calendar) -> Date? {
        calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: minute / 60, minute: minute % 60))
    }
}
