// Store+OptOut: a person's "stop" honoured at once, by address: every participant with that
// phone or e-mail loses consent on that channel, and what was waiting for them is cancelled.

import Foundation
import RelaisCore

/// What an opt-out changed.
public struct OptOutSummary: Sendable, Equatable {
    public var participants: Int
    public var messagesCancelled: Int
    /// True when the address had opted out on that channel before (nothing new to confirm).
    public var wasAlreadyOptedOut = false
}

extension Store {
    /// Records that `address` (an E.164 number or an e-mail address) wants no more messages on
    /// `channel`, with the date and where the request came from.
    public func optOut(address: String, channel: Channel, source: String, now: Date) throws -> OptOutSummary {
        try database.write { database in
            let already = try isOptedOut(address, channel: channel, in: database)
            // E-mail addresses are kept and matched in lower case (see isOptedOut).
            let key = channel == .email ? address.lowercased() : address
            try database.run(
                "INSERT OR REPLACE INTO opt_out (address, channel, recorded_at, source) VALUES (?, ?, ?, ?)",
                [.text(key), .text(channel.rawValue), .date(now), .text(source)])
            let match = channel == .sms ? "phone = ?" : "lower(email) = ?"
            let people = try database.rows("SELECT id FROM participant WHERE \(match)", [.text(key)]).compactMap { $0.int64("id") }
            var cancelled = 0
            for person in people {
                try database.run(
                    """
                    INSERT INTO consent (participant, channel, granted, recorded_at, source) VALUES (?1, ?2, 0, ?3, ?4)
                    ON CONFLICT (participant, channel) DO UPDATE SET granted = 0, recorded_at = ?3, source = ?4
                    """, [.integer(person), .text(channel.rawValue), .date(now), .text(source)])
                cancelled += try database.run(
                    """
                    UPDATE outbox SET state = 'cancelled', reason = 'opted out', updated_at = ?
                    WHERE participant = ? AND channel = ? AND state IN (\(Self.sqlList(OutboxState.waiting)))
                    """, [.date(now), .integer(person), .text(channel.rawValue)])
            }
            return OptOutSummary(participants: people.count, messagesCancelled: cancelled, wasAlreadyOptedOut: already)
        }
    }
}
