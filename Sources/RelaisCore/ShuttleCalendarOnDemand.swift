// ShuttleCalendarOnDemand: a transport VEVENT that makes door-to-door (on-demand) runs, the
// calendar's side of `relais transport runs add --on-demand` (ShuttleOnDemand.swift).
//
//   X-RELAIS-PICKUP               `on-demand` (door to door) or `fixed-stops` (the default). An
//                                 on-demand event has no X-RELAIS-STOPS: each booking gives its
//                                 pickup point or home address and the route is planned from them.
//   X-RELAIS-DEPARTURE-WINDOW     `07:00-08:30`: the vehicle leaves its depot within it; the first
//                                 time must be DTSTART's. Default: DTSTART only.
//   X-RELAIS-DEPOT                the commune the vehicle starts from and returns to (a commune of
//                                 the territory, by name or INSEE code). Default: [transport] depot.
//   X-RELAIS-DESTINATION-COMMUNE  the destination's commune (any INSEE code, or a commune of the
//                                 territory by name). Default: [transport] destination_commune.
//
// X-RELAIS-ARRIVAL (the target arrival; default: the window's close + travel_minutes),
// X-RELAIS-RETURN, X-RELAIS-VEHICLE, X-RELAIS-CAPACITY (at most 16 seats), X-RELAIS-DESTINATION and
// X-RELAIS-CCAS-QUOTA mean what they mean for a fixed-stop run. The last three properties are
// refused on a fixed-stop event, so that a forgotten X-RELAIS-PICKUP does not pass unnoticed.

import Foundation

/// What makes a line's runs door-to-door: minutes after the window's opening (DTSTART), and INSEE codes.
public struct ShuttleLineDemand: Sendable, Equatable {
    /// The departure window's length: the vehicle leaves between DTSTART and DTSTART + this.
    public var windowMinutes: Int
    /// Where the vehicle starts and ends, and the destination's commune.
    public var depot: String
    public var destinationCommune: String

    public init(windowMinutes: Int, depot: String, destinationCommune: String) {
        self.windowMinutes = windowMinutes
        self.depot = depot
        self.destinationCommune = destinationCommune
    }

    /// The place of an on-demand run's one stop row (at the depot; never shown as a stop).
    public static let stopPlace = "à la demande"
}

extension ShuttleCalendarProperties {
    /// The properties of an on-demand transport event.
    static let onDemandNames: Set<String> = [
        "X-RELAIS-PICKUP", "X-RELAIS-DEPARTURE-WINDOW", "X-RELAIS-DEPOT", "X-RELAIS-DESTINATION-COMMUNE",
    ]

    /// The kind of runs an event's X-RELAIS-PICKUP asks for (fixed stops when absent).
    public static func pickupKind(_ properties: [String: String]) throws(FieldError) -> ShuttleRunKind {
        guard let text = properties["X-RELAIS-PICKUP"]?.trimmingCharacters(in: .whitespaces) else { return .fixedStops }
        guard let kind = ShuttleRunKind(rawValue: text.lowercased()) else {
            throw FieldError(
                field: "X-RELAIS-PICKUP",
                reason: "\"\(text)\" is not a kind of pickup (known: \(ShuttleRunKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return kind
    }

    /// Checks the form of the on-demand properties present, and that they go together.
    static func checkPickup(_ properties: [String: String], territory: Territory) throws(FieldError) {
        guard try pickupKind(properties) == .onDemand else {
            for name in ["X-RELAIS-DEPARTURE-WINDOW", "X-RELAIS-DEPOT", "X-RELAIS-DESTINATION-COMMUNE"] where properties[name] != nil {
                throw FieldError(field: name, reason: "only an on-demand event (X-RELAIS-PICKUP:on-demand) takes it")
            }
            return
        }
        if properties["X-RELAIS-STOPS"] != nil {
            throw FieldError(
                field: "X-RELAIS-STOPS",
                reason: "an on-demand run (X-RELAIS-PICKUP:on-demand) has no stops; give X-RELAIS-DEPARTURE-WINDOW instead")
        }
        if let text = properties["X-RELAIS-DEPARTURE-WINDOW"], ShuttleDepartureWindow.minutes(text) == nil {
            throw FieldError(field: "X-RELAIS-DEPARTURE-WINDOW", reason: "\"\(text)\" is not a window such as 07:00-08:30")
        }
        if let text = properties["X-RELAIS-DEPOT"] { _ = try commune(text, field: "X-RELAIS-DEPOT", inTerritory: true, territory) }
        if let text = properties["X-RELAIS-DESTINATION-COMMUNE"] {
            _ = try commune(text, field: "X-RELAIS-DESTINATION-COMMUNE", inTerritory: false, territory)
        }
    }

    /// The line of an on-demand event (its properties trimmed and checked): one stop row at the depot
    /// when the window opens (DTSTART), the arrival and return after it, and the demand.
    static func onDemandLine(
        _ properties: [String: String], capacity: Int?, firstMinute: Int, durationMinutes: Int, settings: ShuttleSettings,
        territory: Territory
    ) throws(FieldError) -> ShuttleLine {
        var closes = firstMinute
        if let text = properties["X-RELAIS-DEPARTURE-WINDOW"], let window = ShuttleDepartureWindow.minutes(text) {
            guard window.opens == firstMinute else {
                throw FieldError(
                    field: "X-RELAIS-DEPARTURE-WINDOW",
                    reason: "the window opens at \(ShuttleClock.text(window.opens)); it must be the event's start, \(ShuttleClock.text(firstMinute))")
            }
            closes = window.closes
        }
        let depot = try properties["X-RELAIS-DEPOT"].map { text throws(FieldError) in
            try commune(text, field: "X-RELAIS-DEPOT", inTerritory: true, territory)
        } ?? settings.depot
        guard let depot else { throw FieldError(field: "X-RELAIS-DEPOT", reason: "no depot: give one here; [transport] depot names none") }
        let destinationCommune = try properties["X-RELAIS-DESTINATION-COMMUNE"].map { text throws(FieldError) in
            try commune(text, field: "X-RELAIS-DESTINATION-COMMUNE", inTerritory: false, territory)
        } ?? settings.destinationCommune
        guard let destinationCommune else {
            throw FieldError(
                field: "X-RELAIS-DESTINATION-COMMUNE", reason: "no destination commune: give one here; [transport] destination_commune names none")
        }
        var vehicle = settings.vehicle
        vehicle.seats = capacity ?? min(settings.vehicle.seats, maximumOnDemandSeats)
        if let text = properties["X-RELAIS-VEHICLE"] {
            vehicle = try self.vehicle(text, seats: vehicle.seats, defaults: vehicle)
        } else {
            vehicle.wheelchairPlaces = min(vehicle.wheelchairPlaces, vehicle.seats / vehicle.seatsPerWheelchair)
        }
        guard vehicle.seats <= maximumOnDemandSeats else {
            throw FieldError(
                field: "X-RELAIS-CAPACITY",
                reason: "an on-demand run has at most \(maximumOnDemandSeats) seats (its route is planned over every subset of its passengers), not \(vehicle.seats)")
        }
        let window = closes - firstMinute
        let arrival =
            try properties["X-RELAIS-ARRIVAL"].map { text throws(FieldError) in try offset(text, from: firstMinute, field: "X-RELAIS-ARRIVAL") }
            ?? window + settings.travelMinutes
        let back =
            try properties["X-RELAIS-RETURN"].map { text throws(FieldError) in try offset(text, from: firstMinute, field: "X-RELAIS-RETURN") }
            ?? max(durationMinutes - settings.travelMinutes, arrival)
        let shape = ShuttleDemandShape(
            windowOpens: firstMinute, windowCloses: closes, arrival: firstMinute + arrival, returnDeparture: firstMinute + back,
            depot: depot, destinationCommune: destinationCommune)
        let quota = properties["X-RELAIS-CCAS-QUOTA"].flatMap { Int($0) } ?? settings.ccasQuota
        var line = ShuttleLine(
            stops: [ShuttleStopPlan(commune: depot, place: ShuttleLineDemand.stopPlace, offsetMinutes: 0)], vehicle: vehicle,
            arrivalMinutes: arrival, returnMinutes: back,
            destination: try destination(properties["X-RELAIS-DESTINATION"], settings: settings, territory: territory),
            ccasQuota: quota.map { min($0, vehicle.seats) })
        line.demand = ShuttleLineDemand(windowMinutes: window, depot: depot, destinationCommune: destinationCommune)
        if let problem = shape.problem ?? line.problem {
            let property: [RefusalField: String] = [
                .arrival: "X-RELAIS-ARRIVAL", .return: "X-RELAIS-RETURN", .quota: "X-RELAIS-CCAS-QUOTA", .destination: "X-RELAIS-DESTINATION",
            ]
            throw FieldError(field: property[problem.field] ?? "X-RELAIS-VEHICLE", reason: problem.reason)
        }
        return line
    }

    /// A commune property's INSEE code: a commune of the territory by name or code, or (when
    /// `inTerritory` is false) any INSEE code.
    private static func commune(_ text: String, field: String, inTerritory: Bool, _ territory: Territory) throws(FieldError) -> String {
        let typed = text.trimmingCharacters(in: .whitespaces)
        if let known = territory.commune(named: typed) { return known.code }
        let code: String
        do { code = try ShuttleSettings.communeCode(typed) } catch {
            throw FieldError(field: field, reason: "\"\(typed)\" is not an INSEE commune code such as 01173, nor a commune of \(territory.name)")
        }
        if inTerritory, territory.commune(code: code) == nil {
            throw FieldError(field: field, reason: "\(code) is not a commune of \(territory.name)")
        }
        return code
    }
}
