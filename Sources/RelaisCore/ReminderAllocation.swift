// ReminderAllocation: which of a person's reminders on one channel the per-person cap lets through,
// chosen so that every registration is reminded before any gets a second reminder.
//
// The cap (MessageCap: one a day, three a week per channel, all campaigns together) used to be
// applied registration by registration, in the order people registered: the first event took the
// day and later ones got nothing (24 of 90 registrations of an Easter week went unreminded while
// 36 got two or more). Now the person's upcoming reminders on a channel are decided together:
//
// 1. Every registration first gets one reminder, most constrained first (the fewest alarms that
//    can go out, then the earliest event): among its alarms, the one closest before its event that
//    fits the cap. A registration already reminded on the channel (sent, sending, or to be retried)
//    needs no first one.
// 2. A registration none of whose alarms can go (every one in quiet time: an event on Easter Monday
//    for a person reachable only by SMS; or none fits the cap) gets one at the latest allowed time
//    before its event that fits, however early: the window's opening on the event's own day when
//    that is before the start, otherwise the last allowed minute (19:59 for SMS) of the closest
//    earlier allowed day; never before now. This is the `latest` slot of the outbox key (`:last`).
// 3. Then the other alarms fill what the cap leaves, the earliest events first, each event's alarms
//    closest first; an alarm that does not fit is dropped with the reason `per-person cap`.
//
// Reminders already given (sent, being sent, deferred) are fixed and count against the cap; the
// waiting ones are decided again each time, so a reminder the cap dropped comes back when the one
// that filled its day is cancelled. Notices (moved, cancelled, waitlist...) are never capped.
//
// Example, SMS only, cap 1 a day: events on Easter Monday 29 March 2027 at 10:00 and on Saturday
// 27 March at 14:30, both `-P1D`. Monday's alarm falls on Sunday, its move on Easter Monday's
// morning is a holiday: no alarm can go, so it is decided first and gets Saturday 19:59 (step 2);
// Saturday's event then gets its alarm, Friday 26 March at 14:30 (step 1).

import Foundation

/// One reminder slot of a registration on a channel: an alarm of its event, or the reminder at the
/// latest allowed time before the event that a registration gets when none of its alarms can go.
public enum ReminderSlot: Sendable, Equatable, Hashable {
    case alarm(Int)
    case latest

    /// The outbox `alarm` column: the alarm's position, NULL for the latest allowed time.
    public var alarmColumn: Int? {
        if case .alarm(let position) = self { return position }
        return nil
    }
}

/// One registration's reminders on one channel, as the allocation sees them.
public struct RegistrationReminders: Sendable, Equatable {
    public var registration: Int64
    public var start: Date
    /// Each alarm's schedule: a waiting reminder at its due time, a new one as the policy places
    /// it, or why the policy dropped it (quiet time, after the start...).
    public var alarms: [AlarmSchedule]
    /// Whether a reminder for it on this channel was already given (sent, being sent, deferred).
    public var alreadyGiven: Bool

    public init(registration: Int64, start: Date, alarms: [AlarmSchedule], alreadyGiven: Bool = false) {
        self.registration = registration
        self.start = start
        self.alarms = alarms
        self.alreadyGiven = alreadyGiven
    }

    /// The alarms the policy lets go, closest to the event first.
    var sendable: [(slot: ReminderSlot, at: Date, nominal: Date)] {
        alarms.compactMap { alarm in
            if case .send(let at, let nominal) = alarm.schedule { return (alarm.slot, at, nominal) }
            return nil
        }.sorted { $0.at > $1.at }
    }
}

/// One alarm of a registration and what the policy made of it.
public struct AlarmSchedule: Sendable, Equatable {
    public var slot: ReminderSlot
    public var schedule: ReminderSchedule

    public init(slot: ReminderSlot, schedule: ReminderSchedule) {
        self.slot = slot
        self.schedule = schedule
    }
}

/// Decides a person's reminders on one channel under the cap (the rules at the top of this file).
public struct ReminderAllocation: Sendable {
    public var cap: MessageCap
    public var window: SendingWindow
    public var now: Date
    public var calendar: Calendar

    public init(cap: MessageCap, window: SendingWindow, now: Date, calendar: Calendar) {
        self.cap = cap
        self.window = window
        self.now = now
        self.calendar = calendar
    }

    /// The final schedule of each slot of each registration: its alarms (sent at their time, or
    /// dropped by the policy or the cap) and, when it gets one, its `latest` slot. `given` holds the
    /// person's reminders on the channel already given or planned outside `registrations`.
    public func allocate(_ registrations: [RegistrationReminders], given: [Date]) -> [Int64: [ReminderSlot: ReminderSchedule]] {
        var taken = given
        var result: [Int64: [ReminderSlot: ReminderSchedule]] = [:]
        var kept: Set<AlarmKey> = []
        for registration in registrations {
            result[registration.registration] = Dictionary(
                registration.alarms.map { ($0.slot, $0.schedule) }, uniquingKeysWith: { first, _ in first })
        }
        // 1 and 2: one reminder per registration, the most constrained first.
        let constrainedFirst = registrations.sorted {
            ($0.sendable.count, $0.start, $0.registration) < ($1.sendable.count, $1.start, $1.registration)
        }
        for registration in constrainedFirst where !registration.alreadyGiven {
            if let alarm = registration.sendable.first(where: { fits($0.at, taken) }) {
                taken.append(alarm.at)
                kept.insert(AlarmKey(registration: registration.registration, slot: alarm.slot))
            } else if let latest = latestAllowedTimes(before: registration.start).first(where: { fits($0, taken) }) {
                taken.append(latest)
                result[registration.registration, default: [:]][.latest] = .send(at: latest, nominal: latest)
            }
        }
        // 3: the other alarms fill what is left.
        for registration in registrations.sorted(by: { ($0.start, $0.registration) < ($1.start, $1.registration) }) {
            for alarm in registration.sendable where !kept.contains(AlarmKey(registration: registration.registration, slot: alarm.slot)) {
                if fits(alarm.at, taken) {
                    taken.append(alarm.at)
                } else {
                    result[registration.registration, default: [:]][alarm.slot] = .dropped(nominal: alarm.nominal, reason: .capped)
                }
            }
        }
        return result
    }

    /// The instants, latest first, at which a registration may get its reminder at the latest
    /// allowed time before an event starting at `start` (rule 2): the window's opening on the
    /// event's day if allowed and before the start, then the last allowed minute of each earlier
    /// allowed day, back to today (never before now) and at most ``SendingWindow/searchDays`` days.
    public func latestAllowedTimes(before start: Date) -> [Date] {
        var times: [Date] = []
        // Decreasing: the event day's opening, then each earlier day's last minute.
        for offset in 0...SendingWindow.searchDays {
            guard let day = calendar.date(byAdding: .day, value: -offset, to: noon(of: start)),
                let instant = instant(on: day, minute: offset == 0 ? window.opens : window.closes - 1), instant >= now
            else { break }
            if instant < start && window.allows(instant, calendar: calendar) { times.append(instant) }
        }
        return times
    }

    // MARK: - Helpers

    private struct AlarmKey: Hashable {
        var registration: Int64
        var slot: ReminderSlot
    }

    private func fits(_ candidate: Date, _ taken: [Date]) -> Bool { cap.allows(candidate, alreadyPlanned: taken, calendar: calendar) }

    private func noon(of date: Date) -> Date {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return calendar.date(from: DateComponents(year: parts.year, month: parts.month, day: parts.day, hour: 12)) ?? date
    }

    /// The instant at a wall-clock minute of the local day of `date`.
    private func instant(on date: Date, minute: Int) -> Date? {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return calendar.date(
            from: DateComponents(year: parts.year, month: parts.month, day: parts.day, hour: minute / 60, minute: minute % 60))
    }
}
