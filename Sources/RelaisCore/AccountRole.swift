// AccountRole: who signs in to the desk, and what each role may do there.
//
//   role          scope                                  may
//   ccas          its commune's residents                residents (find, register, edit, consent), register
//                                                        them to events and shuttles, cancel, see the events,
//                                                        check its residents in on the day
//   staff         the sessions of the day, all communes  the check-in list of today's sessions, walk-ins, the
//                                                        sign-in sheet; nothing else, no search of residents
//   planner       campaigns                              upload or replace calendars, see events with counts
//                                                        (never names), read the reports (masked)
//   coordinator   everything                             all of the above, shuttle no-shows and completed trips,
//                                                        promotion after the booking deadline, unmasked reports
//
// The desk asks `allows` before every operation; a role that lacks the capability is answered as
// forbidden, and one whose scope is not a commune or everything never gets a resident scope.

/// What an account may do.
public enum AccountRole: String, Sendable, CaseIterable, Codable {
    case ccas
    case staff
    case planner
    case coordinator

    /// True for the one role that works for a commune (and must name it).
    public var worksForACommune: Bool { self == .ccas }

    /// Whether the role may do `capability`.
    public func allows(_ capability: DeskCapability) -> Bool {
        switch self {
        case .coordinator: true
        case .ccas: DeskCapability.ofCCAS.contains(capability)
        case .staff: capability == .checkIn
        case .planner: capability == .calendars || capability == .reports
        }
    }
}

/// One thing a desk account may do.
public enum DeskCapability: String, Sendable, CaseIterable {
    /// Find, register and edit residents, with their consents.
    case residents
    /// Book and cancel shuttle seats, see runs and manifests.
    case shuttle
    /// Register residents to events, cancel registrations, see upcoming events with seats left.
    case eventRegistrations
    /// The check-in list of today's sessions: tick who came, add a walk-in, print the sign-in sheet.
    case checkIn
    /// Upload or replace calendars; see events with registered and present counts (no names).
    case calendars
    /// Read and download the reports, masked.
    case reports
    /// Reports unmasked (CONFIDENTIEL).
    case unmaskedReports
    /// After a run: no-shows and completed trips; promotion from the waitlist after the deadline.
    case shuttleOperations
    /// Ticks entered after the day from a paper sign-in sheet.
    case lateCheckIn

    /// What a CCAS agent may do, for its own commune's residents.
    static let ofCCAS: Set<DeskCapability> = [.residents, .shuttle, .eventRegistrations, .checkIn]
}
