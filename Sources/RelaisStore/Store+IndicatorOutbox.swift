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

    /// Reminders per channel over the `held` sessions, SMS segments per campaign over the sessions that
    /// started in the period; `arguments` are the period's start, end and campaign (or null).
    func outboxOutcomes(held: [Int: String], _ arguments: [SQLValue], in database: Database) throws -> OutboxOutcomes {
        var campaignOf: [Int: String] = [:]
        var campaignNames: [String: String] = [:]
        try database.forEachRow(Self.periodSessions, arguments) { row in
            // id, campaign, campaign_name
            let campaign = row.string(1)!
            campaignOf[row.integer(0)] = campaign
            campaignNames[campaign] = row.string(2)!
        }
        var sent: [String: Int] = [:]
        var failed: [String: Int] = [:]
        var sms: [String: (count: Int, segments: Int)] = [:]
        try database.forEachRow(Self.outcomesOfPeriod, arguments) { row in
            // occurrence, kind, channel, state, n, sized, segments
            guard let occurrence = row.int(0), let channel = row.string(2), let state = row.string(3) else { return }
            let count = row.int(4) ?? 0
            if held[occurrence] != nil, row.string(1) == MessageKind.reminder.rawValue {
                sent[channel, default: 0] += state == "sent" ? count : 0
                failed[channel, default: 0] += state == "failed" ? count : 0
            }
            let sized = row.int(5) ?? 0
            if channel == Channel.sms.rawValue, state == "sent", sized > 0, let campaign = campaignOf[occurrence] {
                let tally = sms[campaign] ?? (0, 0)
                sms[campaign] = (tally.count + sized, tally.segments + (row.int(6) ?? 0))
            }
        }
        var outcomes = OutboxOutcomes()
        outcomes.reminders = Self.byteOrder(sent.keys).compactMap { code in
            Channel(rawValue: code).map { ReminderTally(channel: $0, sent: sent[code] ?? 0, failed: failed[code] ?? 0) }
        }
        outcomes.smsSegments = Self.byteOrder(sms.keys).map { campaign in
            SMSSegmentTally(
                campaign: campaign, campaignName: campaignNames[campaign]!, sms: sms[campaign]!.count, segments: sms[campaign]!.segments)
        }
        return outcomes
    }

    /// Texts in the order SQLite's BINARY collation sorts them (their UTF-8 bytes), as ORDER BY did.
    private static func byteOrder(_ texts: some Collection<String>) -> [String] {
        texts.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    // MARK: - Queries

    /// The sessions that started in the period, cancelled or not, with their campaign: ?1 start, ?2 end
    /// (exclusive), ?3 the campaign or NULL for all.
    private static let periodSessions = """
        SELECT o.id, e.campaign, c.name AS campaign_name
        FROM occurrence o JOIN event e ON e.uid = o.event JOIN campaign c ON c.id = e.campaign
        WHERE o.starts_at >= ?1 AND o.starts_at < ?2 AND (?3 IS NULL OR e.campaign = ?3)
        """

    /// Messages sent or failed per session of the period, kind, channel and state, with the SMS segments
    /// recorded (counts fallen to 0 left out). Same arguments.
    private static let outcomesOfPeriod = """
        SELECT x.occurrence, x.kind, x.channel, x.state, x.messages, x.sized, x.segments
        FROM outbox_outcome_count x
        WHERE x.messages > 0 AND x.occurrence IN (
            SELECT o.id FROM occurrence o JOIN event e ON e.uid = o.event
            WHERE o.starts_at >= ?1 AND o.starts_at < ?2 AND (?3 IS NULL OR e.campaign = ?3))
        """
}
