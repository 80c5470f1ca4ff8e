// DeskPages+Reports: the report of `relais report` in the browser, for planners (masked) and the
// coordinator (who may ask for it unmasked, marked CONFIDENTIEL): a form (GET, nothing changes)
// for the period, the campaign and the sheet, the report itself (RelaisReports' HTML body, styled
// by the desk's sheet since the Content-Security-Policy forbids inline styles), and downloads in
// CSV, JSON and HTML, made from the same report.
//
//   GET /reports?year=&from=&to=&campaign=&sheet=&unmasked=        the page (id="report")
//   GET /reports/download?...&format=csv|json|html                 an attachment
//
// A request the report cannot answer (a year that is not one, dates without their pair...) shows
// the form again with what was typed and the problem (422).

import Foundation
import RelaisCore
import RelaisReports
import RelaisStore

extension DeskPages {
    func reports(_ agent: Agent, _ html: DeskHTML, request: Request) throws -> Response {
        try agent.require(.reports)
        let segments = request.pathSegments
        guard segments.count == 1 || (segments.count == 2 && segments[1] == "download") else { throw DeskError.notFound }
        let campaigns = try desk.campaigns(agent)
        do {
            let reportRequest = try desk.reportRequest(request.query)
            if segments.count == 2 {
                let format = try desk.reportFormat(request.query)
                return Self.download(try desk.report(agent, reportRequest), reportRequest, format: format, desk: desk)
            }
            let report = try desk.report(agent, reportRequest)
            let body = "<div id=\"report\" class=\"report\" lang=\"fr\">\n\(ReportHTML.body(report, desk.reportWording))</div>\n"
            return html.page(
                html.wording["reports"],
                reportForm(agent, html, query: request.query, campaigns: campaigns, error: nil) + downloads(request.query, html) + body)
        } catch let error as DeskError where error.isFormProblem {
            return html.page(
                html.wording["reports"], status: 422, reportForm(agent, html, query: request.query, campaigns: campaigns, error: error))
        }
    }

    /// A report as a file: CSV, JSON or the self-contained HTML page, named after what it covers.
    static func download(_ report: PublishedReport, _ request: ReportRequest, format: ReportFormat, desk: Desk) -> Response {
        var response = Response(
            status: 200, contentType: format.mediaType, text: Reports.render(report, as: format, desk.reportWording))
        let name = Reports.fileName(request, format: format, localTime: desk.localTime)
        response.headers.append(("Content-Disposition", "attachment; filename=\"\(name)\""))
        return response
    }

    /// The report form, keeping what was asked; the unmasked box only for an account that may.
    private func reportForm(
        _ agent: Agent, _ html: DeskHTML, query: [String: String], campaigns: [CampaignListing], error: DeskError?
    ) -> String {
        let w = html.wording
        let labels = ["year": w["year"], "from": w["from"], "to": w["to-excluded"], "sheet": w["sheet"], "format": w["download"]]
        let campaignOptions = [("", w["all-campaigns"])] + campaigns.map { ($0.id, "\($0.name) (\($0.id))") }
        let sheetOptions =
            [("all", w["sheet-all"])]
            + ReportSectionID.allCases.map { ($0.rawValue, $0 == .outreach ? w["sheet-outreach"] : $0.rawValue.uppercased()) }
        let unmasked =
            agent.role.allows(.unmaskedReports)
            ? html.checkbox("unmasked", label: w["unmasked"], checked: FormFields(query).flag("unmasked")) : ""
        return """
            \(html.formError(error, labels: labels, localTime: desk.localTime))<form id="report-form" method="get" action="/reports">
            <fieldset><legend>\(html.e(w["report-form"]))</legend>
            <p class="note">\(html.e(w["period-note"]))</p>
            \(html.input("year", label: w["year"], type: "number", value: query["year"], extra: "min=\"2000\" max=\"2200\""))\
            \(html.input("from", label: w["from"], type: "date", value: query["from"]))\
            \(html.input("to", label: w["to-excluded"], type: "date", value: query["to"]))\
            \(html.select("campaign", label: w["campaign"], options: campaignOptions, selected: query["campaign"] ?? ""))\
            \(html.select("sheet", label: w["sheet"], options: sheetOptions, selected: query["sheet"] ?? "all"))\
            \(unmasked)<p><button id="report-submit" type="submit">\(html.e(w["show-report"]))</button></p>
            </fieldset>
            </form>
            <p class="note">\(html.e(w["report-in-french"]))</p>

            """
    }

    /// The download links of the report shown, with the same query.
    private func downloads(_ query: [String: String], _ html: DeskHTML) -> String {
        let kept = ["year", "from", "to", "campaign", "sheet", "unmasked"].compactMap { name in
            query[name].map { "\(name)=\(Self.queryEscape($0))" }
        }
        let links = Desk.reportFormats.map { format in
            let href = "/reports/download?" + (kept + ["format=\(format.rawValue)"]).joined(separator: "&")
            return
                "<a id=\"download-\(format.rawValue)\" class=\"button\" href=\"\(html.e(href))\" download>\(format.rawValue.uppercased())</a>"
        }
        return "<p id=\"downloads\">\(html.e(html.wording["download"])) \(links.joined(separator: " "))</p>\n"
    }

    /// A query value, percent-encoded.
    static func queryEscape(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
