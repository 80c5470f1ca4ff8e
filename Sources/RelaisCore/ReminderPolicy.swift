// ReminderPolicy: when a reminder for one occurrence goes out on one channel, or why it does not.
//
// An event's VALARMs (or the policy's default, one day before the start) say when a reminder is
// due; the channel's sending window says when a resident may be disturbed. The rules, in order:
//
// 1. Nominal time. `.fromStart(s)` / `.fromEnd(s)`: the whole days of the offset are calendar days
//    in local wall-clock time, the rest exact seconds (RFC 5545 §3.3.6: "the duration of a week or
//    a day depends on its position in the calendar", hours are exact). `-P1D` before Tuesday 09:00
//    is Monday 09:00 even across a clock change; `-PT2H` is exactly 7,200 s earlier; `-P1DT2H` is
//    the previous day at the same wall-clock time, then 2 h earlier. The trigger arrives as seconds,
//    so `-PT24H` cannot be told from `-P1D` and is read as one calendar day. `.absolute(date)` is
//    that instant.
// 2. Never at or after the start: a nominal time at or after the start is dropped (`after-start`).
// 3. Nominal time allowed by the window and not in the past (>= now): sent at the nominal time.
// 4. Otherwise move it earlier, to the latest allowed instant before it (the previous evening's
//    last minute, 19:59 for SMS), if that is not in the past and at most `maximumAdvance` (12 h)
//    earlier than nominal. A reminder for 06:30 goes out at 19:59 the evening before.
// 5. Otherwise move it later, to the earliest allowed instant at or after max(nominal, now), if
//    that is still before the start. A reminder due on a Sunday goes out on Monday at 08:00 if the
//    event is later than that.
// 6. Otherwise dropped: `in-the-past` when the nominal time had already passed (a late
//    registration, a daemon that was down, an event already started), `no-allowed-time` when the
//    window leaves no time between the nominal time and the start (an event on Easter Monday).
//
// A nominal time in the past is therefore caught up as soon as allowed: someone registered at
// 10:00 on a weekday for a 14:00 event with a `-P1D` alarm gets the SMS at once (10:00); at
// 06:00 they would get it at 08:00; registered on Sunday at 21:00 for Monday 09:00, on Monday at
// 08:00 (if Monday is not a holiday).
//
// Example, 2027 (Easter Sunday is 28 March, the night the clocks go forward; Easter Monday 29):
// event Tuesday 30 March 09:00 CEST (07:00Z), alarm `-P1D`, SMS. Nominal: Monday 29 March 09:00
// (07:00Z), Easter Monday: no SMS. Latest allowed before: Saturday 27 March 19:59 CET (18:59Z),
// 36 h earlier, too early. Earliest allowed after: Tuesday 30 March 08:00 CEST (06:00Z), before the
// start: sent then. By e-mail (holidays allowed) it goes at the nominal 07:00Z on Monday.

import Foundation

/// Why a reminder is not sent.
public enum DropReason: String, Sendable, Equatable, Codable {
    /// The alarm falls at or after the event's start.
    case afterStart = "after-start"
    /// The nominal time has passed and no allowed time remains before the start.
    case inThePast = "in-the-past"
    /// The channel's window allows no time near the nominal time and before the start.
    case noAllowedTime = "no-allowed-time"
    /// The per-person cap (MessageCap) has no room for it (ReminderAllocation).
    case capped = "per-person cap"
}

/// What becomes of one alarm for one occurrence on one channel.
public enum ReminderSchedule: Sendable, Equatable {
    /// Send at `at`; `nominal` is where the alarm put it before quiet-time moves.
    case send(at: Date, nominal: Date)
    /// Not sent, and why.
    case dropped(nominal: Date, reason: DropReason)

    /// The planned sending time, or nil when dropped.
    public var sendingTime: Date? {
        if case .send(let at, _) = self { return at }
        return nil
    }

    /// Where the alarm put the reminder before any move.
    public var nominal: Date {
        switch self {
        case .send(_, let nominal), .dropped(let nominal, _): return nominal
        }
    }
}

/// The rules that turn alarms into sending times.
public struct ReminderPolicy: Sendable, Equatable {
    /// The sending window of each channel; a channel without one uses its built-in default.
    public var windows: [Channel: SendingWindow]
    /// How much earlier than nominal a reminder may be moved to avoid quiet time.
    public var maximumAdvance: TimeInterval
    /// The alarms used when an event has no VALARM.
    public var defaultAlarms: [CalendarAlarm]

    /// One day before the start (`-P1D`): the reminder most residents expect.
    public static let oneDayBefore = CalendarAlarm(trigger: .fromStart(seconds: -86_400))

    public init(
        windows: [Channel: SendingWindow] = [.sms: .sms, .email: .email], maximumAdvance: TimeInterval = 12 * 3600,
        defaultAlarms: [CalendarAlarm] = [ReminderPolicy.oneDayBefore]
    ) {
        self.windows = windows
        self.maximumAdvance = maximumAdvance
        self.defaultAlarms = defaultAlarms
    }

    /// The window a channel is held to: the configured one, or the channel's default.
    public func window(for channel: Channel) -> SendingWindow {
        if let window = windows[channel] { return window }
        switch channel {
        case .sms: return .sms
        case .email: return .email
        }
    }

    /// The alarms that apply to an event: its own, or the defaults when it has none.
    public func alarms(for eventAlarms: [CalendarAlarm]) -> [CalendarAlarm] {
        eventAlarms.isEmpty ? defaultAlarms : eventAlarms
    }

    /// Where an alarm falls before any quiet-time move (rule 1 at the top of this file).
    public static func nominalTime(of alarm: CalendarAlarm, start: Date, end: Date, calendar: Calendar) -> Date {
        switch alarm.trigger {
        case .absolute(let date): return date
        case .fromStart(let seconds): return offset(start, by: seconds, calendar: calendar)
        case .fromEnd(let seconds): return offset(end, by: seconds, calendar: calendar)
        }
    }

    /// When to send the reminder of `alarm` for an occurrence from `start` to `end` on `channel`,
    /// given that it is `now` (rules 2 to 6 at the top of this file).
    public func schedule(
        alarm: CalendarAlarm, start: Date, end: Date, channel: Channel, now: Date, calendar: Calendar
    ) -> ReminderSchedule {
        let nominal = Self.nominalTime(of: alarm, start: start, end: end, calendar: calendar)
        guard nominal < start else { return .dropped(nominal: nominal, reason: .afterStart) }
        let window = window(for: channel)
        if nominal >= now && window.allows(nominal, calendar: calendar) {
            return .send(at: nominal, nominal: nominal)
        }
        if let earlier = window.latestAllowed(atOrBefore: nominal, calendar: calendar), earlier >= now,
            nominal.timeIntervalSince(earlier) <= maximumAdvance
        {
            return .send(at: earlier, nominal: nominal)
        }
        if let later = window.earliestAllowed(atOrAfter: max(nominal, now), calendar: calendar), later < start {
            return .send(at: later, nominal: nominal)
        }
        return .dropped(nominal: nominal, reason: nominal < now ? .inThePast : .noAllowedTime)
    }

    /// `anchor` moved by whole calendar days in local wall-clock time, then by the remaining exact
    /// seconds. Truncation is towards zero: -93,600 s (`-P1DT2H`) is -1 day, then -7,200 s.
    private static func offset(_ anchor: Date, by seconds: Int, calendar: Calendar) -> Date {
        let days = seconds / 86_400
        let rest = seconds % 86_400
        var moved = anchor
        if days != 0 {
            moved = calendar.date(byAdding: .day, value: days, to: anchor) ?? anchor.addingTimeInterval(TimeInterval(days) * 86_400)
        }
        return moved.addingTimeInterval(TimeInterval(rest))
    }
}
