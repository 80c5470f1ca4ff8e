// The shuttle in the store, on real SQLite files: capacity, wheelchair places and quotas held by
// the database's triggers whatever SQL is written, the waitlist and its promotion, notices queued
// exactly once, and runs that follow the calendar.

import CSQLite
import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

/// A store with a run on Tuesday 30 March 2027 (Gex 07:30, Cessy 07:45; arrives 09:00, returns
/// 11:30) and residents of Gex and Cessy who consented to SMS.
struct ShuttleFixture {
    let file = TemporaryDatabase()
    let store: Store
    var context: ShuttleContext
    let run: Int64

    init(seats: Int = 8, wheelchairPlaces: Int = 1, quota: Int? = nil, now: String = "2027-03-01T10:00") throws {
        store = try file.open()
        context = ShuttleContext(
            settings: ShuttleSettings(), outreach: OutreachRules(), now: Sample.paris.parse(now)!, localTime: Sample.paris,
            territory: .paysDeGex)
        let stops = try ShuttleStopText.list(
            ["07:30 Gex, Parking de l'agglo", "07:45 Cessy, Mairie"], field: "--stop", territory: .paysDeGex)
        run = try store.addShuttleRun(
            ShuttleRunForm(
                label: "Navette EPS", day: Sample.paris.parse("2027-03-30")!, stops: stops, arrivalMinute: 540, returnMinute: 690,
                vehicle: ShuttleVehicle(seats: seats, wheelchairPlaces: min(wheelchairPlaces, seats / 2), seatsPerWheelchair: 2),
                destination: "CH Fleyriat", ccasQuota: quota),
            context: context)
    }

    /// Adds `count` residents of `commune` and returns their ids (each with a number of their own:
    /// two residents sharing one are refused as duplicates).
    func residents(_ count: Int, of commune: String = "Gex") throws -> [Int64] {
        let existing = try self.count("SELECT count(*) AS n FROM participant")
        let people = (0..<count).map { index in
            try! ParticipantForm(
                name: "Résident \(commune) \(index)", phone: "06 12 34 \(String(format: "%04d", existing + index))", commune: commune,
                consentedChannels: ["sms"], consentSource: "CCAS"
            ).validated(territory: .paysDeGex, now: context.now, calendar: Sample.paris.calendar)
        }
        return try store.add(people, now: context.now)
    }

    func book(
        _ participant: Int64, stop: String = "1", wheelchair: Bool = false, companion: Bool = false, scope: ShuttleScope = .coordinator
    ) throws -> ShuttleBookingOutcome {
        try store.bookShuttle(
            ShuttleBookingRequest(run: run, participant: participant, stop: stop, companion: companion, wheelchair: wheelchair),
            scope: scope, context: context)
    }

    func count(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int { try store.database.row(sql, arguments)?.int("n") ?? -1 }
}

@Suite struct ShuttleCapacityTests {
    @Test func anInsertMadeDirectlyInSQLThatWouldOverbookIsRefused() throws {
        let fixture = try ShuttleFixture(seats: 2)
        let people = try fixture.residents(3)
        #expect(try fixture.book(people[0]).status == .confirmed)
        #expect(try fixture.book(people[1]).status == .confirmed)
        let error = #expect(throws: DatabaseError.self) {
            try fixture.store.database.run(
                """
                INSERT INTO shuttle_booking (run, participant, commune, stop, outbound, inbound, companion, wheelchair, seats,
                    fare_band, fare_cents, status, booked_at, booked_by, confirmed_at)
                VALUES (?, ?, 'gex', 1, 1, 1, 0, 0, 1, 'x', 0, 'confirmed', 0, 'sql', 0)
                """, [.integer(fixture.run), .integer(people[2])])
        }
        #expect(error?.message.contains("relais: shuttle full") == true)
        #expect(try fixture.count("SELECT count(*) AS n FROM shuttle_booking WHERE status = 'confirmed'") == 2)
    }

    @Test func anUpdateMadeDirectlyInSQLThatWouldOverbookIsRefused() throws {
        let fixture = try ShuttleFixture(seats: 1)
        let people = try fixture.residents(2)
        _ = try fixture.book(people[0])
        let waiting = try fixture.book(people[1])
        #expect(waiting.status == .waitlisted && waiting.waitlistReason == .runFull)
        #expect(throws: DatabaseError.self) {
            try fixture.store.database.run(
                "UPDATE shuttle_booking SET status = 'confirmed', confirmed_at = 0 WHERE id = ?", [.integer(waiting.id)])
        }
        #expect(throws: DatabaseError.self) {
            try fixture.store.database.run("UPDATE shuttle_run SET seats = 0 WHERE id = ?", [.integer(fixture.run)])
        }
        // Seats that do not match the vehicle (a wheelchair counted as one seat) are refused too.
        #expect(throws: DatabaseError.self) {
            try fixture.store.database.run("UPDATE shuttle_booking SET wheelchair = 1 WHERE id = ?", [.integer(waiting.id)])
        }
        #expect(try fixture.count("SELECT count(*) AS n FROM shuttle_booking WHERE status = 'confirmed'") == 1)
    }

    @Test func aWheelchairTakesTwoSeatsAndTheOnlyPlaceAndACompanionOneSeat() throws {
        let fixture = try ShuttleFixture(seats: 4, wheelchairPlaces: 1)
        let people = try fixture.residents(4)
        let chair = try fixture.book(people[0], wheelchair: true, companion: true)
        #expect(chair.status == .confirmed)  // 2 + 1 seats
        let second = try fixture.book(people[1], wheelchair: true)
        #expect(second.status == .waitlisted && second.waitlistReason == .noWheelchairPlaceLeft)
        let pair = try fixture.book(people[2], companion: true)
        #expect(pair.status == .waitlisted && pair.waitlistReason == .runFull)  // 3 + 2 > 4
        #expect(try fixture.book(people[3]).status == .confirmed)  // 3 + 1 = 4
        let run = try #require(try fixture.store.shuttleRun(fixture.run, scope: .coordinator, context: fixture.context))
        #expect(run.outboundSeats == 4 && run.returnSeats == 4 && run.wheelchairs == 1 && run.waitlisted == 2)
    }

    @Test func oneWayBookingsHoldSeatsOnTheirLegOnly() throws {
        let fixture = try ShuttleFixture(seats: 1)
        let people = try fixture.residents(2)
        let out = try fixture.store.bookShuttle(
            ShuttleBookingRequest(run: fixture.run, participant: people[0], stop: "1", legs: .outbound), scope: .coordinator,
            context: fixture.context)
        let back = try fixture.store.bookShuttle(
            ShuttleBookingRequest(run: fixture.run, participant: people[1], stop: "1", legs: .return), scope: .coordinator,
            context: fixture.context)
        #expect(out.status == .confirmed && back.status == .confirmed)
        #expect(out.fare.cents == 300 && back.pickup == Sample.paris.parse("2027-03-30T11:30")!)
    }

    @Test func aCCASQuotaWaitlistsItsResidentsButNotAnotherCommunes() throws {
        let fixture = try ShuttleFixture(seats: 8, quota: 2)
        let gex = try fixture.residents(3, of: "Gex")
        let cessy = try fixture.residents(1, of: "Cessy")
        let scope = ShuttleScope.ccas(Territory.paysDeGex.commune(named: "Gex")!)
        #expect(try fixture.book(gex[0], scope: scope).status == .confirmed)
        #expect(try fixture.book(gex[1], scope: scope).status == .confirmed)
        let third = try fixture.book(gex[2], scope: scope)
        #expect(third.status == .waitlisted && third.waitlistReason == .ccasQuotaReached)
        #expect(try fixture.book(cessy[0], stop: "Cessy", scope: .ccas(Territory.paysDeGex.commune(named: "Cessy")!)).status == .confirmed)
        let run = try #require(try fixture.store.shuttleRun(fixture.run, scope: scope, context: fixture.context))
        #expect(run.scopeSeats == 2 && run.outboundSeats == 3)
    }
}

@Suite struct ShuttleWaitlistTests {
    @Test func aCancellationPromotesTheFirstWaitlistedBookingAndQueuesItsNoticeExactlyOnce() throws {
        let fixture = try ShuttleFixture(seats: 1)
        let people = try fixture.residents(3)
        let first = try fixture.book(people[0])
        let second = try fixture.book(people[1])
        let third = try fixture.book(people[2])
        #expect(second.waitlistPosition == 1 && third.waitlistPosition == 2)
        let cancellation = try fixture.store.cancelShuttleBooking(first.id, scope: .coordinator, reason: "test", context: fixture.context)
        #expect(cancellation.promoted == 1 && !cancellation.late)
        let statuses = try fixture.store.shuttleBookings(scope: .coordinator, context: fixture.context).map(\.status)
        #expect(statuses == [.cancelled, .confirmed, .waitlisted])
        let notices = "SELECT count(*) AS n FROM outbox WHERE kind = 'shuttle-promoted' AND booking = ?"
        #expect(try fixture.count(notices, [.integer(second.id)]) == 1)
        // Queuing the same notice again (a retried transaction, a second pass) adds nothing.
        try fixture.store.database.write { database in
            try fixture.store.queueShuttleMessage(.shuttlePromoted, booking: second.id, context: fixture.context, in: database)
        }
        #expect(try fixture.count(notices, [.integer(second.id)]) == 1)
        #expect(try fixture.count("SELECT count(*) AS n FROM outbox WHERE kind = 'shuttle-promoted'") == 1)
        // The cancelled booking's reminder will not go; the promoted one has its own.
        #expect(try fixture.count("SELECT count(*) AS n FROM outbox WHERE booking = ? AND state = 'cancelled'", [.integer(first.id)]) == 1)
        #expect(
            try fixture.count("SELECT count(*) AS n FROM outbox WHERE booking = ? AND kind = 'shuttle-reminder'", [.integer(second.id)])
                == 1)
    }

    @Test func forgettingAPassengerFreesTheSeatForTheWaitlist() throws {
        let fixture = try ShuttleFixture(seats: 1)
        let people = try fixture.residents(2)
        let first = try fixture.book(people[0])
        let second = try fixture.book(people[1])
        #expect(second.waitlistPosition == 1)
        #expect(try fixture.store.forget(participant: people[0], now: fixture.context.now, shuttle: fixture.context))
        let statuses = try fixture.store.shuttleBookings(scope: .coordinator, context: fixture.context).map(\.status)
        #expect(statuses == [.cancelled, .confirmed])
        #expect(try fixture.count("SELECT count(*) AS n FROM outbox WHERE booking = ? AND state = 'queued'", [.integer(first.id)]) == 0)
        #expect(
            try fixture.count("SELECT count(*) AS n FROM outbox WHERE kind = 'shuttle-promoted' AND booking = ?", [.integer(second.id)])
                == 1)
    }

    @Test func aFreedSeatGoesToTheFirstWaitlistedBookingThatFits() throws {
        let fixture = try ShuttleFixture(seats: 2, wheelchairPlaces: 1)
        let people = try fixture.residents(4)
        let a = try fixture.book(people[0])
        _ = try fixture.book(people[1])
        let chair = try fixture.book(people[2], wheelchair: true)  // needs 2 seats
        let single = try fixture.book(people[3])
        #expect(chair.status == .waitlisted && single.status == .waitlisted)
        _ = try fixture.store.cancelShuttleBooking(a.id, scope: .coordinator, reason: "test", context: fixture.context)
        let byID = Dictionary(
            uniqueKeysWithValues: try fixture.store.shuttleBookings(scope: .coordinator, context: fixture.context).map {
                ($0.id, $0.status)
            })
        #expect(byID[chair.id] == .waitlisted && byID[single.id] == .confirmed)
    }

    @Test func noPromotionAfterTheBookingDeadlineAndALateCancellationIsRecorded() throws {
        var fixture = try ShuttleFixture(seats: 1)
        let people = try fixture.residents(2)
        let first = try fixture.book(people[0])
        let second = try fixture.book(people[1])
        fixture.context.now = Sample.paris.parse("2027-03-29T18:00")!  // after Friday's booking deadline and Monday's 17:00
        let cancellation = try fixture.store.cancelShuttleBooking(first.id, scope: .coordinator, reason: "test", context: fixture.context)
        #expect(cancellation.late && cancellation.promoted == 0)
        #expect(
            try fixture.store.shuttleBookings(scope: .coordinator, context: fixture.context).first { $0.id == second.id }?.status
                == .waitlisted)
        #expect(
            try fixture.store.shuttleBookings(scope: .coordinator, context: fixture.context).first { $0.id == first.id }?.cancelledLate
                == true)
    }

    @Test func threeNoShowsInSixMonthsWarnAtTheNextBooking() throws {
        var fixture = try ShuttleFixture()
        let person = try fixture.residents(1)[0]
        for day in ["2026-12-08", "2027-01-12", "2027-02-09"] {
            fixture.context.now = Sample.paris.parse("\(day)T06:00")!.addingTimeInterval(-7 * 86_400)
            let stops = try ShuttleStopText.list(["07:30 Gex, Parking"], field: "--stop", territory: .paysDeGex)
            let run = try fixture.store.addShuttleRun(
                ShuttleRunForm(
                    label: "N", day: Sample.paris.parse(day)!, stops: stops, arrivalMinute: nil, returnMinute: 690,
                    vehicle: ShuttleVehicle(), destination: "CH", ccasQuota: nil), context: fixture.context)
            let booking = try fixture.store.bookShuttle(
                ShuttleBookingRequest(run: run, participant: person, stop: "1"), scope: .coordinator, context: fixture.context)
            fixture.context.now = Sample.paris.parse("\(day)T12:00")!
            #expect(
                try fixture.store.settleShuttleBookings([booking.id], run: nil, as: .noShow, scope: .coordinator, context: fixture.context)
                    == 1)
        }
        fixture.context.now = Sample.paris.parse("2027-03-01T10:00")!
        let outcome = try fixture.book(person)
        #expect(outcome.status == .confirmed)
        #expect(outcome.warning?.contains("3 times") == true)
    }
}

@Suite struct ShuttleCalendarSyncTests {
    func transportEvent(capacity: Int = 8, occurrences: [CalendarOccurrence]) -> CampaignEvent {
        CampaignEvent(
            uid: "navette@test", summary: "Navette EPS", description: nil, location: "Parking de l'agglo", categories: [.transport],
            labels: [],
            commune: "01173", neighbourhood: nil, capacity: capacity, professionals: 0, actionSheets: [7, 11], audience: nil,
            status: .confirmed,
            sequence: 0, timeZone: "Europe/Paris", allDay: false, alarms: [], occurrences: occurrences)
    }

    @Test func aPromotionNoticeStillWaitingSurvivesARunMovedInTheCalendar() throws {
        let fixture = try ShuttleFixture()
        let content = { (occurrences: [CalendarOccurrence]) in
            CampaignCalendarContent(
                campaign: Campaign(id: "navettes", name: "Navettes"), events: [self.transportEvent(capacity: 1, occurrences: occurrences)])
        }
        try fixture.store.load(
            content([Sample.occurrence("a", "2027-03-23T07:30", minutes: 330)]), sourceFile: "n.ics", now: fixture.context.now)
        try fixture.store.syncShuttleRuns(context: fixture.context)
        let run = try #require(
            try fixture.store.shuttleRuns(from: nil, to: nil, scope: .coordinator, context: fixture.context).first { $0.occurrence != nil })
        let people = try fixture.residents(2)
        let first = try fixture.store.bookShuttle(
            ShuttleBookingRequest(run: run.id, participant: people[0], stop: "1"), scope: .coordinator, context: fixture.context)
        let second = try fixture.store.bookShuttle(
            ShuttleBookingRequest(run: run.id, participant: people[1], stop: "1"), scope: .coordinator, context: fixture.context)
        _ = try fixture.store.cancelShuttleBooking(first.id, scope: .coordinator, reason: "t", context: fixture.context)
        let promoted = "SELECT count(*) AS n FROM outbox WHERE booking = ? AND kind = 'shuttle-promoted' AND state = 'queued'"
        #expect(try fixture.count(promoted, [.integer(second.id)]) == 1)
        try fixture.store.load(
            content([Sample.occurrence("a", "2027-03-23T08:00", minutes: 330)]), sourceFile: "n.ics", now: fixture.context.now)
        #expect(try fixture.store.syncShuttleRuns(context: fixture.context).moved == 1)
        #expect(try fixture.count(promoted, [.integer(second.id)]) == 1)
    }

    @Test func runsFollowTheirOccurrenceWhenTheCalendarMovesOrCancelsIt() throws {
        let fixture = try ShuttleFixture()
        let content = { (occurrences: [CalendarOccurrence]) in
            CampaignCalendarContent(
                campaign: Campaign(id: "navettes", name: "Navettes"), events: [self.transportEvent(occurrences: occurrences)])
        }
        try fixture.store.load(
            content([Sample.occurrence("a", "2027-03-23T07:30", minutes: 330)]), sourceFile: "n.ics", now: fixture.context.now)
        #expect(try fixture.store.syncShuttleRuns(context: fixture.context).added == 1)
        let run = try #require(
            try fixture.store.shuttleRuns(from: nil, to: nil, scope: .coordinator, context: fixture.context).first { $0.occurrence != nil })
        #expect(Sample.paris.short(run.arrival) == "2027-03-23 09:00" && Sample.paris.short(run.returnDeparture) == "2027-03-23 11:30")
        let person = try fixture.residents(1)[0]
        let booking = try fixture.store.bookShuttle(
            ShuttleBookingRequest(run: run.id, participant: person, stop: "1"), scope: .coordinator, context: fixture.context)

        try fixture.store.load(
            content([Sample.occurrence("a", "2027-03-23T08:00", minutes: 330)]), sourceFile: "n.ics", now: fixture.context.now)
        #expect(try fixture.store.syncShuttleRuns(context: fixture.context).moved == 1)
        let moved = try #require(try fixture.store.shuttleRun(run.id, scope: .coordinator, context: fixture.context))
        #expect(Sample.paris.short(moved.stops[0].pickup) == "2027-03-23 08:00" && Sample.paris.short(moved.arrival) == "2027-03-23 09:30")
        #expect(
            try fixture.count(
                "SELECT count(*) AS n FROM outbox WHERE booking = ? AND kind = 'shuttle-reminder' AND state = 'queued'",
                [.integer(booking.id)]) == 1)

        try fixture.store.load(
            content([Sample.occurrence("a", "2027-03-23T08:00", minutes: 330, status: .cancelled)]), sourceFile: "n.ics",
            now: fixture.context.now)
        #expect(try fixture.store.syncShuttleRuns(context: fixture.context).cancelled == 1)
        #expect(try fixture.store.shuttleRun(run.id, scope: .coordinator, context: fixture.context)?.status == "cancelled")
        #expect(
            try fixture.count("SELECT count(*) AS n FROM outbox WHERE booking = ? AND kind = 'shuttle-cancelled'", [.integer(booking.id)])
                == 1)
        #expect(
            try fixture.count(
                "SELECT count(*) AS n FROM outbox WHERE booking = ? AND kind = 'shuttle-reminder' AND state = 'queued'",
                [.integer(booking.id)]) == 0)
        #expect(try fixture.store.syncShuttleRuns(context: fixture.context) == ShuttleSyncSummary())
    }

    @Test func aSenderClaimsAShuttleReminderWithItsStopAndTimes() throws {
        let fixture = try ShuttleFixture()
        let person = try fixture.residents(1, of: "Cessy")[0]
        _ = try fixture.book(person, stop: "Cessy")
        // Due on Saturday 27 March at 19:59 (the day before the pickup is Easter Monday).
        let claimed = try fixture.store.claimDue(
            now: Sample.paris.parse("2027-03-27T19:59")!, limit: 10, owner: "test:1", lease: 60, policy: ReminderPolicy(),
            calendar: Sample.paris.calendar)
        let message = try #require(claimed.first)
        #expect(message.kind == .shuttleReminder && message.location == "Mairie, Cessy")
        #expect(Sample.paris.short(message.start) == "2027-03-30 07:45")
        #expect(message.shuttle?.destination == "CH Fleyriat" && message.shuttle?.fareCents == 600)
    }

    @Test func aDatabaseOfSchemaThreeKeepsItsOutboxWhenUpgraded() throws {
        let file = TemporaryDatabase()
        // A database as a relais of schema 3 left it, with one message in the old outbox.
        try file.makeSchema(
            3,
            then: """
                INSERT INTO campaign VALUES ('c', 'C', 'c.ics', 0);
                INSERT INTO event (uid, campaign, summary, categories, status, time_zone, all_day) VALUES ('e', 'c', 'E', 'screening', 'confirmed', 'UTC', 0);
                INSERT INTO occurrence (id, event, recurrence_key, starts_at, ends_at, status) VALUES (1, 'e', '', 100, 200, 'scheduled');
                INSERT INTO outbox (key, kind, channel, occurrence, occurrence_version, state, due_at, not_after, created_at, updated_at)
                    VALUES ('reminder:r1:a0:sms:v1', 'reminder', 'sms', 1, 1, 'queued', 50, 100, 0, 0);
                """)
        let store = try file.open()
        #expect(try store.outbox().map(\.key) == ["reminder:r1:a0:sms:v1"])
        #expect(try store.database.row("SELECT max(version) AS n FROM schema_migration")?.int("n") == Migrations.steps.count)
    }
}
