// ServiceStatusJSON+Problems: the problems `relais status --json` lists (ServiceHealth's, by
// their stable code) and each calendar feed's latest fetch, in the shapes of the other resources:
// snake_case keys, every key present, absent values null, local ISO 8601 times.

import Foundation
import RelaisCore
import RelaisStore

extension ServiceStatusJSON {
    /// One problem: its code, what it concerns (a file or a feed's address), why, since when, how many.
    public struct Problem: Encodable, Sendable {
        public var code: String
        @Nullable public var subject: String? = nil
        @Nullable public var reason: String? = nil
        @Nullable public var since: String? = nil
        @Nullable public var count: Int? = nil

        init(_ problem: ServiceHealth.Problem, localTime: LocalTime) {
            code = problem.code
            switch problem {
            case .heartbeatLate(let since): self.since = localTime.iso8601(since)
            case .calendarRefused(let file, let reason, let since):
                (subject, self.reason, self.since) = (file, reason, localTime.iso8601(since))
            case .feedRefused(let url, let reason, let at), .feedFailed(let url, let reason, let at):
                (subject, self.reason, since) = (url, reason, localTime.iso8601(at))
            case .messagesFailed(let count), .messagesRetrying(let count): self.count = count
            case .reloadRefused(let reason, let at): (self.reason, since) = (reason, localTime.iso8601(at))
            }
        }
    }

    /// A configured feed and its latest fetch (all null until relais serve fetched it).
    public struct Feed: Encodable, Sendable {
        /// The feed as FeedAddress.displayName shows it (host, and a file name; never a secret).
        public var feed: String
        /// `loaded`, `unchanged`, `refused` or `failed`.
        @Nullable public var result: String?
        @Nullable public var reason: String?
        /// The campaign of the version in force.
        @Nullable public var campaign: String?
        @Nullable public var fetchedAt: String?
        /// When a fetch last loaded or confirmed the version in force.
        @Nullable public var goodAt: String?
        @Nullable public var nextFetchAt: String?

        enum CodingKeys: String, CodingKey {
            case feed, result, reason, campaign
            case fetchedAt = "fetched_at"
            case goodAt = "good_at"
            case nextFetchAt = "next_fetch_at"
        }

        init(url: String, record: CalendarFeedRecord?, localTime: LocalTime) {
            self.feed = url
            result = record?.result.rawValue
            reason = record?.reason
            campaign = record?.campaign
            fetchedAt = record.map { localTime.iso8601($0.fetchedAt) }
            goodAt = record?.goodAt.map(localTime.iso8601)
            nextFetchAt = record.map { localTime.iso8601($0.nextFetchAt) }
        }
    }
}
