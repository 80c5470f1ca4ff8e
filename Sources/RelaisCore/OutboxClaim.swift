// OutboxClaim: what the claim does with each due message, decided on plain values. The store reads
// the due rows (a snapshot: the person's address, consent and opt-out, the subject's state), this
// says, row by row, in the order of their due time:
//
//   no person or no address on the channel ────────────────────▶ cancelled ("forgotten or no address")
//   no consent, or the address opted out ──────────────────────▶ cancelled ("opted out")
//   its deadline passed ───────────────────────────────────────▶ dropped, or failed once tried
//   its subject changed (cancelled occurrence, registration...) ▶ cancelled (the kind's stale reason)
//   a kind this relais does not know ──────────────────────────▶ failed
//   outside its channel's window (ClaimTiming) ────────────────▶ wait until the next allowed time,
//                                                                 or dropped / failed when none comes
//   otherwise ─────────────────────────────────────────────────▶ send, in this batch
//
// A batch holds at most `limit` messages to send. A message interrupted once already (it may have
// reached the server: Store+Leases) goes in a batch of its own, so that the second interruption,
// which fails it for good, can only ever happen to a message that was really handed over. The rows
// after the batch closes get no verdict: the next claim takes them.

import Foundation

/// One due outbox row, as the claim reads it.
public struct DueMessage: Sendable, Equatable {
    public var id: Int64
    public var channel: Channel
    /// nil: a kind this relais does not know.
    public var kind: MessageKind?
    /// Whether the person is still known and has an address on the channel.
    public var hasRecipient: Bool
    public var consented: Bool
    public var optedOut: Bool
    /// When the message is no longer worth sending: the event's start, or the pickup.
    public var deadline: Date
    /// How many times it was claimed to be sent.
    public var attempts: Int
    /// How many times a sender died while it was in flight.
    public var interrupted: Int
    /// The state of its subject, which its kind reads to tell whether it is stale.
    public var subject: MessageSubjectFacts

    public init(
        id: Int64, channel: Channel, kind: MessageKind?, hasRecipient: Bool, consented: Bool, optedOut: Bool, deadline: Date,
        attempts: Int, interrupted: Int, subject: MessageSubjectFacts
    ) {
        self.id = id
        self.channel = channel
        self.kind = kind
        self.hasRecipient = hasRecipient
        self.consented = consented
        self.optedOut = optedOut
        self.deadline = deadline
        self.attempts = attempts
        self.interrupted = interrupted
        self.subject = subject
    }
}

/// What the claim does with one due message.
public enum ClaimVerdict: Sendable, Equatable {
    /// Leased to the sender, in this batch.
    case send
    /// Not now: due again at `until`; `note` says why ("outside sms hours ...: waits until ...").
    case wait(until: Date, note: String)
    /// Settled without being sent, with the reason kept on the row.
    case settle(OutboxState, reason: String)
}

/// The claim's decisions (the diagram at the top of this file).
public enum OutboxClaim {
    /// The verdicts of `due`'s first rows, in order, up to the end of the batch (at most `limit`
    /// sends); `calendar` gives the local time of the channels' windows.
    public static func decide(
        _ due: [DueMessage], now: Date, limit: Int, policy: ReminderPolicy, calendar: Calendar
    ) -> [ClaimVerdict] {
        var verdicts: [ClaimVerdict] = []
        var sends = 0
        for message in due {
            let verdict = verdict(for: message, now: now, policy: policy, calendar: calendar)
            if verdict == .send {
                let alone = message.interrupted > 0
                if alone && sends > 0 { break }
                verdicts.append(verdict)
                sends += 1
                if alone || sends >= limit { break }
            } else {
                verdicts.append(verdict)
            }
        }
        return verdicts
    }

    /// What becomes of one due message at `now`, batches aside.
    public static func verdict(for message: DueMessage, now: Date, policy: ReminderPolicy, calendar: Calendar) -> ClaimVerdict {
        let unsent: OutboxState = message.attempts > 0 ? .failed : .dropped
        guard message.hasRecipient else { return .settle(.cancelled, reason: "the person was forgotten or has no address") }
        guard message.consented && !message.optedOut else { return .settle(.cancelled, reason: "opted out") }
        guard message.deadline > now else { return .settle(unsent, reason: "the event started before it could be sent") }
        guard let kind = message.kind else { return .settle(.failed, reason: "a kind this relais does not know") }
        if let stale = kind.descriptor.staleReason(of: message.subject) { return .settle(.cancelled, reason: stale) }
        // Worded only for a message that does not go now.
        var hours: String { "\(message.channel.rawValue) hours \(policy.window(for: message.channel).wording)" }
        switch policy.claimDecision(channel: message.channel, now: now, deadline: message.deadline, calendar: calendar) {
        case .send:
            return .send
        case .wait(let until):
            let when = LocalTime(timeZone: calendar.timeZone).short(until)
            return .wait(until: until, note: "outside \(hours): waits until \(when)")
        case .noAllowedTime:
            return .settle(unsent, reason: "no allowed time before its deadline (\(hours))")
        }
    }
}
