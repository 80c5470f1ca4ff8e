// FeedService: relais serve's calendar feeds ([calendars] feed), each fetched every feed_minutes.
//
//   due ── fetch on a thread of its own (FeedClient: bounded in time and size) ── wake the loop
//        ┌──────────────────────────────────────────────────────────────────────────┘
//        ▼  on the daemon's thread (loadFinished):
//   304 Not Modified ........................................ unchanged: nothing to do
//   200, the version loads ........... loaded (moved and cancelled occurrences told, as for a file)
//   200, the version is refused ....... refused: the last good version stays; logged once
//   no answer, HTTP error, too large .. failed: the last good version stays; logged once
//        └── recorded in calendar_feed (relais status), next fetch in feed_minutes
//
// Fetching happens off the daemon's thread, so that a slow or hostile server never holds up
// sending, the watchdog or the desk: the loop only waits for it in poll(2), like a signal.
// Loading stays on the daemon's thread, where every other write happens. The first fetch after a
// start or a SIGHUP asks for the whole feed, as a file is read again then; later fetches send back
// the ETag and Last-Modified of the version in force (If-None-Match, If-Modified-Since). After a
// refusal they are dropped, so the next fetch judges the feed again, whatever its server says.
// A version that could not be recorded because the database did not answer (busy, I/O) is not a
// refusal: it is logged, nothing is recorded, and the feed keeps its state (the validators of the
// version in force, so the next fetch brings the new version again).

import Foundation
import RelaisCore
import RelaisDelivery
import RelaisStore
import Synchronization

/// The daemon's calendar feeds: when each is due, their fetches, and what came of them.
final class FeedService {
    /// Readable when a fetch has finished.
    var descriptor: Int32 { mailbox.readDescriptor }
    private let mailbox: FeedMailbox
    private var feeds: [CalendarFeed] = []
    private var states: [FeedAddress: FeedState] = [:]
    private var interval: TimeInterval = 900
    private var limits = FeedLimits(maximumBytes: 20 << 20, timeout: 60)

    /// Throws when the pipe that wakes the daemon cannot be made (out of descriptors).
    init() throws {
        mailbox = try FeedMailbox()
    }

    /// What the service remembers of one feed between fetches.
    private struct FeedState {
        var dueAt: Date
        var fetching = false
        /// The validators of the version in force, sent back at the next fetch.
        var validators: FeedValidators?
        /// The campaign of the version in force, once one loaded since the start.
        var campaign: String?
    }

    /// Takes the feeds of `configuration`; every feed is due at once, and asked for whole.
    func configure(_ configuration: Configuration, now: Date) {
        feeds = configuration.feeds
        interval = TimeInterval(configuration.feedMinutes * 60)
        limits = CalendarFeeds.limits(configuration)
        var fresh: [FeedAddress: FeedState] = [:]
        for feed in feeds {
            var state = states[feed.address] ?? FeedState(dueAt: now)
            state.dueAt = now
            state.validators = nil
            fresh[feed.address] = state
        }
        states = fresh
    }

    /// The addresses configured, as the store keys them.
    var addresses: Set<String> { Set(feeds.map(\.address.url)) }

    /// The earliest fetch due that is not under way; nil when none, or when as many fetches as may
    /// run are running (a finished one wakes the loop through the mailbox).
    var nextDue: Date? {
        guard states.values.filter(\.fetching).count < Self.concurrentFetches else { return nil }
        return states.values.filter { !$0.fetching }.map(\.dueAt).min()
    }

    /// At most this many fetches at once; the others wait for the next turn of the loop.
    static let concurrentFetches = 8

    /// Starts the fetches due at `now` that are not under way, each on a thread of its own (at most
    /// `concurrentFetches` at once), so that a slow or silent server (held to its timeout) delays
    /// no other feed.
    func startDue(now: Date) {
        let running = states.values.filter(\.fetching).count
        let due = feeds.filter { feed in states[feed.address].map { !$0.fetching && $0.dueAt <= now } ?? false }
            .prefix(max(0, Self.concurrentFetches - running))
        let (mailbox, limits) = (self.mailbox, self.limits)
        for feed in due {
            let request = FeedRequest(feed: feed, validators: states[feed.address]?.validators)
            states[feed.address]?.fetching = true
            let thread = Thread {
                let outcome = FeedClient(limits: limits).fetch(request.feed.address, validators: request.validators)
                mailbox.post(FeedFetched(feed: request.feed, outcome: outcome))
            }
            thread.name = "relais-feed"
            thread.start()
        }
    }

    /// Loads what the finished fetches brought, records each outcome, and logs what changed.
    func loadFinished(_ loader: CalendarLoader, store: Store, now: Date, log: Log) {
        for fetched in mailbox.take() {
            // A feed removed by a SIGHUP while it was fetched: its result is dropped.
            guard var state = states[fetched.feed.address], state.fetching else { continue }
            state.fetching = false
            state.dueAt = now.addingTimeInterval(interval)
            let feed = fetched.feed
            let next = state.dueAt
            func record(_ result: FeedResult, reason: String? = nil) -> Bool {
                do {
                    return try store.recordFeedFetch(
                        feed.address.url, result: result, reason: reason, campaign: state.campaign, now: now, nextFetch: next)
                } catch {
                    log.warning("calendar feed outcome not recorded", ["error": Redaction.scrub("\(error)")])
                    return true
                }
            }
            switch fetched.outcome {
            case .failure(let failure):
                if record(.failed, reason: failure.reason) {
                    log.warning(
                        "calendar feed not fetched; the last good version stays",
                        ["feed": feed.address.logName, "campaign": state.campaign ?? "-", "error": failure.reason])
                }
            case .success(.notModified):
                if state.campaign != nil {
                    _ = record(.unchanged)
                } else {  // a 304 to a request without validators: nothing known to keep
                    _ = record(.failed, reason: "HTTP 304 from \(feed.address.host) to a plain GET")
                }
            case .success(.fetched(let body, let validators)):
                do {
                    let result = try loader.load(feed: feed, body: body, name: feed.name, now: now)
                    state.validators = validators
                    state.campaign = result.campaign.campaign
                    _ = record(result.campaign.isUnchanged ? .unchanged : .loaded)
                    if !result.campaign.isUnchanged {
                        log.info(
                            "calendar feed loaded",
                            [
                                "feed": feed.address.logName, "campaign": result.campaign.campaign,
                                "occurrences.added": String(result.campaign.occurrencesAdded),
                                "occurrences.moved": String(result.campaign.occurrencesMoved),
                                "occurrences.cancelled": String(result.campaign.occurrencesCancelled),
                            ])
                    }
                } catch let error where error is CalendarLoadError || error is Refusal {
                    state.validators = nil
                    let reason = "\(error)"
                    if record(.refused, reason: reason) {
                        log.error("calendar feed refused; its campaign stays as it was", ["feed": feed.address.logName, "error": reason])
                    }
                } catch {
                    log.error(
                        "calendar feed not loaded: the database did not answer; tried again at the next fetch",
                        ["feed": feed.address.logName, "error": Redaction.scrub("\(error)")])
                }
            }
            states[feed.address] = state
        }
    }
}

/// One fetch to make.
private struct FeedRequest: Sendable {
    var feed: CalendarFeed
    var validators: FeedValidators?
}

/// One fetch made.
struct FeedFetched: Sendable {
    var feed: CalendarFeed
    var outcome: Result<FeedFetch, FeedFetchFailure>
}

/// Where the fetching threads leave their results for the daemon's thread, with a pipe that
/// wakes the daemon's poll(2).
final class FeedMailbox: Sendable {
    private let pipe: WakePipe
    private let finished = Mutex<[FeedFetched]>([])

    var readDescriptor: Int32 { pipe.readDescriptor }

    init() throws(WakePipeError) {
        pipe = try WakePipe()
    }

    /// Leaves a result and wakes the daemon.
    func post(_ fetched: FeedFetched) {
        finished.withLock { $0.append(fetched) }
        pipe.wake()
    }

    /// Every result left since the last call; empties the pipe.
    func take() -> [FeedFetched] {
        pipe.drain()
        return finished.withLock { results in
            defer { results = [] }
            return results
        }
    }
}
