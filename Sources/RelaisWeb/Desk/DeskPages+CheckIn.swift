// DeskPages+CheckIn: the check-in desk in the browser, made for a tablet at the door (1280×800 or
// 768×1024) and the keyboard: today's sessions, then one session's people in alphabetical order,
// each with one large button (a form of its own: no script, the CSP forbids it) to tick them
// present or undo the tick; a search within the list (a GET query, kept across ticks); a walk-in
// form; and the printable sign-in sheet (feuille d'émargement): A4, 25 names a page, a signature
// column, blank lines for walk-ins. The coordinator may pick another day (`?day=`), to enter a
// paper sheet after the session.
//
//   GET  /checkin[?day=]          GET /checkin/ID[?q=]          GET /checkin/ID/sheet
//   POST /checkin/ID/tick         POST /checkin/ID/undo         POST /checkin/ID/walk-in
//
// Stable ids for browser tests: checkin-day-form, checkin-sessions, checkin-session-<occurrence>,
// present-count, registered-count, not-started, checkin-search, q, checkin-list, row-<registration>,
// checkin-<registration> (the tick button), undo-<registration>, walkin-form, walkin-name,
// walkin-commune, walkin-birth-year, walkin-button, signin-sheet-link, sheet-page-<n>.

import Foundation
import RelaisCore
import RelaisStore

extension DeskPages {
    /// Names on one page of the sign-in sheet.
    static let sheetRows = 25

    func checkIn(_ agent: Agent, _ html: DeskHTML, _ form: FormFields?, request: Request) throws -> Response {
        let segments = request.pathSegments
        if let form {
            guard segments.count == 3 else { throw DeskError.notFound }
            let occurrence = try Self.id(segments[1])
            return try checkInAction(agent, html, occurrence: occurrence, action: String(segments[2]), form: form)
        }
        switch segments.count {
        case 1: return try sessionsPage(agent, html, day: request.query["day"])
        case 2: return try listPage(agent, html, occurrence: try Self.id(segments[1]), query: request.query["q"], error: nil)
        case 3 where segments[2] == "sheet": return try signInSheet(agent, html, occurrence: try Self.id(segments[1]))
        default: throw DeskError.notFound
        }
    }

    /// A tick, an undo or a walk-in; back to the list (and the person's row) once done.
    private func checkInAction(_ agent: Agent, _ html: DeskHTML, occurrence: Int64, action: String, form: FormFields) throws -> Response {
        let query = form.text("q")
        do {
            let entry: CheckInEntry
            switch action {
            case "tick": entry = try desk.tick(agent, occurrence: occurrence, registration: try Self.registration(form))
            case "undo": entry = try desk.undoTick(agent, registration: try Self.registration(form), occurrence: occurrence)
            case "walk-in": entry = try desk.walkIn(agent, occurrence: occurrence, form)
            default: throw DeskError.notFound
            }
            log("desk check-in", ["action": action, "registration": String(entry.registration)])
            let search = query.map { "?q=\(Self.queryEscaped($0))" } ?? ""
            return Self.redirect("/checkin/\(occurrence)\(action == "walk-in" ? "" : search)#row-\(entry.registration)")
        } catch let error as DeskError {
            guard error.isFormProblem else { throw error.asPageError }
            return try listPage(agent, html, occurrence: occurrence, query: query, error: error, walkIn: action == "walk-in" ? form : nil)
        }
    }

    // MARK: - Pages

    private func sessionsPage(_ agent: Agent, _ html: DeskHTML, day typed: String?) throws -> Response {
        let w = html.wording
        let day = try desk.checkInDay(agent, typed)
        let sessions = try desk.checkInSessions(agent, day: day)
        let items = sessions.map { session in
            let occurrence = session.occurrence
            return """
                <li><a id="checkin-session-\(occurrence.id)" class="session" href="/checkin/\(occurrence.id)"><strong>\(html.e(w.time(occurrence.start, desk.localTime)))</strong> \(html.e(occurrence.summary)) <span class="meta">\(html.e(place(occurrence))) · \(html.e(w["present"])) \(session.present) / \(session.registered)</span></a></li>
                """
        }
        let picker =
            agent.role.allows(.lateCheckIn)
            ? """
            <form id="checkin-day-form" method="get" action="/checkin">
            \(html.input("day", label: w["day"], type: "date", value: desk.localTime.day(day)))<p><button type="submit">\(html.e(w["show-day"]))</button></p>
            </form>

            """ : ""
        let list =
            items.isEmpty
            ? "<p>\(html.e(w["no-sessions-today"]))</p>"
            : "<ul id=\"checkin-sessions\" class=\"sessions\">\n\(items.joined(separator: "\n"))\n</ul>"
        return html.page("\(w["sessions-of"]) \(w.day(day, desk.localTime))", "\(picker)\(list)")
    }

    private func listPage(
        _ agent: Agent, _ html: DeskHTML, occurrence id: Int64, query: String?, error: DeskError?, walkIn: FormFields? = nil
    ) throws -> Response {
        let w = html.wording
        let (occurrence, people) = try desk.checkInList(agent, occurrence: id, matching: query)
        let everyone = query == nil ? people : try desk.checkInList(agent, occurrence: id).people
        let confirmed = everyone.filter { $0.status == .confirmed }
        let started = occurrence.start <= desk.clock()
        let hidden = query.map { "<input type=\"hidden\" name=\"q\" value=\"\(html.e($0))\">" } ?? ""
        let rows = people.map { row($0, occurrence: id, started: started, hidden: hidden, html) }
        let notStarted =
            started
            ? ""
            : "<p id=\"not-started\" class=\"warning\">\(html.e(w["not-started-note"])) \(html.e(w.time(occurrence.start, desk.localTime))) : \(html.e(w["not-started-after"]))</p>\n"
        let list =
            rows.isEmpty
            ? "<p>\(html.e(w[query == nil ? "nobody-registered" : "nobody-found"]))</p>\n"
            : "<ol id=\"checkin-list\" class=\"checkin\">\n\(rows.joined(separator: "\n"))\n</ol>\n"
        let main = """
            <p>\(html.e(place(occurrence)))</p>
            <p class="counts">\(html.e(w["present"])) : <span id="present-count">\(confirmed.filter { $0.attendedAt != nil }.count)</span> / <span id="registered-count">\(confirmed.count)</span></p>
            \(notStarted)\(html.formError(error, labels: ["name": w["name"], "commune": w["commune"], "birth_year": w["birth-year"]], localTime: desk.localTime))\
            <form id="checkin-search" method="get" action="/checkin/\(id)" role="search">
            <p><label for="q">\(html.e(w["search-name"]))</label>
            <input id="q" name="q" type="search" value="\(html.e(query ?? ""))" autocomplete="off"> <button type="submit">\(html.e(w["search"]))</button>\
            \(query == nil ? "" : " <a href=\"/checkin/\(id)\">\(html.e(w["show-all"]))</a>")</p>
            </form>
            \(list)\(walkInForm(agent, html, occurrence: id, values: walkIn ?? FormFields()))
            <p><a id="signin-sheet-link" href="/checkin/\(id)/sheet">\(html.e(w["signin-sheet"]))</a> · <a href="/checkin">\(html.e(w["checkin"]))</a></p>
            """
        let title = "\(occurrence.summary) — \(w.dateAndTime(occurrence.start, desk.localTime))"
        return html.page(title, status: error == nil ? 200 : Self.status(of: error), main)
    }

    /// One person of the list: their name, then the tick button, or the time they came and the undo button.
    private func row(_ entry: CheckInEntry, occurrence: Int64, started: Bool, hidden: String, _ html: DeskHTML) -> String {
        let w = html.wording
        let name = entry.name ?? "—"
        var meta = [communeName(entry.commune)]
        if let year = entry.birthYear { meta.append("\(w["born-in"]) \(year)") }
        if entry.source == "walk-in" { meta.append(w["walk-in-source"]) }
        if entry.status == .waitlisted { meta.append(statusWords(entry, html)) }
        let action: String
        if let attended = entry.attendedAt {
            action = """
                <span class="ticked">✓ \(html.e(w["ticked-at"])) \(html.e(w.time(attended, desk.localTime)))</span>\
                <form method="post" action="/checkin/\(occurrence)/undo">\(html.csrfField)\(hidden)<input type="hidden" name="registration" value="\(entry.registration)">\
                <button id="undo-\(entry.registration)" class="undo" type="submit" aria-label="\(html.e("\(w["undo-label"]) \(name)"))">\(html.e(w["undo"]))</button></form>
                """
        } else {
            action = """
                <form method="post" action="/checkin/\(occurrence)/tick">\(html.csrfField)\(hidden)<input type="hidden" name="registration" value="\(entry.registration)">\
                <button id="checkin-\(entry.registration)" class="tick" type="submit"\(started ? "" : " disabled") aria-label="\(html.e("\(w["tick-label"]) \(name)"))">\(html.e(w["tick"]))</button></form>
                """
        }
        let state = entry.attendedAt != nil ? "present" : entry.status == .waitlisted ? "waitlisted" : "absent"
        return """
            <li id="row-\(entry.registration)" class="\(state)"><span class="person"><span class="name">\(html.e(name))</span> <span class="meta">\(html.e(meta.joined(separator: " · ")))</span></span>\(action)</li>
            """
    }

    private func walkInForm(_ agent: Agent, _ html: DeskHTML, occurrence: Int64, values: FormFields) -> String {
        let w = html.wording
        let communes = agent.commune.map { [($0.name, $0.name)] } ?? desk.territory.communes.map { ($0.name, $0.name) }
        let options = communes.map { value, text in
            "<option value=\"\(html.e(value))\"\(value == values["commune"] ? " selected" : "")>\(html.e(text))</option>"
        }.joined()
        return """
            <h2>\(html.e(w["walk-in"]))</h2>
            <form id="walkin-form" class="walk-in" method="post" action="/checkin/\(occurrence)/walk-in">
            \(html.csrfField)
            <p><label for="walkin-name">\(html.e(w["name"]))</label>
            <input id="walkin-name" name="name" type="text" value="\(html.e(values["name"] ?? ""))" required maxlength="120" autocomplete="off"></p>
            <p><label for="walkin-commune">\(html.e(w["commune"]))</label>
            <select id="walkin-commune" name="commune">\(options)</select></p>
            <p><label for="walkin-birth-year">\(html.e(w["birth-year"])) <span class="note">(\(html.e(w["optional"])))</span></label>
            <input id="walkin-birth-year" name="birth_year" type="number" value="\(html.e(values["birth_year"] ?? ""))" min="1900" max="2100"></p>
            <p><button id="walkin-button" type="submit">\(html.e(w["walk-in-submit"]))</button></p>
            </form>

            """
    }

    /// The sign-in sheet: the registered people (confirmed) in alphabetical order, 25 a page, then
    /// blank lines to the end of the last page for walk-ins; each page names the session.
    private func signInSheet(_ agent: Agent, _ html: DeskHTML, occurrence id: Int64) throws -> Response {
        let w = html.wording
        let (occurrence, people) = try desk.checkInList(agent, occurrence: id)
        let names = people.filter { $0.status == .confirmed }
        let pages = max(1, (names.count + Self.sheetRows - 1) / Self.sheetRows)
        let heading = "\(occurrence.summary) — \(w.dateAndTime(occurrence.start, desk.localTime)) — \(place(occurrence))"
        var sections: [String] = []
        for page in 0..<pages {
            let rows = (0..<Self.sheetRows).map { line -> String in
                let index = page * Self.sheetRows + line
                guard index < names.count else {
                    return "<tr class=\"blank\"><td>\(index + 1)</td><td></td><td></td><td></td></tr>"
                }
                let entry = names[index]
                return """
                    <tr class="named"><td>\(index + 1)</td><td>\(html.e(entry.name ?? "—"))</td><td>\(html.e(communeName(entry.commune)))</td><td></td></tr>
                    """
            }
            sections.append(
                """
                <section id="sheet-page-\(page + 1)" class="sheet-page">
                <p class="sheet-heading">\(html.e(w["signin-sheet"])) — \(html.e(heading)) — \(html.e(w["page"])) \(page + 1) \(html.e(w["of"])) \(pages)</p>
                <table class="sheet">
                <thead><tr><th scope="col">\(html.e(w["number"]))</th><th scope="col">\(html.e(w["name"]))</th><th scope="col">\(html.e(w["commune"]))</th><th scope="col">\(html.e(w["signature"]))</th></tr></thead>
                <tbody>
                \(rows.joined(separator: "\n"))
                </tbody>
                </table>
                </section>
                """)
        }
        return html.page(
            w["signin-sheet"],
            """
            <p class="no-print">\(html.e(w["print-sheet"])) <a href="/checkin/\(id)">\(html.e(w["back-to-checkin"]))</a></p>
            \(sections.joined(separator: "\n"))
            """)
    }

    // MARK: - Helpers

    /// The `registration` of a tick or undo form.
    private static func registration(_ form: FormFields) throws -> Int64 {
        guard let typed = form.text("registration"), let id = Int64(typed), id > 0 else { throw DeskError.notFound }
        return id
    }

    /// A search kept in the address the form goes back to.
    private static func queryEscaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
