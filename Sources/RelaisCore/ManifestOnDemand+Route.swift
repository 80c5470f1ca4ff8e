// ManifestOnDemand+Route: the driver's sheet made from the planned legs of a door-to-door run
// (RoutePlanner's PlannedRoute), whatever store keeps the run and its bookings.
//
// A planned stop's offset is minutes from its leg's anchor (outbound: the target arrival; return:
// the departure from the destination); the sheet writes them as wall-clock times from the anchors'
// minutes after local midnight. Stops whose booking the caller did not give (a CCAS's copy holds its
// own residents) are left out and the others keep their place in the vehicle's order.

import Foundation

/// What the sheet says of one booking besides the route.
public struct ManifestPassenger: Sendable, Equatable {
    public var booking: Int64
    /// nil once forgotten.
    public var name: String?
    public var phone: String?
    /// The pickup point's name, or the door address.
    public var place: String
    public var door: Bool
    /// The pickup point's address, or the door address; nil when unknown or erased.
    public var address: String?
    public var wheelchair: Bool
    public var companion: Bool

    public init(
        booking: Int64, name: String?, phone: String?, place: String, door: Bool, wheelchair: Bool, companion: Bool,
        address: String? = nil
    ) {
        self.address = address
        self.booking = booking
        self.name = name
        self.phone = phone
        self.place = place
        self.door = door
        self.wheelchair = wheelchair
        self.companion = companion
    }
}

/// The anchors of a run's legs, in wall-clock minutes after local midnight of its day.
public struct ManifestAnchors: Sendable, Equatable {
    /// The target arrival at the destination (the outbound's 0).
    public var arrivalMinute: Int
    /// The departure from the destination (the return's 0).
    public var returnMinute: Int

    public init(arrivalMinute: Int, returnMinute: Int) {
        self.arrivalMinute = arrivalMinute
        self.returnMinute = returnMinute
    }
}

extension OnDemandManifest {
    /// The sheet of a run whose legs are planned. `communeName` names an INSEE code; `map` holds the
    /// points of the communes (those it lacks are not drawn).
    public init(
        run: Int64, label: String, day: String, depot: ManifestPlace, destination: ManifestPlace, outbound: PlannedRoute,
        return back: PlannedRoute, anchors: ManifestAnchors, passengers: [ManifestPassenger], communeName: (String) -> String,
        map: [CommunePosition]
    ) {
        let known = Dictionary(passengers.map { ($0.booking, $0) }, uniquingKeysWith: { first, _ in first })
        let codes = Set([depot.commune, destination.commune] + (outbound.stops + back.stops).map(\.commune))
        self.init(
            run: run, label: label, day: day, depot: depot, destination: destination,
            depotDeparture: ShuttleClock.text(anchors.arrivalMinute + outbound.depotOffsetMinutes),
            arrival: ShuttleClock.text(anchors.arrivalMinute), returnDeparture: ShuttleClock.text(anchors.returnMinute),
            depotReturn: ShuttleClock.text(anchors.returnMinute + back.depotOffsetMinutes),
            pickups: Self.calls(outbound, anchor: anchors.arrivalMinute, known, communeName),
            dropOffs: Self.calls(back, anchor: anchors.returnMinute, known, communeName), map: map.filter { codes.contains($0.code) })
    }

    private static func calls(
        _ route: PlannedRoute, anchor: Int, _ known: [Int64: ManifestPassenger], _ communeName: (String) -> String
    ) -> [ManifestCall] {
        route.stops.enumerated().compactMap { index, stop in
            guard let passenger = known[stop.booking] else { return nil }
            return ManifestCall(
                order: index + 1, time: ShuttleClock.text(anchor + stop.offsetMinutes), commune: stop.commune,
                communeName: communeName(stop.commune), place: passenger.place, door: passenger.door, booking: stop.booking,
                name: passenger.name, phone: passenger.phone, wheelchair: passenger.wheelchair, companion: passenger.companion,
                rideMinutes: stop.rideMinutes, address: passenger.address)
        }
    }
}
