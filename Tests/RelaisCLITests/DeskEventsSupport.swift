// What the registration and check-in desk tests share: a served DeskSite (residents 1-3 of Gex,
// 4-5 of Cessy; relais runs at Monday 1 March 2027 10:00) with a staff account and three
// sessions: one today that started at 09:00, one tomorrow, and a stand on 20 March.

import Foundation
import RelaisTestPeers
import Testing

struct EventDesk {
    let site: DeskSite
    /// Occurrence ids by event UID: `today@test`, `tomorrow@test`, `stand@test`.
    let occurrences: [String: String]
    var workspace: Workspace { site.workspace }
    var today: String { occurrences["today@test"]! }
    var tomorrow: String { occurrences["tomorrow@test"]! }
    var stand: String { occurrences["stand@test"]! }

    init(standCapacity: Int = 2, todayCapacity: Int = 40) throws {
        site = try DeskSite()
        let added = try site.workspace.relais(stdin: DeskSite.password + "\n", ["users", "add", "accueil", "--role", "staff"])
        #expect(added.status == 0, "\(added.errors)")
        func session(_ uid: String, _ start: String, _ end: String, capacity: Int, summary: String) -> String {
            event(uid: uid, start: start, end: end)
                .replacingOccurrences(of: "X-RELAIS-CAPACITY:2", with: "X-RELAIS-CAPACITY:\(capacity)")
                .replacingOccurrences(of: "SUMMARY:Dépistage Mars bleu", with: "SUMMARY:\(summary)")
        }
        let file = site.workspace.write(
            "sessions.ics",
            calendar(
                campaign: "mars-bleu-2027",
                session("today@test", "20270301T090000", "20270301T120000", capacity: todayCapacity, summary: "Vaccination du jour"),
                session("tomorrow@test", "20270302T090000", "20270302T120000", capacity: 40, summary: "Atelier de demain"),
                session("stand@test", "20270320T090000", "20270320T120000", capacity: standCapacity, summary: "Stand Mars bleu")))
        let loaded = try site.workspace.relais("campaigns", "load", file)
        #expect(loaded.status == 0, "\(loaded.errors)")
        occurrences = try occurrenceIDs(site.workspace)
    }

    /// Runs relais at another moment (to register people before a session that has started).
    @discardableResult
    func relais(at now: String, _ arguments: [String]) throws -> RunResult {
        let result = try workspace.run(Workspace.binary.path, workspace.globalArguments + arguments, environment: ["RELAIS_NOW": now])
        #expect(result.status == 0, "\(arguments): \(result.errors)")
        return result
    }

    /// Registers participants to a session on 20 February, before any of them starts.
    func registerEarly(_ participants: [Int], to occurrence: String) throws {
        for participant in participants {
            try relais(at: "2027-02-20T10:00", ["register", "--participant", String(participant), "--occurrence", occurrence])
        }
    }

    /// A browser signed in as `login`, landing where its role lands.
    func signedIn(_ login: String, landing: String = "/runs") throws -> DeskClient {
        let client = site.client(login)
        let answer = try client.signIn(login, DeskSite.password)
        #expect(answer.status == 303 && answer.headers["location"] == landing, "\(answer.status) \(answer.headers)")
        return client
    }

    /// curl with a JSON body and a bearer token; the body parsed as JSON when it is.
    func call(_ method: String, _ path: String, token: String? = nil, json: String? = nil) throws -> (status: Int, body: Any?) {
        var arguments = ["-X", method]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        if let json { arguments += ["-H", "Content-Type: application/json", "--data-binary", json] }
        let client = site.client("api")
        let answer = try client.curl(arguments + [client.url(path)])
        return (answer.status, try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)))
    }

    func token(_ login: String) throws -> String {
        let signedIn = try call("POST", "/api/v1/session", json: #"{"login": "\#(login)", "password": "\#(DeskSite.password)"}"#)
        #expect(signedIn.status == 201)
        return try #require((signedIn.body as? [String: Any])?["token"] as? String)
    }

    /// The registrations table as text, to show that a refused request changed nothing.
    func registrationRows() throws -> String {
        try workspace.run("/usr/bin/sqlite3", [workspace.database, "SELECT * FROM registration ORDER BY id"]).output
    }

    /// One SQL answer as text.
    func sql(_ query: String) throws -> String {
        try workspace.run("/usr/bin/sqlite3", [workspace.database, query]).output
    }
}

/// The registration id in a `/registrations/ID` location.
func registrationID(_ answer: HTTPAnswer) throws -> String {
    let location = try #require(answer.headers["location"], "\(answer.status) \(answer.body)")
    return String(location.split(separator: "/").last!)
}
