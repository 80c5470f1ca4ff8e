// GTFSFlexFeed+Runs: the trips of the shuttle's runs as a GTFS-Flex feed publishes them, from runs
// already reduced to minutes after their day's midnight (the caller reads the store and the calendar).
//
// A fixed-stop run is two trips of fixed stops: the outbound's booked pickups at their times then
// the destination, the return from the destination with drop-offs that mirror the outbound's
// distances (estimates, timepoint 0). An on-demand run is two zone trips: every commune it serves is
// a zone (its boundary, NAME.communes-zones.geojson) where the vehicle picks up, door to door, from
// the opening of the run's departure window until its arrival (GTFS-Flex: "time that on-demand
// service becomes available in a GeoJSON location" to the time it ends), then the destination;
// the return leaves the destination and drops off in the same zones over the mirrored span. The
// feed says when and where the service runs, never who rides: no passenger, stop order or address.

import Foundation

/// A run as the feed publishes it, its times in minutes after the midnight of its service day.
public struct FlexRun: Sendable, Equatable {
    /// Where the pickups are.
    public enum Pickups: Sendable, Equatable {
        /// Fixed stops at their minutes, in the vehicle's order.
        case stops([FlexTimedStop])
        /// Door to door in zones, from the opening of the departure window.
        case zones([FlexZone], opens: Int)
    }

    public var id: Int64
    /// The service day, `20270330`.
    public var date: String
    public var destination: FlexStop
    /// The return trip's headsign (where it goes back to).
    public var returnHeadsign: String
    public var arrival: Int
    public var returnDeparture: Int
    public var pickups: Pickups

    public init(
        id: Int64, date: String, destination: FlexStop, returnHeadsign: String, arrival: Int, returnDeparture: Int, pickups: Pickups
    ) {
        self.id = id
        self.date = date
        self.destination = destination
        self.returnHeadsign = returnHeadsign
        self.arrival = arrival
        self.returnDeparture = returnDeparture
        self.pickups = pickups
    }
}

/// A fixed stop and the minute the vehicle is there.
public struct FlexTimedStop: Sendable, Equatable {
    public var stop: FlexStop
    public var minute: Int

    public init(stop: FlexStop, minute: Int) {
        self.stop = stop
        self.minute = minute
    }
}

extension FlexRun {
    /// The outbound and the return trips of the run.
    public var trips: [FlexTrip] {
        let there: [FlexCall]
        let back: [FlexCall]
        switch pickups {
        case .stops(let stops):
            there = stops.map { .stop(id: $0.stop.id, minute: $0.minute, pickup: true, dropOff: false, exact: true) }
            back = stops.reversed().map {
                .stop(id: $0.stop.id, minute: returnDeparture + arrival - $0.minute, pickup: false, dropOff: true, exact: false)
            }
        case .zones(let zones, let opens):
            there = zones.map { .zone(id: $0.id, from: opens, to: arrival, pickup: true) }
            back = zones.map { .zone(id: $0.id, from: returnDeparture, to: returnDeparture + arrival - opens, pickup: false) }
        }
        let destinationID = destination.id
        return [
            FlexTrip(
                id: "run-\(id)-out", date: date, headsign: destination.name, direction: .outbound,
                calls: there + [.stop(id: destinationID, minute: arrival, pickup: false, dropOff: true, exact: true)]),
            FlexTrip(
                id: "run-\(id)-back", date: date, headsign: returnHeadsign, direction: .inbound,
                calls: [.stop(id: destinationID, minute: returnDeparture, pickup: true, dropOff: false, exact: true)] + back),
        ]
    }

    /// The fixed stops the run's trips call at, the destination first.
    public var stops: [FlexStop] {
        guard case .stops(let stops) = pickups else { return [destination] }
        return [destination] + stops.map(\.stop)
    }

    /// The zones the run's trips serve.
    public var zones: [FlexZone] {
        guard case .zones(let zones, _) = pickups else { return [] }
        return zones
    }
}

extension FlexFeed {
    /// The feed of `runs`: each stop and zone once, in the order the runs first use them.
    public init(
        agency: FlexAgency, runs: [FlexRun], booking: ShuttleBookingRules, bookingMessage: String, version: String
    ) {
        var stops: [FlexStop] = []
        var zones: [FlexZone] = []
        var seenStops: Set<String> = []
        var seenZones: Set<String> = []
        for run in runs {
            for stop in run.stops where seenStops.insert(stop.id).inserted { stops.append(stop) }
            for zone in run.zones where seenZones.insert(zone.id).inserted { zones.append(zone) }
        }
        self.init(
            agency: agency, stops: stops, zones: zones, booking: booking, bookingMessage: bookingMessage,
            trips: runs.flatMap(\.trips), version: version)
    }
}
