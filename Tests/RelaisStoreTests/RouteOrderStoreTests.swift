// A coordinator's pickup order of an on-demand run (Store+ShuttleRouteOrder.swift) on real SQLite
// files: the order is followed and kept without a passenger who cancels, a new booking returns the
// run to the optimum, and an order that would push a ride over its limit is refused naming that
// passenger and changes nothing.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct RouteOrderStoreTests {
    /// Three passengers of three communes 5 minutes apart, a ride limit no order can break.
    private func threeBooked(_ fixture: OnDemandFixture, _ context: ShuttleContext) throws -> [Int64] {
        try ["Cessy", "Divonne", "Ornex"].map { commune in
            let outcome = try fixture.book(try fixture.fixed.residents(1, of: commune)[0], nil, context: context)
            #expect(outcome.status == .confirmed, "\(commune)")
            return outcome.id
        }
    }

    private static func described(_ row: Row) -> String {
        ["booking", "pickup_order", "pickup_at", "ride_minutes", "fixed_order"].map { "\(row[$0])" }.joined(separator: "|")
    }

    private func orders(_ fixture: OnDemandFixture, _ ids: [Int64]) throws -> [Int?] {
        let route = try fixture.route()
        return ids.map { route[$0]?.order }
    }

    @Test func aFixedOrderIsFollowedAndKeptWithoutAPassengerWhoCancels() throws {
        let fixture = try OnDemandFixture()
        let context = fixture.planned(limit: 200)
        let ids = try threeBooked(fixture, context)
        let optimum = try orders(fixture, ids)
        let chosen = ids.sorted { (optimum[ids.firstIndex(of: $0)!] ?? 0) > (optimum[ids.firstIndex(of: $1)!] ?? 0) }
        try fixture.fixed.store.fixRouteOrder(run: fixture.run, order: chosen, context: context)
        #expect(try orders(fixture, chosen) == [1, 2, 3])
        #expect(try fixture.fixed.store.routeOrderIsFixed(run: fixture.run))

        _ = try fixture.fixed.store.cancelShuttleBooking(chosen[1], scope: .coordinator, reason: "test", context: context)
        #expect(try orders(fixture, [chosen[0], chosen[2]]) == [1, 2])
        #expect(try fixture.fixed.store.routeOrderIsFixed(run: fixture.run))

        // A new passenger has no place in the coordinator's order: the run returns to the optimum.
        let newcomer = try fixture.book(try fixture.fixed.residents(1, of: "Ferney")[0], nil, context: context)
        #expect(newcomer.status == .confirmed)
        #expect(try !fixture.fixed.store.routeOrderIsFixed(run: fixture.run))
        #expect(try fixture.fixed.count("SELECT count(*) AS n FROM shuttle_pickup WHERE fixed_order IS NOT NULL") == 0)
    }

    @Test func clearingTheOrderReturnsToTheOptimum() throws {
        let fixture = try OnDemandFixture()
        let context = fixture.planned(limit: 200)
        let ids = try threeBooked(fixture, context)
        let optimum = try orders(fixture, ids)
        try fixture.fixed.store.fixRouteOrder(run: fixture.run, order: ids.reversed(), context: context)
        try fixture.fixed.store.fixRouteOrder(run: fixture.run, order: nil, context: context)
        #expect(try orders(fixture, ids) == optimum)
        #expect(try !fixture.fixed.store.routeOrderIsFixed(run: fixture.run))
    }

    @Test func anOrderThatPushesARideOverItsLimitIsRefusedNamingThePassengerAndChangesNothing() throws {
        let fixture = try OnDemandFixture()
        let context = fixture.planned(limit: 80)
        let mijoux = try fixture.book(try fixture.fixed.residents(1, of: "Mijoux")[0], nil, context: context)
        let cessy = try fixture.book(try fixture.fixed.residents(1, of: "Cessy")[0], nil, context: context)
        #expect(mijoux.status == .confirmed && cessy.status == .confirmed)
        let snapshot = "SELECT booking, pickup_order, pickup_at, ride_minutes, fixed_order FROM shuttle_pickup ORDER BY booking"
        let before = try fixture.fixed.store.database.rows(snapshot).map(Self.described)
        let name = try fixture.fixed.store.database.row(
            "SELECT p.name FROM shuttle_booking b JOIN participant p ON p.id = b.participant WHERE b.id = ?", [.integer(cessy.id)]
        )?.string("name")
        // Cessy first, then the 20 minutes to Mijoux and its 70 to the destination: Cessy's ride is over 80.
        let error = #expect(throws: Refusal.self) {
            try fixture.fixed.store.fixRouteOrder(run: fixture.run, order: [cessy.id, mijoux.id], context: context)
        }
        guard case .shuttle(.routeOrderInfeasible(let booking, let named, let ride, let limit, let missesArrival))? = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(booking == cessy.id && named == name && ride > 80 && limit == 80 && !missesArrival)
        #expect(try fixture.fixed.store.database.rows(snapshot).map(Self.described) == before)

        #expect(throws: Refusal.shuttle(.routeOrderNotPassengers(passengers: [mijoux.id, cessy.id]))) {
            try fixture.fixed.store.fixRouteOrder(run: fixture.run, order: [cessy.id, cessy.id], context: context)
        }
        #expect(try fixture.fixed.store.database.rows(snapshot).map(Self.described) == before)
    }

    @Test func afterCloseAFixedOrderTellsTheNewTimeOnlyToThoseMovedTenMinutesOrMore() throws {
        let fixture = try OnDemandFixture()
        var context = fixture.planned(limit: 200)
        let ids = try threeBooked(fixture, context)
        let notices = OnDemandNoticeTests()
        // The pickup notices go at booking close (Friday 26 March 17:00): what each passenger was told.
        let sent = try fixture.fixed.store.claimDue(
            now: Sample.paris.parse("2027-03-26T17:00")!, limit: 50, owner: "test:1", lease: 60, policy: ReminderPolicy(),
            calendar: Sample.paris.calendar)
        #expect(sent.filter { $0.kind == .shuttlePickup }.count == ids.count)
        let told = try notices.pickups(fixture)
        context.now = Sample.paris.parse("2027-03-26T17:30")!
        let optimum = try orders(fixture, ids)
        let chosen = ids.sorted { (optimum[ids.firstIndex(of: $0)!] ?? 0) > (optimum[ids.firstIndex(of: $1)!] ?? 0) }
        try fixture.fixed.store.fixRouteOrder(run: fixture.run, order: chosen, context: context)
        let now = try notices.pickups(fixture)
        let moved = ids.filter { id in
            guard let before = told[id], let after = now[id] else { return false }
            return abs(after.timeIntervalSince(before)) >= 600
        }
        #expect(!moved.isEmpty && moved.count < ids.count, "told \(told), now \(now)")
        #expect(try notices.queued(fixture, .shuttlePickupChanged) == moved.sorted())
    }

    @Test func aPassengerPromotedFromTheWaitlistReturnsTheRunToTheOptimum() throws {
        let fixture = try OnDemandFixture(seats: 3)
        let context = fixture.planned(limit: 200)
        let ids = try threeBooked(fixture, context)
        let waiting = try fixture.book(try fixture.fixed.residents(1, of: "Ferney")[0], nil, context: context)
        #expect(waiting.status == .waitlisted)
        try fixture.fixed.store.fixRouteOrder(run: fixture.run, order: ids.reversed(), context: context)
        #expect(try fixture.fixed.store.routeOrderIsFixed(run: fixture.run))
        // The cancellation frees a seat before the deadline: the waiting passenger moves up, whom the order does not name.
        let cancellation = try fixture.fixed.store.cancelShuttleBooking(ids[0], scope: .coordinator, reason: "test", context: context)
        #expect(cancellation.promoted == 1)
        #expect(try !fixture.fixed.store.routeOrderIsFixed(run: fixture.run))
        #expect(try fixture.fixed.count("SELECT count(*) AS n FROM shuttle_pickup WHERE fixed_order IS NOT NULL") == 0)
        let route = try fixture.route()
        #expect(Set([ids[1], ids[2], waiting.id].compactMap { route[$0]?.order }) == Set(1...3), "\(route)")
    }
}
