// ShuttleOnDemand: what makes a shuttle run door-to-door (on demand) rather than fixed-stop, and
// where an on-demand booking picks its passenger up.
//
// A fixed-stop run stops where and when its calendar or `runs add --stop` said, whoever books. An
// on-demand run has a departure window (the vehicle leaves the depot within it), a target arrival
// at the destination and a return departure, a depot and a destination commune (INSEE codes, as
// the travel times are kept between codes), and no stops: each booking gives a named pickup point of
// the passenger's commune (the town hall by default) or their home address, and the route through
// them is computed from the bookings (RoutePlanner). The home address is kept only until the run is
// over.

import Foundation

/// Whether a run stops at fixed stops or picks its passengers up where they booked.
public enum ShuttleRunKind: String, Sendable, Equatable, CaseIterable {
    /// Stops and times set before anyone books (X-RELAIS-STOPS, `runs add --stop`).
    case fixedStops = "fixed-stops"
    /// Door-to-door: the route is computed from the bookings (X-RELAIS-PICKUP:on-demand, `runs add --on-demand`).
    case onDemand = "on-demand"
}

/// The shape of an on-demand run: minutes after local midnight of its day, and INSEE codes.
public struct ShuttleDemandShape: Sendable, Equatable {
    /// The vehicle leaves the depot within [windowOpens, windowCloses].
    public var windowOpens: Int
    public var windowCloses: Int
    /// The target arrival at the destination, and the return departure from it.
    public var arrival: Int
    public var returnDeparture: Int
    /// Where the vehicle starts and ends, and the destination's commune.
    public var depot: String
    public var destinationCommune: String

    public init(windowOpens: Int, windowCloses: Int, arrival: Int, returnDeparture: Int, depot: String, destinationCommune: String) {
        self.windowOpens = windowOpens
        self.windowCloses = windowCloses
        self.arrival = arrival
        self.returnDeparture = returnDeparture
        self.depot = depot
        self.destinationCommune = destinationCommune
    }

    /// The first thing wrong with the times, or nil: the window must close before the arrival, the
    /// return must not come before the arrival, and the whole run fits in 20 hours.
    public var problem: ShuttleLineProblem? {
        if windowCloses < windowOpens || arrival <= windowCloses { return .arrivalNotAfterLastPickup }
        if returnDeparture < arrival { return .returnBeforeArrival }
        if returnDeparture - windowOpens > 20 * 60 { return .runTooLong(maximumHours: 20) }
        return nil
    }

    /// The route problem's departure window, relative to the target arrival (outbound anchor: 0).
    public var departureWindowMinutes: ClosedRange<Int> { (windowOpens - arrival)...(windowCloses - arrival) }
}

/// `07:00-08:30`: a departure window as typed.
public enum ShuttleDepartureWindow {
    /// The window's opening and closing minutes after midnight, or nil when `text` is not `HH:MM-HH:MM`.
    public static func minutes(_ text: String) -> (opens: Int, closes: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let opens = ShuttleClock.minutes(String(parts[0])), let closes = ShuttleClock.minutes(String(parts[1])),
            opens <= closes
        else { return nil }
        return (opens, closes)
    }

    /// `07:00-08:30`.
    public static func text(opens: Int, closes: Int) -> String { "\(ShuttleClock.text(opens))-\(ShuttleClock.text(closes))" }
}

/// Where an on-demand booking picks its passenger up.
public enum ShuttlePickupPlace: Sendable, Equatable {
    /// A named pickup point of the passenger's commune (the town hall by default).
    case point(String)
    /// The passenger's home address, erased once the run is over.
    case door(String)

    /// The town hall, the pickup point when none is named.
    public static let townHall = ShuttlePickupPlace.point("Mairie")

    /// `point` or `door`, as the database and the JSON say it.
    public var kind: String {
        switch self {
        case .point: "point"
        case .door: "door"
        }
    }

    /// The point's name or the address.
    public var text: String {
        switch self {
        case .point(let name), .door(let name): name
        }
    }

    /// The place as typed with `--pickup-point` or `--door` (at most one of them); nil when neither
    /// was given. A point takes 1 to 120 characters, an address 1 to 200, one line each.
    public static func parse(point: String?, door: String?) throws(Refusal) -> ShuttlePickupPlace? {
        switch (point?.trimmingCharacters(in: .whitespaces), door?.trimmingCharacters(in: .whitespaces)) {
        case (nil, nil): return nil
        case (.some, .some): throw .shuttle(.pickupTwice)
        case (.some(let name), nil):
            guard !name.isEmpty, name.count <= 120, !name.contains(where: \.isNewline) else { throw .shuttle(.pickupPointUnreadable) }
            return .point(name)
        case (nil, .some(let address)):
            guard !address.isEmpty, address.count <= 200, !address.contains(where: \.isNewline) else { throw .shuttle(.doorUnreadable) }
            return .door(address)
        }
    }
}

/// When a passenger told their pickup time is told again.
public enum ShuttlePickupChange {
    /// A move smaller than this is not worth a message (issue 17: 10 minutes or more).
    public static let thresholdMinutes = 10

    /// Whether moving the pickup from `told` to `new` is told to the passenger.
    public static func isWorthTelling(from told: Date, to new: Date) -> Bool {
        abs(new.timeIntervalSince(told)) >= Double(thresholdMinutes * 60)
    }
}
