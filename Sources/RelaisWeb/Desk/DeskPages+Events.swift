// DeskPages+Events: registering residents to campaign sessions in the browser. The events list
// (filtered by campaign, commune and dates, with the places left), a session's page with the
// registration form and the agent's residents registered to it, a registration's confirmation
// (confirmed, or its place on the waitlist) and its cancellation. A `?resident=ID` from a
// resident's page is carried from the list to the session's form, chosen.
//
//   GET /events[?campaign=&commune=&from=&to=&resident=]   GET /events/ID[?resident=]
//   POST /events/ID/register                                GET /registrations/ID
//   POST /registrations/ID/cancel
//
// Stable ids for browser tests: events-filter, events, event-link-<occurrence>, places-left,
// waitlist-count, register-form, resident (the select), register-button, event-registrations,
// registration-status, cancel-registration-form, cancel-registration, register-for-resident,
// resident-registrations.

import Foundation
import RelaisCore
import RelaisStore

extension DeskPages {
    func events(_ agent: Agent, _ html: DeskHTML, _ form: FormFields?, request: Request) throws -> Response {
        let segments = request.pathSegments
        if let form {
            guard segments.count == 3, segments[2] == "register" else { throw DeskError.notFound }
            let occurrence = try Self.id(segments[1])
            do {
                let outcome = try desk.register(agent, occurrence: occurrence, form)
                log("desk registration", ["registration": String(outcome.id), "status": outcome.status.rawValue])
                return Self.redirect("/registrations/\(outcome.id)")
            } catch let error as DeskError {
                guard error.isFormProblem else { throw error.asPageError }
                return try eventPage(agent, html, id: occurrence, values: form, error: error)
            }
        }
        switch segments.count {
        case 1: return try eventList(agent, html, query: request.query)
        case 2:
            let chosen = FormFields(request.query["resident"].map { ["resident": $0] } ?? [:])
            return try eventPage(agent, html, id: try Self.id(segments[1]), values: chosen, error: nil)
        default: throw DeskError.notFound
        }
    }

    func registrations(_ agent: Agent, _ html: DeskHTML, _ form: FormFields?, request: Request) throws -> Response {
        let segments = request.pathSegments
        guard segments.count >= 2 else { throw DeskError.notFound }
        let id = try Self.id(segments[1])
        if form != nil {
            guard segments.count == 3, segments[2] == "cancel" else { throw DeskError.notFound }
            do {
                let cancellation = try desk.cancelRegistration(agent, id: id)
                log("desk registration cancelled", ["registration": String(id), "promoted": String(cancellation.promoted.count)])
                return Self.redirect("/registrations/\(id)")
            } catch let error as DeskError {
                guard error.isFormProblem else { throw error.asPageError }
                return try registrationPage(agent, html, id: id, error: error)
            }
        }
        guard segments.count == 2 else { throw DeskError.notFound }
        return try registrationPage(agent, html, id: id, error: nil)
    }

    // MARK: - Pages

    private func eventList(_ agent: Agent, _ html: DeskHTML, query: [String: String]) throws -> Response {
        let w = html.wording
        var problem: DeskError?
        var filter = EventFilter()
        do { filter = try desk.eventFilter(query) } catch let error as DeskError where error.isFormProblem { problem = error }
        let events = try desk.upcomingEvents(agent, filter)
        let carried = query["resident"].flatMap { Int64($0) }.map { "?resident=\($0)" } ?? ""
        let rows = events.map { event in
            let occurrence = event.occurrence
            return [
                "<a id=\"event-link-\(occurrence.id)\" href=\"/events/\(occurrence.id)\(carried)\">\(html.e(w.dateAndTime(occurrence.start, desk.localTime)))</a>",
                html.e(occurrence.summary), html.e(place(occurrence)), html.e(occurrence.campaign), placesLeft(event, html),
                String(occurrence.waitlisted),
            ]
        }
        let list =
            rows.isEmpty
            ? "<p>\(html.e(w["no-upcoming-events"]))</p>"
            : html.table(
                id: "events", caption: w["events"],
                headers: [w["when"], w["event"], w["place"], w["campaign"], w["places-left"], w["waitlist"]], rows: rows)
        return html.page(
            w["events"], status: problem == nil ? 200 : 422,
            """
            \(html.formError(problem, labels: ["commune": w["commune"], "from": w["from"], "to": w["to"]], localTime: desk.localTime))\
            \(try filterForm(html, query: query))\(list)
            """)
    }

    private func filterForm(_ html: DeskHTML, query: [String: String]) throws -> String {
        let w = html.wording
        let campaigns = [("", w["all-campaigns"])] + (try desk.campaignChoices())
        let communes = [("", w["all-communes"])] + desk.territory.communes.map { ($0.slug, $0.name) }
        let chosenCommune =
            query["commune"].flatMap { (desk.territory.commune(named: $0) ?? desk.territory.commune(code: $0))?.slug } ?? query["commune"]
        let resident = query["resident"].flatMap { Int64($0) }.map { "<input type=\"hidden\" name=\"resident\" value=\"\($0)\">" } ?? ""
        return """
            <form id="events-filter" method="get" action="/events" role="search">
            \(resident)\(html.select("campaign", label: w["campaign"], options: campaigns, selected: query["campaign"]))\
            \(html.select("commune", label: w["commune"], options: communes, selected: chosenCommune))\
            \(html.input("from", label: w["from"], type: "date", value: query["from"]))\
            \(html.input("to", label: w["to"], type: "date", value: query["to"]))\
            <p><button id="filter-submit" type="submit">\(html.e(w["filter"]))</button></p>
            </form>

            """
    }

    private func eventPage(_ agent: Agent, _ html: DeskHTML, id: Int64, values: FormFields, error: DeskError?) throws -> Response {
        let w = html.wording
        let (occurrence, registrations) = try desk.event(agent, id: id)
        let open = occurrence.status != .cancelled && occurrence.start > desk.clock()
        var main = """
            \(occurrence.status == .cancelled ? "<p class=\"error\">\(html.e(w["session-cancelled"]))</p>\n" : "")<dl>
            <dt>\(html.e(w["when"]))</dt><dd>\(html.e(w.dateAndTime(occurrence.start, desk.localTime)))</dd>
            <dt>\(html.e(w["place"]))</dt><dd>\(html.e(place(occurrence)))</dd>
            <dt>\(html.e(w["campaign"]))</dt><dd>\(html.e(occurrence.campaign))</dd>
            <dt>\(html.e(w["places-left"]))</dt><dd id="places-left">\(placesLeft(EventListing(occurrence: occurrence), html))</dd>
            <dt>\(html.e(w["waitlist"]))</dt><dd id="waitlist-count">\(occurrence.waitlisted)</dd>
            </dl>

            """
        if open {
            main += try registerForm(agent, html, occurrence: occurrence, values: values, error: error)
        } else if occurrence.status != .cancelled {
            main += "\(html.formError(error, localTime: desk.localTime))<p>\(html.e(w["session-started"]))</p>\n"
        }
        let rows = registrations.map { entry in
            [
                entry.participant.map { "<a href=\"/residents/\($0)\">\(html.e(entry.name ?? "—"))</a>" } ?? "—",
                "<a href=\"/registrations/\(entry.registration)\">\(html.e(statusWords(entry, html)))</a>",
                open ? cancelButton(entry.registration, html) : "",
            ]
        }
        main += "<h2>\(html.e(w["my-registrations"]))</h2>\n"
        main +=
            rows.isEmpty
            ? "<p>\(html.e(w["no-registrations"]))</p>\n"
            : html.table(id: "event-registrations", caption: w["my-registrations"], headers: [w["resident"], w["status"], ""], rows: rows)
        main += "<p><a href=\"/events\">\(html.e(w["back-to-events"]))</a></p>\n"
        let title = "\(occurrence.summary) — \(w.dateAndTime(occurrence.start, desk.localTime))"
        return html.page(title, status: error == nil ? 200 : Self.status(of: error), main)
    }

    private func registerForm(_ agent: Agent, _ html: DeskHTML, occurrence: OccurrenceListing, values: FormFields, error: DeskError?)
        throws -> String
    {
        let w = html.wording
        var people = try desk.residents(agent, matching: nil, limit: 2000)
        if let chosen = values["resident"].flatMap({ Int64($0) }), !people.contains(where: { $0.id == chosen }),
            let person = try? desk.resident(agent, id: chosen)
        {
            people.append(person)
        }
        let residents = [("", w["choose"])] + people.map { (String($0.id), $0.name + ($0.phone.map { " (\($0))" } ?? "")) }
        let full = EventListing(occurrence: occurrence).placesLeft == 0
        return """
            <h2>\(html.e(w["register-here"]))</h2>
            \(html.formError(error, labels: ["resident": w["resident"], "occurrence": w["session"]], localTime: desk.localTime))\
            \(full ? "<p class=\"warning\">\(html.e(w["waitlist-note"]))</p>\n" : "")<form id="register-form" method="post" action="/events/\(occurrence.id)/register">
            \(html.csrfField)
            \(html.select("resident", label: w["resident"], options: residents, selected: values["resident"]))\
            <p><button id="register-button" type="submit">\(html.e(w["register"]))</button></p>
            </form>

            """
    }

    private func registrationPage(_ agent: Agent, _ html: DeskHTML, id: Int64, error: DeskError?) throws -> Response {
        let w = html.wording
        let (entry, occurrence) = try desk.registration(agent, id: id)
        let cancellable = entry.status != .cancelled && entry.attendedAt == nil && occurrence.start > desk.clock()
        let cancel =
            cancellable
            ? """
            <form id="cancel-registration-form" method="post" action="/registrations/\(id)/cancel">\(html.csrfField)<button id="cancel-registration" type="submit">\(html.e(w["cancel-registration"]))</button></form>

            """ : ""
        return html.page(
            "\(w["registration"]) \(id)", status: error == nil ? 200 : Self.status(of: error),
            """
            \(html.formError(error, localTime: desk.localTime))<p id="registration-status" class="status-\(entry.status.rawValue)">\(html.e(statusWords(entry, html)))</p>
            \(entry.status == .waitlisted ? "<p class=\"note\">\(html.e(w["waitlist-note"]))</p>\n" : "")<dl>
            <dt>\(html.e(w["resident"]))</dt><dd>\(entry.participant.map { "<a href=\"/residents/\($0)\">\(html.e(entry.name ?? "—"))</a>" } ?? "—")</dd>
            <dt>\(html.e(w["session"]))</dt><dd><a href="/events/\(occurrence.id)">\(html.e(occurrence.summary))</a></dd>
            <dt>\(html.e(w["when"]))</dt><dd>\(html.e(w.dateAndTime(occurrence.start, desk.localTime)))</dd>
            <dt>\(html.e(w["place"]))</dt><dd>\(html.e(place(occurrence)))</dd>
            </dl>
            \(cancel)
            """)
    }

    /// The resident page's part: their registrations to sessions and a link to register them.
    func residentRegistrations(_ agent: Agent, _ html: DeskHTML, resident id: Int64) throws -> String {
        guard agent.role.allows(.eventRegistrations) else { return "" }
        let w = html.wording
        let rows = try desk.registrations(agent, resident: id).map { entry, occurrence in
            [
                "<a href=\"/events/\(occurrence.id)\">\(html.e(w.dateAndTime(occurrence.start, desk.localTime)))</a>",
                html.e(occurrence.summary),
                "<a href=\"/registrations/\(entry.registration)\">\(html.e(statusWords(entry, html)))</a>",
            ]
        }
        let table =
            rows.isEmpty
            ? "<p>\(html.e(w["no-registrations"]))</p>\n"
            : html.table(
                id: "resident-registrations", caption: w["event-registrations"], headers: [w["when"], w["event"], w["status"]], rows: rows)
        return """
            <h2>\(html.e(w["event-registrations"]))</h2>
            <p><a id="register-for-resident" class="button" href="/events?resident=\(id)">\(html.e(w["register-to-event"]))</a></p>
            \(table)
            """
    }

    // MARK: - Helpers

    /// "Salle des fêtes, <commune>".
    func place(_ occurrence: OccurrenceListing) -> String {
        [occurrence.location, occurrence.commune.map(communeName)].compactMap { $0 }.joined(separator: " — ")
    }

    /// "3 / 20", "complet" or "sans limite".
    private func placesLeft(_ event: EventListing, _ html: DeskHTML) -> String {
        guard let left = event.placesLeft, let capacity = event.occurrence.capacity else { return html.e(html.wording["no-limit"]) }
        return left > 0 ? "\(left) / \(capacity)" : html.e(html.wording["full"])
    }

    /// "Inscription confirmée", "En liste d'attente (rang 2)", "Inscription annulée".
    func statusWords(_ entry: CheckInEntry, _ html: DeskHTML) -> String {
        let w = html.wording
        let words = w["reg-\(entry.status.rawValue)"]
        return entry.waitlistPosition.map { "\(words) (\(w["position"]) \($0))" } ?? words
    }

    private func cancelButton(_ registration: Int64, _ html: DeskHTML) -> String {
        """
        <form method="post" action="/registrations/\(registration)/cancel">\(html.csrfField)<button id="cancel-\(registration)" type="submit">\(html.e(html.wording["cancel-registration"]))</button></form>
        """
    }

    /// 409 for a refusal a later request may change (session not started, already registered or
    /// present), 422 for the rest of what the form can correct.
    static func status(of error: DeskError?) -> Int {
        switch error {
        case .refusal(.registration(.sessionNotStarted))?, .refusal(.registration(.alreadyRegistered))?,
            .refusal(.registration(.alreadyPresent))?:
            409
        default: 422
        }
    }
}
