// OutboxMessageJSON: a message of the outbox as an operator sees it (`relais outbox list --json`):
// no name, no address.

import Foundation
import RelaisCore
import RelaisStore

/// A message planned, sent, deferred, failed, cancelled or dropped.
public struct OutboxMessageJSON: Codable, Sendable, Equatable {
    public var id: Int64
    /// Its idempotency key (the Message-ID's left part, the SMS gateway's reference).
    public var key: String
    /// `reminder`, `shuttle-reminder`, `shuttle-promoted`...
    public var kind: String
    /// `sms` or `email`.
    public var channel: String
    /// `queued`, `sending`, `sent`, `deferred`, `failed`, `cancelled` or `dropped`.
    public var state: String
    public var due: String
    public var attempts: Int
    public var occurrence: Int64
    /// Why it was deferred, failed, cancelled or dropped.
    @Nullable public var reason: String?
    /// The gateway's or the mail server's reply.
    @Nullable public var reply: String?
    @Nullable public var sentAt: String?
    /// The SMS gateway's delivery report, when one came.
    @Nullable public var delivery: DeliveryJSON?
    /// An SMS's encoding as written for sending, `gsm-7` or `ucs-2`; null before then and for e-mail.
    @Nullable public var encoding: String?
    /// An SMS's segments as written for sending; null before then and for e-mail.
    @Nullable public var segments: Int?

    enum CodingKeys: String, CodingKey {
        case id, key, kind, channel, state, due, attempts, occurrence, reason, reply
        case sentAt = "sent_at"
        case delivery, encoding, segments
    }

    public init(_ message: OutboxListing, delivery: DeliveryReport?, size: SMSSize? = nil, localTime: LocalTime) {
        id = message.id
        key = message.key
        kind = message.kind
        channel = message.channel
        state = message.state
        due = localTime.iso8601(message.due)
        attempts = message.attempts
        occurrence = message.occurrence
        reason = message.reason
        reply = message.reply
        sentAt = message.sentAt.map(localTime.iso8601)
        self.delivery = delivery.map { DeliveryJSON($0, localTime: localTime) }
        encoding = size?.encoding.rawValue
        segments = size?.segments
    }
}

/// An SMS delivery report.
public struct DeliveryJSON: Codable, Sendable, Equatable {
    /// `delivered`, `failed`...
    public var state: String
    /// The gateway's code, as it sent it (Kannel's DLR type).
    public var code: Int
    public var at: String

    public init(_ report: DeliveryReport, localTime: LocalTime) {
        state = report.state.rawValue
        code = report.code
        at = localTime.iso8601(report.receivedAt)
    }
}
