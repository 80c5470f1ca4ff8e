// ShuttleRefusal: why a shuttle booking, its cancellation, its settlement after the run, or a run
// added by command is refused (see Refusal.swift for how fronts word it). Each case carries what
// the person needs to act: the deadline, the seats, the stops the run has, the status in the way.

import Foundation

/// Why a booking, a cancellation, a settlement or a run is refused.
public enum ShuttleRefusal: Sendable, Equatable {
    case runLeft
    case runCancelled
    case bookingClosed(deadline: Date)
    case bookingNotYetOpen(opens: Date)
    case appointmentTooEarly(earliest: Date)
    case appointmentNotBeforeReturn(returnDeparture: Date)
    case noWheelchairPlace
    case tooManySeats(needed: Int, allowed: Int)
    case alreadyBooked(booking: Int64)
    case notCancellable(status: ShuttleBookingStatus)
    /// The run has no stop by that number or in that commune (`stops`: the ones it has).
    case stopUnknown(typed: String, stops: [ShuttleStopChoice])
    /// The run stops more than once in the commune typed: the stop's number is needed.
    case stopAmbiguous(commune: String, stops: [ShuttleStopChoice])
    /// A trip recorded as completed or missed before its run left.
    case runNotLeft(run: Int64, departure: Date)
    /// Only a confirmed booking (or one settled already, to correct it) is recorded as completed or no-show.
    case notSettleable(booking: Int64, status: ShuttleBookingStatus)
    /// A run added for a time already past.
    case departureInPast(departure: Date)
    /// A run added whose shape is wrong (vehicle, stops, times, quota, destination).
    case runShape(ShuttleLineProblem)
    /// A family quotient that is not a whole number of euros, 0 or more.
    case quotientUnreadable(typed: String)
    /// An appointment time that is not a time such as 09:30.
    case appointmentUnreadable(typed: String)
    /// Journeys that are not `both`, `outbound` or `return`.
    case legsUnknown(typed: String)
    /// Only a waitlisted booking can be promoted (ShuttleAfterRun.swift).
    case notWaitlisted(status: ShuttleBookingStatus)
    /// The booking promoted does not fit: what is missing.
    case noSeatFree(ShuttleWaitlistReason)
    /// On-demand runs (ShuttleOnDemand.swift): a stop given for a run that has none, or a pickup
    /// place for a run that has fixed stops.
    case stopOnOnDemandRun
    case pickupOnFixedStopRun
    /// Both a pickup point and a home address, or one that is empty, too long or not one line.
    case pickupTwice
    case pickupPointUnreadable
    case doorUnreadable
    /// No route can carry the passenger within the ride limit, even alone: `rideMinutes` is the
    /// longest ride the best route would have given someone, `limitMinutes` that person's limit.
    case tooFarForRun(rideMinutes: Int, limitMinutes: Int)
    /// The territory's travel times (`file`) lack the pair of communes (INSEE codes) a route needs.
    case travelTimeMissing(file: String, from: String, to: String)
    /// The run is on demand but the territory's route data did not load: `reason` names the file and line.
    case routeDataUnavailable(reason: String)
    /// The pickup point is not one of the commune's (PickupPoints): `points` are its names.
    case pickupPointUnknown(typed: String, commune: String, points: [String])
    /// A coordinator's pickup order (`transport route --order`) that does not name each confirmed
    /// outbound passenger once: `passengers` are their booking ids.
    case routeOrderNotPassengers(passengers: [Int64])
    /// A coordinator's pickup order under which `booking`'s passenger (`name`, nil once forgotten) would
    /// ride `rideMinutes`, over `limitMinutes`, or (`missesArrival`) the vehicle would have to leave the
    /// depot outside the departure window, so the arrival would be missed.
    case routeOrderInfeasible(booking: Int64, name: String?, rideMinutes: Int, limitMinutes: Int, missesArrival: Bool)
    /// A route asked of a run that has fixed stops.
    case runNotOnDemand
}

/// A stop of a run, as a refusal lists it for a person to choose.
public struct ShuttleStopChoice: Sendable, Equatable {
    /// The stop's number on the run, from 1.
    public var number: Int
    /// The commune's name.
    public var commune: String
    public var place: String
    public var pickup: Date

    public init(number: Int, commune: String, place: String, pickup: Date) {
        self.number = number
        self.commune = commune
        self.place = place
        self.pickup = pickup
    }
}

extension ShuttleRefusal {
    /// The API's `error` (see Refusal.swift).
    public var code: String {
        switch self {
        case .runLeft: "run-left"
        case .runCancelled: "run-cancelled"
        case .bookingClosed: "booking-closed"
        case .bookingNotYetOpen: "booking-not-yet-open"
        case .appointmentTooEarly: "appointment-too-early"
        case .appointmentNotBeforeReturn: "appointment-not-before-return"
        case .noWheelchairPlace: "no-wheelchair-place"
        case .tooManySeats: "too-many-seats"
        case .alreadyBooked: "already-booked"
        case .notCancellable: "booking-not-cancellable"
        case .stopUnknown: "stop-unknown"
        case .stopAmbiguous: "stop-ambiguous"
        case .runNotLeft: "run-not-left"
        case .notSettleable: "booking-not-settleable"
        case .departureInPast: "departure-in-past"
        case .runShape(let problem): problem.code
        case .quotientUnreadable: "quotient-unreadable"
        case .appointmentUnreadable: "appointment-unreadable"
        case .legsUnknown: "legs-unknown"
        case .notWaitlisted: "booking-not-waitlisted"
        case .noSeatFree: "no-seat-free"
        case .stopOnOnDemandRun: "stop-on-on-demand-run"
        case .pickupOnFixedStopRun: "pickup-on-fixed-stop-run"
        case .pickupTwice: "pickup-twice"
        case .pickupPointUnreadable: "pickup-point-unreadable"
        case .doorUnreadable: "door-unreadable"
        case .tooFarForRun: "too-far-for-run"
        case .travelTimeMissing: "travel-time-missing"
        case .routeDataUnavailable: "route-data-unavailable"
        case .pickupPointUnknown: "pickup-point-unknown"
        case .routeOrderNotPassengers: "route-order-not-passengers"
        case .routeOrderInfeasible: "route-order-infeasible"
        case .runNotOnDemand: "run-not-on-demand"
        }
    }

    /// The field at fault.
    public var field: RefusalField? {
        switch self {
        case .runLeft, .runCancelled, .bookingClosed, .bookingNotYetOpen, .runNotLeft: .run
        case .appointmentTooEarly, .appointmentNotBeforeReturn, .appointmentUnreadable: .appointment
        case .noWheelchairPlace: .wheelchair
        case .tooManySeats: .companion
        case .alreadyBooked: .resident
        case .notCancellable, .notSettleable, .notWaitlisted, .noSeatFree: .booking
        case .stopUnknown, .stopAmbiguous: .stop
        case .departureInPast: .date
        case .runShape(let problem): problem.field
        case .quotientUnreadable: .quotient
        case .legsUnknown: .legs
        case .stopOnOnDemandRun: .stop
        case .pickupOnFixedStopRun, .pickupTwice, .pickupPointUnreadable: .pickupPoint
        case .doorUnreadable: .door
        case .tooFarForRun: .run
        case .travelTimeMissing, .routeDataUnavailable: .run
        case .pickupPointUnknown: .pickupPoint
        case .routeOrderNotPassengers, .routeOrderInfeasible: .order
        case .runNotOnDemand: .run
        }
    }
}
