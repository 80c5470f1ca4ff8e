// Scopes, checked on every page and answer an account can reach (issue 12): each account signs in
// to `relais serve`, follows every link of every page it is given (breadth first, GET only) and
// asks every GET operation of the API with the ids that exist; no body may carry what its role
// must not see. A planner never sees a resident's name, phone or e-mail; staff see the people of
// today's session only, and no phone or e-mail; a CCAS agent never sees another commune's resident.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct ScopeCrawlCLITests {
    static let password = "Chamois-de-Gex-2027"

    /// A resident and what would give them away.
    struct Person {
        var name: String
        var commune: String
        var phone: String
        var email: String
        /// Strings that must not appear where the person must not be seen.
        var traces: [String] { [name, email, String(phone.filter(\.isNumber).dropFirst())] }
    }

    static let today = Person(name: "Alice Gexoise", commune: "Gex", phone: "06 11 22 33 01", email: "alice.gexoise@example.fr")
    static let neighbour = Person(name: "Bruno Cessien", commune: "Cessy", phone: "06 44 55 66 01", email: "bruno.cessien@example.fr")
    static let later = Person(name: "Chloé Plustard", commune: "Gex", phone: "06 11 22 33 02", email: "chloe.plustard@example.fr")

    @Test func noAccountSeesAnyoneItsRoleMustNotOnAnyPageOrAnswerItCanReach() throws {
        let (workspace, port) = try Self.site()
        workspace.now = "2027-03-30T09:30"
        let server = try startServe(workspace, port: port)
        defer { server.stop() }
        let everyone = [Self.today, Self.neighbour, Self.later]
        // What each role must not see, and what it must (so that the crawl is shown to reach the data).
        let cases: [(login: String, hidden: [String], shown: [String])] = [
            ("planif", everyone.flatMap(\.traces), ["Dépistage Mars bleu"]),
            (
                "accueil", Self.later.traces + everyone.map(\.email) + everyone.map { String($0.phone.filter(\.isNumber).dropFirst()) },
                [Self.today.name, Self.neighbour.name]
            ),
            ("agent-cessy", Self.today.traces + Self.later.traces, [Self.neighbour.name]),
            ("agent-gex", Self.neighbour.traces, [Self.today.name, Self.later.name]),
        ]
        for (login, hidden, shown) in cases {
            let client = DeskClient(port: port, workspace: workspace, name: login)
            let signedIn = try client.signIn(login, Self.password)
            #expect(signedIn.status == 303, "\(login): \(signedIn.status)")
            let pages = try crawl(client, from: signedIn.headers["location"] ?? "/")
            let answers = try api(port, workspace, login: login)
            print("\(login): \(pages.count) pages and \(answers.count) API answers read")
            #expect(pages.count >= 3 && answers.count >= 5, "\(login) reached too little to show anything: \(pages.keys.sorted())")
            let everything = pages.merging(answers, uniquingKeysWith: { first, _ in first })
            for (path, body) in everything {
                for trace in hidden where body.contains(trace) {
                    Issue.record("\(login) sees \"\(trace)\" at \(path)")
                }
            }
            for expected in shown {
                #expect(everything.values.contains { $0.contains(expected) }, "\(login) never sees \(expected)")
            }
        }
    }

    /// Every page reachable by links from `start`, by path, and its body (at most 300).
    func crawl(_ client: DeskClient, from start: String) throws -> [String: String] {
        var seen: [String: String] = [:]
        var queue = [start]
        while let path = queue.first, seen.count < 300 {
            queue.removeFirst()
            guard seen[path] == nil else { continue }
            let answer = try client.get(path)
            seen[path] = answer.body
            for link in Self.links(in: answer.body) where seen[link] == nil && !queue.contains(link) { queue.append(link) }
        }
        return seen
    }

    /// The site's own links of a page (href="/..."), entities decoded, without fragments.
    static func links(in html: String) -> [String] {
        let pattern = #/href="(/[^"#]*)/#
        return html.matches(of: pattern).map { String($0.1).replacingOccurrences(of: "&amp;", with: "&") }
            .filter { !$0.hasPrefix("/signout") }
    }

    /// Every GET operation of the API (openapi.json), with ids 1 to 8 where a path takes one.
    func api(_ port: UInt16, _ workspace: Workspace, login: String) throws -> [String: String] {
        let session = try runToCompletion(
            "/usr/bin/curl",
            ["-s", "-H", "Content-Type: application/json", "--data", #"{"login": "\#(login)", "password": "\#(Self.password)"}"#,
             "http://127.0.0.1:\(port)/api/v1/session"])
        let token = try #require((try JSONSerialization.jsonObject(with: Data(session.output.utf8)) as? [String: Any])?["token"] as? String)
        let document = try JSONSerialization.jsonObject(
            with: Data(contentsOf: Workspace.repository.appendingPathComponent("Sources/RelaisWeb/openapi.json"))) as? [String: Any]
        let paths = (document?["paths"] as? [String: [String: Any]] ?? [:]).filter { $0.value["get"] != nil }.keys.sorted()
        var answers: [String: String] = [:]
        for template in paths {
            let concrete = template.contains("{id}") ? (1...8).map { template.replacingOccurrences(of: "{id}", with: String($0)) } : [template]
            for path in concrete {
                let answer = try runToCompletion(
                    "/usr/bin/curl", ["-s", "--max-time", "20", "-H", "Authorization: Bearer \(token)", "http://127.0.0.1:\(port)\(path)"])
                answers["API \(path)"] = answer.output
            }
        }
        return answers
    }

    /// A served workspace: a session today (Alice of Gex and Bruno of Cessy registered) and one on
    /// Friday 2 April (Chloé of Gex registered), a shuttle run, and one account of each role.
    static func site() throws -> (Workspace, UInt16) {
        let workspace = Workspace()
        let port = LoopbackPort.random()
        let folder = workspace.directory.appendingPathComponent("calendars")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let sessions = calendar(
            campaign: "mars-bleu-test", event(uid: "today@gex", start: "20270330T090000", end: "20270330T120000"),
            event(uid: "later@gex", start: "20270402T090000", end: "20270402T120000"))
        try sessions.write(to: folder.appendingPathComponent("mars-bleu-test.ics"), atomically: true, encoding: .utf8)
        workspace.configure("[calendars]\ndirectory = \(folder.path)\n[web]\nport = \(port)\n")
        workspace.now = "2027-03-20T10:00"
        #expect(try workspace.relais("campaigns", "load", folder.path).status == 0)
        for (login, role) in [
            ("agent-gex", ["--role", "ccas", "--commune", "Gex"]), ("agent-cessy", ["--role", "ccas", "--commune", "Cessy"]),
            ("accueil", ["--role", "staff"]), ("planif", ["--role", "planner"]), ("coordination", ["--role", "coordinator"]),
        ] {
            #expect(try workspace.relais(stdin: password + "\n", ["users", "add", login] + role).status == 0)
        }
        let occurrences = try occurrenceIDs(workspace)
        for (person, uid) in [(today, "today@gex"), (neighbour, "today@gex"), (later, "later@gex")] {
            let added = try workspace.relais(
                "participants", "add", "--name", person.name, "--commune", person.commune, "--phone", person.phone, "--email", person.email,
                "--consent", "sms", "--consent-source", "test", "--json")
            #expect(added.status == 0, "\(added.errors)")
            let id = try #require((try workspace.json(added) as? [String: Any])?["id"] as? Int)
            let registered = try workspace.relais("register", "--participant", String(id), "--occurrence", occurrences[uid]!)
            #expect(registered.status == 0, "\(registered.errors)")
        }
        return (workspace, port)
    }
}
