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
import RelaisJSON
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
            return refused(APIRefusal.bodyNotCalendar)
        }
        do {
            let result = try desk.uploadCalendar(agent, request.body, fileName: nil)
            log("api calendar uploaded", ["campaign": result.summary.campaign, "unchanged": String(result.summary.isUnchanged)])
            return Self.json(
                200,
                CalendarLoadJSON(
                    result.summary, name: result.name, file: result.file, truncations: result.truncations, localTime: desk.localTime))
        } catch CalendarUploadError.refused(let problems, _) {
            log("api calendar refused", ["problems": String(problems.count)])
            return Self.json(422, CalendarRefusedJSON(problems: problems.map { ($0.line, $0.reason) }))
        } catch CalendarUploadError.folderNotWritable(let folder, let reason) {
            log("api calendar not saved: the calendars folder cannot be written", ["folder": folder, "error": reason])
            return refused(APIRefusal.calendarsFolderNotWritable)
        }
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
