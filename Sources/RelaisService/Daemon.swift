// Daemon: `relais serve`, the loop that runs unattended for years.
//
//   start ── load every calendar ── READY=1 ──┐
//                                             ▼
//        ┌──────────── wait (poll) until: the next due message, a calendar file changed,
//        │             a signal, the watchdog, the heartbeat or housekeeping is due
//        │                                    │
//        │   SIGHUP: configuration, territory, route data, templates and every calendar again, for the
//        │           daemon and its web service (reloadEverything, ServiceReload)
//        │   calendar file changed: that file again (loadChangedCalendars)
//        │   calendar feed due: fetched on a thread of its own, loaded when it arrives (FeedService)
//        │   due messages: Sender.sendDue, which stops claiming once SIGTERM arrived
//        │   housekeeping (every 6 h): retention purge, outbox pruning, WAL checkpoint
//        └───────────────────────────────────── until SIGTERM or SIGINT
//   stop ── STOPPING=1 ── give back the messages claimed but not sent ── exit 0
//
// Idle, the process sleeps in poll(2): no timer fires more often than the heartbeat (30 s) or
// half the watchdog interval. A long sending pass (1,000 SMS at 5 a second) writes the heartbeat
// between messages too, every `sendingHeartbeatInterval`, so that status does not call it stuck. Logs go to standard error with syslog priorities for journald,
// and name ids and counts only.

import CLinux
import Foundation
import RelaisCore
import RelaisStore

/// The daemon.
public final class Daemon {
    private var configuration: Configuration
    private let configurationPath: String?
    private var store: Store
    private var territory: Territory
    /// The territory file, read again on SIGHUP (unless the configuration names another).
    private let territoryPath: String?
    /// The territory's on-demand route data, read at start and on SIGHUP (RouteFiles).
    private var route: RouteDataLoad
    private var web: WebService?
    private let localTime: LocalTime
    private let log: Log
    private let notifier: SystemdNotifier
    private let signals: SignalWatcher
    private var sender: Sender
    private var watcher: CalendarWatcher
    private let feeds: FeedService
    private let clock: @Sendable () -> Date
    private var nextHousekeeping = Date.distantPast
    private var nextHeartbeat = Date.distantPast
    private var lastHeartbeat = Date.distantPast
    private var nextWatchdog = Date.distantPast
    /// What this daemon's passes sent, deferred and failed since it started (its status line).
    private var handled = SendSummary()
    /// The key under which the daemon announces itself in service_state.
    public static let heartbeatKey = "serve.heartbeat"
    /// The key under which the daemon records the files its latest reload could not use (absent: none).
    public static let reloadKey = "serve.reload"
    static let heartbeatInterval: TimeInterval = 30
    /// How often a sending pass writes the heartbeat between two messages, at most.
    static let sendingHeartbeatInterval: TimeInterval = 5
    static let housekeepingInterval: TimeInterval = 6 * 3600

    /// Prepares the daemon; `signals` must have been created before any other thread started.
    public init(
        configuration: Configuration, configurationPath: String?, store: Store, territory: Territory, route: RouteDataLoad,
        localTime: LocalTime, signals: SignalWatcher, log: Log, notifier: SystemdNotifier = SystemdNotifier(),
        clock: @escaping @Sendable () -> Date = Date.init,
        territoryPath: String? = nil
    ) throws {
        self.territoryPath = territoryPath
        self.clock = clock
        self.configuration = configuration
        self.configurationPath = configurationPath
        self.store = store
        self.territory = territory
        self.route = route
        self.localTime = localTime
        self.signals = signals
        self.log = log
        self.notifier = notifier
        self.sender = try Sender.configured(configuration, store: store, calendar: localTime.calendar, log: log) { warning in
            log.warning("template longer than two SMS segments", ["template": warning])
        }
        self.watcher = CalendarWatcher(directory: configuration.calendarsDirectory)
        self.feeds = try FeedService()
        attach(sender)
        configureFeeds()
    }

    /// Lets SIGTERM and the watchdog reach into a sending pass.
    private func attach(_ sender: Sender) {
        sender.shouldStop = { [signals] in signals.shouldStop }
        sender.betweenMessages = { [weak self] in
            guard let self else { return }
            let now = clock()
            pingWatchdogIfDue(now)
            beatWhileSending(now)
        }
    }

    /// Writes the heartbeat during a sending pass, at most every `sendingHeartbeatInterval`; a
    /// database that cannot take it now is logged, and the pass goes on.
    private func beatWhileSending(_ now: Date) {
        guard now >= lastHeartbeat.addingTimeInterval(Self.sendingHeartbeatInterval) else { return }
        do { try heartbeat(now) } catch {
            log.warning("heartbeat not written", ["error": Redaction.scrub("\(error)")])
        }
    }

    private func pingWatchdogIfDue(_ now: Date) {
        guard let interval = notifier.watchdogInterval, now >= nextWatchdog else { return }
        notifier.notify("WATCHDOG=1")
        nextWatchdog = now.addingTimeInterval(interval)
    }

    /// Runs until SIGTERM or SIGINT; returns the exit status.
    public func run() throws -> Int32 {
        loadChangedCalendars()
        try heartbeat(clock())
        recordReload([])  // what a former run could not reload is read afresh now
        syncShuttleRuns(clock())
        web = try WebService.start(
            configuration, databasePath: store.database.path, territory: territory, route: route, localTime: localTime, log: log, clock: clock)
        defer { web?.stop() }
        notifier.notify("READY=1\nSTATUS=\(try statusLine())")
        log.info("relais serve ready", ["calendars": configuration.calendarsDirectory, "pid": String(getpid())])
        while !signals.shouldStop {
            if signals.takeReloads() > 0 { reloadEverything() }
            do {
                let summary = try sender.sendDue(clock: clock)
                handled.add(summary)
                if summary.sent + summary.deferred + summary.failed > 0 {
                    log.info(
                        "messages handled",
                        ["sent": String(summary.sent), "deferred": String(summary.deferred), "failed": String(summary.failed)])
                    notifier.notify("STATUS=\(try statusLine())")
                }
                try periodicWork(clock())
            } catch {
                log.error("sending pass failed", ["error": Redaction.scrub("\(error)")])
            }
            feeds.startDue(now: clock())
            if signals.shouldStop { break }
            // A database that cannot answer now (busy, I/O) must not end the daemon: try again soon.
            wait(until: (try? nextWake()) ?? clock().addingTimeInterval(5))
            signals.drainWake()
            watcher.drain()
            loadChangedCalendars()
            loadFetchedFeeds()
        }
        notifier.notify("STOPPING=1")
        // Outcomes not recorded yet first: what was handed over must not be given back as unsent.
        // If they still cannot be recorded, nothing is given back: the leases run out and the
        // messages count as interrupted (each goes at most twice).
        try sender.recordUnrecorded(now: clock())
        let released = try store.returnUnsent(owner: sender.owner, now: clock())
        try store.clearServiceState(Self.heartbeatKey)
        log.info("relais serve stopped", ["outbox.released": String(released)])
        return 0
    }

    // MARK: - Waiting

    /// The earliest of: the next due message, the heartbeat, the watchdog, housekeeping.
    private func nextWake() throws -> Date {
        var wake = min(nextHeartbeat, nextHousekeeping)
        if notifier.watchdogInterval != nil { wake = min(wake, nextWatchdog) }
        if let due = try store.nextDue() { wake = min(wake, due) }
        if let due = feeds.nextDue { wake = min(wake, due) }
        return max(wake, clock().addingTimeInterval(0.05))
    }

    /// Sleeps in poll(2) until `deadline`, a signal or a calendar change.
    private func wait(until deadline: Date) {
        var descriptors = [
            pollfd(fd: signals.wakeDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: watcher.descriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: feeds.descriptor, events: Int16(POLLIN), revents: 0),
        ]
        let milliseconds = Int32(min(max(deadline.timeIntervalSince(clock()) * 1000, 0), Double(Int32.max)).rounded(.up))
        _ = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
    }

    // MARK: - Periodic work

    private func periodicWork(_ now: Date) throws {
        pingWatchdogIfDue(now)
        if now >= nextHeartbeat {
            try heartbeat(now)
            syncShuttleRuns(now)
        }
        if now >= nextHousekeeping {
            // Moved on first: if the work fails it is retried at the next interval, not in a loop.
            nextHousekeeping = now.addingTimeInterval(Self.housekeepingInterval)
            let summary = try store.housekeep(
                now: now, retentionDays: configuration.retentionDays, outboxKeepDays: configuration.outboxKeepDays)
            try store.checkpoint()
            log.info(
                "housekeeping done",
                [
                    "people.forgotten": String(summary.peopleForgotten), "outbox.pruned": String(summary.messagesPruned),
                    "sessions.expired": String(summary.sessionsExpired), "doors.erased": String(summary.doorsErased),
                ])
        }
    }

    private func heartbeat(_ now: Date) throws {
        nextHeartbeat = now.addingTimeInterval(Self.heartbeatInterval)
        lastHeartbeat = now
        try store.setServiceState(Self.heartbeatKey, "\(ProcessInfo.processInfo.hostName):\(getpid())", now: now)
    }

    /// The runs in step with the calendar (Daemon+ShuttleRuns): the desk's listings do not sync.
    private func syncShuttleRuns(_ now: Date) {
        ShuttleRunKeeper.sync(
            store, configuration: configuration, territory: territory, route: route, localTime: localTime, now: now, log: log)
    }

    /// What waits, from the outbox's waiting index, and what this daemon sent and failed since it
    /// started (the outbox's own totals would be a scan of every message it keeps, after every pass).
    private func statusLine() throws -> String {
        let waiting = try store.waitingCounts()
        return "queued \(waiting.queued), deferred \(waiting.deferred); since start: sent \(handled.sent), failed \(handled.failed)"
    }

    // MARK: - Calendars and configuration

    /// Loads the calendar files that changed since they were last seen (all of them at start).
    /// A refused file is set aside: its campaign stays as it was, the refusal is recorded for
    /// `relais status` and `relais doctor`, and logged once (not again at the next start).
    private func loadChangedCalendars() {
        var loader = CalendarLoader(store: store, configuration: configuration, territory: territory, calendar: localTime.calendar)
        loader.route = route
        for file in watcher.changedFiles() {
            guard FileManager.default.fileExists(atPath: file) else { continue }
            do {
                let result = try loader.load(file, now: clock())
                record(file, .loaded(campaign: result.campaign.campaign))
                logLoaded(result)
            } catch {
                let reason = "\(error)"
                if record(file, .refused(reason: reason)) {
                    log.error("calendar refused; its campaign stays as it was", ["error": reason])
                }
            }
        }
        do { try store.forgetCalendarFiles(except: Set(watcher.knownFiles)) } catch {
            log.warning("calendar verdicts not updated", ["error": Redaction.scrub("\(error)")])
        }
    }

    /// Takes the feeds of the configuration (all due now) and forgets the outcomes of feeds no
    /// longer configured.
    private func configureFeeds() {
        feeds.configure(configuration, now: clock())
        do { try store.forgetCalendarFeeds(except: feeds.addresses) } catch {
            log.warning("calendar feed outcomes not updated", ["error": Redaction.scrub("\(error)")])
        }
    }

    /// Loads what the feed fetches that finished brought (FeedService).
    private func loadFetchedFeeds() {
        var loader = CalendarLoader(store: store, configuration: configuration, territory: territory, calendar: localTime.calendar)
        loader.route = route
        feeds.loadFinished(loader, store: store, now: clock(), log: log)
    }

    /// Records the verdict on a calendar file; true when it differs from the one recorded (or
    /// could not be compared), so that a refusal is logged once.
    @discardableResult
    private func record(_ file: String, _ verdict: CalendarFileVerdict) -> Bool {
        do { return try store.recordCalendarFile(file, verdict: verdict, now: clock()) } catch {
            log.warning("calendar verdict not recorded", ["error": Redaction.scrub("\(error)")])
            return true
        }
    }

    private func logLoaded(_ result: CalendarLoadResult) {
        let summary = result.campaign
        log.info(
            "calendar loaded",
            [
                "campaign": summary.campaign, "unchanged": String(summary.isUnchanged),
                "occurrences.added": String(summary.occurrencesAdded), "occurrences.moved": String(summary.occurrencesMoved),
                "occurrences.cancelled": String(summary.occurrencesCancelled), "runs.added": String(result.shuttle.added),
                "runs.moved": String(result.shuttle.moved), "runs.cancelled": String(result.shuttle.cancelled),
            ])
        for cut in result.truncations {
            log.warning(
                "event occurrences cut; later ones are not generated",
                ["event.uid": cut.uid, "event.line": String(cut.line), "cause": cut.cause.code])
        }
    }

    /// SIGHUP: the configuration file, the territory and its route data, the templates, the
    /// transports, the web service's routes and every calendar again (ServiceReload says what is
    /// kept when a file cannot be used). A configuration that does not load keeps the daemon on the one it has.
    private func reloadEverything() {
        var problems: [String] = []
        do {
            // The running sender's outcomes not recorded yet (after a failed record) go with it
            // when it is replaced: record them first, or refuse the reload and keep that sender.
            try sender.recordUnrecorded(now: clock())
            let reload = try ServiceReload.read(
                configurationPath: configurationPath, territoryPath: territoryPath ?? Configuration.defaultTerritoryFile,
                running: (configuration, territory, route))
            problems = reload.problems
            for problem in problems { log.error("reload kept a value in force", ["problem": problem]) }
            // The store names the territory's organiser in messages and knows its communes. Nothing
            // is put in place until everything is built, so a failure keeps the daemon whole.
            let fresher =
                reload.territory == territory
                ? store
                : try Store.open(
                    path: store.database.path, busyTimeoutMilliseconds: reload.configuration.busyTimeoutMilliseconds,
                    territory: reload.territory)
            let fresh = try Sender.configured(reload.configuration, store: fresher, calendar: localTime.calendar, log: log) { _ in }
            try web?.reload(reload.configuration, territory: reload.territory, route: reload.route)
            if web == nil && reload.configuration.web.enabled {
                log.warning(
                    "[web] is enabled but no web server runs (off at start, or it could not listen); it starts at the next restart", [:])
            }
            (configuration, territory, route, store) = (reload.configuration, reload.territory, reload.route, fresher)
            attach(fresh)
            sender = fresh
            watcher = CalendarWatcher(directory: configuration.calendarsDirectory)
            log.info("configuration reloaded", ["communes": String(territory.communes.count), "route": routeSummary])
        } catch {
            problems.append("\(error)")
            log.error("reload refused; keeping the running configuration", ["error": "\(error)"])
        }
        recordReload(problems)
        loadChangedCalendars()
        configureFeeds()
    }

    /// The route data in force, in a few words for the log: its sizes, or that none loaded.
    private var routeSummary: String {
        guard let data = route.data else { return "not loaded" }
        return "\(data.times.fileName), \(data.pickups.points.count) pickup points"
    }

    /// Records what the reload could not use for `relais status` (or that it used everything).
    private func recordReload(_ problems: [String]) {
        do {
            if problems.isEmpty {
                try store.clearServiceState(Self.reloadKey)
            } else {
                try store.setServiceState(Self.reloadKey, problems.joined(separator: "\n"), now: clock())
            }
        } catch {
            log.warning("reload outcome not recorded", ["error": Redaction.scrub("\(error)")])
        }
    }
}
