// Store+SMSSize: the size of each SMS as it was written for sending (its encoding and segments),
// recorded by the sender before it hands the text to the gateway, so that a deferred or failed SMS
// shows what it would cost and a sent one what it cost; `relais outbox list --json` shows it.

import Foundation
import RelaisCore

/// The size of one SMS as written: how it is encoded on the air and how many segments it takes.
public struct SMSSize: Sendable, Equatable {
    public var encoding: SMSEncoding
    public var segments: Int

    public init(encoding: SMSEncoding, segments: Int) {
        self.encoding = encoding
        self.segments = segments
    }
}

extension Store {
    /// Records the size of the SMS `id` as `owner`, who holds it, has just written it. False when the
    /// lease was lost meanwhile or it is not an SMS (the row is left as it was).
    @discardableResult
    public func recordSMSSize(_ id: Int64, owner: String, size: SMSSize) throws -> Bool {
        try database.write { database in try recordSMSSize(id, owner: owner, size: size, in: database) }
    }

    /// The same, inside the caller's transaction (recordOutcomes records a batch's sizes with its outcomes).
    @discardableResult
    func recordSMSSize(_ id: Int64, owner: String, size: SMSSize, in database: Database) throws -> Bool {
        try database.run(
            """
            UPDATE outbox SET sms_encoding = ?1, sms_segments = ?2
            WHERE id = ?3 AND channel = 'sms' AND state = 'sending' AND lease_owner = ?4
            """, [.text(size.encoding.rawValue), .int(size.segments), .integer(id), .text(owner)]) == 1
    }

    /// The recorded size of each SMS among `ids` that has been written for sending.
    public func smsSizes(ids: [Int64]) throws -> [Int64: SMSSize] {
        guard !ids.isEmpty else { return [:] }
        let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
        var sizes: [Int64: SMSSize] = [:]
        for row in try database.rows(
            """
            SELECT id, sms_encoding, sms_segments FROM outbox
            WHERE sms_encoding IS NOT NULL AND id IN (SELECT value FROM json_each(?))
            """, [.text(list)])
        {
            guard let id = row.int64("id"), let encoding = row.string("sms_encoding").flatMap(SMSEncoding.init(rawValue:)),
                let segments = row.int("sms_segments")
            else { continue }
            sizes[id] = SMSSize(encoding: encoding, segments: segments)
        }
        return sizes
    }
}
