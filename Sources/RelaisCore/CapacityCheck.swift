// CapacityCheck: whether a reloaded calendar leaves every place people already hold a place.
//
// A confirmed seat is a seat: a planner who lowers X-RELAIS-CAPACITY, the seats of a shuttle, its
// wheelchair places or its CCAS quota below what people already hold must be told, not obeyed.
// The decision is here, pure: given what a reload would change (the occurrence changes of
// OccurrenceReconciliation, the new shuttle line) and what people hold (counted by the store in the
// reload's own transaction), it returns the first place the reload would take away as a typed
// CapacityRefusal, which each front words. The database's triggers (schema step 8) refuse the same
// states whatever SQL is written; this check is there so that a person reads which event, which
// session and which counts, instead of a constraint error.
//
// Only what is still to come counts: a session that has started, a run that has left, or one the
// reload cancels keeps its people whatever the new capacity says.

import Foundation

/// A run of a transport event and what its bookings hold: confirmed, completed or no-show bookings,
/// the statuses in which a booking holds its seats.
public struct RunHeadcount: Sendable, Equatable {
    public var run: Int64
    /// The calendar occurrence the run follows; nil for a run added by command.
    public var occurrence: Int64?
    public var departure: Date
    /// Seats held on the outbound leg and on the return leg.
    public var outboundSeats: Int
    public var returnSeats: Int
    /// Wheelchair places held (for the whole run, whatever the legs).
    public var wheelchairs: Int
    /// Seats held by the residents of each commune (by slug): what the CCAS quota limits.
    public var seatsByCommune: [String: Int]

    public init(
        run: Int64, occurrence: Int64?, departure: Date, outboundSeats: Int, returnSeats: Int, wheelchairs: Int,
        seatsByCommune: [String: Int]
    ) {
        self.run = run
        self.occurrence = occurrence
        self.departure = departure
        self.outboundSeats = outboundSeats
        self.returnSeats = returnSeats
        self.wheelchairs = wheelchairs
        self.seatsByCommune = seatsByCommune
    }
}

/// A reload refused because it would leave people more than the places there are: the event, as
/// the file names it, and what would be short.
public struct CapacityRefusal: Error, Sendable, Equatable {
    public var uid: String
    public var summary: String
    public var shortfall: CapacityShortfall

    public init(uid: String, summary: String, shortfall: CapacityShortfall) {
        self.uid = uid
        self.summary = summary
        self.shortfall = shortfall
    }
}

extension CapacityRefusal {
    /// The API's `error` (see Refusal.swift).
    public var code: String {
        switch shortfall {
        case .registrations: "capacity-below-registered"
        case .seats: "seats-below-booked"
        case .wheelchairPlaces: "wheelchair-places-below-booked"
        case .ccasQuota: "ccas-quota-below-booked"
        }
    }
}

/// The place a reload would take away, with the counts a person needs to decide what to do.
public enum CapacityShortfall: Sendable, Equatable {
    /// The event's new `capacity` is below the `registered` people of the session `occurrence`
    /// starting at `start`, the fullest of the `sessions` sessions to come that it would overfill.
    case registrations(capacity: Int, registered: Int, occurrence: Int64, start: Date, sessions: Int)
    /// The vehicle's new `seats` are below the `held` seats of one leg (`.outbound` or `.return`) of `run`.
    case seats(seats: Int, held: Int, leg: ShuttleLegs, run: Int64, departure: Date)
    /// The vehicle's new wheelchair `places` are below the `held` wheelchairs booked on `run`.
    case wheelchairPlaces(places: Int, held: Int, run: Int64, departure: Date)
    /// The new CCAS `quota` is below the `held` seats of the residents of `commune` (a slug) on `run`.
    case ccasQuota(quota: Int, held: Int, commune: String, run: Int64, departure: Date)
}

public enum CapacityCheck {
    /// Where each stored occurrence stands once `changes` are made: its start, and whether it is cancelled.
    public static func outcome(of stored: [StoredOccurrence], after changes: [OccurrenceChange]) -> [Int64: (
        start: Date, cancelled: Bool
    )] {
        var outcome = Dictionary(uniqueKeysWithValues: stored.map { ($0.id, (start: $0.start, cancelled: $0.status == .cancelled)) })
        for change in changes {
            switch change {
            case .insert: continue
            case .move(let id, let occurrence), .reinstate(let id, let occurrence):
                outcome[id] = (occurrence.start, false)
            case .cancel(let id):
                outcome[id]?.cancelled = true
            case .keep(let id, let occurrence):
                outcome[id]?.start = occurrence.start
            }
        }
        return outcome
    }

    /// The first place the reloaded `event` would take away from the people registered to its
    /// sessions to come (not cancelled and starting after `now` once `changes` are made), or nil.
    /// `registered` counts the registrations of each stored occurrence; new occurrences have none.
    public static func sessions(
        of event: CampaignEvent, stored: [StoredOccurrence], changes: [OccurrenceChange], registered: [Int64: Int], now: Date
    ) -> CapacityRefusal? {
        guard let capacity = event.capacity else { return nil }
        let outcome = outcome(of: stored, after: changes)
        let over = outcome.compactMap { id, state -> (id: Int64, start: Date, registered: Int)? in
            let count = registered[id] ?? 0
            guard !state.cancelled, state.start > now, count > capacity else { return nil }
            return (id, state.start, count)
        }
        // The fullest session says how far the capacity must stay; the earliest among equals.
        guard let worst = over.min(by: { ($1.registered, $0.start) < ($0.registered, $1.start) }) else { return nil }
        return CapacityRefusal(
            uid: event.uid, summary: event.summary,
            shortfall: .registrations(
                capacity: capacity, registered: worst.registered, occurrence: worst.id, start: worst.start, sessions: over.count))
    }

    /// The first place `line` would take away from the bookings of the event's runs still to
    /// leave: runs that have not left by `now` and whose occurrence `changes` do not cancel (a
    /// cancelled run's bookings are cancelled with it). A calendar run leaves at its occurrence's
    /// start, so a moved occurrence moves its run.
    public static func runs(
        of event: CampaignEvent, line: ShuttleLine, runs: [RunHeadcount], stored: [StoredOccurrence], changes: [OccurrenceChange],
        now: Date
    ) -> CapacityRefusal? {
        let outcome = outcome(of: stored, after: changes)
        let refuse = { (shortfall: CapacityShortfall) in CapacityRefusal(uid: event.uid, summary: event.summary, shortfall: shortfall) }
        for run in runs.sorted(by: { $0.departure < $1.departure }) {
            let state = run.occurrence.flatMap { outcome[$0] }
            if state?.cancelled == true { continue }
            let departure = state?.start ?? run.departure
            guard departure > now else { continue }
            let vehicle = line.vehicle
            if run.outboundSeats > vehicle.seats {
                return refuse(.seats(seats: vehicle.seats, held: run.outboundSeats, leg: .outbound, run: run.run, departure: departure))
            }
            if run.returnSeats > vehicle.seats {
                return refuse(.seats(seats: vehicle.seats, held: run.returnSeats, leg: .return, run: run.run, departure: departure))
            }
            if run.wheelchairs > vehicle.wheelchairPlaces {
                return refuse(
                    .wheelchairPlaces(places: vehicle.wheelchairPlaces, held: run.wheelchairs, run: run.run, departure: departure))
            }
            // The commune furthest over the quota; the first by slug among equals.
            if let quota = line.ccasQuota,
                let over = run.seatsByCommune.filter({ $0.value > quota }).max(by: { ($0.value, $1.key) < ($1.value, $0.key) })
            {
                return refuse(.ccasQuota(quota: quota, held: over.value, commune: over.key, run: run.run, departure: departure))
            }
        }
        return nil
    }
}
