// CalendarLoadJSON: what loading one campaign calendar changed, as `relais campaigns load --json`
// prints it and `POST /api/v1/calendars` answers it; and CalendarRefusedJSON, the API's answer to a
// calendar refused with every problem of the file.

import Foundation
import RelaisCore
import RelaisStore

/// What one calendar file's load changed.
public struct CalendarLoadJSON: Encodable, Sendable {
    public var campaign: String
    /// The campaign's name, when the front knows it.
    @Nullable public var name: String?
    /// The file as it was named (the command line) or its name in the calendars folder (the desk).
    public var file: String
    public var unchanged: Bool
    public var events: Events
    public var occurrences: Occurrences
    /// The events whose later occurrences were not generated.
    public var truncated: [Truncation]

    public struct Events: Encodable, Sendable {
        public var added, updated, removed: Int
    }

    public struct Occurrences: Encodable, Sendable {
        public var added, moved, cancelled, reinstated, unchanged: Int
    }

    /// An event cut by the horizon or the cap.
    public struct Truncation: Encodable, Sendable {
        public var uid: String
        public var line: Int
        /// `horizon` or `cap`.
        public var cause: String
        public var generatedUntil: String

        enum CodingKeys: String, CodingKey {
            case uid, line, cause
            case generatedUntil = "generated_until"
        }
    }

    public init(
        _ summary: CampaignLoadSummary, name: String?, file: String, truncations: [OccurrenceTruncation], localTime: LocalTime
    ) {
        campaign = summary.campaign
        self.name = name
        self.file = file
        unchanged = summary.isUnchanged
        events = Events(added: summary.eventsAdded, updated: summary.eventsUpdated, removed: summary.eventsRemoved)
        occurrences = Occurrences(
            added: summary.occurrencesAdded, moved: summary.occurrencesMoved, cancelled: summary.occurrencesCancelled,
            reinstated: summary.occurrencesReinstated, unchanged: summary.occurrencesUnchanged)
        truncated = truncations.map {
            Truncation(uid: $0.uid, line: $0.line, cause: $0.cause.code, generatedUntil: localTime.iso8601($0.lastStart))
        }
    }
}

/// A calendar refused: the error's usual keys, and every problem of the file with its line.
public struct CalendarRefusedJSON: Encodable, Sendable {
    public var error = "calendar-refused"
    @Nullable public var field: String? = nil
    public var message: String
    @Nullable public var existing: Int64? = nil
    public var problems: [Problem]

    /// One problem, at its physical line (0: the whole file).
    public struct Problem: Encodable, Sendable {
        public var line: Int
        public var message: String
    }

    public init(problems: [(line: Int, message: String)]) {
        message = "\(problems.count) \(problems.count == 1 ? "problem" : "problems"); nothing loaded from this file"
        self.problems = problems.map { Problem(line: $0.line, message: $0.message) }
    }
}
