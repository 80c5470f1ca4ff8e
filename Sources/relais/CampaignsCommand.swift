// relais campaigns load|list: bring campaign calendars in, and see what is loaded.

import Foundation
import RelaisCore
import RelaisJSON
import RelaisService
import RelaisStore

enum CampaignsCommand {
    static let help = """
        relais campaigns load FILE|DIR|URL... [--campaign ID] [--fa 7,12] [--category screening] [--verbose] [--json]
                                            load campaign calendars (.ics); a DIR loads every .ics in it,
                                            a URL (https:// or webcal://) is fetched as relais serve fetches a feed
        relais campaigns list [--json]      list the campaigns loaded

        Each file or feed is one campaign and loads whole or not at all: a file with errors is refused
        with every problem found, each with its line, and the database keeps what it had (--verbose
        adds what the iCalendar parser said). What a calendar does not say (X-RELAIS-CAMPAIGN,
        X-RELAIS-FA, a Relais category) comes from --campaign, --fa and --category, else from a
        sidecar FILE.relais beside it (campaign = ID, fa = 7,12, category = screening) or a feed's
        line in [calendars], else from the campaign already loaded from the same file or address. Reloading a file updates
        its events by UID: a changed time marks the occurrence moved, STATUS:CANCELLED (or an event
        removed from the file) marks it cancelled, and people registered keep their registration. A
        capacity (or a shuttle's seats, wheelchair places or quota) below the people already
        registered (or booked) on a session to come is refused, with the counts.

        Example:
          relais campaigns load Campaigns/
          relais campaigns load Campaigns/mars-bleu-2027.ics
          relais campaigns load webcal://calendar.example.org/mars-bleu-2027.ics
        """

    static func run(_ words: [String], _ context: Context) throws {
        guard let action = words.first else { throw UserError.usage("campaigns needs load or list\n\n\(help)") }
        let rest = Array(words.dropFirst())
        switch action {
        case "load": try load(Arguments(rest, options: ["campaign", "fa", "category"], flags: ["json", "verbose"]), context)
        case "list": try list(Arguments(rest, options: [], flags: ["json"]), context)
        default: throw UserError.usage("unknown campaigns action \"\(action)\"\n\n\(help)")
        }
    }

    private static func load(_ arguments: Arguments, _ context: Context) throws {
        guard !arguments.positional.isEmpty else { throw UserError.usage("campaigns load needs a FILE, DIR or URL\n\n\(help)") }
        let (addresses, paths) = try feedAddresses(arguments.positional)
        let files: [String]
        do { files = try CalendarLoader.calendarFiles(naming: paths) } catch let error as TextFileError {
            throw UserError.noInput(error.description)
        }
        var options = CalendarDefaults()
        for key in CalendarDefaults.keys {
            guard let value = try arguments.value(key) else { continue }
            do { try options.set(key, value) } catch { throw UserError.usage("--\(key): \(error.reason)") }
        }
        if options.campaign != nil, files.count + addresses.count > 1 {
            throw UserError.usage("--campaign names the campaign of one file; \(files.count + addresses.count) files were given")
        }
        var loader = CalendarLoader(
            store: try context.store(), configuration: context.configuration, territory: context.territory,
            calendar: context.localTime.calendar)
        loader.route = context.routeData
        var refused: [String] = []
        var summaries: [CalendarLoadJSON] = []
        for file in files {
            do {
                let result = try loader.load(file, now: context.now, options: options)
                if arguments.flag("json") {
                    summaries.append(
                        CalendarLoadJSON(
                            result.campaign, name: nil, file: file, truncations: result.truncations, localTime: context.localTime))
                } else {
                    print(line(for: result.campaign, file: file))
                }
                warn(result.truncations, file: file, context)
            } catch let error as CalendarLoadError {
                refusal(error, verbose: arguments.flag("verbose")).forEach(Output.warn)
                refused.append(file)
            }
        }
        refused += try loadFeeds(
            addresses, options: options, loader: loader, verbose: arguments.flag("verbose"), json: arguments.flag("json"),
            into: &summaries, context)
        if arguments.flag("json") { Output.json(summaries) }
        if !refused.isEmpty {
            let total = files.count + addresses.count
            throw UserError(description: "\(refused.count) of \(total) calendar files refused", exitCode: 65)
        }
    }

    /// A refused file's lines, every problem with its line: `FILE:LINE: reason; nothing loaded
    /// from this file` for one problem, one line per problem then `FILE: N problems; nothing
    /// loaded from this file` for several.
    /// With `verbose`, each problem the parser reported is followed by its own words, indented.
    static func refusal(_ error: CalendarLoadError, verbose: Bool = false) -> [String] {
        func said(_ problem: FileError) -> [String] {
            [problem.description] + (verbose ? problem.detail.map { ["    (\($0))"] } ?? [] : [])
        }
        guard error.problems.count > 1 else {
            return said(error.problems[0]).enumerated().map { $0.offset == 0 ? "\($0.element); nothing loaded from this file" : $0.element }
        }
        return error.problems.flatMap(said) + ["\(error.file): \(error.problems.count) problems; nothing loaded from this file"]
    }

    static func line(for summary: CampaignLoadSummary, file: String) -> String {
        if summary.isUnchanged {
            return "\(summary.campaign): unchanged (\(summary.occurrencesUnchanged) occurrences) from \(file)"
        }
        var parts: [String] = []
        for (count, label) in [
            (summary.eventsAdded, "events added"), (summary.eventsUpdated, "events updated"), (summary.eventsRemoved, "events removed"),
            (summary.occurrencesAdded, "occurrences added"), (summary.occurrencesMoved, "moved"),
            (summary.occurrencesCancelled, "cancelled"), (summary.occurrencesReinstated, "reinstated"),
            (summary.occurrencesUnchanged, "unchanged"),
        ] where count > 0 {
            parts.append("\(count) \(label)")
        }
        return "\(summary.campaign): \(parts.joined(separator: ", ")) from \(file)"
    }

    /// Says, for each event whose occurrences were cut, where and why.
    static func warn(_ truncations: [OccurrenceTruncation], file: String, _ context: Context) {
        for cut in truncations {
            Output.warn(
                "\(file):\(cut.line): \(cut.uid) (\(cut.summary)) repeats after \(context.localTime.short(cut.lastStart)), "
                    + "but later occurrences are not generated (\(cause(cut.cause.code, context)))")
        }
    }

    /// Why occurrences stop, in words: `horizon` or `cap`.
    static func cause(_ code: String, _ context: Context) -> String {
        code == "cap"
            ? "at most \(CalendarLoader.maximumOccurrencesPerEvent) occurrences per event"
            : "horizon_days = \(context.configuration.horizonDays); reloading the file later generates more"
    }

    private static func list(_ arguments: Arguments, _ context: Context) throws {
        try arguments.expectPositional(atMost: 0, usage: "relais campaigns list [--json]")
        let campaigns = try context.store().campaigns()
        if arguments.flag("json") {
            Output.json(campaigns.map { CampaignJSON($0, localTime: context.localTime) })
            return
        }
        if campaigns.isEmpty {
            print("No campaign loaded yet: relais campaigns load Campaigns/")
            return
        }
        Output.table(
            ["CAMPAIGN", "EVENTS", "OCCURRENCES", "FIRST", "LAST", "NAME"],
            campaigns.map {
                [
                    $0.id, String($0.events), String($0.occurrences), $0.firstStart.map(context.localTime.day) ?? "-",
                    $0.lastStart.map(context.localTime.day) ?? "-", $0.name,
                ]
            })
    }
}
