// RegistrationStatus: where a resident's registration to a session stands, and when a presence may
// be recorded or undone (CheckInPolicy). Pure: the store asks, inside its transaction, with the
// session's start read there.
//
//   register ──(a place left)──────────────────────▶ confirmed ──cancel──▶ cancelled
//      │                                                ▲
//      └──(full)──▶ waitlisted ──promote (a place frees, │
//                       │        before the start)───────┘
//                       └──cancel──▶ cancelled
//
//   confirmed ──tick (from the start; until the end of its day, or later with late check-in)──▶
//   confirmed and present ──undo (same limits)──▶ confirmed
//
// Only a confirmed registration holds a place, gets reminders and counts in the reports; a
// waitlisted one waits for a place, a cancelled one is history (and never comes back: registering
// again is a new registration). The database holds these rules too (schema step 12).

import Foundation

/// Where a registration stands.
public enum RegistrationStatus: String, Sendable, Equatable, CaseIterable, Codable {
    /// Holds a place: counted, reminded, may be ticked present.
    case confirmed
    /// Waits for a place; the first waitlisted is confirmed when one frees before the start.
    case waitlisted
    /// Given up (by the resident or the desk); kept as history, counted nowhere.
    case cancelled
}

/// When a presence may be recorded or undone.
public enum CheckInPolicy {
    /// What the rules say about ticking (or un-ticking) someone now.
    public enum Verdict: Sendable, Equatable {
        /// Allowed.
        case open
        /// The session has not started: presences are recorded from its start.
        case notStarted(start: Date)
        /// The session's day is over and the account may not enter late ticks.
        case dayOver(day: Date)
    }

    /// Whether a presence at a session starting at `start` may be recorded or undone at `now`:
    /// from the start until the end of the start's local day, or at any later time with `late`
    /// (the coordinator entering a paper sign-in sheet). Never before the start.
    public static func verdict(start: Date, now: Date, late: Bool, calendar: Calendar) -> Verdict {
        guard now >= start else { return .notStarted(start: start) }
        let day = calendar.startOfDay(for: start)
        guard late || now < endOfDay(day, calendar: calendar) else { return .dayOver(day: day) }
        return .open
    }

    /// The local day `date` falls on, as the start of that day.
    public static func day(of date: Date, calendar: Calendar) -> Date { calendar.startOfDay(for: date) }

    /// The end (exclusive) of the local day starting at `day`: the next day's start, whatever its length.
    public static func endOfDay(_ day: Date, calendar: Calendar) -> Date {
        calendar.date(byAdding: .day, value: 1, to: day) ?? day.addingTimeInterval(86_400)
    }

    /// The verdict as a refusal, for the registration or occurrence it concerns.
    public static func refusal(_ verdict: Verdict, occurrence: Int64, registration: Int64?) -> RegistrationRefusal? {
        switch verdict {
        case .open: nil
        case .notStarted(let start): .sessionNotStarted(occurrence: occurrence, start: start)
        case .dayOver(let day): .attendanceClosed(registration: registration ?? 0, day: day)
        }
    }
}
