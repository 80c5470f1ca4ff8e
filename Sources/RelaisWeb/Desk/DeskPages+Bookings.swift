// DeskPages+Bookings: a booking's confirmation (status, place in the waitlist, pickup, fare) and
// its cancellation; and the coordinator's campaign calendar with registrations per event.

import Foundation
import RelaisCore
import RelaisStore

extension DeskPages {
    func bookings(_ agent: Agent, _ html: DeskHTML, _ form: FormFields?, request: Request) throws -> Response {
        let segments = request.pathSegments
        guard segments.count >= 2 else { throw DeskError.notFound }
        let id = try Self.id(segments[1])
        if form != nil {
            if segments.count == 3, segments[2] != "cancel" { return try shuttleOperation(agent, html, booking: id, segments[2]) }
            guard segments.count == 3, segments[2] == "cancel" else { throw DeskError.notFound }
            do {
                let cancellation = try desk.cancel(agent, booking: id)
                log(
                    "desk booking cancelled",
                    ["booking": String(id), "late": String(cancellation.late), "promoted": String(cancellation.promoted)])
                return Self.redirect("/bookings/\(id)")
            } catch let error as DeskError {
                guard error.isFormProblem else { throw error }
                return try bookingPage(agent, html, id: id, error: error)
            }
        }
        guard segments.count == 2 else { throw DeskError.notFound }
        return try bookingPage(agent, html, id: id, error: nil)
    }

    func bookingPage(_ agent: Agent, _ html: DeskHTML, id: Int64, error: DeskError?) throws -> Response {
        let w = html.wording
        let booking = try desk.booking(agent, id: id)
        var status = w["status-\(booking.status.rawValue)"]
        if booking.status == .waitlisted {
            let waitlist = try desk.run(agent, id: booking.run).waitlist
            if let position = waitlist.first(where: { $0.booking.id == id })?.position { status += " (\(w["position"]) \(position))" }
        }
        let pickup = booking.legs.outbound ? booking.stop.pickup : nil
        let needs = needs(booking, html)
        let cancel =
            booking.status == .confirmed || booking.status == .waitlisted
            ? """
            <form id="cancel-form" method="post" action="/bookings/\(id)/cancel">\(html.csrfField)<button id="cancel-submit" type="submit">\(html.e(w["cancel-booking"]))</button></form>
            """ : ""
        return html.page(
            "\(w["booking"]) \(id)", status: error == nil ? 200 : 422,
            """
            \(html.formError(error, localTime: desk.localTime))<p id="booking-status" class="status-\(booking.status.rawValue)">\(html.e(status))</p>
            \(booking.warning.map { "<p class=\"warning\">\(html.e($0))</p>" } ?? "")\(booking.cancelledLate ? "<p>\(html.e(w["cancelled-late"]))</p>" : "")<dl>
            <dt>\(html.e(w["resident"]))</dt><dd>\(booking.participant.map { "<a href=\"/residents/\($0)\">\(html.e(booking.name ?? "—"))</a>" } ?? "—")</dd>
            <dt>\(html.e(w["departure"]))</dt><dd><a href="/runs/\(booking.run)">\(html.e(w.dateAndTime(booking.runDeparture, desk.localTime)))</a></dd>
            <dt>\(html.e(w["stop"]))</dt><dd>\(html.e("\(communeName(booking.stop.commune)), \(booking.stop.place)"))</dd>
            \(pickup.map { "<dt>\(html.e(w["pickup"]))</dt><dd>\(html.e(w.time($0, desk.localTime)))</dd>" } ?? "")
            <dt>\(html.e(w["legs"]))</dt><dd>\(html.e(w["legs-\(booking.legs.rawValue)"]))</dd>
            \(needs.isEmpty ? "" : "<dt>\(html.e(w["needs"]))</dt><dd>\(html.e(needs))</dd>")
            <dt>\(html.e(w["fare"]))</dt><dd><span id="booking-fare">\(html.e(w.euros(booking.fareCents)))</span> (\(html.e(booking.quotient.map { "QF \($0) €" } ?? w["quotient-note"])))</dd>
            </dl>
            \(cancel)\(operationButtons(agent, html, booking: booking))
            """)
    }

    func calendar(_ agent: Agent, _ html: DeskHTML) throws -> Response {
        let w = html.wording
        let occurrences = try desk.calendar(agent)
        let rows = occurrences.map { occurrence in
            [
                html.e(w.dateAndTime(occurrence.start, desk.localTime)), html.e(occurrence.summary),
                html.e(occurrence.commune.map(communeName) ?? occurrence.location ?? ""), html.e(occurrence.campaign),
                "\(occurrence.registered)", occurrence.capacity.map(String.init) ?? "—",
                html.e(occurrence.status == .cancelled ? w["status-cancelled"] : ""),
            ]
        }
        return html.page(
            w["calendar"],
            rows.isEmpty
                ? "<p>\(html.e(w["no-events"]))</p>"
                : html.table(
                    id: "calendar", caption: w["calendar"],
                    headers: [w["when"], w["event"], w["commune"], w["campaign"], w["registered"], w["capacity"], w["status"]], rows: rows))
    }
}
