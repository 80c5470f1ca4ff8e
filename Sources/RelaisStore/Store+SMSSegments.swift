// Store+SMSSegments: the SMS sent about the sessions of a report's period and their recorded
// segments, per campaign, for `relais report outreach` (Indicators+SMSSegments.swift). Sessions are
// taken by their start in the period, cancelled ones included (their notices were paid for); an SMS
// sent before its size was recorded (before migration 13) is left out rather than guessed. Read from
// the outbox_outcome index (Migrations+Reports.swift), never the outbox's rows: the repeated state
// term is what lets SQLite use that partial index (its WHERE must appear in the query's).

import Foundation
import RelaisCore

extension Store {
    /// SMS sent and segments per campaign; `arguments` are the period's start, end and campaign (or null).
    func smsSegments(_ arguments: [SQLValue], in database: Database) throws -> [SMSSegmentTally] {
        try database.rows(
            """
            SELECT e.campaign, c.name AS campaign_name, count(*) AS sms, sum(x.sms_segments) AS segments
            FROM outbox x INDEXED BY outbox_outcome JOIN occurrence o ON o.id = x.occurrence JOIN event e ON e.uid = o.event
                JOIN campaign c ON c.id = e.campaign
            WHERE x.channel = 'sms' AND x.state = 'sent' AND x.state IN ('sent', 'failed') AND x.sms_segments IS NOT NULL
                AND o.starts_at >= ?1 AND o.starts_at < ?2 AND (?3 IS NULL OR e.campaign = ?3)
            GROUP BY e.campaign ORDER BY e.campaign
            """, arguments
        ).map { row in
            SMSSegmentTally(
                campaign: row.string("campaign")!, campaignName: row.string("campaign_name")!, sms: row.int("sms") ?? 0,
                segments: row.int("segments") ?? 0)
        }
    }
}
