// ServiceHealth: what `relais status` concludes, decided here from plain facts (the daemon's
// heartbeat, the verdicts on calendars and feeds, the outbox's troubles) so that the command line
// and a test read the same rules.
//
// The exit status follows `systemctl is-active` and LSB's status actions, so that a monitoring
// script can act on it: 0 the daemon runs and nothing is wrong; 1 it runs, with problems (listed);
// 3 it is not running. "Runs" is told by the heartbeat the daemon writes every 30 s into the
// database with its host and pid:
//
//   no heartbeat (it stopped cleanly, or never ran) .............................. not running
//   heartbeat from a process of this host that no longer exists .................. not running
//   heartbeat younger than 90 s .................................................. running
//   older, its process still alive here (stuck, or stopped with SIGSTOP) .......... running, heartbeat late
//   older, from another host (nothing to ask) .................................... not running

import Foundation

/// Whether the daemon runs, and every problem found.
public struct ServiceHealth: Sendable, Equatable {
    /// A heartbeat older than this is late: three missed beats.
    public static let heartbeatTolerance: TimeInterval = 90
    /// Messages that failed within this period are a problem.
    public static let recentFailures: TimeInterval = 24 * 3600

    /// The daemon's latest heartbeat, as `relais status` finds it.
    public enum Heartbeat: Sendable, Equatable {
        /// None recorded: the daemon stopped cleanly or never ran.
        case none
        /// Written at `at` by a process that, on this host, is alive (`true`), gone (`false`), or
        /// runs on another host (`nil`).
        case written(at: Date, processAlive: Bool?)
    }

    /// Something `relais status` reports; `code` is stable, for programs.
    public enum Problem: Sendable, Equatable {
        /// The daemon runs but has not written its heartbeat since `since`.
        case heartbeatLate(since: Date)
        /// A calendar file relais serve refused; its campaign stays as it was.
        case calendarRefused(file: String, reason: String, since: Date)
        /// A feed's latest version was refused; the last good version stays.
        case feedRefused(url: String, reason: String, at: Date)
        /// A feed's latest fetch brought nothing; the last good version stays.
        case feedFailed(url: String, reason: String, at: Date)
        /// Messages failed for good within `recentFailures`.
        case messagesFailed(count: Int)
        /// Messages waiting to be retried after a failed attempt (a gateway or server refusing now).
        case messagesRetrying(count: Int)
        /// The daemon's latest reload (SIGHUP) found files it could not use (the configuration,
        /// the territory, the route data: each file and line in `reason`); it kept the values in force.
        case reloadRefused(reason: String, at: Date)

        /// `heartbeat-late`, `calendar-refused`, `feed-refused`, `feed-failed`, `messages-failed`, `messages-retrying`,
        /// `reload-refused`.
        public var code: String {
            switch self {
            case .heartbeatLate: "heartbeat-late"
            case .calendarRefused: "calendar-refused"
            case .feedRefused: "feed-refused"
            case .feedFailed: "feed-failed"
            case .messagesFailed: "messages-failed"
            case .messagesRetrying: "messages-retrying"
            case .reloadRefused: "reload-refused"
            }
        }
    }

    /// Whether the daemon runs.
    public var running: Bool
    /// Every problem, the daemon's own first.
    public var problems: [Problem]

    /// Concludes from the heartbeat and the problems found elsewhere (calendars, feeds, outbox).
    public init(heartbeat: Heartbeat, now: Date, problems found: [Problem]) {
        var problems = found
        switch heartbeat {
        case .none:
            running = false
        case .written(let at, let alive):
            let late = now.timeIntervalSince(at) >= Self.heartbeatTolerance
            running = alive != false && (!late || alive == true)
            if running && late { problems.insert(.heartbeatLate(since: at), at: 0) }
        }
        self.problems = problems
    }

    /// 0 running and well, 1 running with problems, 3 not running (as `systemctl is-active`).
    public var exitStatus: Int32 { !running ? 3 : problems.isEmpty ? 0 : 1 }
}
