// On-demand shuttle runs in the store, on real SQLite files: the schema admits a pickup only for a
// booking of an on-demand run, and housekeeping erases the home addresses of runs that came back
// without anyone recording the trips.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

/// A store with an on-demand run on Tuesday 30 March 2027 (window 06:30-08:30 from Gex, arrival
/// 09:00 at Bourg-en-Bresse 01053, return 11:30) beside the fixed-stop run of ShuttleFixture.
struct OnDemandFixture {
    let fixed: ShuttleFixture
    let run: Int64

    init(seats: Int = 8) throws {
        fixed = try ShuttleFixture()
        run = try fixed.store.addOnDemandRun(
            ShuttleDemandRunForm(
                label: "Navette à la demande", day: Sample.paris.parse("2027-03-30")!,
                shape: ShuttleDemandShape(
                    windowOpens: 390, windowCloses: 510, arrival: 540, returnDeparture: 690, depot: "01173", destinationCommune: "01053"),
                vehicle: ShuttleVehicle(seats: seats, wheelchairPlaces: 1, seatsPerWheelchair: 2), destination: "CH Fleyriat",
                ccasQuota: nil),
            context: fixed.context)
    }

    func book(_ participant: Int64, _ place: ShuttlePickupPlace?, context: ShuttleContext? = nil) throws -> ShuttleBookingOutcome {
        try fixed.store.bookShuttle(
            ShuttleBookingRequest(run: run, participant: participant, stop: "", pickup: place), scope: .coordinator,
            context: context ?? fixed.context)
    }
}

@Suite struct OnDemandStoreTests {
    @Test func housekeepingErasesTheHomeAddressesOfRunsThatCameBackAndKeepsUpcomingOnes() throws {
        let fixture = try OnDemandFixture()
        let people = try fixture.fixed.residents(2)
        let planned = fixture.planned(limit: 200)
        _ = try fixture.book(people[0], .door("3 rue du Jura"), context: planned)
        _ = try fixture.book(people[1], .point("Mairie"), context: planned)
        let store = fixture.fixed.store
        let beforeReturn = Sample.paris.parse("2027-03-30T15:29")!
        #expect(try store.housekeep(now: beforeReturn, retentionDays: 365, outboxKeepDays: 30).doorsErased == 0)
        #expect(try fixture.fixed.count("SELECT count(*) AS n FROM shuttle_pickup WHERE door = '3 rue du Jura'") == 1)
        let after = try store.housekeep(now: Sample.paris.parse("2027-03-30T15:31")!, retentionDays: 365, outboxKeepDays: 30)
        #expect(after.doorsErased == 1)
        #expect(try fixture.fixed.count("SELECT count(*) AS n FROM shuttle_pickup WHERE door IS NULL AND door_erased_at IS NOT NULL") == 1)
        #expect(try fixture.fixed.count("SELECT count(*) AS n FROM shuttle_pickup WHERE point = 'Mairie'") == 1)
    }

    @Test func aPickupIsRefusedByTheSchemaForABookingOfAFixedStopRun() throws {
        let fixture = try OnDemandFixture()
        let person = try fixture.fixed.residents(1)[0]
        let booking = try fixture.fixed.book(person).id
        #expect(throws: DatabaseError.self) {
            try fixture.fixed.store.database.run(
                "INSERT INTO shuttle_pickup (booking, commune, place_kind, point) VALUES (?, '01173', 'point', 'Mairie')",
                [.integer(booking)])
        }
        #expect(throws: Refusal.shuttle(.pickupOnFixedStopRun)) {
            try fixture.fixed.store.bookShuttle(
                ShuttleBookingRequest(run: fixture.fixed.run, participant: person, stop: "1", pickup: .townHall), scope: .coordinator,
                context: fixture.fixed.context)
        }
    }
}

/// Travel minutes for the feasibility tests (a made-up matrix on real codes): the depot Gex and six
/// communes near it 5 minutes apart and 50 from the destination 01053; Mijoux 20 minutes from each
/// of them and 70 from the destination.
enum OnDemandMap {
    static let locals = ["01173", "01071", "01399", "01153", "01143", "01160", "01281"]
    static let mijoux = "01247", destination = "01053"

    static var times: TravelTimes {
        var triples: [(String, String, Int)] = []
        for (index, from) in locals.enumerated() {
            for to in locals[(index + 1)...] { triples.append((from, to, 5)) }
            triples.append((from, destination, 50))
            triples.append((from, mijoux, 20))
        }
        triples.append((mijoux, destination, 70))
        return TravelTimes(fileName: "test.travel-times.csv", minutes: triples)
    }
}

extension OnDemandFixture {
    /// The fixture's context with the map's travel times and a ride limit of `limit` minutes for everyone.
    func planned(limit: Int) -> ShuttleContext {
        var context = fixed.context
        context.travelTimes = OnDemandMap.times
        context.routeRules = RouteRules(maxRideMinutes: limit)
        return context
    }

    /// Each booking's status, pickup order and pickup time (minutes before the 09:00 arrival).
    func route() throws -> [Int64: (status: String, order: Int?, minutesBefore: Int?)] {
        let arrival = Sample.paris.parse("2027-03-30T09:00")!
        var result: [Int64: (String, Int?, Int?)] = [:]
        for row in try fixed.store.database.rows(
            "SELECT b.id, b.status, k.pickup_order, k.pickup_at FROM shuttle_booking b JOIN shuttle_pickup k ON k.booking = b.id")
        {
            result[row.int64("id")!] = (
                row.string("status")!, row.int("pickup_order"), row.date("pickup_at").map { Int(arrival.timeIntervalSince($0) / 60) }
            )
        }
        return result
    }
}

@Suite struct OnDemandFeasibilityTests {
    @Test func aSeventhPassengerWhoWouldPushSomeoneOverTheLimitWaitsAndMovesUpWhenACancellationFreesTheRoute() throws {
        let fixture = try OnDemandFixture()
        let context = fixture.planned(limit: 105)
        let communes = ["Cessy", "Ségny", "Échenevex", "Divonne", "Ferney", "Ornex"]
        var ids: [Int64] = []
        for (index, commune) in communes.enumerated() {
            let person = try fixture.fixed.residents(1, of: commune)[0]
            let place: ShuttlePickupPlace? = index == 1 ? .door("4 rue des Tilleuls") : nil
            let outcome = try fixture.fixed.store.bookShuttle(
                ShuttleBookingRequest(run: fixture.run, participant: person, stop: "", wheelchair: index == 0, pickup: place),
                scope: .coordinator, context: context)
            #expect(outcome.status == .confirmed && outcome.tooFar == nil, "\(commune)")
            ids.append(outcome.id)
        }
        var route = try fixture.route()
        #expect(ids.allSatisfy { route[$0]?.order != nil && route[$0]?.minutesBefore != nil }, "\(route)")
        #expect(Set(ids.compactMap { route[$0]?.order }) == Set(1...6))
        let mijoux = try fixture.fixed.residents(1, of: "Mijoux")[0]
        let seventh = try fixture.book(mijoux, nil, context: context)
        #expect(seventh.status == .waitlisted && seventh.waitlistReason == .tooFar)
        let tooFar = try #require(seventh.tooFar)
        #expect(tooFar.rideMinutes > tooFar.limitMinutes && tooFar.limitMinutes == 105)
        route = try fixture.route()
        #expect(route[seventh.id]?.order == nil && route[seventh.id]?.status == "waitlisted")
        let listed = try fixture.fixed.store.shuttleBookings(id: seventh.id, scope: .coordinator, context: context).first?.pickup
        #expect(listed?.tooFarRideMinutes == tooFar.rideMinutes && listed?.tooFarLimitMinutes == 105)
        // Divonne's passenger cancels: the route now carries Mijoux within the limit, and it moves up.
        let cancellation = try fixture.fixed.store.cancelShuttleBooking(ids[4], scope: .coordinator, reason: "test", context: context)
        #expect(cancellation.promoted == 1)
        route = try fixture.route()
        #expect(route[seventh.id]?.status == "confirmed" && route[seventh.id]?.order != nil, "\(route)")
        #expect(route[ids[4]]?.order == nil)
        let confirmed = ids.filter { $0 != ids[4] } + [seventh.id]
        #expect(Set(confirmed.compactMap { route[$0]?.order }) == Set(1...6))
        let rides = try fixture.fixed.store.database.rows(
            "SELECT ride_minutes FROM shuttle_pickup WHERE pickup_order IS NOT NULL"
        ).map { $0.int("ride_minutes")! }
        #expect(rides.count == 6 && rides.allSatisfy { $0 <= 105 }, "\(rides)")
    }

    @Test func aPassengerNoRouteCanCarryEvenAloneIsRefusedAndNothingIsRecorded() throws {
        let fixture = try OnDemandFixture()
        let context = fixture.planned(limit: 60)
        let person = try fixture.fixed.residents(1, of: "Mijoux")[0]
        let before = try fixture.fixed.count("SELECT count(*) AS n FROM shuttle_booking")
        #expect(throws: Refusal.shuttle(.tooFarForRun(rideMinutes: 72, limitMinutes: 60))) {
            try fixture.book(person, nil, context: context)
        }
        #expect(try fixture.fixed.count("SELECT count(*) AS n FROM shuttle_booking") == before)
    }

    @Test func twentyConnectionsBookingAtOnceConfirmOnlyWhatSeatsAndTheRouteAllow() throws {
        let fixture = try OnDemandFixture(seats: 8)
        let context = fixture.planned(limit: 105)
        let communes = ["Cessy", "Ségny", "Échenevex", "Divonne", "Ferney", "Ornex", "Gex", "Mijoux"]
        var people: [Int64] = []
        for index in 0..<20 { people += try fixture.fixed.residents(1, of: communes[index % communes.count]) }
        let path = fixture.fixed.file.path
        let (run, everyone) = (fixture.run, people)
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 20) { index in
            do {
                let store = try Store.open(path: path, territory: .paysDeGex)
                let outcome = try store.bookShuttle(
                    ShuttleBookingRequest(run: run, participant: everyone[index], stop: ""), scope: .coordinator, context: context)
                outcomes.add(outcome.status.rawValue)
            } catch {
                outcomes.add("error: \(error)")
            }
        }
        let statuses = outcomes.all
        #expect(statuses.count == 20 && statuses.allSatisfy { $0 == "confirmed" || $0 == "waitlisted" }, "\(statuses)")
        let confirmed = try fixture.fixed.store.database.rows(
            """
            SELECT b.id, b.seats, k.commune, k.ride_minutes, k.pickup_order FROM shuttle_booking b JOIN shuttle_pickup k ON k.booking = b.id
            WHERE b.status = 'confirmed'
            """)
        #expect(confirmed.map { $0.int("seats")! }.reduce(0, +) <= 8)
        #expect(confirmed.count == statuses.filter { $0 == "confirmed" }.count)
        // The recorded route carries every confirmed passenger within the limit, as the core plans it again.
        #expect(confirmed.allSatisfy { $0.int("pickup_order") != nil && $0.int("ride_minutes")! <= 105 })
        let problem = RouteProblem(
            depot: "01173", destination: "01053",
            passengers: confirmed.map { RoutePassenger(booking: $0.int64("id")!, commune: $0.string("commune")!) },
            rules: context.routeRules, departureWindowMinutes: -150...(-30))
        #expect(try RoutePlanner.outbound(problem, times: OnDemandMap.times).route != nil)
    }
}

/// Statuses gathered from concurrent bookings.
final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String] = []
    func add(_ value: String) { lock.withLock { values.append(value) } }
    var all: [String] { lock.withLock { values } }
}

@Suite struct OnDemandNoticeTests {
    /// Each booking's pickup time as recorded.
    func pickups(_ fixture: OnDemandFixture) throws -> [Int64: Date] {
        Dictionary(
            uniqueKeysWithValues: try fixture.fixed.store.database.rows(
                "SELECT booking, pickup_at FROM shuttle_pickup WHERE pickup_at IS NOT NULL"
            ).map { ($0.int64("booking")!, $0.date("pickup_at")!) })
    }

    func queued(_ fixture: OnDemandFixture, _ kind: MessageKind) throws -> [Int64] {
        try fixture.fixed.store.database.rows(
            "SELECT booking FROM outbox WHERE kind = ? AND state = 'queued' ORDER BY booking", [.text(kind.rawValue)]
        ).map { $0.int64("booking")! }
    }

    @Test func afterCloseACancellationAndAPromotionTellTheNewTimeOnlyToThoseMovedTenMinutesOrMore() throws {
        let fixture = try OnDemandFixture()
        var context = fixture.planned(limit: 105)
        let communes = ["Cessy", "Ségny", "Échenevex", "Divonne", "Ferney", "Ornex"]
        var ids: [Int64] = []
        for (index, commune) in communes.enumerated() {
            let person = try fixture.fixed.residents(1, of: commune)[0]
            let outcome = try fixture.fixed.store.bookShuttle(
                ShuttleBookingRequest(run: fixture.run, participant: person, stop: "", wheelchair: index == 2), scope: .coordinator,
                context: context)
            ids.append(outcome.id)
        }
        let seventh = try fixture.book(try fixture.fixed.residents(1, of: "Mijoux")[0], nil, context: context)
        #expect(seventh.waitlistReason == .tooFar)
        // Each confirmed passenger is told their pickup at booking close (Friday 26 March 17:00: Monday 29 is Easter Monday).
        #expect(try queued(fixture, .shuttlePickup) == ids)
        let nominal = try fixture.fixed.store.database.rows("SELECT DISTINCT nominal_at FROM outbox WHERE kind = 'shuttle-pickup'")
        #expect(nominal.map { $0.date("nominal_at") } == [Sample.paris.parse("2027-03-26T17:00")!])
        let told = try pickups(fixture)
        // The notices go at close: what they say is what each passenger was told (told_pickup_at).
        let sent = try fixture.fixed.store.claimDue(
            now: Sample.paris.parse("2027-03-26T17:00")!, limit: 50, owner: "test:1", lease: 60, policy: ReminderPolicy(),
            calendar: Sample.paris.calendar)
        #expect(sent.filter { $0.kind == .shuttlePickup }.count == ids.count)

        // After close (Friday 17:30, within the SMS sending window: on Easter Monday nothing may be sent, and
        // a notice with no allowed time before the pickup is dropped), the wheelchair passenger cancels and the coordinator gives Mijoux the freed place.
        context.now = Sample.paris.parse("2027-03-26T17:30")!
        _ = try fixture.fixed.store.cancelShuttleBooking(ids[2], scope: .coordinator, reason: "test", context: context)
        _ = try fixture.fixed.store.promoteShuttleBooking(seventh.id, scope: .coordinator, context: context)
        let now = try pickups(fixture)
        let moved = ids.filter { id in
            guard let before = told[id], let after = now[id] else { return false }
            return abs(after.timeIntervalSince(before)) >= 600
        }
        #expect(!moved.isEmpty && moved.count < ids.count - 1, "told \(told), now \(now)")
        let outbox = try fixture.fixed.store.database.rows("SELECT booking, kind, state, key FROM outbox ORDER BY id").map {
            "\($0.int64("booking")!) \($0.string("kind")!) \($0.string("state")!) \($0.string("key")!)"
        }
        #expect(try queued(fixture, .shuttlePickupChanged) == moved, "\(ids) \(moved) \(outbox)")
        // The six were sent theirs at close; the passenger given the freed place is told now.
        #expect(try queued(fixture, .shuttlePickup) == [seventh.id])
        #expect(now[seventh.id] != nil && now[ids[2]] == nil)
        // Planning again with nothing changed tells nobody twice.
        try fixture.fixed.store.database.write { database in
            try fixture.fixed.store.replanOnDemandRun(fixture.run, context: context, in: database)
        }
        #expect(try queued(fixture, .shuttlePickupChanged) == moved)
    }
}
