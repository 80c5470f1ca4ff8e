// Twenty relais processes booking the last seats of one run at the same moment: the database's
// triggers, inside BEGIN IMMEDIATE transactions, confirm exactly the seats there are and put the
// others on the waitlist; no process fails and none writes an error.

import Foundation
import Testing

@Suite struct TransportRaceCLITests {
    @Test func twentyProcessesBookingTheLastSeatsConfirmExactlyTheCapacityAndWaitlistTheRest() throws {
        let fixture = try TransportWorkspace(seats: 8, gex: 23, cessy: 0)
        for participant in 1...3 { _ = try fixture.book(participant) }  // 5 seats left
        let results = try fixture.workspace.relaisAtOnce(
            (4...23).map { participant in
                ["transport", "book", "--ccas", "Gex", "--run", fixture.run, "--participant", String(participant), "--stop", "1", "--json"]
            })
        var statuses: [String] = []
        for result in results {
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.errors.isEmpty, "\(result.errors)")
            let json = try fixture.workspace.json(result) as? [String: Any]
            statuses.append(json?["status"] as? String ?? "?")
        }
        #expect(statuses.filter { $0 == "confirmed" }.count == 5)
        #expect(statuses.filter { $0 == "waitlisted" }.count == 15)
        let bookings = try fixture.bookings()
        #expect(bookings.filter { $0["status"] as? String == "confirmed" }.count == 8)
        let runs = try fixture.workspace.json(fixture.transport(["runs", "list", "--coordinator", "--json"])) as! [[String: Any]]
        #expect(runs.first?["outbound_seats_taken"] as? Int == 8 && runs.first?["waitlisted"] as? Int == 15)
        // The waitlist is in booking order, positions 1 to 15.
        let waitlist =
            try fixture.workspace.json(fixture.transport(["waitlist", "--coordinator", fixture.run, "--json"])) as! [[String: Any]]
        #expect(waitlist.map { $0["position"] as? Int } == (1...15).map { $0 })
        #expect(waitlist.map { $0["id"] as! Int } == waitlist.map { $0["id"] as! Int }.sorted())
    }
}
