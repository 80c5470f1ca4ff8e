// DeskHTML: the frame every desk page shares (head, header, navigation, sign-out form, main) and
// the small pieces forms are built from. Everything a person or the database wrote goes through
// `e` (HTMLText.escape); no page has a script or an inline style (the Content-Security-Policy
// forbids both), and every form posts with its CSRF token.

import Foundation
import RelaisCore

/// Builds desk pages.
struct DeskHTML {
    let wording: DeskWording
    let agent: Agent?

    /// Text made safe for HTML.
    func e(_ text: String) -> String { HTMLText.escape(text) }

    /// A whole page around `main`.
    func page(_ title: String, status: Int = 200, titleID: String? = nil, _ main: String) -> Response {
        let language = wording.language == .english ? "en" : "fr"
        var html = """
            <!doctype html>
            <html lang="\(language)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(title)) · \(e(wording["app"]))</title>
            <link rel="stylesheet" href="/static/desk.css">
            </head>
            <body>
            <a class="skip" href="#main">\(e(wording["skip"]))</a>
            <header>
            <p class="brand">\(e(wording["app"]))</p>

            """
        if let agent {
            let who = agent.commune.map { "\(wording["ccas-of"]) \($0.name)" } ?? wording["role-\(agent.role.rawValue)"]
            html += """
                <nav aria-label="\(e(wording["nav"]))">
                \(navigation(agent))
                <a href="/lang/\(language == "fr" ? "en" : "fr")" lang="\(language == "fr" ? "en" : "fr")">\(e(wording["other-language"]))</a>
                </nav>
                <p class="who">\(e(wording["signed-in-as"])) \(e(agent.login)) — \(e(who))</p>
                <form id="signout" method="post" action="/signout">\(csrfField)<button id="signout-submit" type="submit">\(e(wording["signout"]))</button></form>

                """
        } else {
            html +=
                "<nav aria-label=\"\(e(wording["nav"]))\"><a href=\"/lang/\(language == "fr" ? "en" : "fr")\">\(e(wording["other-language"]))</a></nav>\n"
        }
        html +=
            "</header>\n<main id=\"main\">\n<h1\(titleID.map { " id=\"\($0)\"" } ?? "")>\(e(title))</h1>\n\(main)\n</main>\n</body>\n</html>\n"
        return Response(status: status, contentType: "text/html; charset=utf-8", text: html)
    }

    /// The links of the pages the agent's role may open, each shown only to a role that may.
    func navigation(_ agent: Agent) -> String {
        var links: [(id: String, path: String, key: String)] = []
        if agent.role.allows(.shuttle) { links.append(("nav-runs", "/runs", "runs")) }
        if agent.role.allows(.residents) { links.append(("nav-residents", "/residents", "residents")) }
        if agent.role.allows(.eventRegistrations) { links.append(("nav-events", "/events", "events")) }
        if agent.role.allows(.checkIn) { links.append(("nav-checkin", "/checkin", "checkin")) }
        if agent.role.allows(.calendars) {
            links += [("nav-campaigns", "/campaigns", "campaigns"), ("nav-calendar", "/calendar", "calendar")]
        }
        if agent.role.allows(.reports) { links.append(("nav-reports", "/reports", "reports")) }
        return links.map { "<a id=\"\($0.id)\" href=\"\($0.path)\">\(e(wording[$0.key]))</a>" }.joined(separator: "\n")
    }

    /// Where an agent lands after signing in (and on `/`): its role's first page. A CCAS agent and
    /// the coordinator book shuttles, a planner loads calendars; staff's page is the check-in list.
    static func home(for role: AccountRole) -> String {
        switch role {
        case .ccas, .coordinator: "/runs"
        case .planner: "/campaigns"
        case .staff: "/checkin"
        }
    }

    /// The hidden CSRF field of the agent's forms.
    var csrfField: String {
        agent.map { "<input type=\"hidden\" name=\"csrf\" value=\"\($0.csrf)\">" } ?? ""
    }

    /// The error box above a form, naming the field (its label) and the problem in the page's language.
    func formError(_ error: DeskError?, labels: [String: String] = [:], localTime: LocalTime) -> String {
        guard case .refusal(let refusal)? = error else { return "" }
        let problem = wording.words(for: refusal, localTime)
        let label = refusal.field.flatMap { labels[$0.rawValue] }.map { "\($0) : " } ?? ""
        return "<p id=\"form-error\" class=\"error\" role=\"alert\">\(e(wording["form-error"])) \(e(label))\(e(problem))</p>\n"
    }

    /// A labelled input; `value` is kept after a refused form so nothing typed is lost.
    func input(_ name: String, label: String, type: String = "text", value: String? = nil, extra: String = "", note: String? = nil)
        -> String
    {
        let hint = note.map { " <span class=\"note\">(\(e($0)))</span>" } ?? ""
        return """
            <p><label for="\(name)">\(e(label))\(hint)</label>
            <input id="\(name)" name="\(name)" type="\(type)" value="\(e(value ?? ""))" \(extra)></p>

            """
    }

    /// A labelled checkbox.
    func checkbox(_ name: String, label: String, checked: Bool) -> String {
        "<p class=\"check\"><input id=\"\(name)\" name=\"\(name)\" type=\"checkbox\"\(checked ? " checked" : "")> <label for=\"\(name)\">\(e(label))</label></p>\n"
    }

    /// A labelled select of (value, text) options.
    func select(_ name: String, label: String, options: [(String, String)], selected: String?) -> String {
        let items = options.map { value, text in
            "<option value=\"\(e(value))\"\(value == selected ? " selected" : "")>\(e(text))</option>"
        }
        return "<p><label for=\"\(name)\">\(e(label))</label>\n<select id=\"\(name)\" name=\"\(name)\">\(items.joined())</select></p>\n"
    }

    /// A table with a caption, header cells and rows of already escaped cells.
    func table(id: String, caption: String, headers: [String], rows: [[String]]) -> String {
        let head = headers.map { "<th scope=\"col\">\(e($0))</th>" }.joined()
        let body = rows.map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>" }.joined(separator: "\n")
        return
            "<table id=\"\(id)\">\n<caption>\(e(caption))</caption>\n<thead><tr>\(head)</tr></thead>\n<tbody>\n\(body)\n</tbody>\n</table>\n"
    }

    /// The page of an error: 404 for anything unknown or out of scope, 403, or the form expired.
    func errorPage(_ status: Int) -> Response {
        let (title, text): (String, String) =
            switch status {
            case 403: (wording["forbidden"], wording["forbidden-text"])
            case 419: (wording["expired"], wording["expired-text"])
            case 503: (wording["unavailable"], wording["unavailable-text"])
            default: (wording["not-found"], wording["not-found-text"])
            }
        let main = "<p>\(e(text))</p>\n<p><a id=\"home-link\" href=\"/\">\(e(wording["back-home"]))</a></p>"
        return page(title, status: status == 419 ? 403 : status, titleID: "error-title", main)
    }
}
