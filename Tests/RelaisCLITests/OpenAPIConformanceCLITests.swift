// The JSON API against its OpenAPI file, Sources/RelaisWeb/openapi.json, by schemathesis (PyPI,
// pinned and installed by scripts/install-deps into ~/.cache/relais-tests/schemathesis): relais serve
// on a temporary database with one run, residents of Gex and Cessy, a booking, a campaign event
// with a registration and a session of the day with people registered; schemathesis generates
// requests from the file (its coverage, fuzzing and stateful phases, a bounded number of cases per
// operation, a fixed seed so that a failure can be replayed) with a coordinator's bearer token, a
// CCAS agent's and a planner's, and each run must end with no server error and no failure of these
// checks:
//
//   not_a_server_error            no 5xx, whatever is sent
//   status_code_conformance       every status is one the file documents for the operation
//   content_type_conformance      every body has the documented media type
//   response_headers_conformance  documented headers are there and well formed
//   response_schema_conformance   every JSON body matches the documented schema
//   unsupported_method            a method the file does not give a path gets 405 (not 415, not 404)
//   allow_header_conformance      Allow names exactly the file's methods for that path
//   positive_data_acceptance      a body the schema accepts is read: 2xx, or 401/403/404/429, or
//                                 409 (a state a later request may change: a session not started,
//                                 a registration or presence already there, a resident booked
//                                 twice on a run, a resident whose phone another has: generated
//                                 twice, "0000000000" is a duplicate), or
//                                 422 (a domain refusal the file documents: a cancelled booking, a
//                                 birth year 150 years ago); never 400 or 415 (extra properties
//                                 whose values are objects used to get 400)
//   ignored_auth                  an operation that needs a token refuses a request without one
//
// Left out: negative_data_rejection (the API reads booleans leniently: anything but true/yes/1/on
// is false, as HTML checkboxes are), the use_after_free and resource checks (no operation deletes
// a resource: DELETE /api/v1/attendance/{id} undoes a tick, the registration stays), max_response_time
// (no time limits in tests). DELETE /api/v1/session ends the token it is sent with, so it runs on
// its own after the others.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct OpenAPIConformanceCLITests {
    static let schemathesis = FileManager.default.homeDirectoryForCurrentUser
        .appendingPathComponent(".cache/relais-tests/schemathesis/bin/schemathesis").path
    static let document = Workspace.repository.appendingPathComponent("Sources/RelaisWeb/openapi.json").path
    static let checks = [
        "not_a_server_error", "status_code_conformance", "content_type_conformance", "response_headers_conformance",
        "response_schema_conformance", "unsupported_method", "allow_header_conformance", "positive_data_acceptance", "ignored_auth",
    ]
    /// schemathesis.toml: which statuses positive_data_acceptance takes (see above).
    static let configuration = """
        [checks.positive_data_acceptance]
        expected-statuses = ["2xx", "401", "403", "404", "409", "422", "429"]
        """

    @Test func theAPIConformsToItsOpenAPIFileForACoordinatorACCASAgentAndAPlanner() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.schemathesis), "no schemathesis: run scripts/install-deps")
        let site = try DeskSite()
        defer { site.server.stop() }
        try seed(site)
        let planner = try site.workspace.relais(stdin: DeskSite.password + "\n", ["users", "add", "planification", "--role", "planner"])
        #expect(planner.status == 0, "\(planner.errors)")
        for login in ["coordination", "agent-gex", "planification"] {
            let token = try signIn(site, login)
            let run = try schemathesis(
                site, token: token, name: login, ["--exclude-name", "DELETE /api/v1/session", "--max-examples", "25"])
            #expect(run.tested == 24, "\(login): \(run.summary)")
            let signOut = try schemathesis(
                site, token: token, name: "\(login)-signout", ["--include-name", "DELETE /api/v1/session", "--max-examples", "5"])
            #expect(signOut.tested == 1, "\(login): \(signOut.summary)")
        }
        #expect(site.server.isRunning)
    }

    /// What one schemathesis run reported (its JSON report).
    struct Report {
        var tested = 0
        var summary = ""
    }

    /// Runs schemathesis with `token` and the checks above; expects cases generated, no failure, no error.
    func schemathesis(_ site: DeskSite, token: String, name: String, _ more: [String]) throws -> Report {
        let configuration = site.workspace.write("schemathesis.toml", Self.configuration)
        let reportPath = site.workspace.directory.appendingPathComponent("schemathesis-\(name).json").path
        let result = try site.workspace.run(
            Self.schemathesis,
            [
                "--no-color", "--config-file", configuration, "run", Self.document, "--url", "http://127.0.0.1:\(site.port)",
                "--header", "Authorization: Bearer \(token)", "--checks", Self.checks.joined(separator: ","), "--seed", "20270330",
                "--workers", "1", "--report", "json", "--report-json-path", reportPath,
            ] + more)
        let report = try #require(
            try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: reportPath))) as? [String: Any],
            "\(name): no report\n\(result.output)\(result.errors)")
        let cases = report["test_cases"] as? [String: Any] ?? [:]
        let failures = report["failures"] as? [Any] ?? []
        let errors = report["errors"] as? [Any] ?? []
        let tail = result.output.split(separator: "\n").suffix(60).joined(separator: "\n")
        #expect(
            result.status == 0 && failures.isEmpty && errors.isEmpty,
            "\(name): \(cases["unique_failures"] ?? "?") failures, \(errors.count) errors\n\(tail)")
        #expect((cases["generated"] as? Int ?? 0) > 0, "\(name): nothing generated\n\(tail)")
        return Report(tested: (report["operations"] as? [String: Any])?["tested"] as? Int ?? 0, summary: tail)
    }

    /// A booking of a Gex resident, a campaign event in Gex with a registration, and a session of the
    /// day (it started at 09:00) with residents of Gex and Cessy registered, so that bookings, the
    /// calendar, the events and the check-in lists have something to show.
    func seed(_ site: DeskSite) throws {
        let file = site.workspace.write(
            "screening.ics",
            calendar(
                event(uid: "screening@test", start: "20270320T090000", end: "20270320T120000"),
                event(uid: "today@test", start: "20270301T090000", end: "20270301T120000")
                    .replacingOccurrences(of: "X-RELAIS-CAPACITY:2", with: "X-RELAIS-CAPACITY:20")))
        let loaded = try site.workspace.relais("campaigns", "load", file)
        #expect(loaded.status == 0, "\(loaded.errors)")
        let sessions = try occurrenceIDs(site.workspace)
        for (participant, session) in [("2", "screening@test"), ("1", "today@test"), ("4", "today@test")] {
            let registered = try site.workspace.run(
                Workspace.binary.path,
                site.workspace.globalArguments + ["register", "--participant", participant, "--occurrence", sessions[session]!],
                environment: ["RELAIS_NOW": "2027-02-20T10:00"])
            #expect(registered.status == 0, "\(registered.errors)")
        }
        let booked = try site.client("seed").curl(
            [
                "-H", "Authorization: Bearer \(try signIn(site, "agent-gex"))", "-H", "Content-Type: application/json",
                "--data-binary", #"{"resident": 1, "quotient": 650}"#,
                site.client("seed").url("/api/v1/runs/\(site.transport.run)/bookings"),
            ])
        #expect(booked.status == 201, "\(booked.body)")
    }

    func signIn(_ site: DeskSite, _ login: String) throws -> String {
        let answer = try site.client(login).curl(
            [
                "-H", "Content-Type: application/json", "--data-binary", #"{"login": "\#(login)", "password": "\#(DeskSite.password)"}"#,
                site.client(login).url("/api/v1/session"),
            ])
        #expect(answer.status == 201, "\(answer.body)")
        return try #require((try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])?["token"] as? String)
    }
}
