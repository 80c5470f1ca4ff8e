// Store+CalendarFeeds: what relais serve made of each calendar feed, for `relais status`.
//
// The daemon fetches every feed of [calendars] each feed_minutes. Each fetch ends one of four ways
// (FeedResult); a failed fetch or a refused version changes nothing else: the campaign stays as the
// last good version left it, and the row keeps that version's campaign and when a fetch last
// loaded or confirmed it. Like the calendar files' verdicts (Store+CalendarFiles.swift), recording
// says whether the outcome differs from the one recorded, so that a refusal is logged once.

import Foundation

/// How one fetch of a feed ended.
public enum FeedResult: String, Sendable, Equatable, CaseIterable {
    /// A new version was loaded (moves and cancellations told, as for a file).
    case loaded
    /// The version in force is still current (304 Not Modified, or the same events).
    case unchanged
    /// The version fetched was refused (every problem in the reason); the last good one stays.
    case refused
    /// Nothing could be read (HTTP error, timeout, too large...); the last good version stays.
    case failed

    /// Whether this outcome is a problem `relais status` reports.
    public var isProblem: Bool { self == .refused || self == .failed }
}

/// One feed and the latest fetch of it.
public struct CalendarFeedRecord: Sendable, Equatable {
    public var url: String
    public var result: FeedResult
    /// Why a fetch failed or a version was refused; nil otherwise.
    public var reason: String?
    /// The campaign of the version in force, when one ever loaded.
    public var campaign: String?
    public var fetchedAt: Date
    /// When a fetch last loaded or confirmed the version in force.
    public var goodAt: Date?
    public var nextFetchAt: Date
}

extension Store {
    /// Records a fetch of `url`. `campaign` is the campaign loaded or confirmed (nil for a failed
    /// or refused fetch, which keeps the one recorded). Returns false when the outcome and reason
    /// are those recorded already.
    @discardableResult
    public func recordFeedFetch(
        _ url: String, result: FeedResult, reason: String? = nil, campaign: String? = nil, now: Date, nextFetch: Date
    ) throws -> Bool {
        let good = !result.isProblem
        return try database.write { database in
            let previous = try database.row("SELECT result, reason FROM calendar_feed WHERE url = ?", [.text(url)])
            let same = previous?.string("result") == result.rawValue && previous?.string("reason") == reason
            try database.run(
                """
                INSERT INTO calendar_feed (url, result, reason, campaign, fetched_at, good_at, next_fetch_at)
                VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?6 THEN ?5 END, ?7)
                ON CONFLICT (url) DO UPDATE SET result = ?2, reason = ?3, fetched_at = ?5, next_fetch_at = ?7,
                    campaign = CASE WHEN ?6 THEN ?4 ELSE campaign END, good_at = CASE WHEN ?6 THEN ?5 ELSE good_at END
                """,
                [
                    .text(url), .text(result.rawValue), .string(good ? nil : reason), .string(good ? campaign : nil), .date(now),
                    .bool(good), .date(nextFetch),
                ])
            return !same
        }
    }

    /// Forgets the feeds no longer configured (`present` are the addresses that are).
    public func forgetCalendarFeeds(except present: Set<String>) throws {
        let gone = try calendarFeeds().map(\.url).filter { !present.contains($0) }
        guard !gone.isEmpty else { return }
        try database.write { database in
            for url in gone { try database.run("DELETE FROM calendar_feed WHERE url = ?", [.text(url)]) }
        }
    }

    /// Every feed fetched, by address.
    public func calendarFeeds() throws -> [CalendarFeedRecord] {
        try database.rows("SELECT url, result, reason, campaign, fetched_at, good_at, next_fetch_at FROM calendar_feed ORDER BY url")
            .map { row in
                CalendarFeedRecord(
                    url: row.string("url")!, result: FeedResult(rawValue: row.string("result")!) ?? .failed, reason: row.string("reason"),
                    campaign: row.string("campaign"), fetchedAt: row.date("fetched_at")!, goodAt: row.date("good_at"),
                    nextFetchAt: row.date("next_fetch_at")!)
            }
    }
}
