// TriggerRefusal: what a trigger of the schema refused, read from its RAISE(ABORT, 'relais: ...')
// text. This is the one place outside the migrations where those texts appear: the rest of the
// store asks `TriggerRefusal(error)` and builds the typed Refusal (or the waitlist reason) with the
// numbers it knows; no front ever sees SQLite's words.
//
// RAISE(ABORT, message) fails the statement with SQLITE_CONSTRAINT and `message` as the error
// message (https://sqlite.org/lang_createtrigger.html#the_raise_function).

import RelaisCore

/// A refusal raised by one of the schema's triggers.
enum TriggerRefusal: String, CaseIterable, Sendable {
    case shuttleFull = "relais: shuttle full"
    case noWheelchairPlaceLeft = "relais: no wheelchair place left"
    case ccasQuotaReached = "relais: CCAS quota reached"
    case bookingSeatsMismatch = "relais: booking seats do not match the vehicle"
    case shuttleRunCancelled = "relais: shuttle run cancelled"
    case bookedRunReplaced = "relais: a booked shuttle run cannot be replaced"
    case bookedRunRenumbered = "relais: a booked shuttle run cannot change id"
    case occurrenceFull = "relais: occurrence full"
    case occurrenceCancelled = "relais: occurrence cancelled"
    case registrationStaysCancelled = "relais: a cancelled registration stays cancelled"
    case capacityBelowRegistered = "relais: capacity below the people registered"
    case registeredOccurrenceReplaced = "relais: an occurrence people registered to cannot be replaced"
    case registeredOccurrenceRenumbered = "relais: an occurrence people registered to cannot change id"
    case pickupOnlyOnDemand = "relais: a pickup is for a booking of an on-demand run"

    /// The trigger refusal `error` carries, or nil for any other error (a UNIQUE key, a CHECK, I/O).
    init?(_ error: DatabaseError) {
        guard error.isConstraintViolation, let refusal = Self.allCases.first(where: { error.message == $0.rawValue }) else {
            return nil
        }
        self = refusal
    }

    /// Why a booking refused a seat waits for one instead, when that is what the trigger said.
    var waitlistReason: ShuttleWaitlistReason? {
        switch self {
        case .shuttleFull: .runFull
        case .noWheelchairPlaceLeft: .noWheelchairPlaceLeft
        case .ccasQuotaReached: .ccasQuotaReached
        default: nil
        }
    }
}
