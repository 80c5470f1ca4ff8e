// CampaignJSON: a campaign as `relais campaigns list --json` prints it, and the daemon's state as
// `relais status --json` prints it.

import Foundation
import RelaisCore
import RelaisStore

/// A campaign loaded from its calendar file.
public struct CampaignJSON: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    /// The calendar file it was loaded from, or its feed as FeedAddress.displayName shows it.
    public var file: String
    public var events: Int
    /// Occurrences not cancelled, and the first and last of them (null when there is none).
    public var occurrences: Int
    @Nullable public var first: String?
    @Nullable public var last: String?

    public init(_ campaign: CampaignListing, localTime: LocalTime) {
        id = campaign.id
        name = campaign.name
        file = FeedAddress.shownSource(campaign.sourceFile)
        events = campaign.events
        occurrences = campaign.occurrences
        first = campaign.firstStart.map(localTime.iso8601)
        last = campaign.lastStart.map(localTime.iso8601)
    }
}

/// Whether the daemon runs, the outbox by state, what is due next, recent failures and refused calendars.
public struct ServiceStatusJSON: Encodable, Sendable {
    public var running: Bool
    /// The daemon's heartbeat value (its process and host), null when it never ran.
    @Nullable public var daemon: String?
    /// Messages by state (`queued`, `sent`...).
    public var outbox: [String: Int]
    @Nullable public var nextDue: String?
    public var recentFailures: [Failure]
    public var refusedCalendars: [RefusedCalendar]
    /// Every problem found (ServiceStatusJSON+Problems.swift); empty when all is well.
    public var problems: [Problem]
    /// Each configured calendar feed and its latest fetch.
    public var feeds: [Feed]

    /// A failed message, its reason without personal data.
    public struct Failure: Encodable, Sendable {
        public var id: Int64
        public var channel: String
        public var reason: String
    }

    /// A calendar file the daemon refused, and why.
    public struct RefusedCalendar: Encodable, Sendable {
        public var file: String
        public var reason: String
        public var checkedAt: String

        enum CodingKeys: String, CodingKey {
            case file, reason
            case checkedAt = "checked_at"
        }
    }

    enum CodingKeys: String, CodingKey {
        case running, daemon, outbox
        case nextDue = "next_due"
        case recentFailures = "recent_failures"
        case refusedCalendars = "refused_calendars"
        case problems, feeds
    }

    public init(
        running: Bool, daemon: String?, outbox: [String: Int], nextDue: Date?, recentFailures: [OutboxListing],
        refusedCalendars: [(file: String, reason: String, checked: Date)], problems: [ServiceHealth.Problem] = [],
        feeds: [(url: String, record: CalendarFeedRecord?)] = [], localTime: LocalTime
    ) {
        self.running = running
        self.daemon = daemon
        self.outbox = outbox
        self.nextDue = nextDue.map(localTime.iso8601)
        self.recentFailures = recentFailures.map { Failure(id: $0.id, channel: $0.channel, reason: Redaction.scrub($0.reason ?? "")) }
        self.refusedCalendars = refusedCalendars.map {
            RefusedCalendar(file: $0.file, reason: $0.reason, checkedAt: localTime.iso8601($0.checked))
        }
        self.problems = problems.map { Problem($0, localTime: localTime) }
        self.feeds = feeds.map { Feed(url: $0.url, record: $0.record, localTime: localTime) }
    }
}
