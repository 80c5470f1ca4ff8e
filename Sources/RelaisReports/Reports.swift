// Reports: the one way a report is made, for `relais report` and for the desk (pages and API).
//
// A request names the sheets, the period, the campaign and whether small counts are masked; the
// store reads the counts (Store+Indicators), the core counts and masks them (Indicators*,
// CellSuppression) into one PublishedReport, and ReportText, ReportCSV, ReportJSON and ReportHTML
// write it: every format, from every front, shows the same cells masked. Who may ask for an
// unmasked report is the front's business (the command line's --unmasked, the desk's
// `.unmaskedReports` capability); what is asked for is checked here.

import Foundation
import RelaisCore
import RelaisStore

/// A format a report is written in.
public enum ReportFormat: String, Sendable, CaseIterable {
    case table, csv, json, html

    /// The media type it is served as.
    public var mediaType: String {
        switch self {
        case .table: "text/plain; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .json: "application/json"
        case .html: "text/html; charset=utf-8"
        }
    }

    /// The file name extension of a download.
    public var fileExtension: String { self == .table ? "txt" : rawValue }
}

/// What a report covers and how it is published.
public struct ReportRequest: Sendable, Equatable {
    /// The sheets printed; the whole report is masked together whichever are printed.
    public var sections: Set<ReportSectionID>
    public var period: ReportPeriod
    /// One campaign's id, or nil for all of them.
    public var campaign: String?
    /// False for the coordinator's confidential copy.
    public var masked: Bool
    /// FA 14's young people are those under this age (18 or 26).
    public var youngUnder: Int

    public init(
        sections: Set<ReportSectionID> = Set(ReportSectionID.allCases), period: ReportPeriod, campaign: String? = nil,
        masked: Bool = true, youngUnder: Int = 26
    ) {
        self.sections = sections
        self.period = period
        self.campaign = campaign
        self.masked = masked
        self.youngUnder = youngUnder
    }

    /// The sheets `name` stands for: one sheet's id (`fa7`...) or `all`.
    public static func sections(named name: String) throws(ReportRefusal) -> Set<ReportSectionID> {
        if name == "all" { return Set(ReportSectionID.allCases) }
        guard let section = ReportSectionID(rawValue: name) else { throw .unknownSheet(typed: name) }
        return [section]
    }
}

extension ReportPeriod {
    /// The years a report covers, whether asked for by year or by dates. A report has a row per
    /// month of its period; without a bound, dates such as 1814-01-01 to 9122-02-09 (88,000 months)
    /// kept a desk request counting for tens of seconds.
    public static let years = 2000...2200

    /// The period a person asked for: `year` (typed, within `years`), or `from` and `to` (exclusive)
    /// together, within `years` too (`to` may be the first day after them), or else the calendar
    /// year of `now`.
    public static func chosen(year: String?, from: Date?, to: Date?, now: Date, calendar: Calendar) throws(ReportRefusal)
        -> ReportPeriod
    {
        if let year {
            guard from == nil, to == nil else { throw .yearAndDates }
            guard let number = Int(year), years.contains(number), let period = ReportPeriod.year(number, calendar: calendar)
            else { throw .yearUnreadable(typed: year) }
            return period
        }
        if from != nil || to != nil {
            guard let from, let to else { throw .datesGoTogether }
            guard from < to else { throw .periodEndsBeforeItStarts }
            let earliest = ReportPeriod.year(years.lowerBound, calendar: calendar)!.start
            let latest = ReportPeriod.year(years.upperBound, calendar: calendar)!.end
            for (field, date) in [(RefusalField.from, from), (.to, to)] where date < earliest || date > latest {
                let day = calendar.dateComponents([.year, .month, .day], from: date)
                throw .dateOutOfRange(
                    field: field, day: String(format: "%04d-%02d-%02d", day.year!, day.month!, day.day!),
                    earliest: years.lowerBound, latest: years.upperBound)
            }
            return ReportPeriod(start: from, end: to)
        }
        return ReportPeriod.year(calendar.component(.year, from: now), calendar: calendar)!
    }
}

/// Makes reports.
public enum Reports {
    /// Reads the counts of `request`'s period and campaign, counts and masks them. Sessions count
    /// until `now`. Throws `Refusal.notFound(.campaign, ...)` for a campaign never loaded.
    public static func publish(
        _ request: ReportRequest, store: Store, territory: Territory, localTime: LocalTime, now: Date
    ) throws -> PublishedReport {
        let campaignName = try request.campaign.map { campaign in
            guard let name = try store.campaignName(campaign) else { throw Refusal.notFound(.campaign, id: campaign) }
            return name
        }
        let options = IndicatorOptions(territory: territory, calendar: localTime.calendar, youngUnder: request.youngUnder)
        let data = try store.indicatorData(IndicatorQuery(period: request.period, until: now, campaign: request.campaign))
        var report = Indicators.report(
            data, period: request.period, countedUntil: min(request.period.end, now), campaign: request.campaign, options: options)
        if report.heading.campaignName == nil { report.heading.campaignName = campaignName }
        return report.published(masked: request.masked, sections: request.sections)
    }

    /// `report` written in `format`.
    public static func render(_ report: PublishedReport, as format: ReportFormat, _ wording: ReportWording) -> String {
        switch format {
        case .csv: ReportCSV.render(report, wording)
        case .json: ReportJSON.render(report, wording)
        case .html: ReportHTML.render(report, wording)
        case .table: ReportText.render(report, wording)
        }
    }

    /// A download's file name: `cts-2027.csv`, `cts-2027-03-01-2027-04-01-mars-bleu-2027.html`,
    /// `-confidentiel` for an unmasked copy.
    public static func fileName(_ request: ReportRequest, format: ReportFormat, localTime: LocalTime) -> String {
        let calendar = localTime.calendar
        let start = calendar.dateComponents([.year, .month, .day], from: request.period.start)
        let whole = ReportPeriod.year(start.year ?? 0, calendar: calendar) == request.period
        let period = whole ? String(start.year ?? 0) : "\(localTime.day(request.period.start))-\(localTime.day(request.period.end))"
        let sheets =
            request.sections.count == ReportSectionID.allCases.count
            ? "" : "-" + request.sections.sorted().map(\.rawValue).joined(separator: "-")
        let campaign = request.campaign.map { "-\($0)" } ?? ""
        return "cts-\(period)\(sheets)\(campaign)\(request.masked ? "" : "-confidentiel").\(format.fileExtension)"
    }
}
