// relais transport: the shuttle to the Examen de prévention en santé, as a CCAS or the agglo's
// coordinator uses it. This file holds the help, the dispatch and what every subcommand shares
// (who is acting, the shuttle context); the subcommands are in TransportCommand+Runs.swift,
// TransportCommand+Bookings.swift and TransportCommand+Manifest.swift.

import Foundation
import RelaisCore
import RelaisStore

enum TransportCommand {
    static let help = """
        relais transport runs list [--from DATE] [--to DATE] [--json]
        relais transport runs add --date DATE --stop "HH:MM Commune, place"... --return HH:MM
                                  [--arrival HH:MM] [--seats N] [--wheelchair-places N]
                                  [--seats-per-wheelchair N] [--destination TEXT] [--quota N] [--label TEXT]
        relais transport runs add --on-demand --date DATE --departure-window HH:MM-HH:MM --arrival HH:MM --return HH:MM
                                  [--depot CODE] [--destination-commune CODE] [--seats N] [--wheelchair-places N] ...
        relais transport runs cancel RUN [--reason TEXT]
        relais transport runs load FILE.ics|DIR
        relais transport book --run RUN --participant ID --stop N|COMMUNE [--legs both|outbound|return]
                              [--companion] [--wheelchair] [--appointment HH:MM] [--quotient EUROS] [--json]
        relais transport book --run RUN --participant ID [--pickup-point NAME | --door ADDRESS] ...   (an on-demand run)
        relais transport cancel BOOKING [--reason TEXT] [--json]
        relais transport noshow BOOKING...
        relais transport complete BOOKING...|--run RUN
        relais transport waitlist RUN [--json]
        relais transport promote BOOKING [--json]   (a seat freed after the booking deadline)
        relais transport bookings [--run RUN] [--participant ID] [--status STATUS] [--json]
        relais transport manifest RUN [--format text|csv|html|json] [--output FILE]
        relais transport route RUN [--json] [--order BOOKING,BOOKING,... | --clear-order]   (an on-demand run's outbound route)
        relais transport export-gtfs DIR --coordinator [--destination-commune CODE] [--url URL] [--from DATE] [--to DATE]

        Every transport command acts as one CCAS, --ccas COMMUNE, which sees and changes only the
        bookings of its own residents (people whose commune is COMMUNE), or as the agglo's
        coordinator, --coordinator, who sees all and alone adds, cancels and loads runs.

        Runs come from the transport calendar (events with CATEGORIES transport, one run per
        occurrence; runs load reads their X-RELAIS-STOPS, X-RELAIS-VEHICLE, X-RELAIS-ARRIVAL,
        X-RELAIS-RETURN, X-RELAIS-DESTINATION, X-RELAIS-CCAS-QUOTA; X-RELAIS-PICKUP:on-demand with
        X-RELAIS-DEPARTURE-WINDOW, X-RELAIS-DEPOT, X-RELAIS-DESTINATION-COMMUNE for door-to-door
        runs) or from runs add. A run follows its occurrence when the calendar moves or cancels it.
        A booking holds the outbound leg and the linked return (--legs outbound for one way); a
        wheelchair takes [transport] seats_per_wheelchair seats and a wheelchair place, a companion
        one seat. Booking closes by 17:00 on the previous working day and opens 30 days ahead
        (GTFS-Flex rules in [transport]); a full run, a full wheelchair place or a CCAS quota
        reached puts the booking on the waitlist, and a cancellation confirms the first waitlisted
        booking that fits and tells the passenger. Cancelling after 17:00 the day before is recorded
        as late. The fare comes from the family quotient (--quotient, euros a month; none: the
        highest band) and [transport] fare_bands, per journey. After the run, record each trip
        as completed or no-show; 3 no-shows in 6 months warn at the next booking.
        export-gtfs writes the scheduled runs as a GTFS-Flex feed for trip planners (stops and zones
        placed with the territory's NAME.communes-geo.csv; agency_url from --url or [web] public_url).
        Passengers are told by SMS or e-mail (relais send): the pickup the day before, a seat
        freed from the waitlist, a cancelled run. DATE is 2027-03-30; times are local.
        route shows an on-demand run's outbound pickups in order; the coordinator fixes the order with
        --order (every confirmed outbound passenger once, each ride within its limit, the arrival kept),
        kept when someone cancels, dropped for the optimum when a booking or promotion adds someone;
        --clear-order returns to the optimum at once.

        Examples:
          relais transport runs list --ccas "$COMMUNE"
          relais transport runs load --coordinator Campaigns/navettes-eps-2026-2027.ics
          relais transport runs add --coordinator --date 2027-04-13 --stop "07:30 $COMMUNE, Parking de l'agglo" \\
              --stop "07:45 $OTHER_COMMUNE, Mairie" --arrival 09:00 --return 11:30
          relais transport book --ccas "$COMMUNE" --run 3 --participant 12 --stop "$COMMUNE" --appointment 09:30 --quotient 850
          relais transport book --ccas "$COMMUNE" --run 3 --participant 14 --stop 1 --wheelchair --companion
          relais transport cancel --ccas "$COMMUNE" 17 --reason "hospitalised"
          relais transport waitlist --ccas "$COMMUNE" 3
          relais transport promote --coordinator 18
          relais transport noshow --coordinator 17
          relais transport complete --coordinator --run 3
          relais transport manifest --coordinator 3 --format html --output run-3.html
        """

    static func run(_ words: [String], _ context: Context) throws {
        guard let action = words.first else { throw UserError.usage("transport needs a subcommand\n\n\(help)") }
        let rest = Array(words.dropFirst())
        switch action {
        case "runs": try TransportRuns.run(rest, context)
        case "book": try TransportBookings.book(rest, context)
        case "cancel": try TransportBookings.cancel(rest, context)
        case "noshow": try TransportBookings.settle(rest, as: .noShow, context)
        case "complete": try TransportBookings.settle(rest, as: .completed, context)
        case "waitlist": try TransportBookings.waitlist(rest, context)
        case "promote": try TransportBookings.promote(rest, context)
        case "bookings": try TransportBookings.list(rest, context)
        case "manifest": try TransportManifest.run(rest, context)
        case "route": try TransportRoute.run(rest, context)
        case "export-gtfs": try TransportExport.run(rest, context)
        default: throw UserError.usage("unknown transport subcommand \"\(action)\"\n\n\(help)")
        }
    }

    // MARK: - Shared

    /// The options every transport subcommand takes besides its own.
    static let scopeOptions: Set<String> = ["ccas"]
    static let scopeFlags: Set<String> = ["coordinator"]

    /// Who is acting: exactly one of --ccas COMMUNE and --coordinator.
    static func scope(_ arguments: Arguments, _ context: Context) throws -> ShuttleScope {
        let typed = try arguments.value("ccas")
        switch (typed, arguments.flag("coordinator")) {
        case (nil, false):
            throw UserError.usage("say who is acting: --ccas COMMUNE (a CCAS, its residents only) or --coordinator (everything)")
        case (.some, true): throw UserError.usage("--ccas and --coordinator exclude each other")
        case (nil, true): return .coordinator
        case (.some(let name), false):
            guard let commune = context.territory.commune(named: name) else {
                throw UserError.usage("--ccas: \"\(name)\" is not a commune of \(context.territory.name)")
            }
            return .ccas(commune)
        }
    }

    /// Refuses a subcommand only the coordinator may run.
    static func requireCoordinator(_ scope: ShuttleScope, _ what: String) throws {
        guard scope == .coordinator else {
            throw UserError.usage("only the coordinator (--coordinator) may \(what); \(scope.wording) cannot")
        }
    }

    /// The shuttle context of this run of relais.
    static func shuttleContext(_ context: Context) -> ShuttleContext {
        var shuttle = ShuttleContext(
            settings: context.configuration.shuttle, outreach: context.configuration.outreachRules, now: context.now,
            localTime: context.localTime, territory: context.territory)
        shuttle.use(context.routeData)
        return shuttle
    }

    /// A positive whole number given as a positional word (a run or booking id).
    static func identifier(_ text: String?, what: String, usage: String) throws -> Int64 {
        guard let text else { throw UserError.usage("usage: \(usage)") }
        guard let id = Int64(text), id > 0 else { throw UserError.usage("\"\(text)\" is not a \(what) number; usage: \(usage)") }
        return id
    }

    /// A commune's name from its INSEE code (one the territory no longer lists: its last known name).
    static func communeName(_ code: String, _ context: Context) -> String {
        if let listed = context.territory.commune(code: code) { return listed.name }
        return context.territory.communeName(code: code, known: (try? context.store().storedCommuneNames()) ?? [:])
    }

    /// `07:45 <commune>, Mairie`.
    static func describe(_ stop: ShuttleStopRecord, _ context: Context) -> String {
        "\(context.localTime.short(stop.pickup).suffix(5)) \(communeName(stop.commune, context)), \(stop.place)"
    }

}
