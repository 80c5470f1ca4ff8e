// DeskPages: the CCAS desk in the browser. Server-rendered HTML, French by default (English by
// the link in the header, kept in a cookie), no script. Every page but sign-in needs a session
// cookie (HttpOnly, SameSite=Strict, Secure when `[web] secure_cookies`); every POST needs the
// form's CSRF token, including sign-in, whose token comes from a short-lived pre-session cookie.
//
//   GET  /signin, POST /signin, POST /signout, GET /lang/fr|en, GET /static/desk.css
//   GET  /residents[?q=]      GET /residents/new     POST /residents     GET /residents/ID
//   GET  /runs                GET /runs/ID           POST /runs/ID/book  GET /runs/ID/manifest
//   GET  /bookings/ID         POST /bookings/ID/cancel
//   GET  /residents/ID/edit   POST /residents/ID/edit
//   POST /bookings/ID/no-show|completed|promote   (coordinator)
//   GET  /calendar            (coordinator, planner)
//   GET  /campaigns[/ID]      POST /calendars (a file, multipart)   GET /reports[/download]   (planner, coordinator)
//   GET  /events[?...]        GET /events/ID      POST /events/ID/register   (DeskPages+Events)
//   GET  /registrations/ID    POST /registrations/ID/cancel
//   GET  /checkin[?day=]      GET /checkin/ID[?q=] GET /checkin/ID/sheet      (DeskPages+CheckIn)
//   POST /checkin/ID/tick     POST /checkin/ID/undo POST /checkin/ID/walk-in
//
// Answers: 303 after a change (post/redirect/get), 404 for anything unknown or out of the agent's
// scope, 403 for a missing or wrong CSRF token or a role that may not, 400 for an unreadable
// form, 429 while an account is locked, 503 when the database cannot answer.

import Foundation
import RelaisAuth
import RelaisCore
import RelaisStore

/// The desk's pages.
public struct DeskPages: Sendable {
    /// Writes a log line: a fixed message and metadata without personal data.
    public typealias Logger = @Sendable (_ message: StaticString, _ metadata: [String: String]) -> Void

    let desk: Desk
    let authenticator: Authenticator
    let secureCookies: Bool
    let log: Logger

    /// The cookies' names; behind TLS they take the `__Host-` prefix, which browsers accept only
    /// with Secure, Path=/ and no Domain, so no sibling host can plant one.
    var sessionCookie: String { secureCookies ? "__Host-relais_session" : "relais_session" }
    var signInCookie: String { secureCookies ? "__Host-relais_signin" : "relais_signin" }
    static let languageCookie = "relais_lang"

    public init(desk: Desk, authenticator: Authenticator, secureCookies: Bool, log: @escaping Logger) {
        self.desk = desk
        self.authenticator = authenticator
        self.secureCookies = secureCookies
        self.log = log
    }

    /// Adds the desk's routes to `router`.
    public func install(in router: inout Router) {
        router.add(["GET"], prefix: "/static/desk.css") { _ in
            Response(
                status: 200, contentType: "text/css; charset=utf-8",
                text: [DeskStylesheet.css, DeskStylesheet.planners, DeskStylesheet.checkIn].joined(separator: "\n"))
        }
        router.add(["GET"], prefix: "/") { request in
            request.path == "/"
                ? signedIn(request) { agent, _, _ in Self.redirect(DeskHTML.home(for: agent.role)) }
                : DeskHTML(wording: wording(request), agent: nil).errorPage(404)
        }
        router.add(["GET"], prefix: "/lang") { request in
            let chosen = request.pathSegments.count == 2 && request.pathSegments[1] == "en" ? "en" : "fr"
            var response = Self.redirect("/")
            response.headers.append(("Set-Cookie", cookie(Self.languageCookie, chosen, maxAge: 365 * 86_400)))
            return response
        }
        router.add(["GET", "POST"], prefix: "/signin") { request in
            // Only /signin itself: a per-address limit in front (nginx) must see every attempt.
            request.path == "/signin"
                ? guarded(request) { try signIn(request) } : DeskHTML(wording: wording(request), agent: nil).errorPage(404)
        }
        router.add(["POST"], prefix: "/signout") { request in
            signedIn(request) { agent, _, _ in
                try authenticator.signOut(agent)
                var response = Self.redirect("/signin")
                response.headers.append(("Set-Cookie", cookie(sessionCookie, "", maxAge: 0)))
                return response
            }
        }
        router.add(["GET", "POST"], prefix: "/residents") { request in
            signedIn(request) { try residents($0, $1, $2, request: request) }
        }
        router.add(["GET", "POST"], prefix: "/runs") { request in signedIn(request) { try runs($0, $1, $2, request: request) } }
        router.add(["GET", "POST"], prefix: "/bookings") { request in
            signedIn(request) { try bookings($0, $1, $2, request: request) }
        }
        router.add(["GET"], prefix: "/calendar") { request in signedIn(request) { agent, html, _ in try calendar(agent, html) } }
        installPlanners(in: &router)
        router.add(["GET", "POST"], prefix: "/events") { request in signedIn(request) { try events($0, $1, $2, request: request) } }
        router.add(["GET", "POST"], prefix: "/registrations") { request in
            signedIn(request) { try registrations($0, $1, $2, request: request) }
        }
        router.add(["GET", "POST"], prefix: "/checkin") { request in signedIn(request) { try checkIn($0, $1, $2, request: request) } }
    }

    // MARK: - The door

    /// Runs `handler` for a signed-in agent; a POST must carry a readable form with the agent's CSRF token.
    func signedIn(_ request: Request, _ handler: (Agent, DeskHTML, FormFields?) throws -> Response) -> Response {
        guarded(request) {
            let token = FormFields.cookies(request.headers["cookie"])[sessionCookie]
            guard let agent = try authenticator.agent(token: token, kind: .browser) else { return Self.redirect("/signin") }
            let html = DeskHTML(wording: wording(request), agent: agent)
            guard request.method == "POST" else { return try handler(agent, html, nil) }
            guard let form = Self.formFields(request) else { return .plain(400) }
            guard let csrf = form["csrf"], SessionToken.checkCSRF(csrf, for: agent.token) else {
                log("desk form refused: missing or wrong CSRF token", ["path": request.path])
                return html.errorPage(419)
            }
            return try handler(agent, html, form)
        }
    }

    /// Turns what a handler throws into a page: out of scope is 404, a role that may not is 403,
    /// anything else is logged (without personal data) and answered 503.
    private func guarded(_ request: Request, _ body: () throws -> Response) -> Response {
        do { return try body() } catch let error as DeskError where error.isNotFound {
            return DeskHTML(wording: wording(request), agent: nil).errorPage(404)
        } catch Refusal.notFound {
            return DeskHTML(wording: wording(request), agent: nil).errorPage(404)
        } catch DeskError.forbidden {
            return DeskHTML(wording: wording(request), agent: nil).errorPage(403)
        } catch {
            log("desk request failed", ["path": request.path, "error": Redaction.scrub("\(error)")])
            return DeskHTML(wording: wording(request), agent: nil).errorPage(503)
        }
    }

    /// The agent's language: French, the territory's, unless English was chosen by the link in the
    /// header (a cookie). The browser's Accept-Language is not followed: the agents' laptops are not
    /// always set up in French, and the pages should not change language from one desk to the next.
    func wording(_ request: Request) -> DeskWording {
        DeskWording(FormFields.cookies(request.headers["cookie"])[Self.languageCookie] == "en" ? .english : .french)
    }

    // MARK: - Helpers

    /// A cookie for this site only, out of scripts' reach, never sent by another site's page.
    func cookie(_ name: String, _ value: String, maxAge: Int) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict" + (secureCookies ? "; Secure" : "")
    }

    /// 303 See Other to `location`.
    static func redirect(_ location: String) -> Response {
        var response = Response(status: 303)
        response.headers.append(("Location", location))
        return response
    }

    /// A positive id from a path segment.
    static func id(_ segment: Substring?) throws -> Int64 {
        guard let segment, let id = Int64(segment), id > 0 else { throw DeskError.notFound }
        return id
    }
}
