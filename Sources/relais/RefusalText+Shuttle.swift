// RefusalText+Shuttle: the shuttle's refusals as the command line says them (transport book,
// cancel, noshow, complete, runs add and cancel), naming the option to change.

import Foundation
import RelaisCore

extension RefusalText {
    static func words(_ refusal: ShuttleRefusal, _ localTime: LocalTime, rules: ShuttleBookingRules?) -> String {
        let time = { (date: Date) in String(localTime.short(date).suffix(5)) }
        switch refusal {
        case .runLeft: return "--run: the run has already left; record the trip with relais transport noshow or complete"
        case .runCancelled: return "--run: the run is cancelled"
        case .bookingClosed(let deadline):
            return "--run: booking for this run closed on \(localTime.short(deadline))\(rules.map { " (\(ruleWording($0)))" } ?? "")"
        case .bookingNotYetOpen(let opens):
            return "--run: booking for this run opens on \(localTime.short(opens))\(rules.map { " (\(ruleWording($0)))" } ?? "")"
        case .appointmentTooEarly(let earliest):
            return "--appointment: must be at \(time(earliest)) or later, to walk in from the shuttle"
        case .appointmentNotBeforeReturn(let back): return "--appointment: must be before the return departure at \(time(back))"
        case .noWheelchairPlace: return "--wheelchair: the vehicle has no wheelchair place"
        case .tooManySeats(let needed, let allowed):
            return "--companion: the booking needs \(needed) seats; at most \(allowed) can be booked"
        case .alreadyBooked(let booking): return "--participant: already booked on this run (booking \(booking))"
        case .notCancellable(let status):
            return "the booking is \(status.rawValue); only confirmed or waitlisted bookings can be cancelled (relais transport bookings)"
        case .stopUnknown(let typed, let stops): return "--stop: the run has no stop \"\(typed)\" (stops: \(list(stops, time)))"
        case .stopAmbiguous(let commune, let stops):
            return "--stop: the run stops more than once in \(commune); give the stop's number (stops: \(list(stops, time)))"
        case .runNotLeft(let run, let departure):
            return "run \(run) has not left yet (it leaves at \(localTime.short(departure))); "
                + "record trips with relais transport noshow or complete once it has"
        case .notSettleable(let booking, let status):
            return "booking \(booking) is \(status.rawValue); only a confirmed booking can be recorded as completed or no-show "
                + "(relais transport bookings lists them)"
        case .departureInPast(let departure): return "--date: the run would leave at \(localTime.short(departure)), which is past"
        case .runShape(let problem): return "--\(problem.setting): \(problem.reason)"
        case .quotientUnreadable(let typed):
            return
                "--quotient: \"\(typed)\" is not a whole number of euros, 0 or more (the family quotient on the CAF attestation, e.g. 850)"
        case .appointmentUnreadable(let typed): return "--appointment: \"\(typed)\" is not a time such as 09:30 (or 2027-03-30T09:30)"
        case .legsUnknown(let typed): return "--legs: \"\(typed)\" is not both, outbound or return"
        case .notWaitlisted(let status):
            return "the booking is \(status.rawValue); only a waitlisted booking can be promoted (relais transport waitlist lists them)"
        case .noSeatFree(let missing):
            return "the booking does not fit: \(missing.rawValue) (relais transport waitlist lists who waits)"
        case .stopOnOnDemandRun: return "--stop: the run is on demand (door-to-door): give --pickup-point NAME or --door ADDRESS instead"
        case .pickupOnFixedStopRun: return "--pickup-point: the run has fixed stops: give --stop (relais transport runs list shows them)"
        case .pickupTwice: return "--pickup-point: give --pickup-point or --door, not both"
        case .pickupPointUnreadable: return "--pickup-point: a pickup point's name takes 1 to 120 characters on one line"
        case .doorUnreadable: return "--door: a home address takes 1 to 200 characters on one line"
        case .tooFarForRun(let ride, let limit):
            return "--run: too far for this run: someone would ride \(ride) minutes (limit \(limit) minutes)"
        case .travelTimeMissing(let file, let from, let to):
            return "--run: \(file) has no travel time between \(from) and \(to): the coordinator must add the pair"
        case .routeDataUnavailable(let reason):
            return "--run: the run is on demand and the territory's route data cannot be used: \(reason)"
        case .pickupPointUnknown(let typed, let commune, let points):
            return "--pickup-point: \"\(typed)\" is not a pickup point of \(commune); its points: \(points.joined(separator: "; "))"
        case .routeOrderNotPassengers(let passengers):
            return "--order: name each confirmed outbound passenger once, by booking: \(passengers.map(String.init).joined(separator: ","))"
        case .routeOrderInfeasible(let booking, let name, let ride, let limit, let missesArrival):
            let who = "booking \(booking)" + (name.map { " (\($0))" } ?? "")
            return missesArrival
                ? "--order: the vehicle would need \(ride) minutes from the depot to \(who), more than the \(limit) the window leaves: the arrival would be missed"
                : "--order: \(who) would ride \(ride) minutes, over the limit of \(limit) minutes"
        case .runNotOnDemand: return "--run: the run has fixed stops; only an on-demand run has a route (relais transport runs list)"
        }
    }

    /// "1 07:45 <commune>, Mairie; 2 08:00 <commune>, École".
    private static func list(_ stops: [ShuttleStopChoice], _ time: (Date) -> String) -> String {
        stops.map { "\($0.number) \(time($0.pickup)) \($0.commune), \($0.place)" }.joined(separator: "; ")
    }

    /// The booking rule in words: "book by 12:00 on the previous working day, at most 30 days ahead".
    static func ruleWording(_ rules: ShuttleBookingRules) -> String {
        switch rules.bookingType {
        case .realTime: return "booking is possible up to the pickup"
        case .sameDay: return "book at least \(rules.priorNoticeDurationMinimum) minutes before the pickup"
        case .priorDays:
            let days = rules.serviceDays == .business ? "working day" : "day"
            let start = rules.priorNoticeStartDay.map { ", at most \($0) days ahead" } ?? ""
            let which = rules.priorNoticeLastDay == 1 ? "" : "\(rules.priorNoticeLastDay)th "
            return "book by \(ShuttleClock.text(rules.priorNoticeLastTime)) on the \(which)previous \(days)\(start)"
        }
    }
}
