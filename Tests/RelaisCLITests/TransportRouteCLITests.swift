// relais transport route through the built binary, on the shipped Pays de Gex travel times: the
// outbound route of two passengers is shown in the vehicle's order (text and --json), the coordinator fixes another
// order and the pickups take its times, --clear-order returns to the optimum, and an order that
// would push a ride over its limit is refused naming the passenger (exit 65, database unchanged),
// as is an order from a CCAS or one that does not name every passenger once.

import Foundation
import Testing

@Suite struct TransportRouteCLITests {
    private func route(_ fixture: OnDemandWorkspace) throws -> [String: Any] {
        let shown = try fixture.transport(["route", "--coordinator", fixture.run, "--json"])
        #expect(shown.status == 0, "\(shown.errors)")
        return try #require(try fixture.workspace.json(shown) as? [String: Any], "\(shown.output)")
    }

    private func bookings(in route: [String: Any]) -> [Int] {
        ((route["stops"] as? [[String: Any]]) ?? []).compactMap { $0["booking"] as? Int }
    }

    @Test func theCoordinatorFixesTheOrderAndClearsItBackToTheOptimum() throws {
        let fixture = try OnDemandWorkspace(people: ["Gex", "Cessy"])
        let ids = try [(1, "Gex"), (2, "Cessy")].map { try #require(try fixture.book($0.0, ccas: $0.1)["id"] as? Int) }
        let planned = try route(fixture)
        let optimum = bookings(in: planned)
        #expect(Set(optimum) == Set(ids) && planned["fixed_order"] as? Bool == false, "\(planned)")
        let first = try #require((planned["stops"] as? [[String: Any]])?.first)
        #expect(first["pickup"] is String && first["ride_minutes"] is Int && first["limit_minutes"] is Int, "\(first)")

        let chosen = Array(optimum.reversed())
        let fixed = try fixture.transport([
            "route", "--coordinator", fixture.run, "--order", chosen.map(String.init).joined(separator: ","),
        ])
        #expect(fixed.status == 0, "\(fixed.errors)")
        #expect(fixed.output.contains("order fixed by the coordinator"), "\(fixed.output)")
        #expect(fixed.output.contains("a new booking or a promotion returns the run to the optimum"), "\(fixed.output)")
        let after = try route(fixture)
        #expect(bookings(in: after) == chosen && after["fixed_order"] as? Bool == true, "\(after)")
        let sheet = try fixture.transport(["manifest", "--coordinator", fixture.run])
        #expect(sheet.status == 0, "\(sheet.errors)")

        let cleared = try fixture.transport(["route", "--coordinator", fixture.run, "--clear-order"])
        #expect(cleared.status == 0 && cleared.output.contains("the planner's order"), "\(cleared.output)\(cleared.errors)")
        #expect(bookings(in: try route(fixture)) == optimum)

        try fixture.expectRefused(
            ["route", "--ccas", "Gex", fixture.run, "--order", chosen.map(String.init).joined(separator: ",")],
            mentioning: "only the coordinator (--coordinator) may change a route")
        try fixture.expectRefused(
            ["route", "--coordinator", fixture.run, "--order", "\(ids[0]),\(ids[0])"],
            mentioning: "--order: name each confirmed outbound passenger once")
    }

    @Test func anOrderThatPushesARideOverItsLimitIsRefusedNamingThePassenger() throws {
        let fixture = try OnDemandWorkspace(people: ["Cessy", "Mijoux"], configuration: "[transport]\nmax_ride_minutes = 112\n")
        let cessy = try #require(try fixture.book(1, ccas: "Cessy")["id"] as? Int)
        let mijoux = try #require(try fixture.book(2, ccas: "Mijoux")["id"] as? Int)
        let planned = try route(fixture)
        #expect(bookings(in: planned) == [cessy, mijoux], "\(planned)")
        // Mijoux first: 12 minutes to Cessy, then Cessy's 102 to the hospital: over 112 for Mijoux's passenger.
        let arguments = ["route", "--coordinator", fixture.run, "--order", "\(mijoux),\(cessy)"]
        try fixture.expectRefused(arguments, mentioning: "--order: booking \(mijoux) (Résident 2) would ride")
        let refused = try fixture.transport(arguments)
        #expect(refused.status == 65 && refused.errors.contains("over the limit of 112 minutes"), "\(refused.errors)")
        #expect(bookings(in: try route(fixture)) == [cessy, mijoux])
    }
}
