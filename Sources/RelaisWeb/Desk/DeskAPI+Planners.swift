// DeskAPI+Planners: the planners' operations in the JSON API, with the pages' scope and audit
// (capabilities `.calendars`, `.reports`, `.unmaskedReports`).
//
//   POST /api/v1/calendars    the body is the .ics itself (Content-Type: text/calendar), up to
//                             `[calendars] max_file_mb`; 200 with what the load changed (as
//                             `relais campaigns load --json` says it), 422 with every problem
//                             `{"error": "calendar-refused", "message", "problems": [{"line", "message"}]}`,
//                             415 for another media type, 503 when the folder cannot be written
//   GET  /api/v1/reports      ?year=&from=&to=&campaign=&sheet=&unmasked=&format=json|csv|html:
//                             the report of `relais report`, as JSON (the default), or CSV or
//                             HTML as an attachment

import Foundation
import RelaisCore
import RelaisReports
import RelaisStore

extension DeskAPI {
    /// The answer to a planners' operation, or nil for any other operation.
    func planners(_ operation: String, _ request: Request, agent: Agent) throws -> Response? {
        switch operation {
        case "POST /api/v1/calendars": try uploadCalendar(request, agent: agent)
        case "GET /api/v1/reports": try report(request, agent: agent)
        default: nil
        }
    }

    private func uploadCalendar(_ request: Request, agent: Agent) throws -> Response {
        try agent.require(.calendars)
        guard (request.headers["content-type"] ?? "").lowercased().hasPrefix("text/calendar") else {
            return Self.json(415, ["error": "unsupported-media-type", "message": "send the calendar as text/calendar"])
        }
        do {
            let result = try desk.uploadCalendar(agent, request.body, fileName: nil)
            log("api calendar uploaded", ["campaign": result.summary.campaign, "unchanged": String(result.summary.isUnchanged)])
            return Self.json(200, uploaded(result))
        } catch CalendarUploadError.refused(let problems, _) {
            log("api calendar refused", ["problems": String(problems.count)])
            return Self.json(
                422,
                [
                    "error": "calendar-refused",
                    "message": "\(problems.count) \(problems.count == 1 ? "problem" : "problems"); nothing loaded from this file",
                    "problems": problems.map { ["line": $0.line, "message": $0.reason] as [String: Any] },
                ])
        } catch CalendarUploadError.folderNotWritable(let folder, let reason) {
            log("api calendar not saved: the calendars folder cannot be written", ["folder": folder, "error": reason])
            return Self.json(
                503, ["error": "calendars-folder-not-writable", "message": "relais cannot write the calendars folder; nothing was loaded"])
        }
    }

    /// What an accepted upload changed, in the shape of `relais campaigns load --json`.
    private func uploaded(_ result: CalendarUploadResult) -> [String: Any] {
        let summary = result.summary
        return [
            "campaign": summary.campaign, "name": result.name, "file": result.file, "unchanged": summary.isUnchanged,
            "events": ["added": summary.eventsAdded, "updated": summary.eventsUpdated, "removed": summary.eventsRemoved],
            "occurrences": [
                "added": summary.occurrencesAdded, "moved": summary.occurrencesMoved, "cancelled": summary.occurrencesCancelled,
                "reinstated": summary.occurrencesReinstated, "unchanged": summary.occurrencesUnchanged,
            ],
            "truncated": result.truncations.map { cut -> [String: Any] in
                ["uid": cut.uid, "line": cut.line, "cause": cut.cause.code, "generated_until": desk.localTime.iso8601(cut.lastStart)]
            },
        ]
    }

    private func report(_ request: Request, agent: Agent) throws -> Response {
        try agent.require(.reports)
        let reportRequest = try desk.reportRequest(request.query)
        let format = try desk.reportFormat(request.query)
        let report = try desk.report(agent, reportRequest)
        guard format != .json else {
            return Response(status: 200, contentType: format.mediaType, text: Reports.render(report, as: .json, desk.reportWording))
        }
        return DeskPages.download(report, reportRequest, format: format, desk: desk)
    }
}
