// Indicators+SMSSegments: what the SMS cost, per campaign — the SMS sent about the period's sessions
// (reminders, notices and shuttle messages alike, cancelled sessions included since their notices
// are paid for) and their segments, as recorded when each was written (Store+SMSSize.swift). The
// operator bills segments, not messages: a UCS-2 reminder of 300 characters is five of them. The SMS
// are counts of messages to people, masked like the others, the total related to its rows; a row's
// segments are masked whenever its SMS are, since they would tell them.

import Foundation

/// The SMS sent about one campaign's sessions of the period, and their segments.
public struct SMSSegmentTally: Sendable, Equatable {
    /// The campaign's id.
    public var campaign: String
    public var campaignName: String
    public var sms: Int
    public var segments: Int

    public init(campaign: String, campaignName: String, sms: Int, segments: Int) {
        self.campaign = campaign
        self.campaignName = campaignName
        self.sms = sms
        self.segments = segments
    }
}

extension ReportBuilder {
    /// SMS sent and segments, one row per campaign and a total.
    mutating func smsSegmentsTable() -> ReportTable<IndicatorValue> {
        var rows: [ReportRow<IndicatorValue>] = []
        for tally in data.smsSegments.sorted(by: { $0.campaign < $1.campaign }) {
            let values = smsAndSegments(tally.campaign, tally.sms, tally.segments)
            rows.append(ReportRow(id: tally.campaign, label: tally.campaignName, values: values))
        }
        let total = ReportRow<IndicatorValue>(
            id: "total", label: "Total",
            values: smsAndSegments("all", data.smsSegments.reduce(0) { $0 + $1.sms }, data.smsSegments.reduce(0) { $0 + $1.segments }),
            isTotal: true)
        relateColumns(total: total, rows: rows)
        return ReportTable(
            id: "segments-sms-par-campagne", title: "SMS envoyés et segments facturés, par campagne", rowHeading: "Campagne",
            columns: [ReportColumn(id: "sms-envoyes", label: "SMS envoyés"), ReportColumn(id: "segments", label: "Segments")],
            rows: rows + [total],
            note: "Un SMS de plus de 160 caractères (70 avec un caractère hors alphabet GSM) est facturé en plusieurs segments.")
    }

    /// The SMS sent, a count masked like the others, and their segments, masked whenever it is
    /// (one or two segments an SMS would otherwise tell the count).
    private mutating func smsAndSegments(_ id: String, _ sms: Int, _ segments: Int) -> [IndicatorValue] {
        let sent = people("sms-sent|\(id)", value: sms)
        guard case .people(_, let key) = sent else { return [sent, .count(segments)] }
        return [sent, .following(segments, count: key)]
    }
}
