// Twenty relais processes booking the last seats of one on-demand run at the same moment: each
// booking plans the route inside its BEGIN IMMEDIATE transaction, against the bookings confirmed
// before it, so that both promises hold together: never more passengers than seats, and never a set
// of confirmed passengers no route carries within the ride limit (each confirmed booking has its
// place in the route and a ride within the limit). A booking the route cannot take waits as too far
// (or, too far even alone, is refused); no process fails otherwise.

import Foundation
import Testing

@Suite struct TransportOnDemandRaceCLITests {
    static let limit = 150

    @Test func twentyProcessesBookingTheLastSeatsOfAnOnDemandRunKeepSeatsAndRideLimits() throws {
        // Mostly Gex, the depot: seats run out; a few from Cessy and Mijoux: the route may not take them.
        let people = (0..<21).map { $0 % 5 == 3 ? "Mijoux" : $0 % 5 == 4 ? "Cessy" : "Gex" }
        let fixture = try OnDemandWorkspace(
            seats: 3, people: people, configuration: "[transport]\nmax_ride_minutes = \(Self.limit)\n")
        // The run leaves the depot from 07:00 and arrives at 09:00: the route has little room besides Gex to the destination.
        let early = try (1...1).map { try fixture.book($0, ccas: people[$0 - 1])["status"] as? String }
        let results = try fixture.workspace.relaisAtOnce(
            (2...21).map { participant in
                ["transport", "book", "--ccas", people[participant - 1], "--run", fixture.run, "--participant", String(participant), "--json"]
            })
        var statuses: [String] = []
        for result in results {
            if result.status == 65 {
                #expect(result.errors.contains("--run: too far for this run"), "\(result.errors)")
                statuses.append("refused")
                continue
            }
            #expect(result.status == 0 && result.errors.isEmpty, "\(result.errors)")
            let json = try fixture.workspace.json(result) as? [String: Any]
            statuses.append(json?["status"] as? String ?? "?")
        }
        #expect(statuses.allSatisfy { ["confirmed", "waitlisted", "refused"].contains($0) }, "\(statuses)")
        let confirmed = try fixture.workspace.run(
            "/usr/bin/sqlite3",
            [
                fixture.workspace.database,
                """
                SELECT k.pickup_order || ' ' || k.ride_minutes FROM shuttle_pickup k JOIN shuttle_booking b ON b.id = k.booking
                WHERE b.status = 'confirmed' ORDER BY k.pickup_order
                """,
            ]
        ).output.split(separator: "\n").map { $0.split(separator: " ").compactMap { Int($0) } }
        // Which three fit depends on who came first: a seat left free means everyone waiting is too far, not out of seats.
        #expect((1...3).contains(confirmed.count), "three seats, no more: \(confirmed)")
        let full = try fixture.workspace.run(
            "/usr/bin/sqlite3", [fixture.workspace.database, "SELECT count(*) FROM shuttle_booking WHERE waitlist_reason = 'run full'"]
        ).output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(confirmed.count == 3 || full == "0", "\(confirmed.count) confirmed, \(full) waiting for a seat")
        #expect(confirmed.map { $0.first ?? 0 } == Array(1...confirmed.count), "every confirmed passenger has a place: \(confirmed)")
        #expect(confirmed.allSatisfy { $0.count == 2 && $0[1] <= Self.limit }, "rides within \(Self.limit) minutes: \(confirmed)")
        let bookings = try fixture.bookings()
        #expect(bookings.filter { $0["status"] as? String == "confirmed" }.count == confirmed.count)
        #expect(bookings.count == 21 - statuses.filter { $0 == "refused" }.count)
        #expect(statuses.filter { $0 == "confirmed" }.count + early.filter { $0 == "confirmed" }.count == confirmed.count)
    }
}
