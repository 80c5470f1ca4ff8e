// relais doctor, the calendar feeds of [calendars]: each is fetched once (a plain GET, with the
// limits relais serve uses) and judged exactly as a load would, with its feed line's defaults,
// writing nothing; then what relais serve made of its own latest fetch, which can differ (a
// version refused against the database, a server that failed an hour ago and answers now).

import Foundation
import RelaisCore
import RelaisDelivery
import RelaisService
import RelaisStore

extension DoctorCommand {
    /// One line per feed: ok when it fetches and loads and relais serve's latest fetch was good.
    static func checkFeeds(_ context: Context, store: Store, check: (String, String?) -> Void) throws {
        let feeds = context.configuration.feeds
        guard !feeds.isEmpty else { return }
        let loader = CalendarLoader(
            store: store, configuration: context.configuration, territory: context.territory, calendar: context.localTime.calendar)
        let recorded = Dictionary(try store.calendarFeeds().map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
        for feed in feeds {
            let label = "calendar feed \(feed.address.displayName) fetched and judged"
            switch CalendarFeeds.fetch(feed.address, configuration: context.configuration) {
            case .failure(let failure):
                check(label, failure.reason)
            case .success(let body):
                do {
                    let truncations = try loader.check(feed: feed, body: body, name: feed.name, now: context.now)
                    check(label, servedProblem(recorded[feed.address.url], context))
                    for cut in truncations {
                        print(
                            "warn \(feed.name):\(cut.line): \(cut.uid) repeats after \(context.localTime.short(cut.lastStart)), not generated beyond"
                        )
                    }
                } catch {
                    check(label, "\(error)")
                }
            }
        }
    }

    /// What relais serve's latest fetch of the feed found wrong; nil when it was good or none was made.
    private static func servedProblem(_ record: CalendarFeedRecord?, _ context: Context) -> String? {
        guard let record, record.result.isProblem else { return nil }
        let verb = record.result == .refused ? "refused" : "could not fetch"
        return "relais serve \(verb) it at \(context.localTime.short(record.fetchedAt)): \(record.reason ?? "")"
    }
}
