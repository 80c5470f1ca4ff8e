// ShuttleJSON: the shuttle's resources as JSON: a run with its stops and seats, a booking, a
// run with its bookings and waitlist, a manifest, what a booking request and a cancellation came to.

import Foundation
import RelaisCore
import RelaisStore

/// A stop of a run.
public struct StopJSON: Codable, Sendable, Equatable {
    /// Its number on the run, from 1 (what `--stop` and the API's `stop` take).
    public var number: Int
    /// The commune's slug, and its name.
    public var commune: String
    public var communeName: String
    /// The commune's INSEE code (Code officiel géographique), as the database keys it.
    public var communeCode: String
    public var place: String
    public var pickup: String

    enum CodingKeys: String, CodingKey {
        case number, commune
        case communeName = "commune_name"
        case communeCode = "commune_code"
        case place, pickup
    }

    public init(_ stop: ShuttleStopRecord, context: ShuttleContext) {
        number = stop.position
        commune = context.territory.communeSlug(code: stop.commune)
        communeName = context.territory.communeName(code: stop.commune)
        communeCode = stop.commune
        place = stop.place
        pickup = context.localTime.iso8601(stop.pickup)
    }
}

/// A run: when, where, the vehicle, the seats taken and left, and when it may be booked.
public struct RunJSON: Codable, Sendable, Equatable {
    public var id: Int64
    /// The occurrence of the calendar's transport event it comes from; null for a run added by command.
    @Nullable public var occurrence: Int64?
    public var label: String
    /// `scheduled` or `cancelled`.
    public var status: String
    public var departure: String
    public var arrival: String
    public var returnDeparture: String
    public var destination: String
    public var seats: Int
    public var wheelchairPlaces: Int
    public var seatsPerWheelchair: Int
    public var outboundSeatsTaken: Int
    public var returnSeatsTaken: Int
    public var wheelchairsTaken: Int
    public var seatsLeftOutbound: Int
    public var seatsLeftReturn: Int
    public var wheelchairPlacesLeft: Int
    public var waitlisted: Int
    @Nullable public var ccasQuota: Int?
    /// Seats held by the asking CCAS's residents; null for the coordinator.
    @Nullable public var myCommuneSeats: Int?
    /// When booking opens (null when it is open until the deadline), closes, and cancelling becomes late.
    @Nullable public var bookingOpens: String?
    public var bookingCloses: String
    public var cancelBy: String
    /// Fixed stops; none on an on-demand run.
    public var stops: [StopJSON]
    /// `fixed-stops` or `on-demand`; an on-demand run's departure window (`07:00-08:30`), depot and
    /// destination commune (INSEE codes), null on a fixed-stop run.
    public var kind: String
    @Nullable public var departureWindow: String?
    @Nullable public var depot: String?
    @Nullable public var destinationCommune: String?

    enum CodingKeys: String, CodingKey {
        case id, occurrence, label, status, departure, arrival
        case returnDeparture = "return_departure"
        case destination, seats
        case wheelchairPlaces = "wheelchair_places"
        case seatsPerWheelchair = "seats_per_wheelchair"
        case outboundSeatsTaken = "outbound_seats_taken"
        case returnSeatsTaken = "return_seats_taken"
        case wheelchairsTaken = "wheelchairs_taken"
        case seatsLeftOutbound = "seats_left_outbound"
        case seatsLeftReturn = "seats_left_return"
        case wheelchairPlacesLeft = "wheelchair_places_left"
        case waitlisted
        case ccasQuota = "ccas_quota"
        case myCommuneSeats = "my_commune_seats"
        case bookingOpens = "booking_opens"
        case bookingCloses = "booking_closes"
        case cancelBy = "cancel_by"
        case stops, kind
        case departureWindow = "departure_window"
        case depot
        case destinationCommune = "destination_commune"
    }

    public init(_ run: ShuttleRunRecord, context: ShuttleContext) {
        let time = context.localTime
        let rules = context.settings.rules
        id = run.id
        occurrence = run.occurrence
        label = run.label
        status = run.status
        departure = time.iso8601(run.departure)
        arrival = time.iso8601(run.arrival)
        returnDeparture = time.iso8601(run.returnDeparture)
        destination = run.destination
        seats = run.vehicle.seats
        wheelchairPlaces = run.vehicle.wheelchairPlaces
        seatsPerWheelchair = run.vehicle.seatsPerWheelchair
        outboundSeatsTaken = run.outboundSeats
        returnSeatsTaken = run.returnSeats
        wheelchairsTaken = run.wheelchairs
        seatsLeftOutbound = run.vehicle.seats - run.outboundSeats
        seatsLeftReturn = run.vehicle.seats - run.returnSeats
        wheelchairPlacesLeft = run.vehicle.wheelchairPlaces - run.wheelchairs
        waitlisted = run.waitlisted
        ccasQuota = run.ccasQuota
        myCommuneSeats = run.scopeSeats
        bookingOpens = rules.bookingOpens(pickup: run.departure, calendar: time.calendar).map(time.iso8601)
        bookingCloses = time.iso8601(rules.bookingDeadline(pickup: run.departure, calendar: time.calendar))
        cancelBy = time.iso8601(rules.cancellationDeadline(pickup: run.departure, calendar: time.calendar))
        stops = run.demand == nil ? run.stops.map { StopJSON($0, context: context) } : []
        kind = run.kind.rawValue
        departureWindow = run.demand.map {
            "\(time.short($0.windowOpens).suffix(5))-\(time.short($0.windowCloses).suffix(5))"
        }
        depot = run.demand?.depot
        destinationCommune = run.demand?.destinationCommune
    }
}

/// A booking: who, on which run and stop, with what needs, at what fare, where it stands.
public struct BookingJSON: Codable, Sendable, Equatable {
    public var id: Int64
    public var run: Int64
    public var runDeparture: String
    /// The resident's id, name and phone; null once the resident was forgotten.
    @Nullable public var resident: Int64?
    @Nullable public var name: String?
    @Nullable public var phone: String?
    /// The resident's commune's slug.
    public var commune: String
    /// The resident's commune's INSEE code (Code officiel géographique), as the database keys it.
    public var communeCode: String
    public var stop: StopJSON
    /// The stop's pickup time.
    public var pickup: String
    /// `both`, `outbound` or `return`.
    public var legs: String
    public var companion: Bool
    public var wheelchair: Bool
    public var seats: Int
    @Nullable public var appointment: String?
    @Nullable public var quotient: Int?
    public var fareBand: String
    public var fareCents: Int
    /// `confirmed`, `waitlisted`, `cancelled`, `completed` or `no_show`.
    public var status: String
    /// `run full`, `no wheelchair place left` or `CCAS quota reached`, while waitlisted.
    @Nullable public var waitlistReason: String?
    public var bookedAt: String
    /// The desk account, or `ccas:<commune slug>` / `coordinator` on the command line.
    public var bookedBy: String
    public var promoted: Bool
    public var cancelledLate: Bool
    /// The no-show warning, when the resident missed too many runs lately.
    @Nullable public var warning: String?
    /// `fixed-stops` or `on-demand`; on an on-demand run, where the passenger is picked up.
    public var runKind: String
    @Nullable public var pickupPlace: PickupPlaceJSON?

    enum CodingKeys: String, CodingKey {
        case id, run
        case runDeparture = "run_departure"
        case resident, name, phone, commune, stop, pickup, legs, companion, wheelchair, seats
        case communeCode = "commune_code"
        case appointment, quotient
        case fareBand = "fare_band"
        case fareCents = "fare_cents"
        case status
        case waitlistReason = "waitlist_reason"
        case bookedAt = "booked_at"
        case bookedBy = "booked_by"
        case promoted
        case cancelledLate = "cancelled_late"
        case warning
        case runKind = "run_kind"
        case pickupPlace = "pickup_place"
    }

    public init(_ booking: ShuttleBookingListing, context: ShuttleContext) {
        let time = context.localTime
        id = booking.id
        run = booking.run
        runDeparture = time.iso8601(booking.runDeparture)
        resident = booking.participant
        name = booking.name
        phone = booking.phone
        commune = context.territory.communeSlug(code: booking.commune)
        communeCode = booking.commune
        stop = StopJSON(booking.stop, context: context)
        pickup = time.iso8601(booking.pickup?.pickupAt ?? booking.stop.pickup)
        legs = booking.legs.rawValue
        companion = booking.companion
        wheelchair = booking.wheelchair
        seats = booking.seats
        appointment = booking.appointment.map(time.iso8601)
        quotient = booking.quotient
        fareBand = booking.fareBand
        fareCents = booking.fareCents
        status = booking.status.rawValue
        waitlistReason = booking.waitlistReason?.rawValue
        bookedAt = time.iso8601(booking.bookedAt)
        bookedBy = booking.bookedBy
        promoted = booking.promoted
        cancelledLate = booking.cancelledLate
        warning = booking.warning
        runKind = booking.runKind.rawValue
        pickupPlace = booking.pickup.map { PickupPlaceJSON($0, context: context) }
    }
}

/// A booking with one more key: its place in the run's waitlist (`position`), or what a booking
/// request came to (`waitlist_position`, null when confirmed).
public struct PlacedBookingJSON: Encodable, Sendable {
    public var booking: BookingJSON
    public var key: String
    public var position: Int?

    /// A booking of a run's waitlist, `position` 1 being the next to get a seat.
    public static func waiting(_ booking: BookingJSON, position: Int) -> PlacedBookingJSON {
        PlacedBookingJSON(booking: booking, key: "position", position: position)
    }

    /// What a booking request came to: the booking, and its place in the waitlist when it waits.
    public static func booked(_ booking: BookingJSON, waitlistPosition: Int?) -> PlacedBookingJSON {
        PlacedBookingJSON(booking: booking, key: "waitlist_position", position: waitlistPosition)
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: Encoder) throws {
        try booking.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(position, forKey: Key(stringValue: key))
    }
}

/// A booking the coordinator gave a seat freed late: the booking as it is now, whether that came
/// after the booking deadline, and whether the passenger's notice is queued.
public struct PromotedBookingJSON: Encodable, Sendable {
    public var booking: BookingJSON
    public var afterDeadline: Bool
    public var noticeQueued: Bool

    public init(_ booking: BookingJSON, _ promotion: ShuttlePromotion) {
        self.booking = booking
        afterDeadline = promotion.afterDeadline
        noticeQueued = promotion.noticeQueued
    }

    enum CodingKeys: String, CodingKey {
        case afterDeadline = "after_deadline"
        case noticeQueued = "notice_queued"
    }

    public func encode(to encoder: Encoder) throws {
        try booking.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(afterDeadline, forKey: .afterDeadline)
        try container.encode(noticeQueued, forKey: .noticeQueued)
    }
}

/// A run with the bookings the asker may see and its waitlist.
public struct RunDetailJSON: Encodable, Sendable {
    public var run: RunJSON
    public var bookings: [BookingJSON]
    public var waitlist: [PlacedBookingJSON]

    public init(
        _ run: ShuttleRunRecord, bookings: [ShuttleBookingListing], waitlist: [(position: Int, booking: ShuttleBookingListing)],
        context: ShuttleContext
    ) {
        self.run = RunJSON(run, context: context)
        self.bookings = bookings.map { BookingJSON($0, context: context) }
        self.waitlist = waitlist.map { .waiting(BookingJSON($0.booking, context: context), position: $0.position) }
    }

    enum CodingKeys: String, CodingKey { case bookings, waitlist }

    public func encode(to encoder: Encoder) throws {
        try run.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(bookings, forKey: .bookings)
        try container.encode(waitlist, forKey: .waitlist)
    }
}

/// A run's manifest: the run and its passengers in pickup order.
public struct ManifestJSON: Codable, Sendable, Equatable {
    public var run: RunJSON
    public var passengers: [BookingJSON]

    public init(_ run: ShuttleRunRecord, passengers: [ShuttleBookingListing], context: ShuttleContext) {
        self.run = RunJSON(run, context: context)
        self.passengers = passengers.map { BookingJSON($0, context: context) }
    }
}

/// What a cancellation did.
public struct CancellationJSON: Codable, Sendable, Equatable {
    public var booking: Int64
    /// After the cancellation deadline.
    public var late: Bool
    /// The cancellation deadline.
    public var deadline: String
    /// How many waitlisted bookings were confirmed in its place.
    public var promoted: Int

    public init(booking: Int64, _ cancellation: ShuttleCancellation, localTime: LocalTime) {
        self.booking = booking
        late = cancellation.late
        deadline = localTime.iso8601(cancellation.deadline)
        promoted = cancellation.promoted
    }
}
