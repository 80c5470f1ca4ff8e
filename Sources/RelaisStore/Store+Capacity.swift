// Store+Capacity: what a calendar reload must not take away, read in the reload's transaction.
//
// CapacityCheck (RelaisCore) decides; this file supplies its counts: the registrations of each
// stored occurrence of an event, and what the bookings of a transport event's runs hold. Reading
// them in the load's BEGIN IMMEDIATE transaction means no registration or booking can slip in
// between the check and the write. Then, once the check has passed, a transport event's booked
// runs take the new line's seats, wheelchair places and CCAS quota (their stops and times stay,
// as bookings were made on them), and a run with more room confirms its waitlist.

import Foundation
import RelaisCore

extension Store {
    /// Throws the CapacityRefusal of `event` (and of its shuttle `line`, if any) when the reload
    /// described by `changes` would leave people more than the places there are.
    func checkCapacity(
        of event: CampaignEvent, line: ShuttleLine?, stored: [StoredOccurrence], changes: [OccurrenceChange], now: Date,
        in database: Database
    ) throws {
        if event.capacity != nil,
            let refusal = CapacityCheck.sessions(
                of: event, stored: stored, changes: changes, registered: try registrationCounts(of: event.uid, in: database), now: now)
        {
            throw refusal
        }
        if let line,
            let refusal = CapacityCheck.runs(
                of: event, line: line, runs: try runHeadcounts(of: event.uid, in: database), stored: stored, changes: changes, now: now)
        {
            throw refusal
        }
    }

    /// The confirmed registrations of each occurrence of an event that has some (waitlisted and
    /// cancelled ones hold no place).
    private func registrationCounts(of uid: String, in database: Database) throws -> [Int64: Int] {
        let rows = try database.rows(
            """
            SELECT r.occurrence, count(*) AS registered FROM registration r JOIN occurrence o ON o.id = r.occurrence
            WHERE o.event = ? AND r.status = 'confirmed' GROUP BY r.occurrence
            """, [.text(uid)])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.int64("occurrence")!, $0.int("registered") ?? 0) })
    }

    /// What the bookings of an event's scheduled runs hold, for the runs where they hold anything.
    private func runHeadcounts(of uid: String, in database: Database) throws -> [RunHeadcount] {
        let held = "b.status IN \(seatHoldingStatuses)"
        var byCommune: [Int64: [String: Int]] = [:]
        for row in try database.rows(
            """
            SELECT b.run, b.commune, sum(b.seats) AS seats FROM shuttle_booking b JOIN shuttle_run r ON r.id = b.run
            JOIN occurrence o ON o.id = r.occurrence
            WHERE o.event = ? AND r.status = 'scheduled' AND \(held) GROUP BY b.run, b.commune
            """, [.text(uid)])
        {
            byCommune[row.int64("run")!, default: [:]][row.string("commune")!] = row.int("seats") ?? 0
        }
        return try database.rows(
            """
            SELECT r.id, r.occurrence, r.departs_at,
                coalesce(sum(CASE WHEN b.outbound = 1 THEN b.seats END), 0) AS outbound_seats,
                coalesce(sum(CASE WHEN b.inbound = 1 THEN b.seats END), 0) AS return_seats,
                count(CASE WHEN b.wheelchair = 1 THEN 1 END) AS wheelchairs
            FROM shuttle_booking b JOIN shuttle_run r ON r.id = b.run JOIN occurrence o ON o.id = r.occurrence
            WHERE o.event = ? AND r.status = 'scheduled' AND \(held) GROUP BY r.id
            """, [.text(uid)]
        ).map { row in
            let run = row.int64("id")!
            return RunHeadcount(
                run: run, occurrence: row.int64("occurrence"), departure: row.date("departs_at")!,
                outboundSeats: row.int("outbound_seats") ?? 0, returnSeats: row.int("return_seats") ?? 0,
                wheelchairs: row.int("wheelchairs") ?? 0, seatsByCommune: byCommune[run] ?? [:])
        }
    }

    /// Gives the booked runs of `event` still to leave the seats, wheelchair places and CCAS quota
    /// of its new `line`, then confirms the waitlisted bookings that now fit. The load checked
    /// first (CapacityCheck) that the line holds their bookings; step 4's and step 8's triggers
    /// refuse it otherwise. Returns how many runs changed.
    func applyVehicle(of line: ShuttleLine, toBookedRunsOf event: String, context: ShuttleContext, in database: Database) throws -> Int {
        let runs = try database.rows(
            """
            SELECT r.id FROM shuttle_run r JOIN occurrence o ON o.id = r.occurrence
            WHERE o.event = ? AND r.status = 'scheduled' AND r.departs_at > ? AND EXISTS (SELECT 1 FROM shuttle_booking b WHERE b.run = r.id)
            ORDER BY r.departs_at
            """, [.text(event), .date(context.now)])
        var changed = 0
        for run in runs.compactMap({ $0.int64("id") }) {
            let updated = try database.run(
                """
                UPDATE shuttle_run SET seats = ?1, wheelchair_places = ?2, ccas_quota = ?3
                WHERE id = ?4 AND (seats, wheelchair_places, ccas_quota) IS NOT (?1, ?2, ?3)
                """,
                [.int(line.vehicle.seats), .int(line.vehicle.wheelchairPlaces), .int(line.ccasQuota), .integer(run)])
            guard updated > 0 else { continue }
            changed += 1
            _ = try promoteWaitlist(of: run, context: context, in: database)
            try replanOnDemandRun(run, context: context, in: database)
        }
        return changed
    }
}
