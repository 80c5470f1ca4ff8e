// DeskPages+SignIn: the sign-in form and its answer. The form's CSRF token is derived from a
// pre-session cookie set with the form (so another site cannot sign a browser in to an account of
// its choosing); a refused sign-in says the same for a wrong login, a wrong password or a disabled
// account, and a locked account says until when.

import Foundation
import RelaisAuth
import RelaisCore
import RelaisStore

extension DeskPages {
    func signIn(_ request: Request) throws -> Response {
        let html = DeskHTML(wording: wording(request), agent: nil)
        let cookies = FormFields.cookies(request.headers["cookie"])
        guard request.method == "POST" else {
            let presession = try SessionToken.make()
            var response = signInForm(html, presession: presession, login: nil, problem: nil, status: 200)
            response.headers.append(("Set-Cookie", cookie(signInCookie, presession, maxAge: 3600)))
            return response
        }
        guard let form = FormFields.urlencoded(request.body) else { return .plain(400) }
        guard let presession = cookies[signInCookie], SessionToken.isWellFormed(presession), let csrf = form["csrf"],
            SessionToken.checkCSRF(csrf, for: presession)
        else {
            log("desk sign-in refused: missing or wrong CSRF token", [:])
            return html.errorPage(419)
        }
        let login = form.text("login") ?? ""
        switch try authenticator.signIn(login: login, password: form["password"] ?? "", kind: .browser) {
        case .signedIn(let agent):
            log("desk sign-in", ["role": agent.role.rawValue])
            var response = Self.redirect(DeskHTML.home(for: agent.role))
            response.headers.append(
                ("Set-Cookie", cookie(sessionCookie, agent.token, maxAge: Int(agent.expiresAt.timeIntervalSince(desk.clock())))))
            response.headers.append(("Set-Cookie", cookie(signInCookie, "", maxAge: 0)))
            return response
        case .refused:
            log("desk sign-in refused", [:])
            return signInForm(html, presession: presession, login: login, problem: html.wording["signin-refused"], status: 401)
        case .locked(let until):
            log("desk sign-in refused: account locked", [:])
            let problem = "\(html.wording["signin-locked"]) \(html.wording.time(until, desk.localTime))."
            var response = signInForm(html, presession: presession, login: login, problem: problem, status: 429)
            response.headers.append(("Retry-After", String(max(1, Int(until.timeIntervalSince(desk.clock()).rounded(.up))))))
            return response
        }
    }

    private func signInForm(_ html: DeskHTML, presession: String, login: String?, problem: String?, status: Int) -> Response {
        let w = html.wording
        let error = problem.map { "<p id=\"form-error\" class=\"error\" role=\"alert\">\(html.e($0))</p>\n" } ?? ""
        return html.page(
            w["signin"], status: status,
            """
            \(error)<form id="signin-form" method="post" action="/signin">
            <input type="hidden" name="csrf" value="\(SessionToken.csrf(for: presession))">
            \(html.input("login", label: w["login"], value: login, extra: "autocomplete=\"username\" required autofocus"))\
            \(html.input("password", label: w["password"], type: "password", extra: "autocomplete=\"current-password\" required"))\
            <p><button id="signin-submit" type="submit">\(html.e(w["signin"]))</button></p>
            </form>
            """)
    }
}
