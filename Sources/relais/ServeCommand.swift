// relais serve: the daemon. relais backup: an online copy. (relais status: StatusCommand.swift.)

import Foundation
import RelaisCore
import RelaisJSON
import RelaisService
import RelaisStore

enum ServeCommand {
    static let help = """
        relais [--config PATH] serve

        Runs unattended: loads the calendars in [calendars] directory, reloads a calendar file when
        it changes and everything (configuration, territory and its route data, templates,
        calendars, for the desk too) on SIGHUP, sends reminders
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
        let signals: SignalWatcher
        let daemon: Daemon
        do {
            signals = try SignalWatcher(stopDeadline: TimeInterval(context.configuration.stopTimeoutSeconds)) {
                log.warning("stop deadline passed with a message still being sent; exiting")
                exit(0)
            }
            daemon = try Daemon(
                configuration: context.configuration, configurationPath: context.configurationPath, store: try context.store(),
                territory: context.territory, route: context.routeData, localTime: context.localTime, signals: signals, log: log,
                clock: context.clock, territoryPath: context.territoryPath)
        } catch let error as ServiceSetupError {
            throw UserError.data(error.description)
        } catch let error as WakePipeError {
            throw UserError(description: error.description, exitCode: 71)
        }
        let status = try daemon.run()
        if status != 0 { throw UserError(description: "relais serve stopped with status \(status)", exitCode: status) }
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
