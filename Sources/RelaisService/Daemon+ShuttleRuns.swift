// Daemon+ShuttleRuns: `relais serve` keeps the shuttle runs in step with the calendar (runs made
// for new transport occurrences, moved or cancelled with theirs) at start and with each
// heartbeat, so that the desk's listings only read. Calendar loads and bookings do the same in
// their own transactions; this catches what another path recorded without it (a database
// written by an older relais, a load through the store alone). Most passes find nothing to do
// and take no write lock (Store.syncShuttleRuns reads first).

import Foundation
import RelaisCore
import RelaisStore

/// Brings the runs in step for the daemon.
enum ShuttleRunKeeper {
    /// Syncs the runs at `now`; a failure is logged, and the daemon goes on (the next heartbeat tries again).
    static func sync(
        _ store: Store, configuration: Configuration, territory: Territory, route: RouteDataLoad, localTime: LocalTime, now: Date,
        log: Log
    ) {
        var context = ShuttleContext(
            settings: configuration.shuttle, outreach: configuration.outreachRules, now: now, localTime: localTime,
            territory: territory)
        context.use(route)
        do {
            let summary = try store.syncShuttleRuns(context: context)
            guard summary != ShuttleSyncSummary() else { return }
            log.info(
                "shuttle runs brought in step with the calendar",
                ["added": String(summary.added), "moved": String(summary.moved), "cancelled": String(summary.cancelled)])
        } catch {
            log.warning("shuttle runs not brought in step", ["error": Redaction.scrub("\(error)")])
        }
    }
}
