// Store+WaitlistRank: the one place that says how a waitlisted registration or shuttle booking is
// ranked in its waitlist: by the order it was made (its id), among the waitlisted of the same session
// (registration) or run (shuttle booking); 1 is next. Registering, booking, the check-in list and the
// messages that say "you are n-th" all read the rank from here, so they cannot disagree.
//
// The rank counts the waitlisted rows up to and including the one asked about; a caller asks only
// about a row it knows is waitlisted (a cancelled or confirmed row would read the rank it would have).

extension Store {
    /// An SQL expression for the waitlist rank of the registration whose id is the SQL expression `id`
    /// and whose session is the SQL expression `occurrence` (e.g. `r.id`, `r.occurrence` in a
    /// correlated subquery, or bound parameters).
    static func registrationWaitlistRank(id: String, occurrence: String) -> String {
        """
        (SELECT count(*) FROM registration waiting WHERE waiting.occurrence = \(occurrence)
            AND waiting.status = 'waitlisted' AND waiting.id <= \(id))
        """
    }

    /// An SQL expression for the waitlist rank of the shuttle booking whose id is the SQL expression
    /// `id` and whose run is the SQL expression `run`.
    static func bookingWaitlistRank(id: String, run: String) -> String {
        """
        (SELECT count(*) FROM shuttle_booking waiting WHERE waiting.run = \(run)
            AND waiting.status = 'waitlisted' AND waiting.id <= \(id))
        """
    }

    /// A waitlisted registration's place in its session's waitlist (1: next); nil for an unknown id.
    func waitlistRank(ofRegistration registration: Int64, in database: Database) throws -> Int? {
        try database.row(
            """
            SELECT \(Self.registrationWaitlistRank(id: "r.id", occurrence: "r.occurrence")) AS n
            FROM registration r WHERE r.id = ?
            """,
            [.integer(registration)])?.int("n")
    }

    /// A waitlisted shuttle booking's place in its run's waitlist (1: next); nil for an unknown id.
    func waitlistRank(ofBooking booking: Int64, in database: Database) throws -> Int? {
        try database.row(
            "SELECT \(Self.bookingWaitlistRank(id: "b.id", run: "b.run")) AS n FROM shuttle_booking b WHERE b.id = ?",
            [.integer(booking)])?.int("n")
    }
}
