// relais status: whether relais serve runs and what is wrong, with an exit status a monitoring
// script can act on (ServiceHealth decides it: 0 all is well, 1 running with problems, 3 not
// running, as `systemctl is-active`). It lists the problems (a calendar or feed refused, a feed
// that cannot be fetched, messages failed or waiting for a retry, a late heartbeat), each feed's
// latest fetch and next one, the next message due and the outbox by state.

import Foundation
import RelaisCore
import RelaisJSON
import RelaisService
import RelaisStore

enum StatusCommand {
    static let help = """
        relais status [--json]

        Whether relais serve runs (its heartbeat in the database, written every 30 s, is fresh and
        its process alive), and every problem: calendar files and feeds it refused (their campaigns
        stay as they were), feeds that could not be fetched (the last good version stays), messages
        that failed in the last 24 hours or wait to be retried after a failed attempt, a heartbeat
        more than 90 s late while the process lives (the daemon is stuck), files its latest reload
        (SIGHUP) could not use (the values in force were kept). Then each feed's latest
        fetch and next one, the next message due, the outbox by state, and the latest failures.

        Exit status, as systemctl is-active: 0 relais serve runs and nothing is wrong; 1 it runs
        with problems (listed); 3 it is not running.

        Example:
          relais --config /etc/relais/relais.conf status
        """

    static func run(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(words, options: [], flags: ["json"])
        try arguments.expectPositional(atMost: 0, usage: "relais status [--json]")
        let store = try context.store()
        let beat = try store.serviceState(Daemon.heartbeatKey)
        let refused = try store.calendarFiles().compactMap { record -> (file: String, reason: String, checked: Date)? in
            guard case .refused(let reason) = record.verdict else { return nil }
            return (record.path, reason, record.checkedAt)
        }
        let recorded = Dictionary(try store.calendarFeeds().map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
        // Shown by displayName: a feed's address often holds its secret.
        let feeds = context.configuration.feeds.map { (url: $0.address.displayName, record: recorded[$0.address.url]) }
        let troubles = try store.deliveryTroubles(since: context.now.addingTimeInterval(-ServiceHealth.recentFailures))
        var problems: [ServiceHealth.Problem] = refused.map { .calendarRefused(file: $0.file, reason: $0.reason, since: $0.checked) }
        for (url, record) in feeds {
            guard let record, let reason = record.reason else { continue }
            problems.append(
                record.result == .refused
                    ? .feedRefused(url: url, reason: reason, at: record.fetchedAt)
                    : .feedFailed(url: url, reason: reason, at: record.fetchedAt))
        }
        if troubles.failed > 0 { problems.append(.messagesFailed(count: troubles.failed)) }
        if troubles.retrying > 0 { problems.append(.messagesRetrying(count: troubles.retrying)) }
        if let reload = try store.serviceState(Daemon.reloadKey) {
            problems.append(.reloadRefused(reason: reload.value, at: reload.updatedAt))
        }
        let health = ServiceHealth(heartbeat: heartbeat(beat), now: context.now, problems: problems)
        if arguments.flag("json") {
            let outbox = try store.outboxCounts().reduce(into: [String: Int]()) { $0[$1.key.rawValue] = $1.value }
            Output.json(
                ServiceStatusJSON(
                    running: health.running, daemon: beat?.value, outbox: outbox, nextDue: try store.nextDue(),
                    recentFailures: try store.recentFailures(), refusedCalendars: refused, problems: health.problems, feeds: feeds,
                    localTime: context.localTime))
        } else {
            try printStatus(health, beat: beat, feeds: feeds, store: store, context)
        }
        switch health.exitStatus {
        case 0: return
        case 3: throw UserError(description: "relais serve is not running", exitCode: 3)
        default:
            let count = health.problems.count
            throw UserError(description: "\(count) problem\(count == 1 ? "" : "s")", exitCode: health.exitStatus)
        }
    }

    /// The heartbeat as ServiceHealth reads it: whether its process, when on this host, lives.
    static func heartbeat(_ beat: (value: String, updatedAt: Date)?) -> ServiceHealth.Heartbeat {
        guard let beat else { return .none }
        return .written(at: beat.updatedAt, processAlive: Sender.processAlive(beat.value))
    }

    private static func printStatus(
        _ health: ServiceHealth, beat: (value: String, updatedAt: Date)?, feeds: [(url: String, record: CalendarFeedRecord?)],
        store: Store, _ context: Context
    ) throws {
        let time = context.localTime
        if health.running, let beat {
            print("relais serve is running (\(beat.value))")
        } else if let beat {
            print("relais serve is not running (last seen \(time.short(beat.updatedAt)), \(beat.value))")
        } else {
            print("relais serve is not running")
        }
        print(health.problems.isEmpty ? "no problem found" : "problems: \(health.problems.count)")
        for problem in health.problems { print("  " + words(problem, time)) }
        for (url, record) in feeds {
            guard let record else {
                print("feed \(url): not fetched yet")
                continue
            }
            let campaign = record.campaign.map { " (\($0))" } ?? ""
            let good =
                record.result.isProblem ? record.goodAt.map { ", version in force fetched \(time.short($0))" } ?? ", none loaded yet" : ""
            print(
                "feed \(url)\(campaign): \(record.result.rawValue) \(time.short(record.fetchedAt))\(good), next fetch \(time.short(record.nextFetchAt))"
            )
        }
        print("next message due: \(try store.nextDue().map(time.short) ?? "none")")
        let counts = try store.outboxCounts()
        print("outbox: " + OutboxState.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", "))
        let failures = try store.recentFailures()
        if !failures.isEmpty {
            print("latest failures:")
            for failure in failures {
                print("  #\(failure.id) \(failure.channel) \(time.short(failure.due)): \(Redaction.scrub(failure.reason ?? ""))")
            }
        }
    }

    /// One problem in words, on one line (a refusal's several problems joined by "; ").
    static func words(_ problem: ServiceHealth.Problem, _ time: LocalTime) -> String {
        func line(_ text: String) -> String { text.split(separator: "\n").joined(separator: "; ") }
        switch problem {
        case .heartbeatLate(let since):
            return "heartbeat late: the daemon's process lives but has not written since \(time.short(since)) (stuck?)"
        case .calendarRefused(let file, let reason, let since):
            return "calendar refused since \(time.short(since)), its campaign unchanged: \(line(reason.isEmpty ? file : reason))"
        case .feedRefused(let url, let reason, let at):
            return "feed \(url) refused at \(time.short(at)), its campaign unchanged: \(line(reason))"
        case .feedFailed(let url, let reason, let at):
            return "feed \(url) not fetched at \(time.short(at)), the last good version stays: \(line(reason))"
        case .messagesFailed(let count):
            return "\(count) message\(count == 1 ? "" : "s") failed in the last 24 hours (relais outbox list --state failed)"
        case .messagesRetrying(let count):
            return
                "\(count) message\(count == 1 ? "" : "s") waiting for a retry after a failed attempt (relais outbox list --state deferred)"
        case .reloadRefused(let reason, let at):
            return "reload at \(time.short(at)) kept the values in force for what it could not use: \(line(reason))"
        }
    }
}
