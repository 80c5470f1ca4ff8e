// RegistrationRefusal: why a registration to an event, its cancellation or an attendance is
// refused, and what the events list and the check-in desk cannot read in a request (see
// Refusal.swift for how fronts word it).

import Foundation

/// Why registering a resident to an occurrence, cancelling it, or recording a presence is refused.
public enum RegistrationRefusal: Sendable, Equatable {
    /// Every place of the occurrence is taken: a walk-in, or a waitlisted resident ticked at the
    /// door, cannot be confirmed (registering before the start goes on the waitlist instead).
    case occurrenceFull(occurrence: Int64, capacity: Int)
    /// The occurrence is cancelled.
    case occurrenceCancelled(occurrence: Int64)
    /// Registering after the occurrence started: attendance is recorded instead.
    case occurrenceStarted(occurrence: Int64, start: Date)
    /// A presence recorded before the session has started.
    case sessionNotStarted(occurrence: Int64, start: Date)
    /// The resident is registered already (`registration` is the existing one).
    case alreadyRegistered(registration: Int64)
    /// The resident's presence is recorded already.
    case alreadyPresent(registration: Int64)
    /// A registration that cannot be cancelled any more: the session started or it was attended.
    case notCancellable(registration: Int64, start: Date)
    /// A tick undone after the day of the session.
    case attendanceClosed(registration: Int64, day: Date)
    /// The registration was cancelled: it can be neither cancelled again nor ticked.
    case registrationCancelled(registration: Int64)
    /// A day asked for (the events list's `from` or `to`, the check-in's `day`) is not a date such as 2027-03-30.
    case dayUnreadable(field: RefusalField, typed: String)
    /// A presence names both a resident and a walk-in: it is one or the other.
    case residentAndWalkIn

    /// The API's `error`.
    public var code: String {
        switch self {
        case .occurrenceFull: "occurrence-full"
        case .occurrenceCancelled: "occurrence-cancelled"
        case .occurrenceStarted: "occurrence-started"
        case .sessionNotStarted: "session-not-started"
        case .alreadyRegistered: "already-registered"
        case .alreadyPresent: "already-present"
        case .notCancellable: "registration-not-cancellable"
        case .attendanceClosed: "attendance-closed"
        case .registrationCancelled: "registration-cancelled"
        case .dayUnreadable: "day-unreadable"
        case .residentAndWalkIn: "resident-and-walk-in"
        }
    }

    /// The field at fault.
    public var field: RefusalField? {
        switch self {
        case .occurrenceFull, .occurrenceCancelled, .occurrenceStarted, .sessionNotStarted: .occurrence
        case .alreadyRegistered, .alreadyPresent: .resident
        case .notCancellable, .attendanceClosed, .registrationCancelled: .registration
        case .dayUnreadable(let field, _): field
        case .residentAndWalkIn: .walkIn
        }
    }
}
