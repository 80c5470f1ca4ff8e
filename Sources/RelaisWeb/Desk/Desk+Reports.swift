// Desk+Reports: the report of `relais report` for the desk (capability `.reports`): the same
// request (period, campaign, sheet), made by RelaisReports exactly as the command line makes it,
// masked; unmasked only for an account with `.unmaskedReports` (the coordinator), and then
// written in the audit log, since it holds small counts of people.

import Foundation
import RelaisCore
import RelaisReports
import RelaisStore

extension Desk {
    /// The formats the desk serves a report in.
    public static let reportFormats: [ReportFormat] = [.json, .csv, .html]

    /// The request a query asks for: `year`, or `from` and `to` (local dates, `to` exclusive), or
    /// the current year; `campaign` (an id, or all of them); `sheet` (fa7, fa11, fa12, fa14,
    /// outreach or all, the default); `unmasked` (true for the coordinator's confidential copy).
    public func reportRequest(_ query: [String: String]) throws -> ReportRequest {
        func value(_ name: String) -> String? {
            guard let text = query[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        func date(_ field: RefusalField) throws(ReportRefusal) -> Date? {
            guard let text = value(field.rawValue) else { return nil }
            guard let date = localTime.parse(text) else { throw .dateUnreadable(field: field, typed: text) }
            return date
        }
        do {
            return ReportRequest(
                sections: try ReportRequest.sections(named: value("sheet") ?? "all"),
                period: try ReportPeriod.chosen(
                    year: value("year"), from: try date(.from), to: try date(.to), now: clock(), calendar: localTime.calendar),
                campaign: value("campaign"), masked: !FormFields(query).flag("unmasked"))
        } catch {
            throw DeskError.refusal(.report(error))
        }
    }

    /// The format a query names (`format`, `json` by default).
    public func reportFormat(_ query: [String: String]) throws -> ReportFormat {
        let typed = query["format"] ?? "json"
        guard let format = ReportFormat(rawValue: typed), Self.reportFormats.contains(format) else {
            throw DeskError.refusal(.report(.unknownFormat(typed: typed, known: Self.reportFormats.map(\.rawValue))))
        }
        return format
    }

    /// The report `request` asks for: masked, or unmasked for an account that may (and then in the
    /// audit log, with what was asked). A campaign never loaded is not found.
    public func report(_ agent: Agent, _ request: ReportRequest) throws -> PublishedReport {
        try agent.require(.reports)
        if !request.masked { try agent.require(.unmaskedReports) }
        let now = clock()
        return try pool.withStore { store in
            let report: PublishedReport
            do {
                report = try Reports.publish(request, store: store, territory: territory, localTime: localTime, now: now)
            } catch let refusal as Refusal {
                throw DeskError.refusal(refusal)
            }
            if !request.masked {
                let detail =
                    "period=\(localTime.day(request.period.start))..\(localTime.day(request.period.end)) "
                    + "campaign=\(request.campaign ?? "all") sheets=\(request.sections.sorted().map(\.rawValue).joined(separator: ","))"
                try store.recordAudit(actor: agent.login, action: "report.unmasked", detail: detail, now: now)
            }
            return report
        }
    }

    /// The wording of a report made now.
    public var reportWording: ReportWording { ReportWording(localTime: localTime, generatedAt: clock(), territory: territory) }
}
