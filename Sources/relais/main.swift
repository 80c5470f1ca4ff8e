// relais: the command line. Global options first, then one command; each command lives in its
// own file, with its help text.

import Foundation
import RelaisCore
import RelaisStore

let overview = """
    relais: scheduling and outreach for public-health prevention campaigns

    usage: relais [--db PATH] [--config PATH] COMMAND ...

    commands:
      campaigns load|list      load campaign calendars (.ics) and list them
      events list              list events' occurrences in local time
      calendar export          write an iCalendar feed of upcoming events
      participants ...         add, import, list, show and forget people
      register                 register a person to an occurrence (its waitlist when full)
      unregister               cancel a registration; the waitlist moves up
      attend                   record that a person came
      transport ...            the shuttle: runs, bookings, waitlist, manifests
      reminders plan           plan the reminders registrations lack
      outbox list|retry|cancel the messages planned, sent, deferred, failed
      send --once              send what is due now, then exit
      optout PHONE|EMAIL       stop all messages to a number or address
      report fa7|...|all       the contract's indicators: table, CSV, JSON or HTML, small counts masked
      users add|list|...       accounts of the CCAS desk and coordinators (password on stdin)
      serve                    run the daemon: reload calendars, send on time
      status                   whether the daemon runs and what is wrong (exit 0, 1 or 3), feeds, the outbox
      doctor                   check configuration, database, calendars, feeds, files and gateways
      backup FILE              copy the database while it is in use
      help [COMMAND]           this text, or a command's

    global options:
      --db PATH       the SQLite database (default: relais.sqlite, or [store] database in the config)
      --config PATH   the configuration file (default: embedded settings; see Config/relais.conf)

    Run relais COMMAND --help for a command's options and an example.
    """

let commands: [String: (help: String, run: ([String], Context) throws -> Void)] = [
    "campaigns": (CampaignsCommand.help, CampaignsCommand.run),
    "events": (EventsCommand.help, EventsCommand.run),
    "calendar": (CalendarCommand.help, CalendarCommand.run),
    "participants": (ParticipantsCommand.help, ParticipantsCommand.run),
    "register": (RegisterCommand.help, RegisterCommand.run),
    "unregister": (UnregisterCommand.help, UnregisterCommand.run),
    "attend": (AttendCommand.help, AttendCommand.run),
    "transport": (TransportCommand.help, TransportCommand.run),
    "reminders": (RemindersCommand.help, RemindersCommand.run),
    "outbox": (OutboxCommand.help, OutboxCommand.run),
    "send": (SendCommand.help, SendCommand.run),
    "optout": (OptOutCommand.help, OptOutCommand.run),
    "report": (ReportCommand.help, ReportCommand.run),
    "users": (UsersCommand.help, UsersCommand.run),
    "serve": (ServeCommand.help, ServeCommand.run),
    "status": (StatusCommand.help, StatusCommand.run),
    "doctor": (DoctorCommand.help, DoctorCommand.run),
    "backup": (BackupCommand.help, BackupCommand.run),
]

@MainActor
func main() -> Int32 {
    // The database, its WAL, the outbox files and backups hold personal data: whatever relais
    // creates is for its own user only (under systemd, UMask=0077 says the same).
    umask(0o077)
    var words = Array(CommandLine.arguments.dropFirst())
    var databasePath: String?
    var configurationPath: String?
    // The configured time zone and booking rules once the configuration is read, for the words of a refusal.
    var localTime = LocalTime(timeZone: TimeZone(identifier: "Europe/Paris") ?? .current)
    var bookingRules: ShuttleBookingRules?
    do {
        while let first = words.first, first.hasPrefix("--") {
            words.removeFirst()
            let (name, inline) =
                first.contains("=")
                ? (String(first.prefix { $0 != "=" }), String(first.drop { $0 != "=" }.dropFirst())) : (first, nil)
            if name == "--help" {
                print(overview)
                return 0
            }
            guard name == "--db" || name == "--config" else { throw UserError.usage("unknown global option \(name)\n\n\(overview)") }
            guard let value = inline ?? (words.isEmpty ? nil : words.removeFirst()) else { throw UserError.usage("\(name) needs a value") }
            if name == "--db" { databasePath = value } else { configurationPath = value }
        }
        guard let name = words.first else {
            print(overview)
            return 64
        }
        let rest = Array(words.dropFirst())
        if name == "help" {
            if let topic = rest.first {
                guard let command = commands[topic] else { throw UserError.usage("no command \(topic)\n\n\(overview)") }
                print(command.help)
            } else {
                print(overview)
            }
            return 0
        }
        guard let command = commands[name] else { throw UserError.usage("unknown command \"\(name)\"\n\n\(overview)") }
        if rest.contains("--help") || rest.contains("-h") {
            print(command.help)
            return 0
        }
        // Merging published reports needs no installation (no configuration, territory or database).
        if name == "report", rest.first == "merge" {
            try ReportCommand.merge(rest)
            return 0
        }
        let context = try Context(
            configurationPath: configurationPath, databasePath: databasePath, environment: ProcessInfo.processInfo.environment)
        localTime = context.localTime
        bookingRules = context.configuration.shuttle.rules
        try command.run(rest, context)
        return 0
    } catch let error as UserError {
        Output.warn(error.description)
        return error.exitCode
    } catch let refusal as Refusal {
        Output.warn(RefusalText.words(refusal, localTime, rules: bookingRules))
        return 65
    } catch let error as DatabaseTooNew {
        Output.warn(error.description)
        return 75
    } catch let error as DatabaseError {
        Output.warn("database: \(error.description)")
        return 74
    } catch {
        Output.warn("\(error)")
        return 70
    }
}

exit(main())
