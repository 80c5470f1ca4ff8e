// CalendarLoader+Feeds: a calendar feed's bytes loaded exactly as a calendar file is: decoded
// with the same limits, read, expanded and judged with the feed's defaults filling in what the
// calendar does not say (then the defaults the feed's campaign was last loaded with, as a file's),
// and recorded in one transaction (moves and cancellations told to the
// people registered, capacity kept). `relais serve` (FeedService), `relais campaigns load URL`
// and `relais doctor` (which fetches and judges, writing nothing) come through here.

import Foundation
import RelaisCore
import RelaisDelivery
import RelaisStore

/// Fetching a feed once, with the configuration's limits.
public enum CalendarFeeds {
    /// The limits of one fetch: [calendars] max_file_mb and feed_timeout_seconds.
    public static func limits(_ configuration: Configuration) -> FeedLimits {
        FeedLimits(
            maximumBytes: configuration.maximumFileBytes, timeout: TimeInterval(configuration.feedTimeoutSeconds))
    }

    /// The feed configured at `address`, or one with no defaults when none is.
    public static func feed(at address: FeedAddress, in configuration: Configuration) -> CalendarFeed {
        configuration.feeds.first { $0.address == address } ?? CalendarFeed(address: address)
    }

    /// Fetches the feed's current version (no conditional headers: the whole of it).
    public static func fetch(_ address: FeedAddress, configuration: Configuration) -> Result<[UInt8], FeedFetchFailure> {
        switch FeedClient(limits: limits(configuration)).fetch(address) {
        case .success(.fetched(let body, _)): .success(body)
        case .success(.notModified): .failure(FeedFetchFailure(httpStatus: 304, reason: "HTTP 304 from \(address.host) to a plain GET"))
        case .failure(let failure): .failure(failure)
        }
    }
}

extension CalendarLoader {
    /// Decodes, reads and judges a feed's body, writing nothing; problems name the feed `name`.
    /// What the calendar and the feed's defaults leave unsaid comes from the campaign last loaded
    /// from the feed's address (recorded with the defaults it was loaded with, as a file's).
    public func prepare(feed: CalendarFeed, body: [UInt8], name: String, now: Date) throws -> PreparedCalendar {
        let text: String
        do {
            text = try TextInput.decode(Data(body), limits: TextLimits(maximumFileBytes: configuration.maximumFileBytes))
        } catch {
            throw CalendarLoadError(file: name, line: error.line, reason: error.reason)
        }
        let loaded = try store.calendarDefaults(sourceFile: feed.address.url) ?? CalendarDefaults()
        return try prepare(text: text, fileName: name, now: now, defaults: feed.defaults.filling(from: loaded))
    }

    /// Loads a feed's body as a file would load: all of it, or nothing. The campaign's source is
    /// the feed's address.
    public func load(feed: CalendarFeed, body: [UInt8], name: String, now: Date) throws -> CalendarLoadResult {
        try record(try prepare(feed: feed, body: body, name: name, now: now), sourceFile: feed.address.url, now: now)
    }

    /// Judges a feed's body as `load` would, writing nothing (relais doctor); the events cut.
    public func check(feed: CalendarFeed, body: [UInt8], name: String, now: Date) throws -> [OccurrenceTruncation] {
        try prepare(feed: feed, body: body, name: name, now: now).document.truncations
    }
}
