// ShuttleRun: what a shuttle departure is: the vehicle, the ordered stops with their pickup times,
// the destination with its arrival time, and the return departure.
//
// A run is made either from an occurrence of a calendar event with category `transport`
// (``ShuttleLine``: the event's X-RELAIS-STOPS, X-RELAIS-VEHICLE, X-RELAIS-ARRIVAL, X-RELAIS-RETURN,
// X-RELAIS-DESTINATION and X-RELAIS-CCAS-QUOTA) or by `relais transport runs add`. Seats count
// the way the vehicle is fitted: a wheelchair place takes `seatsPerWheelchair` seats (folding seats
// give way to it), and a companion takes one seat.
//
// Stop syntax, in X-RELAIS-STOPS (stops separated by `;`, written `\;` in iCalendar text) and in
// `--stop`: `HH:MM Commune, place`, e.g. `07:45 <commune>, Mairie`. The commune is one of the
// territory's (short names work: "St Genis"); the place is free text, one line.

import Foundation

/// How a vehicle is fitted.
public struct ShuttleVehicle: Sendable, Equatable {
    /// Seat units: passengers, companions, and wheelchairs (each `seatsPerWheelchair`).
    public var seats: Int
    /// How many wheelchairs the vehicle can carry at once.
    public var wheelchairPlaces: Int
    /// Seats a wheelchair place takes.
    public var seatsPerWheelchair: Int

    public init(seats: Int = 8, wheelchairPlaces: Int = 1, seatsPerWheelchair: Int = 2) {
        self.seats = seats
        self.wheelchairPlaces = wheelchairPlaces
        self.seatsPerWheelchair = seatsPerWheelchair
    }

    /// The seats a booking takes: the passenger (or their wheelchair) and the companion.
    public func seats(wheelchair: Bool, companion: Bool) -> Int {
        (wheelchair ? seatsPerWheelchair : 1) + (companion ? 1 : 0)
    }

    /// The first thing wrong with the fitting, or nil.
    public var problem: ShuttleLineProblem? {
        if !(1...100).contains(seats) { return .seatsOutOfRange(seats: seats) }
        if !(0...10).contains(wheelchairPlaces) { return .wheelchairPlacesOutOfRange(places: wheelchairPlaces) }
        if !(1...10).contains(seatsPerWheelchair) { return .seatsPerWheelchairOutOfRange(seats: seatsPerWheelchair) }
        if wheelchairPlaces * seatsPerWheelchair > seats {
            return .wheelchairPlacesDoNotFit(places: wheelchairPlaces, seatsPerWheelchair: seatsPerWheelchair, seats: seats)
        }
        return nil
    }
}

/// A stop of a line: where, and how many minutes after the first stop's pickup.
public struct ShuttleStopPlan: Sendable, Equatable {
    /// INSEE code of the commune.
    public var commune: String
    public var place: String
    /// Minutes after the departure from the first stop (0 for the first stop).
    public var offsetMinutes: Int

    public init(commune: String, place: String, offsetMinutes: Int) {
        self.commune = commune
        self.place = place
        self.offsetMinutes = offsetMinutes
    }
}

/// A stop as typed: wall-clock minute, commune and place.
public struct ShuttleStopText: Sendable, Equatable {
    public var minute: Int
    public var commune: Commune
    public var place: String

    /// Reads `07:45 <commune>, Mairie`; `field` names the option or property in errors.
    /// A stop as people write it, at the territory's first commune: "07:45 <commune>, Mairie".
    static func example(in territory: Territory) -> String { "07:45 \(territory.communes.first?.name ?? "Commune"), Mairie" }

    public init(parsing text: String, field: String, territory: Territory) throws(FieldError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let words = trimmed.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard words.count == 2, let minute = ShuttleClock.minutes(String(words[0])) else {
            throw FieldError(
                field: field, reason: "\"\(trimmed)\" is not a stop such as \"\(Self.example(in: territory))\" (time, commune, place)")
        }
        let rest = words[1].split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let commune = territory.commune(named: rest[0]) else {
            throw FieldError(field: field, reason: "\"\(rest[0])\" is not a commune of \(territory.name)")
        }
        let place = rest.count == 2 ? rest[1] : ""
        guard !place.isEmpty, place.count <= 120, !place.contains(where: \.isNewline) else {
            throw FieldError(
                field: field,
                reason: "\"\(trimmed)\" needs a place after the commune, one line of at most 120 characters "
                    + "(\"\(Self.example(in: territory))\")")
        }
        self.minute = minute
        self.commune = commune
        self.place = place
    }

    /// Reads several stops: each must come after the one before, on the same day.
    public static func list(_ texts: [String], field: String, territory: Territory) throws(FieldError) -> [ShuttleStopText] {
        var stops: [ShuttleStopText] = []
        for text in texts {
            let stop = try ShuttleStopText(parsing: text, field: field, territory: territory)
            if let previous = stops.last, stop.minute <= previous.minute {
                throw FieldError(
                    field: field,
                    reason:
                        "stops are listed in pickup order: \(ShuttleClock.text(stop.minute)) comes after \(ShuttleClock.text(previous.minute))"
                )
            }
            stops.append(stop)
        }
        guard !stops.isEmpty else { throw FieldError(field: field, reason: "at least one stop is needed") }
        return stops
    }
}

/// Wall-clock minutes written `HH:MM`.
public enum ShuttleClock {
    /// Minutes after midnight of `07:45` (or `7:45`, `7h45`); nil when not a time of day.
    public static func minutes(_ text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).lowercased().split(whereSeparator: { $0 == ":" || $0 == "h" })
        guard parts.count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        return hour * 60 + minute
    }

    /// `07:45`: the wall-clock time of `minutes` after midnight, on whatever day it falls (`-15` is
    /// `23:45` the day before, `1450` is `00:10` the day after).
    public static func text(_ minutes: Int) -> String {
        let clock = (minutes % 1440 + 1440) % 1440
        return String(format: "%02d:%02d", clock / 60, clock % 60)
    }
}

/// The shape of the runs an event makes: stops, vehicle, arrival and return, all relative to the
/// departure from the first stop, so a moved occurrence moves every time with it.
public struct ShuttleLine: Sendable, Equatable {
    public var stops: [ShuttleStopPlan]
    public var vehicle: ShuttleVehicle
    /// Minutes from the first pickup to the arrival at the destination.
    public var arrivalMinutes: Int
    /// Minutes from the first pickup to the return departure from the destination.
    public var returnMinutes: Int
    public var destination: String
    /// Seats per CCAS per run; nil when there is no quota.
    public var ccasQuota: Int?
    /// What makes the line's runs door-to-door (X-RELAIS-PICKUP:on-demand); nil for fixed stops.
    public var demand: ShuttleLineDemand? = nil

    public init(
        stops: [ShuttleStopPlan], vehicle: ShuttleVehicle, arrivalMinutes: Int, returnMinutes: Int, destination: String, ccasQuota: Int?
    ) {
        self.stops = stops
        self.vehicle = vehicle
        self.arrivalMinutes = arrivalMinutes
        self.returnMinutes = returnMinutes
        self.destination = destination
        self.ccasQuota = ccasQuota
    }

    /// The instants of a run leaving the first stop at `departure`.
    public func times(departure: Date) -> (pickups: [Date], arrival: Date, returnDeparture: Date) {
        (
            stops.map { departure.addingTimeInterval(Double($0.offsetMinutes * 60)) },
            departure.addingTimeInterval(Double(arrivalMinutes * 60)),
            departure.addingTimeInterval(Double(returnMinutes * 60))
        )
    }

    /// The first thing wrong with the line, or nil.
    public var problem: ShuttleLineProblem? {
        if let problem = vehicle.problem { return problem }
        guard let last = stops.last else { return .noStop }
        if arrivalMinutes <= last.offsetMinutes { return .arrivalNotAfterLastPickup }
        if returnMinutes < arrivalMinutes { return .returnBeforeArrival }
        if returnMinutes > 20 * 60 { return .runTooLong(maximumHours: 20) }
        if let quota = ccasQuota, !(1...vehicle.seats).contains(quota) { return .quotaOutOfRange(quota: quota, seats: vehicle.seats) }
        if destination.isEmpty || destination.count > 200 { return .destinationLength(maximum: 200) }
        return nil
    }
}
