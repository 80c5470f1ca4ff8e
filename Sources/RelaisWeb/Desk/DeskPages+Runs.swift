// DeskPages+Runs: the upcoming runs with their seats left, one run with its booking form, the
// agent's bookings and the waitlist, and the printable manifest of the agent's passengers.

import Foundation
import RelaisCore
import RelaisStore

extension DeskPages {
    func runs(_ agent: Agent, _ html: DeskHTML, _ form: FormFields?, request: Request) throws -> Response {
        let segments = request.pathSegments
        if let form {
            guard segments.count == 3, segments[2] == "book" else { throw DeskError.notFound }
            let run = try Self.id(segments[1])
            do {
                let outcome = try desk.book(agent, run: run, form)
                log("desk booking", ["booking": String(outcome.id), "run": String(run), "status": outcome.status.rawValue])
                return Self.redirect("/bookings/\(outcome.id)")
            } catch let error as DeskError {
                guard error.isFormProblem else { throw error }
                return try runPage(agent, html, id: run, values: form, error: error)
            }
        }
        switch segments.count {
        // `?resident=ID` (from a resident's page) is carried from the list to the run's form, chosen.
        case 1: return try runList(agent, html, resident: request.query["resident"].flatMap { Int64($0) })
        case 2:
            let chosen = FormFields(request.query["resident"].map { ["resident": $0] } ?? [:])
            return try runPage(agent, html, id: try Self.id(segments[1]), values: chosen, error: nil)
        case 3 where segments[2] == "manifest": return try manifest(agent, html, run: try Self.id(segments[1]))
        default: throw DeskError.notFound
        }
    }

    private func runList(_ agent: Agent, _ html: DeskHTML, resident: Int64?) throws -> Response {
        let w = html.wording
        let runs = try desk.upcomingRuns(agent)
        let carried = resident.map { "?resident=\($0)" } ?? ""
        let rows = runs.map { run in
            [
                "<a class=\"run-link\" href=\"/runs/\(run.id)\(carried)\">\(html.e(w.dateAndTime(run.departure, desk.localTime)))</a>",
                html.e(run.destination), html.e(stopNames(run)), seatsLeft(run, html),
                String(run.vehicle.wheelchairPlaces - run.wheelchairs),
                String(run.waitlisted),
                "<span id=\"book-by-\(run.id)\">\(html.e(w.dateAndTime(desk.bookingCloses(run), desk.localTime)))</span>",
            ] + (agent.commune == nil ? [] : [String(run.scopeSeats ?? 0)])
        }
        let headers =
            [w["departure"], w["destination"], w["stops"], w["seats-left"], w["wheelchair-left"], w["waitlist"], w["book-by"]]
            + (agent.commune == nil ? [] : [w["my-seats"]])
        return html.page(
            w["runs"],
            (runs.isEmpty ? "<p>\(html.e(w["no-runs"]))</p>" : html.table(id: "runs", caption: w["runs"], headers: headers, rows: rows))
                + (try runsToSettle(agent, html)))
    }

    private func runPage(_ agent: Agent, _ html: DeskHTML, id: Int64, values: FormFields, error: DeskError?) throws -> Response {
        let w = html.wording
        let (run, bookings, waitlist) = try desk.run(agent, id: id)
        let time = { (date: Date) in html.e(w.time(date, desk.localTime)) }
        let stops = run.stops.map { "<li>\(time($0.pickup)) — \(html.e(communeName($0.commune))), \(html.e($0.place))</li>" }.joined()
        var main = """
            \(run.status == "cancelled" ? "<p class=\"error\">\(html.e(w["cancelled-run"]))</p>" : "")<dl>
            <dt>\(html.e(w["destination"]))</dt><dd>\(html.e(run.destination))</dd>
            <dt>\(html.e(w["arrival"]))</dt><dd>\(time(run.arrival))</dd>
            <dt>\(html.e(w["return"]))</dt><dd>\(time(run.returnDeparture))</dd>
            <dt>\(html.e(w["seats-left"]))</dt><dd id="seats-left">\(seatsLeft(run, html))</dd>
            <dt>\(html.e(w["wheelchair-left"]))</dt><dd>\(run.vehicle.wheelchairPlaces - run.wheelchairs)</dd>
            <dt>\(html.e(w["waitlist"]))</dt><dd>\(run.waitlisted)</dd>
            <dt>\(html.e(w["book-by"]))</dt><dd id="book-by">\(html.e(w.dateAndTime(desk.bookingCloses(run), desk.localTime)))</dd>
            </dl>
            <h2>\(html.e(w["stops"]))</h2>
            <ol>\(stops)</ol>

            """
        if run.status == "scheduled" && run.departure > desk.clock() {
            main += try bookingForm(agent, html, run: run, values: values, error: error)
        }
        let operations = agent.role.allows(.shuttleOperations)
        let rows = bookings.map { booking in
            [
                "<a href=\"/bookings/\(booking.id)\">\(html.e(booking.name ?? "—"))</a>",
                time(booking.stop.pickup) + " " + html.e(communeName(booking.stop.commune)),
                html.e(w["legs-\(booking.legs.rawValue)"]), html.e(needs(booking, html)),
                "<span id=\"status-\(booking.id)\">\(html.e(w["status-\(booking.status.rawValue)"]))</span>",
                html.e(w.euros(booking.fareCents)),
            ] + (operations ? [operationButtons(agent, html, booking: booking)] : [])
        }
        main += "<h2>\(html.e(w["bookings"]))</h2>\n"
        main +=
            rows.isEmpty
            ? "<p>\(html.e(w["no-bookings"]))</p>\n"
            : html.table(
                id: "run-bookings", caption: w["bookings"],
                headers: [w["resident"], w["pickup"], w["legs"], w["needs"], w["status"], w["fare"]] + (operations ? [w["trip"]] : []),
                rows: rows)
        let waiting = waitlist.map { entry in
            [
                "\(entry.position)", "<a href=\"/bookings/\(entry.booking.id)\">\(html.e(entry.booking.name ?? "—"))</a>",
                html.e(entry.booking.waitlistReason.map(w.waitlistReason) ?? ""),
            ] + (operations ? [operationButtons(agent, html, booking: entry.booking)] : [])
        }
        if !waiting.isEmpty {
            if operations { main += "<p class=\"note\" id=\"promote-note\">\(html.e(w["promote-note"]))</p>\n" }
            main += html.table(
                id: "run-waitlist", caption: w["waitlist"],
                headers: [w["position"], w["resident"], w["status"]] + (operations ? [w["promote"]] : []), rows: waiting)
        }
        main += "<p><a id=\"manifest-link\" href=\"/runs/\(run.id)/manifest\">\(html.e(w["manifest"]))</a></p>\n"
        return html.page("\(run.label) — \(w.dateAndTime(run.departure, desk.localTime))", status: error == nil ? 200 : 422, main)
    }

    private func bookingForm(_ agent: Agent, _ html: DeskHTML, run: ShuttleRunRecord, values: FormFields, error: DeskError?) throws
        -> String
    {
        let w = html.wording
        var people = try desk.residents(agent, matching: nil, limit: 2000)
        // The resident chosen on their own page is offered even beyond the list's first 2000.
        if let chosen = values["resident"].flatMap({ Int64($0) }), !people.contains(where: { $0.id == chosen }),
            let person = try? desk.resident(agent, id: chosen)
        {
            people.append(person)
        }
        let residents = [("", w["choose"])] + people.map { (String($0.id), $0.name + ($0.phone.map { " (\($0))" } ?? "")) }
        let stops = run.stops.map {
            (String($0.position), "\(w.time($0.pickup, desk.localTime)) — \(communeName($0.commune)), \($0.place)")
        }
        let legs = ShuttleLegs.allCases.map { ($0.rawValue, w["legs-\($0.rawValue)"]) }
        let labels = [
            "resident": w["resident"], "stop": w["stop"], "legs": w["legs"], "appointment": w["appointment"], "quotient": w["quotient"],
            "wheelchair": w["wheelchair"], "pickup_point": w["pickup-point"], "door": w["door"],
        ]
        // An on-demand run has no stops: a pickup point of the resident's commune, or their door.
        let place =
            run.kind == .onDemand
            ? pickupPointField(agent, html, values: values)
                + html.input("door", label: w["door"], value: values["door"], note: w["optional"])
            : html.select("stop", label: w["stop"], options: stops, selected: values["stop"])
        let fares = desk.fareBands.bands.map { "<li>\(html.e($0.label)) € : \(html.e(w.euros($0.fareCents)))</li>" }.joined()
        return """
            <h2>\(html.e(w["book-a-run"]))</h2>
            \(html.formError(error, labels: labels, localTime: desk.localTime))<form id="booking-form" method="post" action="/runs/\(run.id)/book">
            \(html.csrfField)
            \(html.select("resident", label: w["resident"], options: residents, selected: values["resident"]))\
            \(place)\
            \(html.select("legs", label: w["legs"], options: legs, selected: values["legs"]))\
            \(html.checkbox("companion", label: w["companion"], checked: values.flag("companion")))\
            \(html.checkbox("wheelchair", label: w["wheelchair"], checked: values.flag("wheelchair")))\
            \(html.input("appointment", label: w["appointment"], type: "time", value: values["appointment"], note: w["optional"]))\
            \(html.input("quotient", label: w["quotient"], type: "number", value: values["quotient"], extra: "min=\"0\"", note: w["quotient-note"]))\
            <p><button id="book-submit" type="submit">\(html.e(w["book"]))</button></p>
            </form>
            <details><summary>\(html.e(w["fares"]))</summary><ul>\(fares)</ul></details>

            """
    }

    private func manifest(_ agent: Agent, _ html: DeskHTML, run id: Int64) throws -> Response {
        if let sheet = try desk.onDemandManifest(agent, run: id) { return onDemandManifestPage(sheet, agent, html) }
        let w = html.wording
        let (run, passengers) = try desk.manifest(agent, run: id)
        let rows = passengers.map { booking in
            [
                html.e(w.time(booking.stop.pickup, desk.localTime)), html.e("\(communeName(booking.stop.commune)), \(booking.stop.place)"),
                html.e(booking.name ?? "—"), html.e(booking.phone ?? ""), html.e(w["legs-\(booking.legs.rawValue)"]),
                html.e(needs(booking, html)),
            ]
        }
        let scope = agent.commune.map { "\(w["ccas-of"]) \($0.name)" } ?? w["coordinator"]
        return html.page(
            "\(w["manifest"]) — \(run.label) — \(w.dateAndTime(run.departure, desk.localTime))",
            """
            <p class="no-print">\(html.e(w["print"]))</p>
            <p>\(html.e(scope)) · \(html.e(run.destination)) · \(html.e(w["arrival"])) \(html.e(w.time(run.arrival, desk.localTime))) · \(html.e(w["return"])) \(html.e(w.time(run.returnDeparture, desk.localTime)))</p>
            \(rows.isEmpty ? "<p>\(html.e(w["no-passengers"]))</p>" : html.table(id: "manifest", caption: w["passengers"], headers: [w["pickup"], w["stop"], w["resident"], w["phone"], w["legs"], w["needs"]], rows: rows))
            """)
    }

    // MARK: - Helpers

    func communeName(_ code: String) -> String { desk.communeName(code: code) }

    private func stopNames(_ run: ShuttleRunRecord) -> String { run.stops.map { communeName($0.commune) }.joined(separator: ", ") }

    /// "3 / 8" seats left on the fuller leg, or "complet".
    private func seatsLeft(_ run: ShuttleRunRecord, _ html: DeskHTML) -> String {
        let left = run.vehicle.seats - max(run.outboundSeats, run.returnSeats)
        return left > 0 ? "\(left) / \(run.vehicle.seats)" : html.e(html.wording["run-full"])
    }

    /// "with a companion, in a wheelchair, EPS appointment 09 h 30".
    func needs(_ booking: ShuttleBookingListing, _ html: DeskHTML) -> String {
        let w = html.wording
        var parts: [String] = []
        if booking.companion { parts.append(w["companion"]) }
        if booking.wheelchair { parts.append(w["wheelchair"]) }
        if let appointment = booking.appointment { parts.append("\(w["appointment"]) \(w.time(appointment, desk.localTime))") }
        return parts.joined(separator: ", ")
    }
}
