// DeskPages+Campaigns: the planners' pages (and the coordinator's): the campaigns loaded with the
// calendar upload form (a planner's home), one campaign's sessions with their counts, and the
// answer to an upload: what it changed, or every problem of the file with its line.
//
//   GET  /campaigns          the upload form (id="calendar-upload") and the campaigns (id="campaigns")
//   GET  /campaigns/ID       the sessions (id="campaign-sessions"): registered, present, capacity
//   POST /calendars          multipart/form-data: `csrf` and the file `calendar`; 200 with
//                            id="upload-summary", 422 with id="problems", 503 when the folder
//                            cannot be written. Answered at once rather than redirected: what the
//                            load changed exists only now, and sending the same file again
//                            changes nothing ("unchanged").
//
// No page here shows a person: counts only, from OccurrenceListing, which holds none.

import Foundation
import RelaisCore
import RelaisStore

extension DeskPages {
    /// Adds the planners' routes (campaigns, calendar upload, reports).
    func installPlanners(in router: inout Router) {
        router.add(["GET"], prefix: "/campaigns") { request in
            signedIn(request) { agent, html, _ in try campaigns(agent, html, request: request) }
        }
        router.add(["POST"], prefix: "/calendars") { request in
            guard request.path == "/calendars" else { return DeskHTML(wording: wording(request), agent: nil).errorPage(404) }
            return signedIn(request) { agent, html, _ in try upload(agent, html, request: request) }
        }
        router.add(["GET"], prefix: "/reports") { request in
            signedIn(request) { agent, html, _ in try reports(agent, html, request: request) }
        }
    }

    /// A POST's fields: an urlencoded form's, or the text fields of a multipart form (whose file
    /// the upload reads again from the request); nil when neither can be read.
    static func formFields(_ request: Request) -> FormFields? {
        guard let multipart = MultipartForm.parse(request.body, contentType: request.headers["content-type"]) else {
            return FormFields.urlencoded(request.body)
        }
        var values: [String: String] = [:]
        for part in multipart.parts where part.fileName == nil && values[part.name] == nil {
            guard let text = String(validating: part.data, as: UTF8.self) else { return nil }
            values[part.name] = text
        }
        return FormFields(values)
    }

    // MARK: - Campaigns

    private func campaigns(_ agent: Agent, _ html: DeskHTML, request: Request) throws -> Response {
        let segments = request.pathSegments
        switch segments.count {
        case 1: return try campaignList(agent, html)
        case 2: return try campaignPage(agent, html, id: String(segments[1]))
        default: throw DeskError.notFound
        }
    }

    private func campaignList(_ agent: Agent, _ html: DeskHTML) throws -> Response {
        let w = html.wording
        let campaigns = try desk.campaigns(agent)
        let rows = campaigns.map { campaign in
            [
                "<a id=\"campaign-\(html.e(campaign.id))\" href=\"/campaigns/\(html.e(campaign.id))\">\(html.e(campaign.name))</a>",
                html.e(campaign.id), "\(campaign.events)", "\(campaign.occurrences)", day(campaign.firstStart, html),
                day(campaign.lastStart, html), html.e(Self.sourceName(campaign.sourceFile)),
            ]
        }
        let list =
            rows.isEmpty
            ? "<p>\(html.e(w["no-campaigns"]))</p>\n"
            : html.table(
                id: "campaigns", caption: w["loaded-campaigns"],
                headers: [w["campaign"], w["campaign-id"], w["events"], w["sessions"], w["first"], w["last"], w["file"]], rows: rows)
        return html.page(
            w["campaigns"], uploadForm(html) + list + "<p><a id=\"reports-link\" href=\"/reports\">\(html.e(w["reports"]))</a></p>")
    }

    /// The upload form; a browser cannot put a file back in it, so a refused upload shows it empty.
    private func uploadForm(_ html: DeskHTML) -> String {
        let w = html.wording
        return """
            <h2 id="upload-heading">\(html.e(w["upload-calendar"]))</h2>
            <p class="note">\(html.e(w["upload-note"]))</p>
            <form id="calendar-upload" method="post" action="/calendars" enctype="multipart/form-data">
            \(html.csrfField)
            <p><label for="calendar-file">\(html.e(w["calendar-file"]))</label>
            <input id="calendar-file" name="calendar" type="file" accept=".ics,text/calendar" required></p>
            <p><button id="calendar-upload-submit" type="submit">\(html.e(w["upload"]))</button></p>
            </form>

            """
    }

    private func campaignPage(_ agent: Agent, _ html: DeskHTML, id: String) throws -> Response {
        let w = html.wording
        let (campaign, sessions) = try desk.campaign(agent, id: id)
        let rows = sessions.map { session in
            [
                html.e(w.dateAndTime(session.start, desk.localTime)), html.e(session.summary),
                html.e([session.location, session.commune.map(communeName)].compactMap { $0 }.joined(separator: " — ")),
                html.e(w["status-\(session.status.rawValue)"]), "\(session.registered)", "\(session.attended)",
                session.capacity.map(String.init) ?? html.e(w["unlimited"]),
            ]
        }
        let table =
            rows.isEmpty
            ? "<p>\(html.e(w["no-sessions"]))</p>\n"
            : html.table(
                id: "campaign-sessions", caption: w["sessions"],
                headers: [w["when"], w["event"], w["place"], w["status"], w["registered"], w["present"], w["capacity"]], rows: rows)
        return html.page(
            campaign.name, titleID: "campaign-name",
            """
            <dl id="campaign-facts">
            <dt>\(html.e(w["campaign-id"]))</dt><dd>\(html.e(campaign.id))</dd>
            <dt>\(html.e(w["file"]))</dt><dd>\(html.e(Self.sourceName(campaign.sourceFile)))</dd>
            <dt>\(html.e(w["events"]))</dt><dd>\(campaign.events)</dd>
            <dt>\(html.e(w["sessions"]))</dt><dd>\(campaign.occurrences)</dd>
            </dl>
            <p class="note">\(html.e(w["counts-only"]))</p>
            \(table)<p><a id="campaign-report-link" href="/reports?campaign=\(html.e(campaign.id))">\(html.e(w["campaign-report"]))</a></p>
            """)
    }

    // MARK: - Upload

    private func upload(_ agent: Agent, _ html: DeskHTML, request: Request) throws -> Response {
        try agent.require(.calendars)
        let w = html.wording
        guard let form = MultipartForm.parse(request.body, contentType: request.headers["content-type"]),
            let file = form.part("calendar"), !file.data.isEmpty
        else {
            return html.page(
                w["calendar-refused"], status: 422,
                "<p id=\"form-error\" class=\"error\" role=\"alert\">\(html.e(w["no-file"]))</p>\n" + uploadForm(html))
        }
        do {
            let result = try desk.uploadCalendar(agent, file.data, fileName: file.fileName)
            log("desk calendar uploaded", ["campaign": result.summary.campaign, "unchanged": String(result.summary.isUnchanged)])
            return uploaded(result, html)
        } catch CalendarUploadError.refused(let problems, let capacity) {
            log("desk calendar refused", ["problems": String(problems.count)])
            return refused(problems, capacity: capacity, fileName: Desk.uploadName(file.fileName), html)
        } catch CalendarUploadError.folderNotWritable(let folder, let reason) {
            log("desk calendar not saved: the calendars folder cannot be written", ["folder": folder, "error": reason])
            return html.page(
                w["folder-not-writable"], status: 503,
                "<p id=\"form-error\" class=\"error\" role=\"alert\">\(html.e(w["folder-not-writable-text"])) \(html.e(folder)) (\(html.e(reason)))</p>"
            )
        }
    }

    private func uploaded(_ result: CalendarUploadResult, _ html: DeskHTML) -> Response {
        let w = html.wording
        let summary = result.summary
        let counts = [
            ("events-added", summary.eventsAdded), ("events-updated", summary.eventsUpdated), ("events-removed", summary.eventsRemoved),
            ("sessions-added", summary.occurrencesAdded), ("sessions-moved", summary.occurrencesMoved),
            ("sessions-cancelled", summary.occurrencesCancelled), ("sessions-reinstated", summary.occurrencesReinstated),
            ("sessions-unchanged", summary.occurrencesUnchanged),
        ]
        let facts = counts.map { "<dt>\(html.e(w[$0.0]))</dt><dd id=\"\($0.0)\">\($0.1)</dd>" }.joined(separator: "\n")
        let cuts = result.truncations.map { "<li>\(html.e(w["line"])) \($0.line) — \(html.e($0.summary)) (\(html.e($0.uid)))</li>" }
        return html.page(
            "\(w["calendar-loaded"]) : \(result.name)", titleID: "upload-title",
            """
            <p id="upload-result" class="status-confirmed">\(html.e(summary.isUnchanged ? w["calendar-unchanged"] : w["calendar-loaded"])) — \(html.e(w["saved-as"])) \(html.e(result.file)).</p>
            <dl id="upload-summary">
            \(facts)
            </dl>
            \(cuts.isEmpty ? "" : "<p class=\"warning\">\(html.e(w["truncated-events"]))</p>\n<ul id=\"truncations\">\(cuts.joined())</ul>")
            <p><a id="campaign-link" href="/campaigns/\(html.e(summary.campaign))">\(html.e(w["see-sessions"]))</a></p>
            """)
    }

    /// Every problem of a refused file with its line; a capacity refusal in the page's language.
    private func refused(_ problems: [FileError], capacity: CapacityRefusal?, fileName: String, _ html: DeskHTML) -> Response {
        let w = html.wording
        let items = problems.enumerated().map { index, problem in
            let line = problem.line > 0 ? "\(w["line"]) \(problem.line)" : w["whole-file"]
            let reason = capacity.map { w.words(for: .capacity($0), desk.localTime) } ?? problem.reason
            return "<li id=\"problem-\(index + 1)\" data-line=\"\(problem.line)\"><strong>\(html.e(line))</strong> : \(html.e(reason))</li>"
        }
        let count = problems.count == 1 ? w["problems-count-1"] : w["problems-count-n"]
        return html.page(
            w["calendar-refused"], status: 422, titleID: "upload-title",
            """
            <p id="form-error" class="error" role="alert">\(html.e(w["problems-intro"])) « \(html.e(fileName)) » \(html.e(count))</p>
            <ol id="problems">
            \(items.joined(separator: "\n"))
            </ol>
            \(uploadForm(html))
            """)
    }

    // MARK: - Helpers

    private func day(_ date: Date?, _ html: DeskHTML) -> String {
        date.map { html.e(desk.localTime.day($0)) } ?? "—"
    }

    /// A campaign's source on a page: a feed by its display name (its address often holds its
    /// secret), a file by its name.
    static func sourceName(_ source: String) -> String {
        FeedAddress.looksLikeAddress(source) ? FeedAddress.shownSource(source) : URL(fileURLWithPath: source).lastPathComponent
    }
}
