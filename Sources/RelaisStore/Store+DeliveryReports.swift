// Store+DeliveryReports: what the SMS gateway says happened to each SMS after it accepted it
// (Kannel's delivery reports, through relais serve's /gateway/<secret>/dlr callback).
//
// A report names the outbox row by its key (added to the dlr-url by KannelTransport). Reports may
// arrive out of order: a final one (delivered, failed) is never replaced by a later intermediate
// one (buffered, accepted), which the UPDATE's WHERE clause guarantees.

import Foundation
import RelaisCore

/// What a delivery report says about an SMS.
public enum DeliveryState: String, Sendable, Equatable, CaseIterable {
    /// Queued on the operator's side (Kannel code 4).
    case buffered
    /// Accepted by the operator's SMSC (code 8).
    case accepted
    /// Delivered to the phone (code 1).
    case delivered
    /// Not delivered to the phone, or refused by the SMSC (codes 2 and 16).
    case failed

    /// The state a Kannel DLR type (`%d`) means, or nil for a code Kannel does not define.
    public init?(kannelCode code: Int) {
        switch code {
        case 1: self = .delivered
        case 2, 16: self = .failed
        case 4: self = .buffered
        case 8: self = .accepted
        default: return nil
        }
    }

    /// True for a state no later report changes.
    public var isFinal: Bool { self == .delivered || self == .failed }
}

/// The latest delivery report of one outbox row.
public struct DeliveryReport: Sendable, Equatable {
    public var state: DeliveryState
    /// The gateway's code, as it sent it (Kannel's DLR type).
    public var code: Int
    public var receivedAt: Date
}

extension Store {
    /// Records a delivery report for the SMS whose outbox key is `key`. Returns false when no SMS
    /// has that key (a report for a pruned row, or a forged one).
    @discardableResult
    public func recordDeliveryReport(key: String, state: DeliveryState, code: Int, now: Date) throws -> Bool {
        try database.write { database in
            guard try database.row("SELECT 1 AS found FROM outbox WHERE key = ? AND channel = 'sms'", [.text(key)]) != nil else {
                return false
            }
            try database.run(
                """
                UPDATE outbox SET delivery = ?1, delivery_code = ?2, delivery_at = ?3
                WHERE key = ?4 AND channel = 'sms' AND (?5 = 1 OR delivery IS NULL OR delivery NOT IN ('delivered', 'failed'))
                """, [.text(state.rawValue), .int(code), .date(now), .text(key), .int(state.isFinal ? 1 : 0)])
            return true
        }
    }

    /// The latest delivery report of each of the outbox rows `ids` that has one.
    public func deliveryReports(ids: [Int64]) throws -> [Int64: DeliveryReport] {
        guard !ids.isEmpty else { return [:] }
        let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
        var reports: [Int64: DeliveryReport] = [:]
        for row in try database.rows(
            """
            SELECT id, delivery, delivery_code, delivery_at FROM outbox
            WHERE delivery IS NOT NULL AND id IN (SELECT value FROM json_each(?))
            """, [.text(list)])
        {
            guard let id = row.int64("id"), let state = row.string("delivery").flatMap(DeliveryState.init(rawValue:)),
                let code = row.int("delivery_code"), let at = row.date("delivery_at")
            else { continue }
            reports[id] = DeliveryReport(state: state, code: code, receivedAt: at)
        }
        return reports
    }
}
