// ShuttleLineProblem: what can be wrong with the shape of a run (its vehicle, stops, times, CCAS
// quota and destination), whether it comes from a calendar's X-RELAIS-* properties, from
// relais.conf's [transport] or from `relais transport runs add`. A calendar file or relais.conf is
// refused with `reason` at its line (the reader's English, as every file error); a run added by
// command is refused as `ShuttleRefusal.runShape`, worded by each front.

/// The first thing wrong with a vehicle or a line.
public enum ShuttleLineProblem: Sendable, Equatable {
    case seatsOutOfRange(seats: Int)
    case wheelchairPlacesOutOfRange(places: Int)
    case seatsPerWheelchairOutOfRange(seats: Int)
    /// `places` wheelchairs of `seatsPerWheelchair` seats each take more than the vehicle's `seats`.
    case wheelchairPlacesDoNotFit(places: Int, seatsPerWheelchair: Int, seats: Int)
    case noStop
    case arrivalNotAfterLastPickup
    case returnBeforeArrival
    case runTooLong(maximumHours: Int)
    /// A CCAS quota outside 1 to the vehicle's `seats`.
    case quotaOutOfRange(quota: Int, seats: Int)
    /// A destination empty or longer than `maximum` characters.
    case destinationLength(maximum: Int)
    /// An on-demand run with more than `maximum` seats (its route would be too costly to plan).
    case onDemandSeats(seats: Int, maximum: Int)

    /// The API's `error`.
    public var code: String {
        switch self {
        case .seatsOutOfRange: "seats-out-of-range"
        case .onDemandSeats: "on-demand-seats"
        case .wheelchairPlacesOutOfRange: "wheelchair-places-out-of-range"
        case .seatsPerWheelchairOutOfRange: "seats-per-wheelchair-out-of-range"
        case .wheelchairPlacesDoNotFit: "wheelchair-places-do-not-fit"
        case .noStop: "no-stop"
        case .arrivalNotAfterLastPickup: "arrival-not-after-last-pickup"
        case .returnBeforeArrival: "return-before-arrival"
        case .runTooLong: "run-too-long"
        case .quotaOutOfRange: "quota-out-of-range"
        case .destinationLength: "destination-length"
        }
    }

    /// The setting at fault.
    public var field: RefusalField {
        switch self {
        case .seatsOutOfRange, .onDemandSeats: .seats
        case .wheelchairPlacesOutOfRange, .wheelchairPlacesDoNotFit: .wheelchairPlaces
        case .seatsPerWheelchairOutOfRange: .seatsPerWheelchair
        case .noStop: .stops
        case .arrivalNotAfterLastPickup: .arrival
        case .returnBeforeArrival, .runTooLong: .return
        case .quotaOutOfRange: .quota
        case .destinationLength: .destination
        }
    }

    /// The setting's name in a calendar's X-RELAIS-VEHICLE and on the command line: `wheelchair-places`.
    public var setting: String { field.rawValue.replacingOccurrences(of: "_", with: "-") }

    /// What is wrong, in English, for a calendar file's or relais.conf's refusal at its line.
    public var reason: String {
        switch self {
        case .seatsOutOfRange(let seats): "\(seats) is not from 1 to 100"
        case .onDemandSeats(let seats, let maximum): "\(seats) seats: an on-demand run has at most \(maximum)"
        case .wheelchairPlacesOutOfRange(let places): "\(places) is not from 0 to 10"
        case .seatsPerWheelchairOutOfRange(let seats): "\(seats) is not from 1 to 10"
        case .wheelchairPlacesDoNotFit(let places, let each, let seats): "\(places) places of \(each) seats do not fit in \(seats) seats"
        case .noStop: "at least one stop is needed"
        case .arrivalNotAfterLastPickup: "the arrival must come after the last pickup"
        case .returnBeforeArrival: "the return departure must not come before the arrival"
        case .runTooLong(let hours): "a run lasts at most \(hours) hours"
        case .quotaOutOfRange(let quota, let seats): "\(quota) is not from 1 to the \(seats) seats"
        case .destinationLength(let maximum): "must be 1 to \(maximum) characters"
        }
    }
}
