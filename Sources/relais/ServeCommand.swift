// relais serve: the daemon. relais status: what it is doing. relais backup: an online copy.

import Foundation
import RelaisCore
import RelaisJSON
import RelaisService
import RelaisStore

enum ServeCommand {
    static let help = """
        relais [--config PATH] serve

        Runs unattended: loads the calendars in [calendars] directory, reloads a calendar file when
        it changes and everything (configuration, templates, calendars) on SIGHUP, sends reminders
        when they are due, and does its housekeeping (retention purge, outbox pruning, WAL
        checkpoint) every six hours. It sleeps between due messages. Under systemd (Type=notify) it
        says READY=1, STATUS=..., STOPPING=1 and WATCHDOG=1 on $NOTIFY_SOCKET. SIGTERM: it stops
        claiming messages, finishes the one being sent (at most [service] stop_timeout_seconds),
        and exits 0. Logs go to standard error with syslog priorities, for journald.

        Example:
          relais --config /etc/relais/relais.conf serve
        """

    static func run(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(words, options: [], flags: [])
        try arguments.expectPositional(atMost: 0, usage: "relais [--config PATH] serve")
        let log = Log()
        let signals = SignalWatcher(stopDeadline: TimeInterval(context.configuration.stopTimeoutSeconds)) {
            log.warning("stop deadline passed with a message still being sent; exiting")
            exit(0)
        }
        let daemon: Daemon
        do {
            daemon = try Daemon(
                configuration: context.configuration, configurationPath: context.configurationPath, store: try context.store(),
                territory: context.territory, localTime: context.localTime, signals: signals, log: log,
                clock: context.clock)
        } catch let error as ServiceSetupError {
            throw UserError.data(error.description)
        }
        let status = try daemon.run()
        if status != 0 { throw UserError(description: "relais serve stopped with status \(status)", exitCode: status) }
    }
}

enum StatusCommand {
    static let help = """
        relais status [--json]

        Whether relais serve runs (its heartbeat in the database is fresh and its process alive),
        the calendar files it refused (their campaigns stay as they were), the next message due,
        the outbox by state, and the latest failures with their reasons.

        Example:
          relais --config /etc/relais/relais.conf status
        """

    static func run(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(words, options: [], flags: ["json"])
        try arguments.expectPositional(atMost: 0, usage: "relais status [--json]")
        let store = try context.store()
        let heartbeat = try store.serviceState(Daemon.heartbeatKey)
        let running = heartbeat.map { context.now.timeIntervalSince($0.updatedAt) < 90 && !Sender.isGone($0.value) } ?? false
        let counts = try store.outboxCounts()
        let next = try store.nextDue()
        let failures = try store.recentFailures()
        let refused = try store.calendarFiles().compactMap { record -> (file: String, reason: String, checked: Date)? in
            guard case .refused(let reason) = record.verdict else { return nil }
            return (record.path, reason, record.checkedAt)
        }
        if arguments.flag("json") {
            Output.json(
                ServiceStatusJSON(
                    running: running, daemon: heartbeat?.value,
                    outbox: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }), nextDue: next,
                    recentFailures: failures, refusedCalendars: refused, localTime: context.localTime))
            return
        }
        if let heartbeat {
            print(
                running
                    ? "relais serve is running (\(heartbeat.value))"
                    : "relais serve is not running (last seen \(context.localTime.short(heartbeat.updatedAt)))")
        } else {
            print("relais serve is not running")
        }
        for calendar in refused {
            print("calendar refused since \(context.localTime.short(calendar.checked)), its campaign unchanged: \(calendar.reason)")
        }
        print("next message due: \(next.map(context.localTime.short) ?? "none")")
        print("outbox: " + OutboxState.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", "))
        if !failures.isEmpty {
            print("latest failures:")
            for failure in failures {
                print(
                    "  #\(failure.id) \(failure.channel) \(context.localTime.short(failure.due)): \(Redaction.scrub(failure.reason ?? ""))")
            }
        }
    }
}

enum BackupCommand {
    static let help = """
        relais backup FILE

        Copies the database into FILE with SQLite's online backup, while relais serve and other
        commands keep working. FILE must not exist. Restore by stopping relais and putting the copy
        in place of the database.

        Example:
          relais --config /etc/relais/relais.conf backup /var/lib/relais/backups/relais-2026-11-22.sqlite
        """

    static func run(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(words, options: [], flags: [])
        try arguments.expectPositional(atMost: 1, usage: "relais backup FILE")
        guard let path = arguments.positional.first else { throw UserError.usage("backup needs the FILE to write") }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw UserError.cannotCreate("\(path) exists already; choose a new file")
        }
        do {
            try context.store().database.backup(to: path)
        } catch let error as DatabaseError {
            try? FileManager.default.removeItem(atPath: path)
            throw UserError.cannotCreate(error.description)
        }
        print("database copied to \(path)")
    }
}
