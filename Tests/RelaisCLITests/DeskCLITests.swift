// The CCAS desk through `relais serve` and curl, as a browser would use it: signing in, registering
// a resident, booking and seeing the fare; the walls between communes; CSRF tokens and signing
// out; the sign-in throttle and what is never written down; two agents racing for the last seat;
// bad requests answered 4xx while the desk keeps serving.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct DeskCLITests {
    @Test func aCCASAgentRegistersAResidentBooksTheLastSeatAndSeesTheFare() throws {
        let site = try DeskSite(seats: 1)
        defer { site.server.stop() }
        let gex = try site.signedIn("agent-gex")
        let runs = try gex.get("/runs")
        #expect(runs.status == 200 && runs.body.contains("href=\"/runs/\(site.transport.run)\"") && runs.body.contains("1 / 1"))
        let registered = try gex.submit(
            "/residents", from: "/residents/new",
            [("name", "Jeanne Dupré"), ("phone", "06 12 34 56 78"), ("consent_sms", "on"), ("birth_year", "1950")])
        #expect(registered.status == 303, "\(registered.body)")
        let residentPage = try #require(registered.headers["location"])
        let resident = String(residentPage.split(separator: "/").last!)
        let shown = try gex.get(residentPage)
        #expect(shown.body.contains("<h1 id=\"resident-name\">Jeanne Dupré</h1>") && shown.body.contains("+33612345678"))

        // The resident's page leads to the runs, and the run's form has the resident chosen.
        #expect(shown.body.contains("href=\"/runs?resident=\(resident)\""))
        #expect(try gex.get("/runs?resident=\(resident)").body.contains("href=\"/runs/\(site.transport.run)?resident=\(resident)\""))
        #expect(try gex.get("/runs/\(site.transport.run)?resident=\(resident)").body.contains("<option value=\"\(resident)\" selected>"))

        let booked = try gex.submit(
            "/runs/\(site.transport.run)/book", from: "/runs/\(site.transport.run)",
            [("resident", resident), ("stop", "1"), ("legs", "both"), ("quotient", "900"), ("appointment", "09:30")])
        #expect(booked.status == 303, "\(booked.body)")
        let bookingPage = try #require(booked.headers["location"])
        let confirmation = try gex.get(bookingPage)
        #expect(confirmation.body.contains("<p id=\"booking-status\" class=\"status-confirmed\">Confirmée</p>"))
        #expect(confirmation.body.contains("<span id=\"booking-fare\">3,00 €</span>"))
        #expect(try gex.get("/runs").body.contains("complet"))

        _ = try gex.get("/lang/en")
        let english = try gex.get(bookingPage)
        #expect(english.body.contains(">Confirmed</p>") && english.body.contains("€3.00") && english.body.contains("<html lang=\"en\">"))

        let audit = try site.workspace.run(
            "/usr/bin/sqlite3",
            [site.workspace.database, "SELECT account || ' ' || action FROM audit_log WHERE account = 'agent-gex' ORDER BY id"])
        #expect(audit.output == "agent-gex signin\nagent-gex participant.add\nagent-gex booking.add\n")
        #expect(try site.bookingRows().contains("|agent-gex|"))
    }

    @Test func anotherCommunesAgentCanNeitherSeeNorChangeTheBooking() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let gex = try site.signedIn("agent-gex")
        let booked = try gex.submit("/runs/\(site.transport.run)/book", from: "/runs/\(site.transport.run)", [("resident", "1")])
        let bookingPage = try #require(booked.headers["location"])
        let booking = String(bookingPage.split(separator: "/").last!)
        let before = try site.bookingRows()

        let cessy = try site.signedIn("agent-cessy")
        #expect(try cessy.get(bookingPage).status == 404)
        #expect(try cessy.get("/residents/1").status == 404)
        #expect(!(try cessy.get("/residents").body.contains("Résident Gex")))
        #expect(!(try cessy.get("/runs/\(site.transport.run)").body.contains("Résident Gex 0")))
        #expect(!(try cessy.get("/runs/\(site.transport.run)/manifest").body.contains("Résident Gex 0")))
        let cancel = try cessy.submit("/bookings/\(booking)/cancel", from: "/runs", [])
        #expect(cancel.status == 404)
        let foreignResident = try cessy.submit("/runs/\(site.transport.run)/book", from: "/runs/\(site.transport.run)", [("resident", "2")])
        #expect(foreignResident.status == 404)
        #expect(try site.bookingRows() == before)

        // The coordinator sees every commune, and the campaign calendar the CCAS may not.
        let coordinator = try site.signedIn("coordination")
        #expect(try coordinator.get(bookingPage).body.contains("Résident Gex 0"))
        #expect(try coordinator.get("/calendar").status == 200)
        #expect(try cessy.get("/calendar").status == 403)
    }

    @Test func aFormWithoutItsCSRFTokenOrAfterSignOutIsRefused() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let gex = try site.signedIn("agent-gex")
        let form = "/runs/\(site.transport.run)"
        let before = try site.bookingRows()
        #expect(try gex.post("\(form)/book", [("resident", "1")]).status == 403)
        #expect(try gex.post("\(form)/book", [("csrf", String(repeating: "0", count: 64)), ("resident", "1")]).status == 403)
        let other = try site.signedIn("agent-cessy")
        let otherToken = try #require(try other.get(form).csrf)
        #expect(try gex.post("\(form)/book", [("csrf", otherToken), ("resident", "1")]).status == 403)
        #expect(try site.bookingRows() == before)

        // Signing out ends the session on the server: the old cookie and token open nothing.
        let csrf = try #require(try gex.get(form).csrf)
        let cookies = try String(contentsOfFile: gex.jar, encoding: .utf8)
        let token = try #require(cookies.split(separator: "\n").first { $0.contains("relais_session") }?.split(separator: "\t").last)
        #expect(try gex.post("/signout", [("csrf", csrf)]).headers["location"] == "/signin")
        let replayed = try gex.curl(
            [
                "-H", "Cookie: relais_session=\(token)", "--data-urlencode", "csrf=\(csrf)", "--data-urlencode", "resident=1",
                gex.url("\(form)/book"),
            ])
        #expect(replayed.status == 303 && replayed.headers["location"] == "/signin")
        #expect(try gex.curl(["-H", "Cookie: relais_session=\(token)", gex.url("/runs")]).headers["location"] == "/signin")
        #expect(try site.bookingRows() == before)

        // The sign-in form has its token too.
        #expect(try site.client("fresh").post("/signin", [("login", "agent-gex"), ("password", DeskSite.password)]).status == 403)
    }

    @Test func tenWrongPasswordsLockTheAccountAndNoSecretIsLoggedOrStored() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let browser = site.client("guesser")
        var statuses: [Int] = []
        for attempt in 1...10 { statuses.append(try browser.signIn("agent-gex", "wrong password \(attempt)").status) }
        // Four wrong passwords are free; the fifth locks for 30 s, and while locked no password is even tried.
        #expect(statuses == [401, 401, 401, 401, 429, 429, 429, 429, 429, 429])
        let locked = try browser.signIn("agent-gex", DeskSite.password)
        #expect(locked.status == 429 && locked.headers["retry-after"] != nil && locked.body.contains("Trop d&#39;essais"))
        let row = try site.workspace.run(
            "/usr/bin/sqlite3",
            [site.workspace.database, "SELECT failed_logins, locked_until IS NOT NULL FROM account WHERE login = 'agent-gex'"])
        #expect(row.output == "5|1\n")
        // An unknown login is refused in the same words as a wrong password.
        let unknown = try browser.signIn("nobody", "whatever password")
        #expect(unknown.status == 401 && unknown.body.contains("Identifiant ou mot de passe incorrect."))

        let cessy = try site.signedIn("agent-cessy")
        let cookies = try String(contentsOfFile: cessy.jar, encoding: .utf8)
        let token = try #require(cookies.split(separator: "\n").first { $0.contains("relais_session") }?.split(separator: "\t").last)
        let csrf = try #require(try cessy.get("/runs").csrf)
        let dump = try site.workspace.dump()
        for secret in [DeskSite.password, String(token), csrf] + (1...10).map({ "wrong password \($0)" }) {
            #expect(!dump.contains(secret) && !site.log.contains(secret), "\(secret.prefix(6))... written down")
        }
    }

    @Test func refusalsAreExplainedInThePagesLanguageAndTheFormKeepsWhatWasTyped() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let gex = try site.signedIn("agent-gex")
        let form = "/runs/\(site.transport.run)"
        let csrf = try #require(try gex.get(form).csrf)
        func problem(_ answer: HTTPAnswer) -> String {
            guard let range = answer.body.range(of: #"<p id="form-error"[^>]*>[^<]*</p>"#, options: .regularExpression) else { return "" }
            return String(answer.body[range])
        }
        let early = try gex.post("\(form)/book", [("csrf", csrf), ("resident", "1"), ("appointment", "09:05")])
        #expect(early.status == 422)
        #expect(
            problem(early).contains("Heure du rendez-vous EPS : Le rendez-vous EPS doit être à 9 h 15 ou plus tard"), "\(problem(early))")
        #expect(early.body.contains("value=\"09:05\""))
        #expect(try gex.post("\(form)/book", [("csrf", csrf), ("resident", "1")]).status == 303)
        let twice = try gex.post("\(form)/book", [("csrf", csrf), ("resident", "1")])
        #expect(problem(twice).contains("Cette personne a déjà la réservation n° 1 sur cette navette."), "\(problem(twice))")

        let later = try site.transport.transport(
            [
                "runs", "add", "--coordinator", "--date", "2027-04-20", "--stop", "07:30 Gex, Parking", "--arrival", "09:00", "--return",
                "11:30",
                "--seats", "8", "--destination", "CH Fleyriat", "--json",
            ])
        let laterRun = try #require((try site.workspace.json(later) as? [String: Any])?["run"] as? Int)
        let tooSoon = try gex.post("/runs/\(laterRun)/book", [("csrf", csrf), ("resident", "2")])
        #expect(
            problem(tooSoon).contains("Les réservations pour cette navette ouvriront le dimanche 21 mars à 0 h 00."), "\(problem(tooSoon))")

        let phone = try gex.post("/residents", [("csrf", csrf), ("name", "Anne Lévêque"), ("phone", "12 34"), ("consent_sms", "on")])
        #expect(problem(phone).contains("Téléphone : « 12 34 » n&#39;est pas un numéro reconnu"), "\(problem(phone))")
        #expect(
            phone.body.contains("value=\"Anne Lévêque\"")
                && phone.body.contains("id=\"consent_sms\" name=\"consent_sms\" type=\"checkbox\" checked"))
        let noPhone = try gex.post("/residents", [("csrf", csrf), ("name", "Anne Lévêque"), ("consent_sms", "on")])
        #expect(problem(noPhone).contains("Les rappels par SMS demandent un numéro de téléphone."), "\(problem(noPhone))")

        _ = try gex.get("/lang/en")
        let english = try gex.post("\(form)/book", [("csrf", csrf), ("resident", "1")])
        #expect(problem(english).contains("This resident already has booking 1 on this run."), "\(problem(english))")
    }

    @Test func disablingAnAccountEndsItsSessionAtOnceAndEnablingLetsItBackIn() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let gex = try site.signedIn("agent-gex")
        #expect(try gex.get("/runs").status == 200)
        #expect(try site.workspace.relais("users", "disable", "agent-gex").status == 0)
        #expect(try gex.get("/runs").headers["location"] == "/signin")
        #expect(try site.client("again").signIn("agent-gex", DeskSite.password).status == 401)
        #expect(try site.workspace.relais("users", "enable", "agent-gex").status == 0)
        #expect(try site.client("again").signIn("agent-gex", DeskSite.password).headers["location"] == "/runs")
    }

    @Test func twoAgentsAndTheCoordinatorBookingTheLastSeatAtOnceGetOneSeat() throws {
        let site = try DeskSite(seats: 1)
        defer { site.server.stop() }
        let form = "/runs/\(site.transport.run)"
        let agents = [("agent-gex", "1"), ("agent-cessy", "4"), ("coordination", "2")].map { login, resident in
            (try! site.signedIn(login), resident)
        }
        let prepared = try agents.map { client, resident in (client, resident, try #require(try client.get(form).csrf)) }
        let answers = LockedArray<Int>()
        DispatchQueue.concurrentPerform(iterations: prepared.count) { index in
            let (client, resident, csrf) = prepared[index]
            let answer = try? client.post("\(form)/book", [("csrf", csrf), ("resident", resident)])
            answers.append(answer?.status ?? 0)
        }
        #expect(answers.values == [303, 303, 303])
        let statuses = try site.workspace.run(
            "/usr/bin/sqlite3", [site.workspace.database, "SELECT status, count(*) FROM shuttle_booking GROUP BY status ORDER BY status"])
        #expect(statuses.output == "confirmed|1\nwaitlisted|2\n")
    }

    @Test func malformedRequestsGet4xxAndTheDeskKeepsServing() throws {
        let site = try DeskSite(extraConfiguration: "max_body_kb = 4")
        defer { site.server.stop() }
        let gex = try site.signedIn("agent-gex")
        let form = "/runs/\(site.transport.run)"
        let csrf = try #require(try gex.get(form).csrf)
        let notUTF8 = site.workspace.write("bad-form", Data("csrf=\(csrf)&resident=1&name=".utf8) + Data([0xff, 0xfe]))
        #expect(try gex.curl(["-b", gex.jar, "--data-binary", "@\(notUTF8)", gex.url("\(form)/book")]).status == 400)
        #expect(try gex.post("\(form)/book", [("csrf", csrf), ("big", String(repeating: "x", count: 10_000))]).status == 413)
        #expect(try gex.post("\(form)/book", [("csrf", csrf), ("resident", "abc")]).status == 422)
        #expect(try gex.post("\(form)/book", [("csrf", csrf), ("resident", "1"), ("stop", "9")]).status == 422)
        #expect(try gex.post("\(form)/book", [("csrf", csrf), ("resident", "1"), ("quotient", "-5")]).status == 422)
        for path in ["/runs/abc", "/runs/-1", "/bookings/99999999999999999999", "/residents/0", "/runs/1/2/3", "/nothing"] {
            #expect(try gex.get(path).status == 404, "\(path)")
        }
        #expect(try gex.curl(["-X", "DELETE", gex.url("/runs")]).status == 405)
        let api = try gex.curl(["-H", "Content-Type: application/json", "-d", "{broken", gex.url("/api/v1/session")])
        #expect(api.status == 400)
        let batch = try sendMalformedBatch(port: site.port, posting: "\(form)/book", in: site.workspace)
        #expect(batch.statuses == MalformedBatch.expectedStatuses, "\(batch.output)")
        #expect(!batch.closed.contains(false), "a connection was left open: \(batch.output)")
        // A refused form keeps what was typed.
        let refused = try gex.post("\(form)/book", [("csrf", csrf), ("resident", "1"), ("quotient", "-5")])
        #expect(refused.body.contains("id=\"form-error\"") && refused.body.contains("value=\"-5\""))

        let booked = try gex.post("\(form)/book", [("csrf", csrf), ("resident", "1"), ("quotient", "650")])
        #expect(booked.status == 303)
        #expect(try gex.get(try #require(booked.headers["location"])).body.contains("<span id=\"booking-fare\">0,00 €</span>"))
    }
}

/// An array appended to from several threads.
final class LockedArray<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Element] = []

    func append(_ element: Element) {
        lock.lock()
        storage.append(element)
        lock.unlock()
    }

    var values: [Element] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

@Suite(.serialized) struct DeskSignInCLITests {
    @Test func parallelGuessesCannotSlipPastTheLockAndUnknownLoginsAreThrottledAlike() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        // Twelve wrong passwords at once: at most five are checked (four free, the fifth locks).
        let prepared = try (0..<12).map { index in
            let client = site.client("guesser-\(index)")
            return (client, try #require(try client.get("/signin").csrf))
        }
        let statuses = LockedArray<Int>()
        DispatchQueue.concurrentPerform(iterations: prepared.count) { index in
            let (client, csrf) = prepared[index]
            let answer = try? client.post("/signin", [("csrf", csrf), ("login", "agent-gex"), ("password", "guess \(index)")])
            statuses.append(answer?.status ?? 0)
        }
        #expect(statuses.values.filter { $0 == 401 }.count <= 4, "\(statuses.values)")
        #expect(statuses.values.filter { $0 == 429 }.count >= 8, "\(statuses.values)")
        let failures = try site.workspace.run(
            "/usr/bin/sqlite3", [site.workspace.database, "SELECT failed_logins FROM account WHERE login = 'agent-gex'"])
        #expect(failures.output == "5\n")

        // A login no account has answers the same way, so the answers do not tell which logins exist.
        let nobody = site.client("nobody")
        let answers = try (1...6).map { _ in try nobody.signIn("no-such-agent", "some password").status }
        #expect(answers == [401, 401, 401, 401, 429, 429])
        #expect(!(try site.workspace.dump()).contains("no-such-agent"))
    }

    @Test func behindTLSTheCookiesAreSecureWithTheHostPrefix() throws {
        let site = try DeskSite(extraConfiguration: "secure_cookies = yes")
        defer { site.server.stop() }
        let browser = site.client("tls")
        let form = try browser.curl([browser.url("/signin")])
        let presession = try #require(form.headers["set-cookie"])
        #expect(presession.hasPrefix("__Host-relais_signin=") && presession.contains("; Secure") && presession.contains("HttpOnly"))
        let value = String(presession.dropFirst("__Host-relais_signin=".count).prefix(64))
        let signedIn = try browser.curl(
            [
                "-H", "Cookie: __Host-relais_signin=\(value)", "--data-urlencode", "csrf=\(try #require(form.csrf))", "--data-urlencode",
                "login=agent-gex", "--data-urlencode", "password=\(DeskSite.password)", browser.url("/signin"),
            ])
        let session = try #require(signedIn.headers["set-cookie"]?.split(separator: "\n").first { $0.hasPrefix("__Host-relais_session=") })
        #expect(session.contains("; Path=/;") && session.contains("; HttpOnly; SameSite=Strict; Secure"), "\(session)")
    }

    @Test func signInIsOnlyAtItsOwnPathAndSessionsOnlyOpenTheirKind() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let browser = site.client("slash")
        let csrf = try #require(try browser.get("/signin").csrf)
        #expect(try browser.post("/signin/", [("csrf", csrf), ("login", "agent-gex"), ("password", DeskSite.password)]).status == 404)
        let api = try browser.curl(
            [
                "-H", "Content-Type: application/json", "-d", #"{"login": "agent-gex", "password": "\#(DeskSite.password)"}"#,
                browser.url("/api/v1/session/"),
            ])
        #expect(api.status == 404)
        let signedIn = try browser.curl(
            [
                "-H", "Content-Type: application/json", "-d", #"{"login": "agent-gex", "password": "\#(DeskSite.password)"}"#,
                browser.url("/api/v1/session"),
            ])
        let token = try #require((try JSONSerialization.jsonObject(with: Data(signedIn.body.utf8)) as? [String: Any])?["token"] as? String)
        // An API token is not a browser session: as a cookie it opens no page.
        #expect(try browser.curl(["-H", "Cookie: relais_session=\(token)", browser.url("/runs")]).headers["location"] == "/signin")
    }
}
