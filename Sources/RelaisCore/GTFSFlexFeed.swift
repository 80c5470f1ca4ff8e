// GTFSFlexFeed: the shuttle service as a plain value, ready to be written as a GTFS feed with its
// GTFS-Flex parts (https://gtfs.org/schedule/reference/, the Flex fields merged into it in 2024).
//
// The command line fills it from the store and the territory (relais transport export-gtfs), and
// GTFSFlexWriter turns it into files; nothing here reads a database or a clock. Times are
// wall-clock minutes after local midnight of the service day (GTFS writes them HH:MM:SS, past 24:00
// for a trip that ends after midnight). Places are INSEE commune codes; a zone is a commune served
// on demand, a stop a point (the destination, a fixed-stop run's stop).

import Foundation

/// The whole feed: who runs it, where it goes, when it may be booked, and its trips.
public struct FlexFeed: Sendable, Equatable {
    /// `agency.txt` and `feed_info.txt`: the organiser, its web address, time zone and language.
    public var agency: FlexAgency
    /// `stops.txt`: the destination and the stops of fixed-stop runs.
    public var stops: [FlexStop]
    /// `locations.geojson`: one zone per commune served on demand.
    public var zones: [FlexZone]
    /// `booking_rules.txt`: the `[transport]` prior-notice rules.
    public var booking: ShuttleBookingRules
    /// Words of `booking_rules.message` (how to book: through the CCAS of one's commune).
    public var bookingMessage: String
    /// `trips.txt`, `stop_times.txt`, `calendar_dates.txt`: one trip per leg of a run.
    public var trips: [FlexTrip]
    /// `feed_info.txt` feed_version: what the feed was made from (e.g. the moment of the export).
    public var version: String

    public init(
        agency: FlexAgency, stops: [FlexStop], zones: [FlexZone], booking: ShuttleBookingRules, bookingMessage: String,
        trips: [FlexTrip], version: String
    ) {
        self.agency = agency
        self.stops = stops
        self.zones = zones
        self.booking = booking
        self.bookingMessage = bookingMessage
        self.trips = trips
        self.version = version
    }
}

/// The organiser as the feed names it.
public struct FlexAgency: Sendable, Equatable {
    public var id: String
    public var name: String
    /// `agency_url`, also feed_info's publisher URL.
    public var url: String
    /// IANA time zone, e.g. Europe/Paris.
    public var timeZone: String
    /// `agency_lang` and `feed_lang`, e.g. fr.
    public var language: String

    public init(id: String, name: String, url: String, timeZone: String, language: String) {
        self.id = id
        self.name = name
        self.url = url
        self.timeZone = timeZone
        self.language = language
    }
}

/// A point where the shuttle stops.
public struct FlexStop: Sendable, Equatable, Hashable {
    public var id: String
    public var name: String
    public var latitude: Double
    public var longitude: Double

    public init(id: String, name: String, latitude: Double, longitude: Double) {
        self.id = id
        self.name = name
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// A commune served door to door: its zone is a polygon around it (GTFSFlexZones).
public struct FlexZone: Sendable, Equatable, Hashable {
    /// `location_id`: the INSEE code prefixed, e.g. `zone-01173`.
    public var id: String
    public var name: String
    /// The ring of the polygon, closed (the last point repeats the first), as (longitude, latitude).
    public var ring: [FlexPoint]

    public init(id: String, name: String, ring: [FlexPoint]) {
        self.id = id
        self.name = name
        self.ring = ring
    }
}

/// A position in degrees (WGS 84).
public struct FlexPoint: Sendable, Equatable, Hashable {
    public var longitude: Double
    public var latitude: Double

    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }
}

/// One leg of a run: the outbound to the destination, or the return from it.
public struct FlexTrip: Sendable, Equatable {
    public var id: String
    /// The service day, `20270330`.
    public var date: String
    public var headsign: String
    /// 0 outbound, 1 return (`direction_id`).
    public var direction: FlexDirection
    /// The calls in order.
    public var calls: [FlexCall]

    public init(id: String, date: String, headsign: String, direction: FlexDirection, calls: [FlexCall]) {
        self.id = id
        self.date = date
        self.headsign = headsign
        self.direction = direction
        self.calls = calls
    }
}

/// `direction_id`.
public enum FlexDirection: Int, Sendable, Equatable {
    case outbound = 0
    case inbound = 1
}

/// What the vehicle does at one call of a trip.
public enum FlexCall: Sendable, Equatable {
    /// A fixed stop at a minute: booked pickups (outbound) or drop-offs (return). `exact` false when
    /// the time is an estimate (GTFS timepoint 0).
    case stop(id: String, minute: Int, pickup: Bool, dropOff: Bool, exact: Bool)
    /// Door-to-door in a zone, between two minutes: pickups (outbound) or drop-offs (return).
    case zone(id: String, from: Int, to: Int, pickup: Bool)
}
