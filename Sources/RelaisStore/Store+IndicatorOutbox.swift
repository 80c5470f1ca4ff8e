// Store+IndicatorOutbox: what the reports count from the outbox, for `relais report outreach` and FA 7's
// neighbours (Indicators+Outreach.swift, Indicators+SMSSegments.swift). Read-only, inside the read
// transaction of Store.indicatorData.
//
// The outbox itself is not read: outbox_outcome_count (Migrations+ReportCounts.swift) holds, per session,
// kind, channel and state, the messages sent or failed and the SMS segments recorded, kept by triggers
// and not lowered when housekeeping prunes old messages. Its rows for the period's sessions (one seek
// each) give the reminders sent and failed per channel over the sessions held, and the SMS sent and
// their recorded segments per campaign over the sessions that started in the period (cancelled ones
// included: their notices were paid for; an SMS sent before its size was recorded, before migration
// 13, is left out rather than guessed). The registrations reminded are counted with the registrations
// (Store+IndicatorPeople.swift).

import Foundation
import RelaisCore

extension Store {
    /// What the outbox's outcomes give the reports.
    struct OutboxOutcomes {
        /// Per channel, in the order of the channels' codes.
        var reminders: [ReminderTally] = []
        /// Per campaign, in the order of the campaigns' ids.
        var smsSegments: [SMSSegmentTally] = []
    }

    /// Reminders per channel over the sessions held, SMS segments per campaign over the sessions that
    /// started in the period; `arguments` are the period's start, end and campaign (or null). Summed by
    /// SQLite, a row per channel and per campaign, in the order of their codes (BINARY collation).
    func outboxOutcomes(_ arguments: [SQLValue], in database: Database) throws -> OutboxOutcomes {
        var outcomes = OutboxOutcomes()
        try database.forEachRow(Self.remindersOfHeld, arguments) { row in
            // channel, sent, failed
            guard let channel = row.string(0).flatMap(Channel.init(rawValue:)) else { return }
            outcomes.reminders.append(ReminderTally(channel: channel, sent: row.int(1) ?? 0, failed: row.int(2) ?? 0))
        }
        try database.forEachRow(Self.smsSegmentsOfPeriod, arguments) { row in
            // campaign, campaign_name, sms, segments
            outcomes.smsSegments.append(
                SMSSegmentTally(campaign: row.string(0)!, campaignName: row.string(1)!, sms: row.int(2) ?? 0, segments: row.int(3) ?? 0))
        }
        return outcomes
    }

    // MARK: - Queries

    /// Reminders sent and failed per channel over the sessions held (Store.heldSessions; same
    /// arguments), counts fallen to 0 left out: one seek per session held.
    private static let remindersOfHeld = """
        \(heldSessions)
        SELECT x.channel,
            sum(CASE x.state WHEN '\(OutboxState.sent.rawValue)' THEN x.messages ELSE 0 END) AS sent,
            sum(CASE x.state WHEN '\(OutboxState.failed.rawValue)' THEN x.messages ELSE 0 END) AS failed
        FROM outbox_outcome_count x
        WHERE x.messages > 0 AND x.kind = '\(MessageKind.reminder.rawValue)' AND x.occurrence IN (SELECT id FROM held)
        GROUP BY x.channel ORDER BY x.channel
        """

    /// SMS sent with their size recorded, and their segments, per campaign over the sessions that
    /// started in the period, cancelled or not: ?1 start, ?2 end (exclusive), ?3 the campaign or NULL for all.
    private static let smsSegmentsOfPeriod = """
        SELECT e.campaign, c.name AS campaign_name, sum(x.sized) AS sms, sum(x.segments) AS segments
        FROM occurrence o JOIN event e ON e.uid = o.event JOIN campaign c ON c.id = e.campaign
        JOIN outbox_outcome_count x ON x.occurrence = o.id
        WHERE o.starts_at >= ?1 AND o.starts_at < ?2 AND (?3 IS NULL OR e.campaign = ?3)
            AND x.channel = '\(Channel.sms.rawValue)' AND x.state = '\(OutboxState.sent.rawValue)' AND x.messages > 0 AND x.sized > 0
        GROUP BY e.campaign ORDER BY e.campaign
        """
}
