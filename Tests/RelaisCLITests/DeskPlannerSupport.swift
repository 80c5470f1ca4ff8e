// What the planners' desk tests share: a served site (DeskSite) with a planner and a staff account
// besides the CCAS agents and the coordinator, uploads through the page's form (multipart, as a
// browser sends a file) and through the API, and campaign calendars whose lines the tests find.

import Foundation
import RelaisTestPeers
import Testing

/// A DeskSite with `planification` (planner) and `accueil` (staff) accounts too.
struct PlannerSite {
    let site: DeskSite
    var workspace: Workspace { site.workspace }
    var calendars: URL { workspace.directory.appendingPathComponent("calendars") }

    init(extraConfiguration: String = "") throws {
        // No confirmations: the daemon would send them while a test compares the database before and
        // after a refused upload (`state()` holds the outbox).
        site = try DeskSite(extraConfiguration: "[reminders]\nconfirmations = no\n" + extraConfiguration)
        for (login, role) in [("planification", "planner"), ("accueil", "staff")] {
            let added = try workspace.relais(stdin: DeskSite.password + "\n", ["users", "add", login, "--role", role])
            #expect(added.status == 0, "\(added.errors)")
        }
    }

    /// A browser signed in as `login`, which landed on `home`.
    func browser(_ login: String, home: String) throws -> DeskClient {
        let client = site.client(login)
        let answer = try client.signIn(login, DeskSite.password)
        #expect(answer.status == 303 && answer.headers["location"] == home, "\(login): \(answer.status) \(answer.headers)")
        return client
    }

    /// The bearer token of `login`.
    func token(_ login: String) throws -> String {
        let client = site.client("\(login)-api")
        let answer = try client.curl(
            [
                "-H", "Content-Type: application/json", "--data-binary",
                #"{"login": "\#(login)", "password": "\#(DeskSite.password)"}"#, client.url("/api/v1/session"),
            ])
        #expect(answer.status == 201, "\(answer.body)")
        return try #require((try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])?["token"] as? String)
    }

    /// GET `path` with `token`.
    func api(_ path: String, token: String, _ options: [String] = []) throws -> HTTPAnswer {
        let client = site.client("api")
        return try client.curl(["-H", "Authorization: Bearer \(token)"] + options + [client.url(path)])
    }

    /// POSTs `file` to the API as text/calendar.
    func apiUpload(_ file: String, token: String) throws -> HTTPAnswer {
        try api("/api/v1/calendars", token: token, ["-H", "Content-Type: text/calendar", "--data-binary", "@\(file)"])
    }

    /// Sends `file` with the upload form of /campaigns, as a browser does (multipart/form-data).
    func pageUpload(_ file: String, by client: DeskClient, csrfFrom page: String = "/campaigns") throws -> HTTPAnswer {
        let csrf = try #require(try client.get(page).csrf, "no CSRF token on \(page)")
        return try client.curl(
            [
                "-b", client.jar, "-c", client.jar, "-F", "csrf=\(csrf)", "-F", "calendar=@\(file);type=text/calendar",
                client.url("/calendars"),
            ])
    }

    /// The tables a calendar load writes, as text, and the calendars folder's files with their
    /// bytes: what a refused upload must leave as it was.
    func state() throws -> String {
        let tables = try workspace.run(
            "/usr/bin/sqlite3",
            [workspace.database, "SELECT * FROM campaign; SELECT * FROM event; SELECT * FROM occurrence; SELECT * FROM outbox;"]
        ).output
        let files = (try? FileManager.default.contentsOfDirectory(atPath: calendars.path))?.sorted() ?? []
        let contents = files.map { "\($0): \((try? Data(contentsOf: calendars.appendingPathComponent($0)))?.count ?? -1)" }
        return tables + contents.joined(separator: "\n")
    }

    /// The desk's audit log: account and action, in order.
    func audit() throws -> String {
        try workspace.run("/usr/bin/sqlite3", [workspace.database, "SELECT account || ' ' || action FROM audit_log ORDER BY id"]).output
    }
}

/// A VEVENT body of a screening session in `commune` with `capacity` places, in Europe/Paris.
func session(uid: String, start: String, end: String, capacity: String = "20", commune: String = "Gex", extra: [String] = []) -> String {
    ([
        "UID:\(uid)", "DTSTAMP:20261101T000000Z", "DTSTART;TZID=Europe/Paris:\(start)", "DTEND;TZID=Europe/Paris:\(end)",
        "SUMMARY:Dépistage \(uid)", "LOCATION:Salle des fêtes", "CATEGORIES:screening", "X-RELAIS-COMMUNE:\(commune)",
        "X-RELAIS-CAPACITY:\(capacity)",
    ] + extra).joined(separator: "\n")
}

/// The 1-based line of the first line of `text` that is `line` exactly, after the first line
/// containing `after` (0 when there is none).
func lineNumber(of line: String, in text: String, after: String? = nil) -> Int {
    let lines = text.components(separatedBy: "\r\n")
    let start = after.flatMap { marker in lines.firstIndex { $0.contains(marker) } } ?? 0
    return lines[start...].firstIndex(of: line).map { $0 + 1 } ?? 0
}

extension Workspace {
    /// `relais` with the arguments as an array, at `environment`'s RELAIS_NOW.
    func relais(_ arguments: [String], environment: [String: String]) throws -> RunResult {
        try run(Workspace.binary.path, globalArguments + arguments, environment: ["RELAIS_NOW": now].merging(environment) { $1 })
    }
}
