// Residents in the store, on real SQLite files: duplicates refused in the transaction that would
// add them (named to those who may see them, only "another commune" to others), an edit judged by
// the core against the record read in its transaction, consent withdrawn cancelling what waits on
// that channel, and the coordinator's promotion of a waitlisted booking after the deadline.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct ResidentDuplicateStoreTests {
    func person(_ name: String, phone: String? = nil, email: String? = nil, commune: String = "Gex") -> NewParticipant {
        try! ParticipantForm(name: name, phone: phone, email: email, commune: commune).validated(
            territory: .paysDeGex, now: Sample.now, calendar: Sample.paris.calendar)
    }

    @Test func aSecondResidentWithTheSamePhoneOrAddressIsRefusedNamingTheFirstAndNothingIsAdded() throws {
        let store = try TemporaryDatabase().open()
        let first = try store.add([person("Jeanne", phone: "06 12 34 56 78", email: "Jeanne.Martin@example.fr")], now: Sample.now)[0]
        let before = try store.participants()
        let phone = #expect(throws: RefusedPerson.self) {
            try store.add([person("Paul"), person("Jean", phone: "+33 6 12 34 56 78")], now: Sample.now)
        }
        #expect(phone == RefusedPerson(index: 1, refusal: .resident(.duplicate(existing: first, sharing: .phone))))
        let email = #expect(throws: RefusedPerson.self) {
            try store.add([person("Jean", email: "jeanne.martin@EXAMPLE.fr")], now: Sample.now)
        }
        #expect(email == RefusedPerson(index: 0, refusal: .resident(.duplicate(existing: first, sharing: .email))))
        #expect(try store.participants() == before)
    }

    @Test func aCCASIsToldOnlyThatAResidentOfAnotherCommuneHasTheNumber() throws {
        let store = try TemporaryDatabase().open()
        let cessy = try store.add([person("Anne", phone: "06 12 34 56 78", commune: "Cessy")], now: Sample.now)[0]
        let asGex = #expect(throws: RefusedPerson.self) {
            try store.add([person("Jean", phone: "0612345678")], now: Sample.now, duplicates: .refuse(viewer: "01173"))
        }
        #expect(asGex?.refusal == .resident(.duplicateInAnotherCommune(sharing: .phone)))
        let asCessy = #expect(throws: RefusedPerson.self) {
            try store.add([person("Jean", phone: "0612345678", commune: "Cessy")], now: Sample.now, duplicates: .refuse(viewer: "01071"))
        }
        #expect(asCessy?.refusal == .resident(.duplicate(existing: cessy, sharing: .phone)))
        // A Gex resident with the same number is there too: the Gex agent is told about them, by id.
        let gex = try store.add([person("Louis", phone: "0612345678")], now: Sample.now, duplicates: .allow)[0]
        let again = #expect(throws: RefusedPerson.self) {
            try store.add([person("Jean", phone: "0612345678")], now: Sample.now, duplicates: .refuse(viewer: "01173"))
        }
        #expect(again?.refusal == .resident(.duplicate(existing: gex, sharing: .phone)))
    }

    @Test func twoLinesOfOneGroupSharingANumberAreRefusedByTheirPlaces() throws {
        let store = try TemporaryDatabase().open()
        let refused = #expect(throws: RefusedPerson.self) {
            try store.add([person("A", phone: "0612345678"), person("B"), person("C", phone: "0612345678")], now: Sample.now)
        }
        #expect(refused?.index == 2 && refused?.sameAs == 0)
        #expect(try store.participants().isEmpty)
        #expect(
            try store.add([person("A", phone: "0612345678"), person("C", phone: "0612345678")], now: Sample.now, duplicates: .allow).count
                == 2)
    }

    @Test func theEmailLookupUsesTheIndexOnLowerEmail() throws {
        let store = try TemporaryDatabase().open()
        let plan = try store.database.rows(
            "EXPLAIN QUERY PLAN SELECT id, commune FROM participant WHERE lower(email) = lower(?1) AND id IS NOT ?2",
            [.text("a@b.fr"), .null])
        #expect(plan.contains { ($0.string("detail") ?? "").contains("participant_by_lower_email") }, "\(plan.map { $0.string("detail") })")
    }
}

@Suite struct ResidentEditStoreTests {
    /// A store with an event on 30 March 2027 and Jeanne (Gex, SMS consent) registered to it, her reminder queued.
    func registered() throws -> (Store, Int64, Int64) {
        let store = try TemporaryDatabase().open()
        try store.load(
            Sample.campaign([Sample.event("a@relais", occurrences: [Sample.occurrence("", "2027-03-30T09:00")])]), sourceFile: "m.ics",
            now: Sample.now)
        let occurrence = try store.occurrences(OccurrenceFilter()).first!.id
        let jeanne = try store.add([Sample.person("Jeanne")], now: Sample.now)[0]
        _ = try store.register(participant: jeanne, occurrence: occurrence, source: "t", now: Sample.now, calendar: Sample.paris.calendar)
        return (store, jeanne, occurrence)
    }

    func edit(
        _ store: Store, _ id: Int64, viewer: Commune? = nil, allowDuplicate: Bool = false, _ form: ResidentEditForm
    ) throws -> ResidentEditOutcome {
        try store.editParticipant(
            id, viewer: viewer?.code, allowDuplicate: allowDuplicate, actor: "agent-gex", now: Sample.now, rules: OutreachRules(),
            calendar: Sample.paris.calendar
        ) { current in
            try form.validated(against: current, viewer: viewer, territory: .paysDeGex, now: Sample.now, calendar: Sample.paris.calendar)
        }
    }

    func queued(_ store: Store, _ id: Int64, _ channel: Channel) throws -> Int {
        try store.database.row(
            "SELECT count(*) AS n FROM outbox WHERE participant = ? AND channel = ? AND state = 'queued' AND kind = 'reminder'",
            [.integer(id), .text(channel.rawValue)]
        )?.int("n") ?? -1
    }

    @Test func withdrawingSMSConsentCancelsWhatWaitsForThatPersonOnlyAndGivingEmailPlansItsReminders() throws {
        let (store, jeanne, occurrence) = try registered()
        // Paul shares Jeanne's phone (a couple): his reminder must stay.
        let paul = try store.add(
            [Sample.person("Jeanne")].map {
                var p = $0
                p.name = "Paul"
                return p
            }, now: Sample.now, duplicates: .allow)[0]
        _ = try store.register(participant: paul, occurrence: occurrence, source: "t", now: Sample.now, calendar: Sample.paris.calendar)
        #expect(try queued(store, jeanne, .sms) == 1 && queued(store, paul, .sms) == 1)

        let outcome = try edit(
            store, jeanne,
            ResidentEditForm(email: "jeanne@example.fr", consents: [.sms: false, .email: true], consentSource: "CCAS desk (agent-gex)"))
        // Her SMS reminder and confirmation are cancelled.
        #expect(outcome == ResidentEditOutcome(changedFields: [.email, .consent], messagesCancelled: 2, remindersPlanned: 1))
        #expect(try queued(store, jeanne, .sms) == 0 && queued(store, jeanne, .email) == 1 && queued(store, paul, .sms) == 1)
        let cancelled = try #require(
            try store.database.row("SELECT reason FROM outbox WHERE participant = ? AND channel = 'sms'", [.integer(jeanne)]))
        #expect(cancelled.string("reason") == "consent withdrawn")
        let consents = try #require(try store.participant(id: jeanne)).consents
        #expect(consents.map(\.channel) == [.email, .sms] && consents.map(\.granted) == [true, false])
        #expect(consents.allSatisfy { $0.source == "CCAS desk (agent-gex)" && $0.recordedAt == Sample.now })
        // The address is not opted out: another person may use it.
        #expect(try store.database.row("SELECT count(*) AS n FROM opt_out")?.int("n") == 0)
        let audit = try store.database.row("SELECT account, action, detail FROM audit_log ORDER BY id DESC LIMIT 1")
        #expect(audit?.string("detail") == "participant=\(jeanne) fields=email,consent email=granted sms=withdrawn")
        #expect(audit?.string("account") == "agent-gex" && audit?.string("action") == "participant.edit")
    }

    @Test func anEditRefusedByTheCoreOrAsADuplicateChangesNothing() throws {
        let (store, jeanne, _) = try registered()
        let other = try store.add([Sample.person("Paul Durand")], now: Sample.now)[0]
        let before = try store.database.rows("SELECT * FROM participant ORDER BY id").map { $0.string("name") ?? "" }
        let phoneOfPaul = try #require(try store.participant(id: other)?.phone)
        let duplicate = #expect(throws: Refusal.self) {
            try edit(store, jeanne, ResidentEditForm(name: "Jeanne M.", phone: phoneOfPaul, consentSource: "x"))
        }
        #expect(duplicate == .resident(.duplicate(existing: other, sharing: .phone)))
        let landline = #expect(throws: Refusal.self) {
            try edit(store, jeanne, ResidentEditForm(phone: "04 50 41 00 00", consentSource: "x"))
        }
        #expect(landline == .resident(.smsNeedsMobile(masked: "+33*******00")))
        #expect(try store.database.rows("SELECT * FROM participant ORDER BY id").map { $0.string("name") ?? "" } == before)
        #expect(try store.participant(id: jeanne)?.phone != phoneOfPaul)
        // Allowed: a real second person.
        _ = try edit(store, jeanne, allowDuplicate: true, ResidentEditForm(phone: phoneOfPaul, consentSource: "x"))
        #expect(try store.participant(id: jeanne)?.phone == phoneOfPaul)
    }

    @Test func aCCASNeitherFindsAnotherCommunesResidentNorMovesItsOwnAway() throws {
        let (store, jeanne, _) = try registered()
        let cessy = Territory.paysDeGex.commune(named: "Cessy")!
        let gex = Territory.paysDeGex.commune(named: "Gex")!
        let notFound = #expect(throws: Refusal.self) {
            try edit(store, jeanne, viewer: cessy, ResidentEditForm(name: "X", consentSource: "x"))
        }
        #expect(notFound == .notFound(.resident, id: String(jeanne)))
        let moved = #expect(throws: Refusal.self) {
            try edit(store, jeanne, viewer: gex, ResidentEditForm(commune: "Cessy", consentSource: "x"))
        }
        #expect(moved == .resident(.communeOutsideScope(commune: "Cessy")))
        #expect(try store.participant(id: jeanne)?.commune == "01173")
        // The coordinator may move her.
        _ = try edit(store, jeanne, ResidentEditForm(commune: "Cessy", consentSource: "x"))
        #expect(try store.participant(id: jeanne)?.commune == "01071")
    }
}

@Suite struct LatePromotionStoreTests {
    @Test func afterTheDeadlineACancellationPromotesNobodyButTheCoordinatorGivesTheSeatAndTheNoticeGoesOnce() throws {
        var fixture = try ShuttleFixture(seats: 1)
        let people = try fixture.residents(3)
        let first = try fixture.book(people[0]).id
        let second = try fixture.book(people[1]).id
        let third = try fixture.book(people[2]).id
        // Saturday 27 March, after Friday's 17:00 deadline: a seat is freed. (Not Monday 29: Easter
        // Monday, no SMS is sent on a public holiday, and Tuesday 08:00 comes after the 07:30 pickup.)
        fixture.context.now = Sample.paris.parse("2027-03-27T10:00")!
        let cancellation = try fixture.store.cancelShuttleBooking(first, scope: .coordinator, reason: "t", context: fixture.context)
        #expect(cancellation.promoted == 0)
        let promotion = try fixture.store.promoteShuttleBooking(third, scope: .coordinator, context: fixture.context)
        #expect(promotion == ShuttlePromotion(booking: third, run: fixture.run, afterDeadline: true, noticeQueued: true))
        #expect(
            try fixture.count("SELECT count(*) AS n FROM shuttle_booking WHERE id = ? AND status = 'confirmed'", [.integer(third)]) == 1)
        let notice = "SELECT count(*) AS n FROM outbox WHERE booking = ? AND kind = 'shuttle-promoted'"
        #expect(try fixture.count(notice, [.integer(third)]) == 1)
        #expect(
            try fixture.count("SELECT count(*) AS n FROM audit_log WHERE action = 'booking.promote' AND detail LIKE '%after_deadline=true'")
                == 1)

        // The seat is taken now: the other waitlisted booking does not fit, and nothing changes.
        let before = try fixture.store.database.rows("SELECT id, status FROM shuttle_booking ORDER BY id").map {
            "\($0.int64("id")!) \($0.string("status")!)"
        }
        let full = #expect(throws: Refusal.self) {
            try fixture.store.promoteShuttleBooking(second, scope: .coordinator, context: fixture.context)
        }
        #expect(full == .shuttle(.noSeatFree(.runFull)))
        let again = #expect(throws: Refusal.self) {
            try fixture.store.promoteShuttleBooking(third, scope: .coordinator, context: fixture.context)
        }
        #expect(again == .shuttle(.notWaitlisted(status: .confirmed)))
        #expect(try fixture.count(notice, [.integer(third)]) == 1)
        let after = try fixture.store.database.rows("SELECT id, status FROM shuttle_booking ORDER BY id").map {
            "\($0.int64("id")!) \($0.string("status")!)"
        }
        #expect(after == before)
    }

    @Test func aBookingOfAnotherCommuneIsNotFoundAndARunThatLeftTakesNoPromotion() throws {
        var fixture = try ShuttleFixture(seats: 1)
        let people = try fixture.residents(2)
        _ = try fixture.book(people[0])
        let waiting = try fixture.book(people[1]).id
        let cessy = ShuttleScope.ccas(Territory.paysDeGex.commune(named: "Cessy")!)
        let hidden = #expect(throws: Refusal.self) {
            try fixture.store.promoteShuttleBooking(waiting, scope: cessy, context: fixture.context)
        }
        #expect(hidden == .notFound(.booking, id: String(waiting)))
        fixture.context.now = Sample.paris.parse("2027-03-30T08:00")!
        let left = #expect(throws: Refusal.self) {
            try fixture.store.promoteShuttleBooking(waiting, scope: .coordinator, context: fixture.context)
        }
        #expect(left == .shuttle(.runLeft))
    }

    @Test func settlingBeforeTheRunLeftOrAWaitlistedBookingIsRefusedWithATypedReason() throws {
        var fixture = try ShuttleFixture(seats: 1)
        let people = try fixture.residents(2)
        let confirmed = try fixture.book(people[0]).id
        let waiting = try fixture.book(people[1]).id
        #expect(throws: Refusal.shuttle(.runNotLeft(run: fixture.run, departure: Sample.paris.parse("2027-03-30T07:30")!))) {
            try fixture.store.settleShuttleBookings([confirmed], run: nil, as: .noShow, scope: .coordinator, context: fixture.context)
        }
        fixture.context.now = Sample.paris.parse("2027-03-30T12:00")!
        #expect(throws: Refusal.shuttle(.notSettleable(booking: waiting, status: .waitlisted))) {
            try fixture.store.settleShuttleBookings([waiting], run: nil, as: .completed, scope: .coordinator, context: fixture.context)
        }
    }
}
