// FeedEvent: one event of a calendar feed that Relais publishes (the sessions of a campaign).
//
// The command-line front builds these from the store and hands them to `CalendarWriter.feed`;
// only that writer and the CLI use them, so they live beside the writer rather than in the core.

import Foundation
import RelaisCore

/// One VEVENT of a published feed: a single, already-dated session.
public struct FeedEvent: Sendable, Equatable {
    /// The UID, stable across republications so that calendar apps update rather than duplicate.
    public var uid: String
    public var summary: String
    public var description: String?
    public var location: String?
    /// One entry per category; commas inside one are escaped when written.
    public var categories: [String]
    public var start: Date
    public var end: Date
    /// The Olson zone its times are written in (`"UTC"` for UTC times). For an all-day event, the
    /// zone whose local dates `start` and `end` fall on.
    public var timeZone: String
    /// True to write DATE values (VALUE=DATE) rather than times.
    public var allDay: Bool
    public var status: EventStatus
    /// SEQUENCE: raise it whenever a published event changes.
    public var sequence: Int
    public var lastModified: Date

    public init(
        uid: String, summary: String, description: String? = nil, location: String? = nil,
        categories: [String] = [], start: Date, end: Date, timeZone: String = "Europe/Paris",
        allDay: Bool = false, status: EventStatus = .confirmed, sequence: Int = 0, lastModified: Date
    ) {
        self.uid = uid
        self.summary = summary
        self.description = description
        self.location = location
        self.categories = categories
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.allDay = allDay
        self.status = status
        self.sequence = sequence
        self.lastModified = lastModified
    }
}
