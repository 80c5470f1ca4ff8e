// SMSCancelStoreTests: "OUI" to an SMS cancel question takes the request and cancels the
// registration in one transaction (Store+SMSCancel): a failure in the cancelling half leaves the
// registration, the waitlist and the request as they were, so the same "OUI" works once the failure
// is gone; a refusal takes the request and says why.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct SMSCancelStoreTests {
    private func phone(_ fixture: WaitlistFixture, _ index: Int) throws -> String {
        try #require(try fixture.store.database.row("SELECT phone FROM participant WHERE id = ?", [.integer(fixture.people[index])])?
            .string("phone"))
    }

    private func requests(_ fixture: WaitlistFixture) throws -> Int {
        try fixture.count("SELECT count(*) AS n FROM sms_cancel_request")
    }

    @Test func aFailureWhileCancellingLeavesTheRegistrationAndTheRequestAsTheyWereAndOuiWorksAgain() throws {
        let fixture = try WaitlistFixture(capacity: 1, people: 2)
        let first = try fixture.register(0)
        let second = try fixture.register(1)
        let phone = try phone(fixture, 0)
        let asked = try #require(try fixture.store.askSMSCancel(phone: phone, now: Sample.now))
        #expect(asked.registration == first.id)
        // The promoted person's notice cannot be queued: the cancelling half fails after its first writes.
        try fixture.store.database.execute(
            """
            CREATE TEMP TRIGGER no_notice BEFORE INSERT ON main.outbox WHEN NEW.kind = 'registration-promoted'
            BEGIN SELECT RAISE(ABORT, 'test: no notice'); END
            """)
        #expect(throws: DatabaseError.self) { try fixture.store.confirmSMSCancelRegistration(phone: phone, context: fixture.context()) }
        #expect(try fixture.status(first.id) == "confirmed" && fixture.status(second.id) == "waitlisted")
        #expect(try requests(fixture) == 1, "the request is kept: the person may answer OUI again")
        #expect(try fixture.count("SELECT count(*) AS n FROM audit_log WHERE action = 'registration.cancel'") == 0)

        try fixture.store.database.execute("DROP TRIGGER temp.no_notice")
        let outcome = try fixture.store.confirmSMSCancelRegistration(phone: phone, context: fixture.context())
        #expect(outcome == .cancelled(asked, RegistrationCancellation(previousStatus: .confirmed, promoted: [second.id])))
        #expect(try fixture.status(first.id) == "cancelled" && fixture.status(second.id) == "confirmed")
        #expect(try requests(fixture) == 0)
        #expect(try fixture.store.confirmSMSCancelRegistration(phone: phone, context: fixture.context()) == nil, "one OUI cancels once")
    }

    @Test func aRefusedCancellationTakesTheRequestAndSaysWhy() throws {
        let fixture = try WaitlistFixture(capacity: 1, people: 1)
        let first = try fixture.register(0)
        let phone = try phone(fixture, 0)
        let asked = try #require(try fixture.store.askSMSCancel(phone: phone, now: Sample.now))
        _ = try fixture.store.cancelRegistration(first.id, reason: "desk", context: fixture.context())
        let outcome = try fixture.store.confirmSMSCancelRegistration(phone: phone, context: fixture.context())
        #expect(outcome == .refused(asked, Refusal.registration(.registrationCancelled(registration: first.id))))
        #expect(try requests(fixture) == 0)
    }
}
