// What the desk tests share: `relais serve` started on a free port for a workspace, and an HTTP
// client (curl, with its own cookie jar, as a browser keeps one) that reads status, headers and
// body, finds a page's CSRF token and posts forms.

import Foundation
import RelaisTestPeers
import Testing

/// One HTTP answer as curl saw it.
struct HTTPAnswer {
    var status: Int
    /// Header names in lower case; a repeated header keeps its values joined by "\n".
    var headers: [String: String]
    var body: String

    /// Reads `curl -s -i` output (the last response when curl printed several).
    static func parse(_ output: String) -> HTTPAnswer {
        let parts = output.components(separatedBy: "\r\n\r\n")
        let head = parts.first?.components(separatedBy: "\r\n") ?? []
        let status = head.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + "\n" + value } ?? value
        }
        return HTTPAnswer(status: status, headers: headers, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    /// The value of the first `name="csrf"` hidden field of the page.
    var csrf: String? {
        guard let range = body.range(of: #"name="csrf" value="[0-9a-f]{64}""#, options: .regularExpression) else { return nil }
        return String(body[range].dropLast().suffix(64))
    }
}

/// Starts `relais serve` for `workspace` and waits until `port` accepts connections.
func startServe(_ workspace: Workspace, port: UInt16) throws -> PeerProcess {
    let process = try PeerProcess(
        "/usr/bin/env", ["RELAIS_NOW=\(workspace.now)", Workspace.binary.path] + workspace.globalArguments + ["serve"],
        output: workspace.directory.appendingPathComponent("serve.log"))
    #expect(LoopbackPort.waitUntilAccepting(port, timeout: 20, while: { process.isRunning }), "\(process.text)")
    return process
}

/// curl against the desk, with one cookie jar: one browser.
struct DeskClient {
    let port: UInt16
    let jar: String

    init(port: UInt16, workspace: Workspace, name: String) {
        self.port = port
        jar = workspace.directory.appendingPathComponent("\(name).cookies").path
    }

    func get(_ path: String, _ options: [String] = []) throws -> HTTPAnswer {
        try curl(["-b", jar, "-c", jar] + options + [url(path)])
    }

    /// Posts `fields` as an HTML form would (urlencoded), in order.
    func post(_ path: String, _ fields: [(String, String)], _ options: [String] = []) throws -> HTTPAnswer {
        try curl(["-b", jar, "-c", jar] + fields.flatMap { ["--data-urlencode", "\($0.0)=\($0.1)"] } + options + [url(path)])
    }

    /// Posts a form with the CSRF token of the page at `formPage`.
    func submit(_ path: String, from formPage: String, _ fields: [(String, String)]) throws -> HTTPAnswer {
        let csrf = try #require(try get(formPage).csrf, "no CSRF token on \(formPage)")
        return try post(path, [("csrf", csrf)] + fields)
    }

    /// Signs in through the sign-in form.
    @discardableResult
    func signIn(_ login: String, _ password: String) throws -> HTTPAnswer {
        try submit("/signin", from: "/signin", [("login", login), ("password", password)])
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    func curl(_ arguments: [String]) throws -> HTTPAnswer {
        HTTPAnswer.parse(try runToCompletion("/usr/bin/curl", ["-s", "-i", "--max-time", "20"] + arguments).output)
    }
}

/// A served workspace with one shuttle run (TransportWorkspace: residents 1-3 of Gex, 4-5 of
/// Cessy), CCAS accounts for Gex and Cessy and a coordinator, all with `password`.
struct DeskSite {
    static let password = "Chamois-de-Gex-2027"
    let transport: TransportWorkspace
    let port: UInt16
    let server: PeerProcess
    var workspace: Workspace { transport.workspace }

    init(seats: Int = 8, extraConfiguration: String = "") throws {
        transport = try TransportWorkspace(seats: seats)
        port = LoopbackPort.random()
        // No calendar folder of its own: relais serve would load the repository's Campaigns.
        let calendars = transport.workspace.directory.appendingPathComponent("calendars")
        try FileManager.default.createDirectory(at: calendars, withIntermediateDirectories: true)
        transport.workspace.configure("[calendars]\ndirectory = \(calendars.path)\n[web]\nport = \(port)\n\(extraConfiguration)")
        for (login, scope) in [
            ("agent-gex", ["--role", "ccas", "--commune", "Gex"]), ("agent-cessy", ["--role", "ccas", "--commune", "Cessy"]),
            ("coordination", ["--role", "coordinator"]),
        ] {
            let added = try transport.workspace.relais(stdin: Self.password + "\n", ["users", "add", login] + scope)
            #expect(added.status == 0, "\(added.errors)")
        }
        server = try startServe(transport.workspace, port: port)
    }

    func client(_ name: String) -> DeskClient { DeskClient(port: port, workspace: workspace, name: name) }

    /// A client signed in as `login`.
    func signedIn(_ login: String) throws -> DeskClient {
        let client = client(login)
        let answer = try client.signIn(login, Self.password)
        #expect(answer.status == 303 && answer.headers["location"] == "/runs", "\(answer.status) \(answer.body)")
        return client
    }

    /// The bookings table as text, to show that a refused request changed nothing.
    func bookingRows() throws -> String {
        try workspace.run("/usr/bin/sqlite3", [workspace.database, "SELECT * FROM shuttle_booking ORDER BY id"]).output
    }

    /// What the server wrote to its log so far.
    var log: String { (try? String(contentsOf: workspace.directory.appendingPathComponent("serve.log"), encoding: .utf8)) ?? "" }
}
