// The size of each SMS as written (migration 13, Store+SMSSize.swift): recorded only by the sender
// holding it, only on SMS rows, encoding and segments together; the schema refuses anything else.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct SMSSizeStoreTests {
    /// A store with one SMS reminder claimed by "test:1" (a session on Friday 26 March 2027 at 14:00,
    /// the reminder claimed on Thursday 25 at 14:00) and an e-mail row copied from it.
    func claimedReminder() throws -> (store: Store, sms: Int64, email: Int64, database: TemporaryDatabase) {
        let database = TemporaryDatabase()
        let store = try database.open()
        try store.load(
            Sample.campaign([Sample.event("a@relais", occurrences: [Sample.occurrence("", "2027-03-26T14:00")])]), sourceFile: "m.ics",
            now: Sample.now)
        let occurrence = try #require(try store.occurrences(OccurrenceFilter()).first?.id)
        let person = try store.add([Sample.person()], now: Sample.now)[0]
        _ = try store.register(participant: person, occurrence: occurrence, source: "t", now: Sample.now, calendar: Sample.paris.calendar)
        try store.database.run(
            """
            INSERT INTO outbox (key, kind, channel, registration, participant, occurrence, occurrence_version, state, due_at,
                not_after, created_at, updated_at)
            SELECT 'email:' || key, kind, 'email', registration, participant, occurrence, occurrence_version, 'queued', due_at,
                not_after, created_at, updated_at
            FROM outbox WHERE channel = 'sms'
            """)
        let claimed = try store.claimDue(
            now: Sample.paris.parse("2027-03-25T14:00")!, limit: 10, owner: "test:1", lease: 60, policy: ReminderPolicy(),
            calendar: Sample.paris.calendar)
        let sms = try #require(claimed.first { $0.channel == .sms }?.id)
        let email = try #require(try store.database.row("SELECT id FROM outbox WHERE channel = 'email'")?.int64("id"))
        return (store, sms, email, database)
    }

    @Test func theSenderHoldingAnSMSRecordsItsSize() throws {
        let (store, sms, email, _) = try claimedReminder()
        #expect(try store.smsSizes(ids: [sms, email]).isEmpty, "nothing written yet")
        #expect(try !store.recordSMSSize(sms, owner: "test:2", size: SMSSize(encoding: .gsm7, segments: 2)), "another sender's lease")
        #expect(try store.recordSMSSize(sms, owner: "test:1", size: SMSSize(encoding: .gsm7, segments: 2)))
        #expect(try !store.recordSMSSize(email, owner: "test:1", size: SMSSize(encoding: .gsm7, segments: 1)), "not an SMS")
        #expect(try store.smsSizes(ids: [sms, email]) == [sms: SMSSize(encoding: .gsm7, segments: 2)])
    }

    @Test func theSchemaRefusesASizeOnAnEmailOrHalfASize() throws {
        let (store, sms, email, _) = try claimedReminder()
        for (sql, id) in [
            ("UPDATE outbox SET sms_encoding = 'gsm-7', sms_segments = 1 WHERE id = ?", email),
            ("UPDATE outbox SET sms_encoding = 'gsm-7' WHERE id = ?", sms),
            ("UPDATE outbox SET sms_segments = 1 WHERE id = ?", sms),
            ("UPDATE outbox SET sms_encoding = 'gsm-7', sms_segments = 0 WHERE id = ?", sms),
            ("UPDATE outbox SET sms_encoding = 'latin-1', sms_segments = 1 WHERE id = ?", sms),
        ] {
            #expect(throws: (any Error).self, "\(sql)") { try store.database.run(sql, [.integer(id)]) }
        }
        #expect(try store.smsSizes(ids: [sms, email]).isEmpty)
    }
}
