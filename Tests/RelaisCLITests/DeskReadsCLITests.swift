// Reading the desk writes nothing (issue 16: a listing must not write): the pages and the API's
// GETs a CCAS agent and the coordinator use all day leave the database file's content as it was.
// The daemon's own heartbeat (service_state) is left out of the comparison: it is written every
// 30 s whoever reads.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct DeskReadsCLITests {
    /// The database as SQL text without the daemon's heartbeat rows.
    func content(_ site: DeskSite) throws -> String {
        try site.workspace.dump().split(separator: "\n").filter { !$0.contains("service_state") }.joined(separator: "\n")
    }

    @Test func pagesAndAPIReadsLeaveTheDatabaseAsItWas() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let booking = try #require(try site.transport.book(1)["id"] as? Int)
        let pages = try site.signedIn("agent-gex")
        let signedIn = try site.client("api").curl(
            ["-H", "Content-Type: application/json", "--data-binary", #"{"login": "coordination", "password": "\#(DeskSite.password)"}"#,
             site.client("api").url("/api/v1/session")])
        #expect(signedIn.status == 201, "\(signedIn.body)")
        let token = try #require(
            (try JSONSerialization.jsonObject(with: Data(signedIn.body.utf8)) as? [String: Any])?["token"] as? String)
        let run = site.transport.run
        let before = try content(site)

        for path in ["/runs", "/runs/\(run)", "/runs/\(run)/manifest", "/residents", "/bookings/\(booking)"] {
            let answer = try pages.get(path)
            #expect(answer.status == 200, "GET \(path): \(answer.status)")
        }
        for path in [
            "/api/v1/runs", "/api/v1/runs/\(run)", "/api/v1/runs/\(run)/manifest", "/api/v1/residents?q=Gex", "/api/v1/bookings/\(booking)",
            "/api/v1/calendar", "/api/v1/events", "/api/v1/checkin",
        ] {
            let answer = try site.client("api").curl(["-H", "Authorization: Bearer \(token)", site.client("api").url(path)])
            #expect(answer.status == 200, "GET \(path): \(answer.status) \(answer.body.prefix(200))")
        }
        #expect(try content(site) == before, "a GET changed the database")
    }
}
