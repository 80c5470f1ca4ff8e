// relais transport book|cancel|noshow|complete|waitlist|bookings: seats for residents, as one
// CCAS (its own residents) or as the coordinator.

import Foundation
import RelaisCore
import RelaisJSON
import RelaisStore

enum TransportBookings {
    // MARK: - book

    static func book(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(
            words, options: TransportCommand.scopeOptions.union(["run", "participant", "stop", "legs", "appointment", "quotient", "pickup-point", "door"]),
            flags: TransportCommand.scopeFlags.union(["companion", "wheelchair", "json"]))
        try arguments.expectPositional(atMost: 0, usage: "relais transport book --run RUN --participant ID --stop N|COMMUNE ...")
        let scope = try TransportCommand.scope(arguments, context)
        guard let run = try arguments.identifier("run") else {
            throw UserError.usage("book needs --run RUN (relais transport runs list shows them)")
        }
        guard let participant = try arguments.identifier("participant") else { throw UserError.usage("book needs --participant ID") }
        // An on-demand run takes --pickup-point or --door (or neither: the town hall) instead of --stop.
        let pickup = try TransportOnDemand.pickup(arguments)
        let stop = try arguments.value("stop") ?? ""
        if pickup == nil, try arguments.value("stop") != nil, stop.trimmingCharacters(in: .whitespaces).isEmpty {
            throw UserError.usage("book needs --stop, the stop's number on the run or its commune")
        }
        var legs = ShuttleLegs.both
        if let typed = try arguments.value("legs") {
            guard let chosen = ShuttleLegs(rawValue: typed) else { throw Refusal.shuttle(.legsUnknown(typed: typed)) }
            legs = chosen
        }
        var appointment: ShuttleAppointment?
        if let typed = try arguments.value("appointment") {
            if let minutes = ShuttleClock.minutes(typed) {
                appointment = .clock(minutes: minutes)
            } else if typed.contains(":"), let instant = context.localTime.parse(typed) {
                appointment = .instant(instant)
            } else {
                throw Refusal.shuttle(.appointmentUnreadable(typed: typed))
            }
        }
        var quotient: Int?
        if let typed = try arguments.value("quotient") { quotient = try FareBands.quotient(typed) }
        let request = ShuttleBookingRequest(
            run: run, participant: participant, stop: stop, legs: legs, companion: arguments.flag("companion"),
            wheelchair: arguments.flag("wheelchair"), appointment: appointment, quotient: quotient, pickup: pickup)
        let shuttle = TransportCommand.shuttleContext(context)
        let store = try context.store()
        let outcome = try store.bookShuttle(request, scope: scope, context: shuttle)
        if let warning = outcome.warning { Output.warn("warning: participant \(participant): \(warning)") }
        if arguments.flag("json"), let booking = try store.shuttleBookings(id: outcome.id, scope: scope, context: shuttle).first {
            Output.json(PlacedBookingJSON.booked(BookingJSON(booking, context: shuttle), waitlistPosition: outcome.waitlistPosition))
            return
        }
        let fare =
            "fare \(FareBands.euros(outcome.fare.cents)) (band \(outcome.fare.band), \(legs.journeys) journey\(legs.journeys > 1 ? "s" : ""))"
        switch outcome.status {
        case .waitlisted where outcome.tooFar != nil:
            let why = outcome.tooFar!
            print(
                "booking \(outcome.id): waitlisted, position \(outcome.waitlistPosition ?? 0) on run \(run) (too far for this run: "
                    + "someone would ride \(why.rideMinutes) minutes, limit \(why.limitMinutes)); \(fare) if confirmed")
        case .waitlisted:
            print(
                "booking \(outcome.id): waitlisted, position \(outcome.waitlistPosition ?? 0) on run \(run) (\(outcome.waitlistReason?.rawValue ?? "run full")); \(fare) if confirmed"
            )
        default:
            print("booking \(outcome.id): confirmed on run \(run), pickup \(TransportCommand.describe(outcome.stop, context)); \(fare)")
        }
    }

    // MARK: - cancel

    static func cancel(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(
            words, options: TransportCommand.scopeOptions.union(["reason"]), flags: TransportCommand.scopeFlags.union(["json"]))
        let usage = "relais transport cancel BOOKING [--reason TEXT]"
        try arguments.expectPositional(atMost: 1, usage: usage)
        let scope = try TransportCommand.scope(arguments, context)
        let id = try TransportCommand.identifier(arguments.positional.first, what: "booking", usage: usage)
        let result = try context.store().cancelShuttleBooking(
            id, scope: scope, reason: try arguments.value("reason") ?? "cancelled by \(scope.wording)",
            context: TransportCommand.shuttleContext(context))
        if arguments.flag("json") {
            Output.json(CancellationJSON(booking: id, result, localTime: context.localTime))
            return
        }
        let late = result.late ? " (late: after \(context.localTime.short(result.deadline)))" : ""
        let promoted =
            result.promoted > 0 ? "; \(result.promoted) waitlisted booking\(result.promoted > 1 ? "s" : "") confirmed in its place" : ""
        print("booking \(id) cancelled\(late)\(promoted)")
    }

    // MARK: - noshow, complete

    static func settle(_ words: [String], as outcome: ShuttleBookingStatus, _ context: Context) throws {
        let name = outcome == .noShow ? "noshow" : "complete"
        let arguments = try Arguments(
            words, options: TransportCommand.scopeOptions.union(outcome == .completed ? ["run"] : []),
            flags: TransportCommand.scopeFlags.union(["json"]))
        let scope = try TransportCommand.scope(arguments, context)
        let usage = outcome == .noShow ? "relais transport noshow BOOKING..." : "relais transport complete BOOKING...|--run RUN"
        let ids = try arguments.positional.map { try TransportCommand.identifier($0, what: "booking", usage: usage) }
        let run = try arguments.identifier("run")
        guard !ids.isEmpty || run != nil else { throw UserError.usage("\(name) needs a booking number; usage: \(usage)") }
        let changed = try context.store().settleShuttleBookings(
            ids, run: run, as: outcome, scope: scope, context: TransportCommand.shuttleContext(context))
        if arguments.flag("json") {
            Output.json(["recorded": changed, "status": outcome.rawValue])
        } else {
            print("\(changed) booking\(changed == 1 ? "" : "s") recorded as \(outcome == .noShow ? "no-show" : "completed")")
        }
    }

    // MARK: - waitlist, bookings

    static func waitlist(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(words, options: TransportCommand.scopeOptions, flags: TransportCommand.scopeFlags.union(["json"]))
        let usage = "relais transport waitlist RUN [--json]"
        try arguments.expectPositional(atMost: 1, usage: usage)
        let scope = try TransportCommand.scope(arguments, context)
        let run = try TransportCommand.identifier(arguments.positional.first, what: "run", usage: usage)
        let shuttle = TransportCommand.shuttleContext(context)
        let waiting = try context.store().shuttleWaitlist(run: run, scope: scope, context: shuttle)
        if arguments.flag("json") {
            Output.json(waiting.map { PlacedBookingJSON.waiting(BookingJSON($0.booking, context: shuttle), position: $0.position) })
            return
        }
        if waiting.isEmpty {
            print("Nobody is waiting for run \(run)\(scope == .coordinator ? "" : " among your residents").")
            return
        }
        Output.table(
            ["POSITION", "BOOKING", "PARTICIPANT", "NAME", "STOP", "SEATS", "NEEDS", "WHY"],
            waiting.map { entry in
                let booking = entry.booking
                return [
                    String(entry.position), String(booking.id), booking.participant.map(String.init) ?? "-", booking.name ?? "(forgotten)",
                    TransportCommand.describe(booking.stop, context), String(booking.seats), needs(booking), booking.waitlistReason?.rawValue ?? "",
                ]
            })
    }

    static func list(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(
            words, options: TransportCommand.scopeOptions.union(["run", "participant", "status"]),
            flags: TransportCommand.scopeFlags.union(["json"]))
        try arguments.expectPositional(
            atMost: 0, usage: "relais transport bookings [--run RUN] [--participant ID] [--status STATUS] [--json]")
        let scope = try TransportCommand.scope(arguments, context)
        var statuses: [ShuttleBookingStatus]?
        if let typed = try arguments.value("status") {
            guard let status = ShuttleBookingStatus(rawValue: typed.replacingOccurrences(of: "-", with: "_")) else {
                throw UserError.usage(
                    "--status \"\(typed)\" is not one of \(ShuttleBookingStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            statuses = [status]
        }
        let shuttle = TransportCommand.shuttleContext(context)
        let bookings = try context.store().shuttleBookings(
            run: try arguments.identifier("run"), participant: try arguments.identifier("participant"), statuses: statuses, scope: scope,
            context: shuttle)
        if arguments.flag("json") {
            Output.json(bookings.map { BookingJSON($0, context: shuttle) })
            return
        }
        if bookings.isEmpty {
            print("No booking.")
            return
        }
        Output.table(
            ["BOOKING", "RUN", "DEPARTURE", "STATUS", "PARTICIPANT", "NAME", "STOP", "LEGS", "NEEDS", "FARE"],
            bookings.map { booking in
                let status = booking.status.rawValue + (booking.cancelledLate ? " (late)" : "")
                return [
                    String(booking.id), String(booking.run), context.localTime.short(booking.runDeparture), status,
                    booking.participant.map(String.init) ?? "-", booking.name ?? "(forgotten)",
                    TransportCommand.describe(booking.stop, context),
                    booking.legs.rawValue, needs(booking), FareBands.euros(booking.fareCents),
                ]
            })
    }

    /// `wheelchair, companion`, or `-`.
    static func needs(_ booking: ShuttleBookingListing) -> String {
        let words = (booking.wheelchair ? ["wheelchair"] : []) + (booking.companion ? ["companion"] : [])
        return words.isEmpty ? "-" : words.joined(separator: ", ")
    }

}
