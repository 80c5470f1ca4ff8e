// Store+IndicatorOutbox: what the reports count from the outbox, for `relais report outreach` and FA 7's
// neighbours (Indicators+Outreach.swift, Indicators+SMSSegments.swift). Read-only, inside the read
// transaction of Store.indicatorData.
//
// The outbox itself is not read: outbox_outcome_count (Migrations+ReportCounts.swift) holds, per session,
// kind, channel and state, the messages sent or failed and the SMS segments recorded, kept by triggers
// and not lowered when housekeeping prunes old messages. Its rows between the ids of the period's
// first and last session (Store+IndicatorSessions.swift: a range of its primary key) give the
// reminders sent and failed per channel over the sessions held, and the SMS sent and their recorded
// segments per campaign over the sessions that started in the period (cancelled ones included: their
// notices were paid for; an SMS sent before its size was recorded, before migration 13, is left out
// rather than guessed). The registrations reminded are counted with the registrations
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
    /// started in the period, each in the order of their codes' bytes (as SQLite's BINARY collation).
    func outboxOutcomes(_ period: PeriodSessions, in database: Database) throws -> OutboxOutcomes {
        var reminders: [Channel: ReminderTally] = [:]
        var segments: [String: (sms: Int, segments: Int)] = [:]
        // occurrence, kind, channel, state, messages, sized, segments
        try database.forEachRow(Self.outcomesBetween, period.startedIDs.arguments) { row in
            let occurrence = row.integer(0)
            guard let campaign = period.campaignOfStarted[occurrence],
                let channel = row.string(2).flatMap(Channel.init(rawValue:)),
                let state = row.string(3).flatMap(OutboxState.init(rawValue:))
            else { return }
            let messages = row.integer(4)
            if period.eventOfHeld[occurrence] != nil && row.string(1) == MessageKind.reminder.rawValue {
                var tally = reminders[channel] ?? ReminderTally(channel: channel, sent: 0, failed: 0)
                if state == .sent { tally.sent += messages }
                if state == .failed { tally.failed += messages }
                reminders[channel] = tally
            }
            let sized = row.integer(5)
            if channel == .sms && state == .sent && sized > 0 {
                segments[campaign, default: (0, 0)].sms += sized
                segments[campaign, default: (0, 0)].segments += row.integer(6)
            }
        }
        var outcomes = OutboxOutcomes()
        outcomes.reminders = reminders.values.sorted { Self.bytesOrder($0.channel.rawValue, $1.channel.rawValue) }
        // A campaign's name from its row (Store.campaignName), on this read's connection: a few campaigns.
        outcomes.smsSegments = try segments.keys.sorted(by: Self.bytesOrder).compactMap { campaign in
            let tally = segments[campaign]!
            return try campaignName(campaign).map { SMSSegmentTally(campaign: campaign, campaignName: $0, sms: tally.sms, segments: tally.segments) }
        }
        return outcomes
    }

    /// Whether `left` comes before `right` byte by byte, as SQLite's BINARY collation orders them.
    private static func bytesOrder(_ left: String, _ right: String) -> Bool {
        left.utf8.lexicographicallyPrecedes(right.utf8)
    }

    // MARK: - Queries

    /// The outcomes counted per session, kind, channel and state (counts fallen to 0 left out) of the
    /// sessions from id ?1 to ?2: a range of the primary key.
    private static let outcomesBetween = """
        SELECT x.occurrence, x.kind, x.channel, x.state, x.messages, x.sized, x.segments
        FROM outbox_outcome_count x
        WHERE x.occurrence BETWEEN ?1 AND ?2 AND x.messages > 0
        """
}
