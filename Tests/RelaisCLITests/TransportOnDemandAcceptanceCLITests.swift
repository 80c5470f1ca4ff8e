// Issue 17's acceptance scenario through the built binary on the shipped Pays de Gex data: six
// residents of six communes (one in a wheelchair, one picked up at home) booked with `transport book`
// on a run to Bourg-en-Bresse; the route the driver's sheet shows (`transport manifest --format json`)
// is the best of all orders as RelaisCore's brute force finds it on the same shipped travel times,
// every ride within its limit, arriving by the target. A seventh from Mijoux would push a passenger
// over the limit: waitlisted as too far, with the longest ride it would have caused. At booking close
// the six are told their pickup (`shuttle-pickup`, sent by `relais send --once`); then the resident
// picked up at home cancels, the route frees, the coordinator gives Mijoux the seat (`transport promote`:
// after the deadline the waitlist moves by hand), and `shuttle-pickup-changed` goes only to those whose
// time moved by 10 minutes or more from what they were told.

import Foundation
import RelaisCore
import Testing

@Suite struct TransportOnDemandAcceptanceCLITests {
    /// The six, in booking order: (commune as the CCAS is named, INSEE code, extra booking options).
    static let six: [(String, String, [String])] = [
        ("Gex", "01173", []), ("Cessy", "01071", ["--wheelchair"]), ("Divonne-les-Bains", "01143", []),
        ("Ferney-Voltaire", "01160", ["--door", "7 chemin des Tilleuls"]), ("Saint-Genis-Pouilly", "01354", []),
        ("Thoiry", "01419", []),
    ]

    /// The shipped travel times, read as relais reads them (`[transport] same_commune_minutes` 5).
    static func shippedTimes() throws -> TravelTimes {
        let path = Workspace.repository.appendingPathComponent("Config/territories/pays-de-gex.travel-times.csv").path
        return try TravelTimes.parse(String(contentsOfFile: path, encoding: .utf8), fileName: path, sameCommuneMinutes: 5)
    }

    /// `HH:MM` of `minutes` after local midnight.
    static func clock(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }

    /// The manifest's pickups (outbound) or drop-offs (return) as (booking, HH:MM), in the vehicle's order.
    func sheet(_ fixture: OnDemandWorkspace) throws -> (pickups: [(Int, String)], dropOffs: [(Int, String)]) {
        let result = try fixture.transport(["manifest", "--coordinator", fixture.run, "--format", "json"])
        #expect(result.status == 0, "\(result.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let rows = { (key: String) in
            ((json[key] as? [[String: Any]]) ?? []).map { ($0["booking"] as? Int ?? 0, $0["time"] as? String ?? "") }
        }
        return (rows("pickups"), rows("drop_offs"))
    }

    /// The brute-force optimum of a leg as (booking, HH:MM): outbound anchored at the 09:00 arrival, return at 11:30.
    func optimum(_ passengers: [RoutePassenger], leg: RouteLeg, times: TravelTimes) throws -> [(Int, String)] {
        let problem = RouteProblem(
            depot: "01173", destination: "01053", passengers: passengers, rules: RouteRules(),
            departureWindowMinutes: leg == .outbound ? -210...(-30) : nil)
        let route = try #require(try RoutePlanner.bruteForce(problem, leg: leg, times: times).route)
        let limits = Dictionary(
            uniqueKeysWithValues: passengers.map { ($0.booking, RouteRules().rideLimit(directMinutes: times.minutes(from: $0.commune, to: "01053")!)) })
        for stop in route.stops {
            #expect(stop.rideMinutes <= limits[stop.booking]!, "booking \(stop.booking) rides \(stop.rideMinutes) minutes")
            // Outbound: reaching the stop, then boarding and driving on, arrives at the destination by the target (0).
            if leg == .outbound { #expect(stop.offsetMinutes + stop.rideMinutes <= 0) }
        }
        if leg == .outbound { #expect(route.depotOffsetMinutes >= -210, "the vehicle would leave before 05:30") }
        let anchor = leg == .outbound ? 9 * 60 : 11 * 60 + 30
        return route.stops.map { (Int($0.booking), Self.clock(anchor + $0.offsetMinutes)) }
    }

    /// The bookings queued or sent a message of `kind`, by id.
    func messaged(_ fixture: OnDemandWorkspace, _ kind: String, states: [String] = ["queued", "sent"]) throws -> Set<Int> {
        let list = states.map { "'\($0)'" }.joined(separator: ", ")
        let result = try fixture.workspace.run(
            "/usr/bin/sqlite3",
            [fixture.workspace.database, "SELECT booking FROM outbox WHERE kind = '\(kind)' AND state IN (\(list))"])
        return Set(result.output.split(separator: "\n").compactMap { Int($0) })
    }

    @Test func sixPassengersGetTheBruteForceOptimumASeventhWaitsTooFarAndACancellationTellsOnlyThoseMoved() throws {
        let times = try Self.shippedTimes()
        let base = try OnDemandWorkspace(seats: 8, wheelchairPlaces: 1, people: Self.six.map(\.0) + ["Mijoux"])
        // A window of 05:30-08:30: six pickups and the drive to Bourg-en-Bresse take more than 90 minutes.
        let added = try base.transport([
            "runs", "add", "--coordinator", "--on-demand", "--date", "2027-03-30", "--departure-window", "05:30-08:30", "--arrival",
            "09:00", "--return", "11:30", "--seats", "8", "--wheelchair-places", "1", "--depot", "01173", "--destination-commune",
            "01053", "--destination", "CH Fleyriat", "--json",
        ])
        #expect(added.status == 0, "\(added.errors)")
        let fixture = OnDemandWorkspace(
            workspace: base.workspace, run: String(try #require((try base.workspace.json(added) as? [String: Any])?["run"] as? Int)))
        var passengers: [RoutePassenger] = []
        for (index, (commune, code, extra)) in Self.six.enumerated() {
            let booked = try fixture.book(index + 1, ccas: commune, extra)
            #expect(booked["status"] as? String == "confirmed", "\(commune): \(booked)")
            let id = try #require(booked["id"] as? Int)
            passengers.append(RoutePassenger(booking: Int64(id), commune: code, wheelchair: extra == ["--wheelchair"]))
        }
        let told = try sheet(fixture)
        try #require(told.pickups.count == 6)
        #expect(told.pickups.map(\.0) == (try optimum(passengers, leg: .outbound, times: times)).map(\.0))
        #expect(told.pickups.map(\.1) == (try optimum(passengers, leg: .outbound, times: times)).map(\.1))
        #expect(told.dropOffs.map(\.0) == (try optimum(passengers, leg: .return, times: times)).map(\.0))
        #expect(told.dropOffs.map(\.1) == (try optimum(passengers, leg: .return, times: times)).map(\.1))

        // Mijoux: no order carries all seven within their limits (Divonne-les-Bains already rides 149 of its 150 minutes).
        let seventh = try fixture.book(7, ccas: "Mijoux")
        #expect(seventh["status"] as? String == "waitlisted" && seventh["waitlist_reason"] as? String == "too far for this run", "\(seventh)")
        let withMijoux = passengers + [RoutePassenger(booking: Int64(try #require(seventh["id"] as? Int)), commune: "01247")]
        let problem = RouteProblem(
            depot: "01173", destination: "01053", passengers: withMijoux, departureWindowMinutes: -210...(-30))
        guard case .infeasible(let why) = try RoutePlanner.bruteForceOutbound(problem, times: times) else {
            Issue.record("the brute force carries all seven")
            return
        }
        let place = try #require(seventh["pickup_place"] as? [String: Any])
        #expect(place["too_far_ride_minutes"] as? Int == why.rideMinutes && place["too_far_limit_minutes"] as? Int == why.limitMinutes)
        #expect(why.rideMinutes > why.limitMinutes)
        let text = try fixture.transport(["waitlist", "--coordinator", fixture.run])
        #expect(text.output.contains("too far for this run"), "\(text.output)")
        #expect(try sheet(fixture).pickups.map(\.0) == told.pickups.map(\.0), "the waiting booking changed the route")

        // Booking closes on Friday 26 March at 17:00 (Monday 29 is Easter Monday): the six are told their pickup.
        #expect(try messaged(fixture, "shuttle-pickup") == Set(passengers.map { Int($0.booking) }))
        let sent = try fixture.workspace.run(
            Workspace.binary.path, fixture.workspace.globalArguments + ["send", "--once"], environment: ["RELAIS_NOW": "2027-03-26T17:00"])
        #expect(sent.status == 0, "\(sent.errors)")
        #expect(try messaged(fixture, "shuttle-pickup", states: ["sent"]) == Set(passengers.map { Int($0.booking) }))

        // The resident picked up at home cancels: the route frees, Mijoux is confirmed and gets its pickup.
        let door = Int(passengers[3].booking)
        let cancelled = try fixture.transport(["cancel", "--ccas", "Ferney-Voltaire", String(door)], now: "2027-03-26T17:30")
        #expect(cancelled.status == 0, "\(cancelled.errors)")
        let mijoux = Int(withMijoux[6].booking)
        // After the deadline the waitlist moves by the coordinator's hand: the route now carries Mijoux.
        let promoted = try fixture.transport(["promote", "--coordinator", String(mijoux)], now: "2027-03-26T17:31")
        #expect(promoted.status == 0 && promoted.output.contains("after the booking deadline"), "\(promoted.output)\(promoted.errors)")
        let after = try sheet(fixture)
        let remaining = withMijoux.filter { $0.booking != Int64(door) }
        #expect(after.pickups.map(\.0) == (try optimum(remaining, leg: .outbound, times: times)).map(\.0))
        #expect(after.pickups.map(\.1) == (try optimum(remaining, leg: .outbound, times: times)).map(\.1))
        #expect(after.pickups.contains { $0.0 == mijoux }, "Mijoux is not picked up: \(after.pickups)")
        #expect(try messaged(fixture, "shuttle-pickup").contains(mijoux))

        // Told again: only those whose pickup moved by 10 minutes or more (Gex and Cessy, 11 minutes later here).
        let minutes = { (clock: String) in Int(clock.prefix(2))! * 60 + Int(clock.suffix(2))! }
        let before = Dictionary(uniqueKeysWithValues: told.pickups)
        let moved = Set(
            after.pickups.filter { booking, time in
                before[booking].map { abs(minutes($0) - minutes(time)) >= ShuttlePickupChange.thresholdMinutes } ?? false
            }.map(\.0))
        let unmoved = Set(after.pickups.map(\.0)).subtracting(moved).subtracting([mijoux])
        #expect(moved == [Int(passengers[0].booking), Int(passengers[1].booking)], "\(told.pickups) then \(after.pickups)")
        #expect(!unmoved.isEmpty)
        #expect(try messaged(fixture, "shuttle-pickup-changed") == moved)
    }
}
