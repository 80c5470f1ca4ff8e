// The API's kept answers (StorePool.cachedRead, DeskAPI+CachedReads) against real peers: `relais
// serve` read by curl while `relais transport` books and cancels in another process. The run is
// read several times on one keep-alive connection first, so its answer is kept; the next read
// after the command line's commit must show the seat taken, then given back, and each CCAS keeps
// seeing only its own residents' bookings.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct DeskCachedReadsCLITests {
    /// The run's JSON as `token`'s agent reads it, after `times - 1` reads on one connection (the answers dropped).
    func run(_ site: DeskSite, token: String, times: Int = 1) throws -> [String: Any] {
        let client = site.client("api")
        let url = client.url("/api/v1/runs/\(site.transport.run)")
        let auth = ["-H", "Authorization: Bearer \(token)"]
        if times > 1 {
            let reads = Array(repeating: ["-o", "/dev/null", "-w", "%{http_code} ", url], count: times - 1).flatMap { $0 }
            let warm = try runToCompletion("/usr/bin/curl", ["-s", "--max-time", "20"] + auth + reads)
            #expect(warm.output == String(repeating: "200 ", count: times - 1), "\(warm.output)")
        }
        let answer = try client.curl(auth + [url])
        #expect(answer.status == 200, "\(answer.body)")
        return try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any], "\(answer.body)")
    }

    func token(_ site: DeskSite, _ login: String) throws -> String {
        let answer = try site.client("api").curl([
            "-X", "POST", "-H", "Content-Type: application/json", "--data-binary",
            #"{"login": "\#(login)", "password": "\#(DeskSite.password)"}"#, site.client("api").url("/api/v1/session"),
        ])
        #expect(answer.status == 201, "\(answer.body)")
        let body = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]
        return try #require(body?["token"] as? String)
    }

    @Test func aBookingByAnotherProcessShowsAtOnce() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let gex = try token(site, "agent-gex")
        let cessy = try token(site, "agent-cessy")
        let before = try run(site, token: gex, times: 5)
        #expect(before["seats_left_outbound"] as? Int == 8 && (before["bookings"] as? [Any])?.isEmpty == true, "\(before)")
        #expect(try run(site, token: cessy, times: 5)["seats_left_outbound"] as? Int == 8)

        let booking = try site.transport.book(1)
        let booked = try run(site, token: gex)
        #expect(booked["seats_left_outbound"] as? Int == 7, "\(booked)")
        #expect((booked["bookings"] as? [[String: Any]])?.map { $0["id"] as? Int } == [booking["id"] as? Int], "\(booked)")
        #expect(booked["my_commune_seats"] as? Int == 1)
        let seenByCessy = try run(site, token: cessy)
        #expect(seenByCessy["seats_left_outbound"] as? Int == 7, "seat counts are not personal: \(seenByCessy)")
        #expect((seenByCessy["bookings"] as? [Any])?.isEmpty == true && seenByCessy["my_commune_seats"] as? Int == 0, "\(seenByCessy)")

        let id = try #require(booking["id"] as? Int)
        #expect(try site.transport.transport(["cancel", "--coordinator", String(id)]).status == 0)
        let cancelled = try run(site, token: gex)
        #expect(cancelled["seats_left_outbound"] as? Int == 8 && (cancelled["bookings"] as? [Any])?.isEmpty == true, "\(cancelled)")
    }

    /// The kept answer is one libmicrohttpd response that many connections send at once (HTTPServer:
    /// Response.sentAgain): each of 400 reads by 16 clients at once gets it whole.
    @Test func sixteenClientsAtOnceEachGetTheKeptAnswerWhole() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let gex = try token(site, "agent-gex")
        let url = site.client("api").url("/api/v1/runs/\(site.transport.run)")
        let one = try site.client("api").curl(["-H", "Authorization: Bearer \(gex)", url])
        #expect(one.status == 200, "\(one.body)")
        let folder = site.workspace.directory.appendingPathComponent("reads")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let reads = (0..<400).flatMap { ["-o", folder.appendingPathComponent("\($0).json").path, url] }
        let statuses = try runToCompletion(
            "/usr/bin/curl",
            ["-s", "--max-time", "60", "--parallel", "--parallel-max", "16", "-H", "Authorization: Bearer \(gex)", "-w", "%{http_code}\\n"]
                + reads)
        #expect(statuses.output == String(repeating: "200\n", count: 400), "\(Set(statuses.output.split(separator: "\n")))")
        let bodies = try (0..<400).map { try String(contentsOf: folder.appendingPathComponent("\($0).json"), encoding: .utf8) }
        #expect(Set(bodies) == [one.body], "\(Set(bodies).count) different bodies")
    }

    @Test func aDisabledAccountIsRefusedEvenWhereAnAnswerWasKept() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let gex = try token(site, "agent-gex")
        _ = try run(site, token: gex, times: 3)
        #expect(try site.workspace.relais("users", "disable", "agent-gex").status == 0)
        let answer = try site.client("api").curl([
            "-H", "Authorization: Bearer \(gex)", site.client("api").url("/api/v1/runs/\(site.transport.run)"),
        ])
        #expect(answer.status == 401, "\(answer.status) \(answer.body)")
    }
}
