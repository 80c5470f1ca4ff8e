// ShuttleBookingRules: when a shuttle seat may be booked and cancelled, with GTFS-Flex semantics.
//
// GTFS-Flex `booking_rules.txt` (https://gtfs.org/schedule/reference/#booking_rulestxt) describes
// on-demand transport booking with:
//
//   booking_type               0 real time (up to the pickup), 1 same day with prior notice
//                              (prior_notice_duration_min minutes before the pickup), 2 prior day(s)
//   prior_notice_last_day      (type 2) the last day to book, counted back from the travel day
//   prior_notice_last_time     (type 2) the time on that day when booking closes
//   prior_notice_start_day     the earliest day before travel to book
//   prior_notice_start_time    the time on that day when booking opens
//   prior_notice_service_id    the service calendar whose days prior_notice_last_day counts
//
// Relais's service calendar is `business` (Monday to Friday except the public holidays of the
// territory's ``HolidayRegion``) or `all` (every day). prior_notice_last_day counts service days; as French
// on-demand transport rules say "at most 30 days ahead", prior_notice_start_day counts calendar days.
// The default is French practice: book by 17:00 on the previous working day, at most 30 days ahead.
//
// Worked example (2027: Easter Sunday 28 March is also the night clocks go forward): a run on
// Tuesday 30 March. Counting back one business day: Monday 29 is Easter Monday, Sunday 28 and
// Saturday 27 are not working days, Friday 26 is: booking closes Friday 26 March at 17:00 CET
// (16:00Z). Cancelling without being late is possible until 17:00 the calendar day before,
// Monday 29 March at 17:00 CEST (15:00Z). Booking opened on Sunday 28 February at 00:00.
//
// Every instant is built from a local date and wall-clock time with the calendar (never by adding
// seconds to a midnight), so deadlines keep their hour across clock changes. Days are stepped from
// noon, which no clock change can skip or repeat.

import Foundation

/// GTFS-Flex `booking_type`.
public enum ShuttleBookingType: String, Sendable, Equatable, CaseIterable {
    /// 0: booked in real time, up to the pickup.
    case realTime = "real_time"
    /// 1: booked the same day with `prior_notice_duration_min` minutes of notice.
    case sameDay = "same_day"
    /// 2: booked up to `prior_notice_last_day` service days before, at `prior_notice_last_time`.
    case priorDays = "prior_days"
}

/// The days a service calendar counts (GTFS `prior_notice_service_id`).
public enum ShuttleServiceDays: String, Sendable, Equatable, CaseIterable {
    /// Monday to Friday, except French public holidays.
    case business
    /// Every day.
    case all

    /// Whether a local day (year, month, day, weekday components) is a service day, with the public
    /// holidays of `region`.
    public func contains(_ day: DateComponents, region: HolidayRegion = .metropole) -> Bool {
        switch self {
        case .all: return true
        case .business:
            guard let weekday = day.weekday, weekday != 1, weekday != 7 else { return false }  // 1 Sunday, 7 Saturday
            return !region.isHoliday(year: day.year!, month: day.month!, day: day.day!)
        }
    }
}

/// Where a booking request stands against the booking window.
public enum ShuttleBookingWindow: Sendable, Equatable {
    case open
    /// Too early: booking opens at this instant.
    case notYetOpen(opens: Date)
    /// Too late: booking closed at this instant.
    case closed(closed: Date)
}

/// The booking and cancellation rules of the shuttle.
public struct ShuttleBookingRules: Sendable, Equatable {
    public var bookingType: ShuttleBookingType
    /// `prior_notice_duration_min`: minutes of notice before the pickup (real_time and same_day).
    public var priorNoticeDurationMinimum: Int
    /// `prior_notice_last_day`: service days before the travel day (prior_days).
    public var priorNoticeLastDay: Int
    /// `prior_notice_last_time`: minutes after local midnight (1020 = 17:00).
    public var priorNoticeLastTime: Int
    /// `prior_notice_start_day`: calendar days before the travel day when booking opens; nil: any time.
    public var priorNoticeStartDay: Int?
    /// `prior_notice_start_time`: minutes after local midnight.
    public var priorNoticeStartTime: Int
    /// The service calendar that prior_notice_last_day counts in.
    public var serviceDays: ShuttleServiceDays
    /// Whose public holidays `business` leaves out: the territory's (``Configuration/applying(territory:)``).
    public var holidayRegion: HolidayRegion = .metropole
    /// Calendar days before the travel day of the cancellation deadline (1: the day before).
    public var cancelLastDay: Int
    /// Minutes after local midnight of the cancellation deadline; later cancellations are late.
    public var cancelLastTime: Int

    /// French practice: by 17:00 the previous working day, at most 30 days ahead; cancel by 17:00 the day before.
    public init(
        bookingType: ShuttleBookingType = .priorDays, priorNoticeDurationMinimum: Int = 0, priorNoticeLastDay: Int = 1,
        priorNoticeLastTime: Int = 17 * 60, priorNoticeStartDay: Int? = 30, priorNoticeStartTime: Int = 0,
        serviceDays: ShuttleServiceDays = .business, cancelLastDay: Int = 1, cancelLastTime: Int = 17 * 60
    ) {
        self.bookingType = bookingType
        self.priorNoticeDurationMinimum = priorNoticeDurationMinimum
        self.priorNoticeLastDay = priorNoticeLastDay
        self.priorNoticeLastTime = priorNoticeLastTime
        self.priorNoticeStartDay = priorNoticeStartDay
        self.priorNoticeStartTime = priorNoticeStartTime
        self.serviceDays = serviceDays
        self.cancelLastDay = cancelLastDay
        self.cancelLastTime = cancelLastTime
    }

    /// The last instant a seat for a pickup at `pickup` may be booked.
    public func bookingDeadline(pickup: Date, calendar: Calendar) -> Date {
        switch bookingType {
        case .realTime:
            return pickup
        case .sameDay:
            return pickup.addingTimeInterval(-Double(priorNoticeDurationMinimum * 60))
        case .priorDays:
            var day = Self.localDay(of: pickup, calendar: calendar)
            var counted = 0
            // At most a year back: a service calendar with no day at all cannot loop forever.
            for _ in 0..<366 where counted < priorNoticeLastDay {
                day = Self.day(offset: -1, from: day, calendar: calendar)
                if serviceDays.contains(day, region: holidayRegion) { counted += 1 }
            }
            return Self.instant(on: day, minute: priorNoticeLastTime, calendar: calendar)
        }
    }

    /// The first instant a seat may be booked, or nil when booking is open any time before.
    public func bookingOpens(pickup: Date, calendar: Calendar) -> Date? {
        guard let days = priorNoticeStartDay else { return nil }
        let day = Self.day(offset: -days, from: Self.localDay(of: pickup, calendar: calendar), calendar: calendar)
        return Self.instant(on: day, minute: priorNoticeStartTime, calendar: calendar)
    }

    /// The last instant a booking may be cancelled without being late.
    public func cancellationDeadline(pickup: Date, calendar: Calendar) -> Date {
        let day = Self.day(offset: -cancelLastDay, from: Self.localDay(of: pickup, calendar: calendar), calendar: calendar)
        return Self.instant(on: day, minute: cancelLastTime, calendar: calendar)
    }

    /// Whether a booking made at `now` for a pickup at `pickup` is within the window. The deadline
    /// itself is allowed (booking at 17:00:00 on time), one second later is not.
    public func window(at now: Date, pickup: Date, calendar: Calendar) -> ShuttleBookingWindow {
        let deadline = bookingDeadline(pickup: pickup, calendar: calendar)
        if now > deadline { return .closed(closed: deadline) }
        if let opens = bookingOpens(pickup: pickup, calendar: calendar), now < opens { return .notYetOpen(opens: opens) }
        return .open
    }

    // MARK: - Local days

    /// The local day of `date`, as year, month, day and weekday.
    public static func localDay(of date: Date, calendar: Calendar) -> DateComponents {
        calendar.dateComponents([.year, .month, .day, .weekday], from: date)
    }

    /// The local day `offset` days from `day`, stepped from its noon.
    public static func day(offset: Int, from day: DateComponents, calendar: Calendar) -> DateComponents {
        let noon = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))!
        let shifted = calendar.date(byAdding: .day, value: offset, to: noon)!
        return calendar.dateComponents([.year, .month, .day, .weekday], from: shifted)
    }

    /// The instant of a wall-clock minute on a local day (a minute in the spring gap moves forward).
    public static func instant(on day: DateComponents, minute: Int, calendar: Calendar) -> Date {
        calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: minute / 60, minute: minute % 60))!
    }
}

/// When a passenger notice goes out, given the channel's sending window.
public enum ShuttleNoticeTiming {
    /// The pickup reminder: nominally at `reminderMinute` (local) the day before the pickup; moved
    /// back to the latest allowed time before that (a Saturday evening before Easter Monday), or, when
    /// that is past, sent as soon as allowed. Nil when no allowed time remains before the pickup.
    public static func reminder(
        pickup: Date, reminderMinute: Int, window: SendingWindow, now: Date, calendar: Calendar
    ) -> (due: Date, nominal: Date)? {
        let dayBefore = ShuttleBookingRules.day(
            offset: -1, from: ShuttleBookingRules.localDay(of: pickup, calendar: calendar), calendar: calendar)
        let nominal = min(ShuttleBookingRules.instant(on: dayBefore, minute: reminderMinute, calendar: calendar), pickup)
        if let earlier = window.latestAllowed(atOrBefore: nominal, calendar: calendar), earlier >= now, earlier < pickup {
            return (earlier, nominal)
        }
        guard let soonest = notice(pickup: pickup, window: window, now: now, calendar: calendar) else { return nil }
        return (soonest, nominal)
    }

    /// A notice (promotion, cancelled run): as soon as the window allows, if before the pickup.
    public static func notice(pickup: Date, window: SendingWindow, now: Date, calendar: Calendar) -> Date? {
        guard let soonest = window.earliestAllowed(atOrAfter: now, calendar: calendar), soonest < pickup else { return nil }
        return soonest
    }
}
