// ShuttleSettings: the `[transport]` settings, and the shuttle properties of a transport calendar.
//
// A VEVENT with category `transport` makes one run per occurrence. Its DTSTART is the pickup at
// the first stop; these properties (README.md, "The calendar format") describe the rest, and each
// has a default from `[transport]`:
//
//   X-RELAIS-STOPS        `07:30 <commune>, Parking de l'agglo\; 07:45 <commune>, Mairie`: the stops in
//                         pickup order; the first time must be DTSTART's. Default: one stop, the
//                         event's X-RELAIS-COMMUNE and LOCATION, at DTSTART.
//   X-RELAIS-VEHICLE      `wheelchair-places=1 seats-per-wheelchair=2`; the seats are X-RELAIS-CAPACITY.
//   X-RELAIS-ARRIVAL      `09:00`: arrival at the destination. Default: last pickup + travel_minutes.
//   X-RELAIS-RETURN       `11:30`: return departure. Default: DTEND - travel_minutes.
//   X-RELAIS-DESTINATION  free text. Default: [transport] destination, else the territory's; an
//                         event is refused when none of the three names one.
//   X-RELAIS-CCAS-QUOTA   seats per CCAS per run. Default: [transport] ccas_quota (none).
//
// Times are wall-clock times of the first occurrence's day; every run keeps their distances to its
// own start, so a moved occurrence moves its whole run.

import Foundation

/// The `[transport]` section: booking rules, fares, and defaults of runs.
public struct ShuttleSettings: Sendable, Equatable {
    /// Booking and cancellation deadlines (GTFS-Flex semantics).
    public var rules = ShuttleBookingRules()
    /// `fare_bands`.
    public var fares = FareBands.standard
    /// `seats`, `wheelchair_places`, `seats_per_wheelchair`: the vehicle when a run does not say.
    public var vehicle = ShuttleVehicle()
    /// `destination`; nil: the territory's (Territory.shuttleDestination), see ``destination(in:)``.
    public var destination: String?
    /// `travel_minutes`: from the last stop to the destination, and back.
    public var travelMinutes = 90
    /// `ccas_quota`: seats per CCAS per run; nil (0 in the file) for none.
    public var ccasQuota: Int?
    /// `appointment_margin_minutes`: the least time between the arrival and the EPS appointment.
    public var appointmentMarginMinutes = 15
    /// `noshow_limit`, `noshow_months`: this many no-shows in that many months warn at the next booking.
    public var noShowLimit = 3
    public var noShowMonths = 6
    /// `reminder_time`: the local time, the day before the pickup, of the pickup reminder.
    public var reminderMinute = 16 * 60
    /// `max_ride_minutes`, `boarding_minutes`, `boarding_minutes_wheelchair`: the limits of on-demand routes.
    public var route = RouteRules()
    /// `same_commune_minutes`: between two places of one commune, for on-demand routes.
    public var sameCommuneMinutes = TravelTimes.defaultSameCommuneMinutes
    /// `depot`: the INSEE code of the commune on-demand vehicles start from and return to; nil: each run gives its own.
    public var depot: String?
    /// `destination_commune`: the INSEE code of the destination's commune; nil: each run gives its own.
    public var destinationCommune: String?

    public init() {}

    /// Where runs go when a run or event does not say: `[transport] destination`, else the
    /// territory's; nil when neither names one (a run must then give its own).
    public func destination(in territory: Territory) -> String? { destination ?? territory.shuttleDestination }

    /// An INSEE commune code as written in `depot`, `destination_commune` and their options: five
    /// characters, digits (2A and 2B for Corsica), such as 01173.
    public static func communeCode(_ text: String) throws(FieldError) -> String {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        let characters = Array(code)
        guard characters.count == 5, characters[0].isASCII, characters[0].isNumber,
            characters[1].isASCII && (characters[1].isNumber || characters[1] == "A" || characters[1] == "B"),
            characters[2...].allSatisfy({ $0.isASCII && $0.isNumber })
        else { throw FieldError(field: "commune code", reason: "\"\(text)\" is not an INSEE commune code such as 01173") }
        return code
    }

    /// Why a run that names no destination cannot have one: nothing gives a default.
    public static let noDefaultDestination = "neither [transport] destination nor the territory file names a default destination"
}

/// The shuttle properties of a transport VEVENT.
public enum ShuttleCalendarProperties {
    /// The X-RELAIS-* properties a transport VEVENT may carry beyond the common ones.
    public static let names: Set<String> = ([
        "X-RELAIS-STOPS", "X-RELAIS-VEHICLE", "X-RELAIS-ARRIVAL", "X-RELAIS-RETURN", "X-RELAIS-DESTINATION", "X-RELAIS-CCAS-QUOTA",
    ] as Set<String>).union(onDemandNames)

    /// Checks the form of the shuttle properties present (what can be judged without the
    /// configuration): stops, vehicle words, times, quota.
    public static func check(_ properties: [String: String], territory: Territory) throws(FieldError) {
        if let text = properties["X-RELAIS-STOPS"] {
            _ = try ShuttleStopText.list(stopTexts(text), field: "X-RELAIS-STOPS", territory: territory)
        }
        if let text = properties["X-RELAIS-VEHICLE"] { _ = try vehicle(text, seats: 100, defaults: ShuttleVehicle()) }
        for name in ["X-RELAIS-ARRIVAL", "X-RELAIS-RETURN"] {
            if let text = properties[name], ShuttleClock.minutes(text) == nil {
                throw FieldError(field: name, reason: "\"\(text)\" is not a time such as 09:00")
            }
        }
        if let text = properties["X-RELAIS-CCAS-QUOTA"], Int(text.trimmingCharacters(in: .whitespaces)).map({ $0 >= 1 }) != true {
            throw FieldError(field: "X-RELAIS-CCAS-QUOTA", reason: "\"\(text)\" is not a number of seats (1 or more)")
        }
        try checkPickup(properties, territory: territory)
    }

    /// The line of a transport event. `firstMinute` is the local wall-clock minute of DTSTART (the
    /// first stop's pickup), `durationMinutes` DTEND - DTSTART; `capacity` is X-RELAIS-CAPACITY.
    public static func line(
        _ properties: [String: String], commune: String?, location: String?, capacity: Int?, firstMinute: Int,
        durationMinutes: Int, settings: ShuttleSettings, territory: Territory
    ) throws(FieldError) -> ShuttleLine {
        let trimmed = properties.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        try check(trimmed, territory: territory)
        if try pickupKind(trimmed) == .onDemand {
            return try onDemandLine(
                trimmed, capacity: capacity, firstMinute: firstMinute, durationMinutes: durationMinutes, settings: settings,
                territory: territory)
        }
        var stops: [ShuttleStopPlan]
        if let text = trimmed["X-RELAIS-STOPS"] {
            let typed = try ShuttleStopText.list(stopTexts(text), field: "X-RELAIS-STOPS", territory: territory)
            guard typed[0].minute == firstMinute else {
                throw FieldError(
                    field: "X-RELAIS-STOPS",
                    reason:
                        "the first stop's time \(ShuttleClock.text(typed[0].minute)) must be the event's start, \(ShuttleClock.text(firstMinute))"
                )
            }
            stops = typed.map { ShuttleStopPlan(commune: $0.commune.code, place: $0.place, offsetMinutes: $0.minute - firstMinute) }
        } else {
            guard let commune else {
                throw FieldError(
                    field: "X-RELAIS-STOPS", reason: "a transport event needs X-RELAIS-STOPS, or X-RELAIS-COMMUNE for a single stop")
            }
            let place = location.map { String($0.prefix(120)).replacingOccurrences(of: "\n", with: " ") }.flatMap { $0.isEmpty ? nil : $0 }
            stops = [ShuttleStopPlan(commune: commune, place: place ?? "Départ", offsetMinutes: 0)]
        }
        var vehicle = settings.vehicle
        vehicle.seats = capacity ?? settings.vehicle.seats
        if let text = trimmed["X-RELAIS-VEHICLE"] {
            vehicle = try self.vehicle(text, seats: vehicle.seats, defaults: vehicle)
        } else {
            vehicle.wheelchairPlaces = min(vehicle.wheelchairPlaces, vehicle.seats / vehicle.seatsPerWheelchair)
        }
        let lastOffset = stops.last!.offsetMinutes
        let arrival =
            try trimmed["X-RELAIS-ARRIVAL"].map { text throws(FieldError) in try offset(text, from: firstMinute, field: "X-RELAIS-ARRIVAL")
            }
            ?? lastOffset + settings.travelMinutes
        let back =
            try trimmed["X-RELAIS-RETURN"].map { text throws(FieldError) in try offset(text, from: firstMinute, field: "X-RELAIS-RETURN") }
            ?? max(durationMinutes - settings.travelMinutes, arrival)
        let quota = trimmed["X-RELAIS-CCAS-QUOTA"].flatMap { Int($0) } ?? settings.ccasQuota
        let line = ShuttleLine(
            stops: stops, vehicle: vehicle, arrivalMinutes: arrival, returnMinutes: back,
            destination: try destination(trimmed["X-RELAIS-DESTINATION"], settings: settings, territory: territory),
            ccasQuota: quota.map { min($0, vehicle.seats) })
        if let problem = line.problem {
            let property: [RefusalField: String] = [
                .arrival: "X-RELAIS-ARRIVAL", .return: "X-RELAIS-RETURN", .quota: "X-RELAIS-CCAS-QUOTA", .destination: "X-RELAIS-DESTINATION",
            ]
            throw FieldError(field: property[problem.field] ?? "X-RELAIS-VEHICLE", reason: problem.reason)
        }
        return line
    }

    /// The stops of an X-RELAIS-STOPS value, split on `;`.
    static func stopTexts(_ text: String) -> [String] {
        text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// Minutes from the first pickup to a wall-clock time of the same day.
    static func offset(_ text: String, from firstMinute: Int, field: String) throws(FieldError) -> Int {
        guard let minute = ShuttleClock.minutes(text) else {
            throw FieldError(field: field, reason: "\"\(text)\" is not a time such as 09:00")
        }
        guard minute > firstMinute else {
            throw FieldError(
                field: field, reason: "\(ShuttleClock.text(minute)) is not after the departure at \(ShuttleClock.text(firstMinute))")
        }
        return minute - firstMinute
    }

    /// Reads `wheelchair-places=1 seats-per-wheelchair=2` over `defaults`.
    static func vehicle(_ text: String, seats: Int, defaults: ShuttleVehicle) throws(FieldError) -> ShuttleVehicle {
        var vehicle = defaults
        vehicle.seats = seats
        for word in text.split(whereSeparator: { $0 == " " || $0 == "," }) {
            let pair = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, let value = Int(pair[1]) else {
                throw FieldError(field: "X-RELAIS-VEHICLE", reason: "\"\(word)\" is not a setting such as wheelchair-places=1")
            }
            switch pair[0].lowercased() {
            case "wheelchair-places": vehicle.wheelchairPlaces = value
            case "seats-per-wheelchair": vehicle.seatsPerWheelchair = value
            default:
                throw FieldError(
                    field: "X-RELAIS-VEHICLE",
                    reason: "unknown setting \(pair[0]) (known: wheelchair-places, seats-per-wheelchair; the seats are X-RELAIS-CAPACITY)")
            }
        }
        if let problem = vehicle.problem { throw FieldError(field: "X-RELAIS-VEHICLE", reason: "\(problem.setting) \(problem.reason)") }
        return vehicle
    }

    /// The run's destination: the event's X-RELAIS-DESTINATION, else the settings' or territory's default.
    static func destination(_ given: String?, settings: ShuttleSettings, territory: Territory) throws(FieldError) -> String {
        if let given, !given.isEmpty { return given }
        guard let destination = settings.destination(in: territory) else {
            throw FieldError(
                field: "X-RELAIS-DESTINATION", reason: "no destination: give one here; \(ShuttleSettings.noDefaultDestination)")
        }
        return destination
    }
}
