// DeskPages+ShuttleOperations: the coordinator's buttons on a run's page and a booking's page:
// after the run, each confirmed booking recorded as completed (id="complete-<booking>") or no-show
// (id="noshow-<booking>"); before the pickup, a waitlisted booking given a seat freed late, also
// after the booking deadline (id="promote-<booking>"). And the runs that left lately, to settle
// (id="runs-to-settle" on the runs page). Agents without `.shuttleOperations` see none of it and
// are answered 403 if they post.
//
//   POST /bookings/ID/no-show   POST /bookings/ID/completed   POST /bookings/ID/promote   (303 to /runs/RUN)

import Foundation
import RelaisCore
import RelaisStore

extension DeskPages {
    /// The POST of one operation on booking `id`; a refusal shows the booking's page with it (422).
    func shuttleOperation(_ agent: Agent, _ html: DeskHTML, booking id: Int64, _ operation: Substring) throws -> Response {
        do {
            let run: Int64
            switch operation {
            case "no-show": run = try desk.settle(agent, booking: id, as: .noShow).run
            case "completed": run = try desk.settle(agent, booking: id, as: .completed).run
            case "promote":
                let promotion = try desk.promote(agent, booking: id)
                log(
                    "desk booking promoted",
                    ["booking": String(id), "after_deadline": String(promotion.afterDeadline), "notice": String(promotion.noticeQueued)])
                run = promotion.run
            default: throw DeskError.notFound
            }
            log("desk shuttle operation", ["booking": String(id), "operation": String(operation)])
            return Self.redirect("/runs/\(run)")
        } catch let error as DeskError {
            guard error.isFormProblem else { throw error }
            return try bookingPage(agent, html, id: id, error: error)
        }
    }

    /// The buttons the agent may use on `booking` now, or nothing.
    func operationButtons(_ agent: Agent, _ html: DeskHTML, booking: ShuttleBookingListing) -> String {
        guard agent.role.allows(.shuttleOperations) else { return "" }
        let now = desk.clock()
        let w = html.wording
        let settled: [ShuttleBookingStatus] = [.confirmed, .completed, .noShow]
        if settled.contains(booking.status) && booking.runDeparture <= now {
            let choices: [(ShuttleBookingStatus, String, String, String)] = [
                (.completed, "completed", "complete", "mark-completed"), (.noShow, "no-show", "noshow", "mark-no-show"),
            ]
            return choices.filter { $0.0 != booking.status }.map { _, path, id, label in
                button(html, action: "/bookings/\(booking.id)/\(path)", id: "\(id)-\(booking.id)", label: w[label])
            }.joined(separator: " ")
        }
        // A return-only booking is picked up at the return; the store judges that time.
        if booking.status == .waitlisted && (booking.legs == .return || booking.stop.pickup > now) {
            return button(html, action: "/bookings/\(booking.id)/promote", id: "promote-\(booking.id)", label: w["promote"])
        }
        return ""
    }

    /// One button in its own form, with the agent's CSRF token.
    private func button(_ html: DeskHTML, action: String, id: String, label: String) -> String {
        "<form class=\"inline\" method=\"post\" action=\"\(action)\">\(html.csrfField)<button id=\"\(id)\" type=\"submit\">\(html.e(label))</button></form>"
    }

    /// The runs that left in the last days, for the coordinator to record the trips; nothing for others.
    func runsToSettle(_ agent: Agent, _ html: DeskHTML) throws -> String {
        guard agent.role.allows(.shuttleOperations) else { return "" }
        let w = html.wording
        let runs = try desk.runsToSettle(agent)
        let rows = runs.map { run in
            [
                "<a class=\"run-link\" href=\"/runs/\(run.id)\">\(html.e(w.dateAndTime(run.departure, desk.localTime)))</a>",
                html.e(run.destination), "\(max(run.outboundSeats, run.returnSeats)) / \(run.vehicle.seats)", String(run.waitlisted),
            ]
        }
        return "<h2>\(html.e(w["runs-to-settle"]))</h2>\n"
            + (rows.isEmpty
                ? "<p id=\"no-runs-to-settle\">\(html.e(w["no-runs-to-settle"]))</p>\n"
                : html.table(
                    id: "runs-to-settle", caption: w["runs-to-settle"],
                    headers: [w["departure"], w["destination"], w["seats"], w["waitlist"]],
                    rows: rows))
    }
}
