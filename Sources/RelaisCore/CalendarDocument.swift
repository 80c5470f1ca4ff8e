// CalendarDocument: what one iCalendar file says, as plain Swift values.
//
// RelaisCalendar (the only code that speaks libical) reads a file into these values, with every
// recurrence already expanded; the core then judges them (CampaignCalendar) without touching C.
// Times are UTC instants (`Date`); the wall-clock zone they were written in travels beside them.

import Foundation

/// One VCALENDAR file, read and expanded.
public struct CalendarDocument: Sendable, Equatable {
    /// Calendar-level properties that Relais reads: `X-WR-CALNAME` and every `X-RELAIS-*`,
    /// keyed by upper-case name.
    public var properties: [String: String]
    /// The VEVENTs of the file, masters only; RECURRENCE-ID overrides are folded into
    /// their master's occurrences.
    public var events: [CalendarEvent]

    public init(properties: [String: String] = [:], events: [CalendarEvent] = []) {
        self.properties = properties
        self.events = events
    }

    /// The events whose recurrence goes on beyond the occurrences generated.
    public var truncations: [OccurrenceTruncation] {
        events.compactMap { event in
            guard let cause = event.truncation, let last = event.occurrences.last else { return nil }
            return OccurrenceTruncation(uid: event.uid, line: event.line, summary: event.summary, cause: cause, lastStart: last.start)
        }
    }
}

/// An event whose recurrence was cut: nothing is hidden without a word.
public struct OccurrenceTruncation: Sendable, Equatable {
    /// What cut the occurrences.
    public enum Cause: Sendable, Equatable {
        /// Occurrences stop at the horizon (`horizon_days` after now or DTSTART); the rule goes on.
        case horizon
        /// Only the first `limit` occurrences are kept.
        case cap(limit: Int)

        /// The stable code stored and shown in JSON: `horizon` or `cap`.
        public var code: String {
            switch self {
            case .horizon: "horizon"
            case .cap: "cap"
            }
        }
    }

    public var uid: String
    /// The physical line of the event's `BEGIN:VEVENT`.
    public var line: Int
    public var summary: String
    public var cause: Cause
    /// The start of the last occurrence kept.
    public var lastStart: Date

    public init(uid: String, line: Int, summary: String, cause: Cause, lastStart: Date) {
        self.uid = uid
        self.line = line
        self.summary = summary
        self.cause = cause
        self.lastStart = lastStart
    }
}

/// The STATUS of an event or of one occurrence (RFC 5545 §3.8.1.11).
public enum EventStatus: String, Sendable, Equatable, Codable, CaseIterable {
    case confirmed
    case tentative
    case cancelled
}

/// One VEVENT (a master, with its recurrence expanded).
public struct CalendarEvent: Sendable, Equatable {
    /// The UID, unique within a campaign and stable across edits.
    public var uid: String
    /// The physical line (1-based) of the event's `BEGIN:VEVENT` in the file, for messages.
    public var line: Int
    public var summary: String
    public var description: String?
    public var location: String?
    /// CATEGORIES values, in file order, unescaped, one entry per category.
    public var categories: [String]
    public var status: EventStatus
    /// SEQUENCE (0 when absent).
    public var sequence: Int
    /// The TZID of DTSTART, `"UTC"` for UTC times, or the default zone for floating and all-day times.
    public var timeZone: String
    /// True when DTSTART is a DATE (an all-day event).
    public var allDay: Bool
    /// The VALARMs of the master event.
    public var alarms: [CalendarAlarm]
    /// Every `X-RELAIS-*` property of the VEVENT, keyed by upper-case name, value unescaped.
    public var extensions: [String: String]
    /// The occurrences, sorted by start, within the expansion horizon; EXDATEs removed,
    /// RDATEs added, RECURRENCE-ID overrides applied.
    public var occurrences: [CalendarOccurrence]
    /// Why the recurrence goes on beyond `occurrences`, when it does.
    public var truncation: OccurrenceTruncation.Cause? = nil

    public init(
        uid: String, line: Int, summary: String, description: String? = nil, location: String? = nil,
        categories: [String] = [], status: EventStatus = .confirmed, sequence: Int = 0,
        timeZone: String, allDay: Bool = false, alarms: [CalendarAlarm] = [],
        extensions: [String: String] = [:], occurrences: [CalendarOccurrence]
    ) {
        self.uid = uid
        self.line = line
        self.summary = summary
        self.description = description
        self.location = location
        self.categories = categories
        self.status = status
        self.sequence = sequence
        self.timeZone = timeZone
        self.allDay = allDay
        self.alarms = alarms
        self.extensions = extensions
        self.occurrences = occurrences
    }
}

/// One occurrence of an event.
public struct CalendarOccurrence: Sendable, Equatable {
    /// Identifies the occurrence within its event: `""` for a non-recurring event, otherwise the
    /// original start (its RECURRENCE-ID) in UTC as `yyyyMMdd'T'HHmmss'Z'`.
    public var recurrenceKey: String
    public var start: Date
    public var end: Date
    /// The status of this occurrence (an override may cancel one instance of a series).
    public var status: EventStatus
    /// A RECURRENCE-ID override's own SUMMARY, when it differs from the master's.
    public var summary: String?
    /// A RECURRENCE-ID override's own LOCATION, when it differs from the master's.
    public var location: String?

    public init(
        recurrenceKey: String, start: Date, end: Date, status: EventStatus = .confirmed,
        summary: String? = nil, location: String? = nil
    ) {
        self.recurrenceKey = recurrenceKey
        self.start = start
        self.end = end
        self.status = status
        self.summary = summary
        self.location = location
    }
}

/// A VALARM: when to remind, relative to the event or at a fixed instant.
public struct CalendarAlarm: Sendable, Equatable, Codable {
    /// What a TRIGGER is measured from.
    public enum Trigger: Sendable, Equatable, Codable {
        /// A duration from the start (negative: before), e.g. `-P1D`.
        case fromStart(seconds: Int)
        /// A duration from the end (`RELATED=END`).
        case fromEnd(seconds: Int)
        /// A fixed instant (`VALUE=DATE-TIME`).
        case absolute(Date)
    }

    public var trigger: Trigger
    /// ACTION, upper-case (DISPLAY, EMAIL, AUDIO...). Relais sends on the person's channels whatever it says.
    public var action: String

    public init(trigger: Trigger, action: String = "DISPLAY") {
        self.trigger = trigger
        self.action = action
    }
}
