// OutboxClaim: the claim's verdict for each due message on plain values (the diagram at the top of
// OutboxClaim.swift), and where a batch closes.

import Foundation
import Testing

@testable import RelaisCore

@Suite struct OutboxClaimTests {
    let paris = LocalTime.paris
    let policy = ReminderPolicy()

    func at(_ text: String) -> Date { paris.parse(text)! }

    /// A reminder due by e-mail for an event on Tuesday 30 March 2027 at 10:00, ready to go.
    func due(_ id: Int64, _ channel: Channel = .email, attempts: Int = 0, interrupted: Int = 0) -> DueMessage {
        DueMessage(
            id: id, channel: channel, kind: .reminder, hasRecipient: true, consented: true, optedOut: false,
            deadline: at("2027-03-30T10:00"), attempts: attempts, interrupted: interrupted, subject: MessageSubjectFacts(registration: .confirmed))
    }

    func verdict(_ message: DueMessage, now: String = "2027-03-29T10:00") -> ClaimVerdict {
        OutboxClaim.verdict(for: message, now: at(now), policy: policy, calendar: paris.calendar)
    }

    func decide(_ messages: [DueMessage], limit: Int) -> [ClaimVerdict] {
        OutboxClaim.decide(messages, now: at("2027-03-29T10:00"), limit: limit, policy: policy, calendar: paris.calendar)
    }

    @Test func aMessageReadyInItsHoursIsSent() {
        #expect(verdict(due(1)) == .send)
    }

    @Test func whoCannotOrWillNotReceiveItIsSettledFirst() {
        var forgotten = due(1)
        forgotten.hasRecipient = false
        forgotten.optedOut = true
        #expect(verdict(forgotten) == .settle(.cancelled, reason: "the person was forgotten or has no address"))
        var optedOut = due(2)
        optedOut.optedOut = true
        #expect(verdict(optedOut) == .settle(.cancelled, reason: "opted out"))
        var withdrawn = due(3)
        withdrawn.consented = false
        #expect(verdict(withdrawn) == .settle(.cancelled, reason: "opted out"))
    }

    @Test func pastItsDeadlineItIsDroppedOrFailedOnceTried() {
        #expect(verdict(due(1), now: "2027-03-30T10:00") == .settle(.dropped, reason: "the event started before it could be sent"))
        #expect(
            verdict(due(2, attempts: 1), now: "2027-03-30T11:00") == .settle(.failed, reason: "the event started before it could be sent"))
    }

    @Test func aStaleSubjectOrAnUnknownKindIsNotSent() {
        var cancelled = due(1)
        cancelled.subject = MessageSubjectFacts(occurrenceCancelled: true, registration: .confirmed)
        #expect(verdict(cancelled) == .settle(.cancelled, reason: "occurrence cancelled"))
        var unknown = due(2)
        unknown.kind = nil
        #expect(verdict(unknown) == .settle(.failed, reason: "a kind this relais does not know"))
    }

    @Test func outsideItsWindowItWaitsOrCannotGo() {
        // Friday 26 March 22:00: SMS hours are 08:00-20:00, so Saturday 08:00.
        guard case .wait(let until, let note) = verdict(due(1, .sms), now: "2027-03-26T22:00") else {
            Issue.record("an SMS at 22:00 should wait")
            return
        }
        #expect(until == at("2027-03-27T08:00"))
        #expect(note.hasPrefix("outside sms hours 08:00-20:00, not on Sundays or public holidays: waits until"), "\(note)")
        // Easter Sunday noon, event on Monday: no SMS time before it.
        var monday = due(2, .sms)
        monday.deadline = at("2027-03-29T10:00")
        guard case .settle(.dropped, let reason) = verdict(monday, now: "2027-03-28T12:00") else {
            Issue.record("no allowed time: dropped")
            return
        }
        #expect(reason.hasPrefix("no allowed time before its deadline"))
    }

    @Test func aBatchHoldsAtMostLimitSendsAndTheSettledRowsBetween() {
        var optedOut = due(2)
        optedOut.optedOut = true
        let verdicts = decide([due(1), optedOut, due(3), due(4), due(5)], limit: 3)
        #expect(verdicts == [.send, .settle(.cancelled, reason: "opted out"), .send, .send])
    }

    @Test func aMessageInterruptedOnceGoesInABatchOfItsOwn() {
        // After others: the batch closes before it, the next claim takes it first...
        #expect(decide([due(1), due(2, attempts: 1, interrupted: 1), due(3)], limit: 64) == [.send])
        // ...and alone.
        #expect(decide([due(2, attempts: 1, interrupted: 1), due(3)], limit: 64) == [.send])
        // A settled row before it does not count as a send.
        var optedOut = due(1)
        optedOut.optedOut = true
        #expect(decide([optedOut, due(2, interrupted: 1), due(3)], limit: 64) == [.settle(.cancelled, reason: "opted out"), .send])
    }
}
