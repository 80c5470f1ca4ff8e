// Store+ShuttleOnDemandManifest: what the driver's sheet of an on-demand (door-to-door) run needs,
// read in one read transaction: the run, what makes it on-demand, and each passenger with the route
// recorded for them (Store+ShuttleOnDemandRoute.swift writes it): pickup order and time, drop-off
// order and time, ride, the pickup point or door address, phone and needs. A CCAS's copy holds its
// own residents only; confirmed, completed and missed bookings are on the sheet, others are not.
// `manifest(...)` turns the record into the core's OnDemandManifest, for the command line and the desk.

import Foundation
import RelaisCore

/// An on-demand run and its passengers with their stored route.
public struct OnDemandSheetRecord: Sendable, Equatable {
    public var run: Int64
    public var label: String
    public var status: String
    public var destination: String
    public var arrival: Date
    public var returnDeparture: Date
    public var demand: ShuttleDemandRecord
    /// By booking id.
    public var passengers: [OnDemandSheetPassenger]
}

/// One passenger of an on-demand run's sheet.
public struct OnDemandSheetPassenger: Sendable, Equatable {
    public var booking: Int64
    /// nil once forgotten.
    public var name: String?
    public var phone: String?
    /// INSEE code of the pickup's commune.
    public var commune: String
    /// nil once the door address was erased.
    public var place: ShuttlePickupPlace?
    public var wheelchair: Bool
    public var companion: Bool
    public var outbound: Bool
    public var inbound: Bool
    public var pickupOrder: Int?
    public var pickupAt: Date?
    public var dropoffOrder: Int?
    public var dropoffAt: Date?
    public var rideMinutes: Int?
}

extension Store {
    /// The sheet of on-demand run `run`; nil when the run is a fixed-stop one. Throws not-found for an unknown run.
    public func onDemandSheet(run: Int64, scope: ShuttleScope) throws -> OnDemandSheetRecord? {
        try database.read { database in
            guard
                let row = try database.row(
                    """
                    SELECT r.id, r.label, r.status, r.destination, r.arrives_at, r.returns_at,
                        d.window_opens_at, d.window_closes_at, d.depot, d.destination_commune
                    FROM shuttle_run r LEFT JOIN shuttle_demand d ON d.run = r.id WHERE r.id = ?
                    """, [.integer(run)])
            else { throw Refusal.notFound(.run, id: String(run)) }
            guard row.date("window_opens_at") != nil else { return nil }
            let passengers = try database.rows(
                """
                SELECT b.id, b.wheelchair, b.companion, b.outbound, b.inbound, p.name, p.phone, k.commune, k.point, k.door,
                    k.pickup_order, k.pickup_at, k.dropoff_order, k.dropoff_at, k.ride_minutes
                FROM shuttle_booking b JOIN shuttle_pickup k ON k.booking = b.id LEFT JOIN participant p ON p.id = b.participant
                WHERE b.run = ?1 AND (?2 IS NULL OR b.commune = ?2) AND b.status IN ('confirmed', 'completed', 'no_show')
                ORDER BY b.id
                """, [.integer(run), .string(scope.commune)]
            ).map(Self.sheetPassenger)
            return OnDemandSheetRecord(
                run: run, label: row.string("label")!, status: row.string("status")!, destination: row.string("destination")!,
                arrival: row.date("arrives_at")!, returnDeparture: row.date("returns_at")!, demand: Self.demand(row),
                passengers: passengers)
        }
    }

    private static func sheetPassenger(_ row: Row) -> OnDemandSheetPassenger {
        let place: ShuttlePickupPlace? =
            if let point = row.string("point") { .point(point) } else { row.string("door").map { .door($0) } }
        return OnDemandSheetPassenger(
            booking: row.int64("id")!, name: row.string("name"), phone: row.string("phone"), commune: row.string("commune")!,
            place: place, wheelchair: row.bool("wheelchair"), companion: row.bool("companion"), outbound: row.int("outbound") == 1,
            inbound: row.int("inbound") == 1, pickupOrder: row.int("pickup_order"), pickupAt: row.date("pickup_at"),
            dropoffOrder: row.int("dropoff_order"), dropoffAt: row.date("dropoff_at"), rideMinutes: row.int("ride_minutes"))
    }
}

extension OnDemandSheetRecord {
    /// The driver's sheet, its times wall-clock `HH:MM` of the run's day in `calendar`'s time zone; the
    /// depot times follow from `times` (ManifestOnDemand+Stored). `points` give each pickup point's
    /// address; `map` holds the communes' points.
    public func manifest(
        calendar: Calendar, times: TravelTimes?, points: PickupPoints?, rules: RouteRules, communeName: (String) -> String,
        map: [CommunePosition]
    ) -> OnDemandManifest {
        let day = calendar.startOfDay(for: arrival)
        let minute = { (date: Date) in Int((date.timeIntervalSince(day) / 60).rounded()) }
        let there = minute(arrival)
        let back = minute(returnDeparture)
        let outbound = passengers.compactMap { passenger -> StoredRouteStop? in
            guard passenger.outbound, let order = passenger.pickupOrder, let at = passenger.pickupAt else { return nil }
            let stop = PlannedStop(
                booking: passenger.booking, commune: passenger.commune, offsetMinutes: minute(at) - there,
                rideMinutes: passenger.rideMinutes ?? 0)
            return StoredRouteStop(stop, order: order, wheelchair: passenger.wheelchair)
        }
        let inbound = passengers.compactMap { passenger -> StoredRouteStop? in
            guard passenger.inbound, let order = passenger.dropoffOrder, let at = passenger.dropoffAt else { return nil }
            let stop = PlannedStop(
                booking: passenger.booking, commune: passenger.commune, offsetMinutes: minute(at) - back,
                rideMinutes: minute(at) - back + rules.boarding(wheelchair: passenger.wheelchair))
            return StoredRouteStop(stop, order: order, wheelchair: passenger.wheelchair)
        }
        var sheet = OnDemandManifest(
            run: run, label: label, day: LocalDateWording.day(arrival, language: .french, calendar: calendar),
            depot: ManifestPlace(name: "Dépôt", commune: demand.depot, communeName: communeName(demand.depot)),
            destination: ManifestPlace(
                name: destination, commune: demand.destinationCommune, communeName: communeName(demand.destinationCommune)),
            outbound: .storedOutbound(outbound, depot: demand.depot, destination: demand.destinationCommune, times: times),
            return: .storedReturn(inbound, depot: demand.depot, destination: demand.destinationCommune, times: times, rules: rules),
            anchors: ManifestAnchors(arrivalMinute: there, returnMinute: back), passengers: passengers.map { $0.manifestPassenger(points) },
            communeName: communeName, map: map)
        // A CCAS's copy holds its residents only: each keeps its stored place in the vehicle's order.
        let stored = Dictionary(passengers.map { ($0.booking, $0) }, uniquingKeysWith: { first, _ in first })
        for index in sheet.pickups.indices {
            sheet.pickups[index].order = stored[sheet.pickups[index].booking]?.pickupOrder ?? sheet.pickups[index].order
        }
        for index in sheet.dropOffs.indices {
            sheet.dropOffs[index].order = stored[sheet.dropOffs[index].booking]?.dropoffOrder ?? sheet.dropOffs[index].order
        }
        return sheet
    }
}

extension OnDemandSheetPassenger {
    /// What the sheet says of the passenger besides the route: the point with its address in `points`,
    /// or the door address; an erased door address says so.
    func manifestPassenger(_ points: PickupPoints?) -> ManifestPassenger {
        let shown: (place: String, door: Bool, address: String?) =
            switch place {
            case .point(let name)?: (name, false, points?.point(inCommune: commune, named: name)?.address)
            case .door(let address)?: (address, true, address)
            case nil: ("(adresse effacée)", true, nil)
            }
        return ManifestPassenger(
            booking: booking, name: name, phone: phone, place: shown.place, door: shown.door, wheelchair: wheelchair,
            companion: companion, address: shown.address)
    }
}
