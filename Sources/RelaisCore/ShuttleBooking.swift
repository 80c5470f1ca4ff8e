// ShuttleBooking: a seat request made by a CCAS for a resident, and the rules that judge it
// without the database: who may act on which bookings (scope), the EPS appointment against the
// run's arrival, and the no-show warning.
//
// A booking holds both legs of the trip by default, outbound and the linked return: they are
// confirmed, waitlisted and cancelled together, and hold seats on each leg they cover. A resident
// brought back by a relative books the outbound leg only. Statuses:
//
//    book ──fits──▶ confirmed ──after departure──▶ completed | no_show (either may be corrected)
//      │               ▲  │
//      │     promotion │  └──cancel──▶ cancelled (late when after the cancellation deadline)
//      └──full──▶ waitlisted ──cancel, run cancelled──▶ cancelled

import Foundation

/// Who is acting: the CCAS of one commune (its residents' bookings only), or the agglo's coordinator (all).
public enum ShuttleScope: Sendable, Equatable, Hashable {
    case ccas(Commune)
    case coordinator

    /// The INSEE code of the commune a CCAS is restricted to; nil for the coordinator.
    public var commune: String? {
        if case .ccas(let commune) = self { return commune.code }
        return nil
    }

    /// Who made a booking, as recorded: `ccas:<commune slug>` or `coordinator`.
    public var actor: String {
        switch self {
        case .ccas(let commune): return "ccas:\(commune.slug)"
        case .coordinator: return "coordinator"
        }
    }

    /// `the CCAS of <commune>`, `the coordinator`.
    public var wording: String {
        switch self {
        case .ccas(let commune): return "the CCAS of \(commune.name)"
        case .coordinator: return "the coordinator"
        }
    }
}

/// Where a booking stands.
public enum ShuttleBookingStatus: String, Sendable, Equatable, CaseIterable {
    case confirmed
    case waitlisted
    case cancelled
    case completed
    case noShow = "no_show"
}

/// Why a booking waits for a seat, as the trigger that refused it said (stored in `waitlist_reason`).
public enum ShuttleWaitlistReason: String, Sendable, Equatable, CaseIterable {
    case runFull = "run full"
    case noWheelchairPlaceLeft = "no wheelchair place left"
    case ccasQuotaReached = "CCAS quota reached"
    /// On an on-demand run: no route would carry everyone within their ride limit with this booking.
    case tooFar = "too far for this run"
}

/// Which legs a booking covers.
public enum ShuttleLegs: String, Sendable, Equatable, CaseIterable {
    /// Outbound and the linked return (the default).
    case both
    case outbound
    case `return`

    public var outbound: Bool { self != .return }
    public var inbound: Bool { self != .outbound }
    /// Journeys paid for.
    public var journeys: Int { self == .both ? 2 : 1 }
}

/// The EPS appointment as typed: a time on the run's day, or a full local date and time.
public enum ShuttleAppointment: Sendable, Equatable {
    case clock(minutes: Int)
    case instant(Date)

    /// The instant, on the local day of `departure` for a clock time.
    public func resolved(departure: Date, calendar: Calendar) -> Date {
        switch self {
        case .instant(let date): return date
        case .clock(let minutes):
            return ShuttleBookingRules.instant(
                on: ShuttleBookingRules.localDay(of: departure, calendar: calendar), minute: minutes, calendar: calendar)
        }
    }

    /// Checks that the run brings the passenger at least `marginMinutes` before the appointment,
    /// and that the appointment is before the return departure.
    public static func check(_ appointment: Date, arrival: Date, returnDeparture: Date, marginMinutes: Int) throws(Refusal) {
        let earliest = arrival.addingTimeInterval(Double(marginMinutes * 60))
        if appointment < earliest { throw .shuttle(.appointmentTooEarly(earliest: earliest)) }
        if appointment >= returnDeparture { throw .shuttle(.appointmentNotBeforeReturn(returnDeparture: returnDeparture)) }
    }
}

/// What a CCAS asks for.
public struct ShuttleBookingRequest: Sendable, Equatable {
    public var run: Int64
    public var participant: Int64
    /// The stop as typed: its number on the run (1, 2...) or its commune.
    public var stop: String
    public var legs: ShuttleLegs
    public var companion: Bool
    public var wheelchair: Bool
    public var appointment: ShuttleAppointment?
    /// The family quotient in euros; nil when not given (the highest band applies).
    public var quotient: Int?
    /// On an on-demand run, where to pick the person up (nil: their commune's town hall); the stop is then empty.
    public var pickup: ShuttlePickupPlace?

    public init(
        run: Int64, participant: Int64, stop: String, legs: ShuttleLegs = .both, companion: Bool = false, wheelchair: Bool = false,
        appointment: ShuttleAppointment? = nil, quotient: Int? = nil, pickup: ShuttlePickupPlace? = nil
    ) {
        self.pickup = pickup
        self.run = run
        self.participant = participant
        self.stop = stop
        self.legs = legs
        self.companion = companion
        self.wheelchair = wheelchair
        self.appointment = appointment
        self.quotient = quotient
    }
}

extension ShuttleSettings {
    /// The start of the period in which no-shows are counted: `noShowMonths` calendar months before `now`.
    public func noShowPeriodStart(now: Date, calendar: Calendar) -> Date {
        calendar.date(byAdding: .month, value: -noShowMonths, to: now) ?? now
    }

    /// The warning a booking carries when the resident missed `noShows` runs in the period, or nil.
    public func noShowWarning(noShows: Int, since: Date, localTime: LocalTime) -> String? {
        guard noShows >= noShowLimit else { return nil }
        return
            "the resident did not show up \(noShows) times since \(localTime.day(since)) (limit \(noShowLimit) in \(noShowMonths) months): please confirm they will travel"
    }
}

extension MessageTemplate {
    /// The shuttle placeholders (MessageKind.shuttlePlaceholders) worded in `language`: times as
    /// "9 h 00" / "9:00", fares as "1,50 €" / "1.50 €", a zero fare as "gratuit" / "free".
    public static func shuttleValues(
        destination: String, arrival: Date, returnDeparture: Date, fareCents: Int, language: Language, calendar: Calendar
    ) -> [String: String] {
        [
            "destination": destination,
            "arrival_time": LocalDateWording.time(arrival, language: language, calendar: calendar),
            "return_time": LocalDateWording.time(returnDeparture, language: language, calendar: calendar),
            "fare": fareCents == 0
                ? (language == .french ? "gratuit" : "free")
                : language == .french ? FareBands.euros(fareCents).replacingOccurrences(of: ".", with: ",") : FareBands.euros(fareCents),
        ]
    }
}
