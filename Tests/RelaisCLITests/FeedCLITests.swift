// Calendar feeds against a real HTTP server (Python's http.server on loopback, FeedServer): a
// campaign loaded by hand from its address with the feed line's defaults, then followed by relais
// serve: a moved event becomes a move notice (a cancelled one a cancellation notice), an unchanged
// feed answers 304 to the ETag sent back, and a server answering 500, then garbage, leaves the last
// good version in force while status and doctor say what is wrong. Addresses relais will not fetch
// are refused naming the field.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct FeedCLITests {
    /// A calendar as a calendar application publishes it: no X-RELAIS-CAMPAIGN, no X-RELAIS-FA
    /// (the feed line gives them).
    func published(start: String, end: String, extra: String = "") -> String {
        calendar(event(uid: "a@test", start: start, end: end, extra: extra))
            .replacingOccurrences(of: "X-RELAIS-CAMPAIGN:test-2027\r\n", with: "")
            .replacingOccurrences(of: "X-RELAIS-FA:7\r\n", with: "")
    }

    func configure(_ workspace: Workspace, feed: String) throws {
        let folder = workspace.directory.appendingPathComponent("campaigns")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        workspace.configure(
            "[calendars]\ndirectory = \(folder.path)\nfeed = \(feed) campaign=feed-2027 fa=7,12\nfeed_minutes = 1\n[web]\nenabled = no\n")
    }

    /// The occurrences as events list gives them, keyed by UID: start and status.
    func occurrences(_ workspace: Workspace) throws -> [String: String] {
        let rows = try #require(
            try workspace.json(workspace.relais("events", "list", "--from", "2026-01-01", "--json")) as? [[String: Any]])
        return Dictionary(
            rows.map { ("\($0["uid"] ?? "")", "\($0["start"] ?? "") \($0["status"] ?? "")") }, uniquingKeysWith: { first, _ in first })
    }

    func feedRecord(_ workspace: Workspace) throws -> [String: Any] {
        let feeds = try #require(try statusCodes(workspace).fields["feeds"] as? [[String: Any]])
        return try #require(feeds.first)
    }

    @Test func aFeedIsLoadedFollowedAndKeepsItsLastGoodVersion() throws {
        let server = try FeedServer.start(serving: published(start: "20270330T100000", end: "20270330T120000"))
        defer { server.stop() }
        let workspace = Workspace()
        try configure(workspace, feed: server.url)

        // By hand, with the feed line's defaults; then one person registered, told by SMS.
        let loaded = try workspace.relais("campaigns", "load", server.url)
        #expect(loaded.status == 0, "\(loaded.output)\(loaded.errors)")
        #expect(loaded.output.contains("feed-2027") && loaded.output.contains(server.url), "\(loaded.output)")
        let occurrence = try #require(try occurrenceIDs(workspace)["a@test"])
        let csv = "name,commune,phone,email,consent,consent_source\nJeanne,Gex,0612345678,,sms,test\n"
        #expect(try workspace.relais("participants", "import", workspace.write("people.csv", csv), "--occurrence", occurrence).status == 0)

        // relais serve fetches it at once: the same version, nothing changes.
        let daemon = try startDaemon(workspace)
        defer { daemon.stop() }
        #expect(eventually(timeout: 15) { (try? feedRecord(workspace)["result"] as? String) == "unchanged" }, "\(daemon.text)")
        #expect(try statusCodes(workspace).status == 0)

        // Moved in the planner's calendar: reloaded, the person registered gets a move notice.
        try server.publish(published(start: "20270331T140000", end: "20270331T160000"))
        kill(daemon.pid, SIGHUP)
        #expect(
            eventually(timeout: 15) { (try? outbox(workspace).contains { $0["kind"] as? String == "moved" }) == true }, "\(daemon.text)")
        let moved = try occurrences(workspace)
        #expect(moved["a@test"]?.hasPrefix("2027-03-31T14:00") == true, "\(moved)")
        let record = try feedRecord(workspace)
        #expect(record["result"] as? String == "loaded" && record["campaign"] as? String == "feed-2027", "\(record)")
        let fetched = try #require(record["fetched_at"] as? String)
        let next = try #require(record["next_fetch_at"] as? String)
        #expect(next > fetched, "the next try is feed_minutes later: \(record)")
        let status = try workspace.relais("status")
        #expect(status.status == 0 && status.output.contains("feed 127.0.0.1:\(server.port)/feed.ics (feed-2027): loaded"), "\(status.output)")
        #expect(status.output.contains(", next fetch "), "\(status.output)")

        // feed_minutes later, the next fetch sends back the version's ETag: 304, nothing to read.
        #expect(eventually(timeout: 80) { server.requests().contains { $0["status"] == "304" } }, "\(server.requests())")
        let conditional = try #require(server.requests().first { $0["status"] == "304" })
        #expect(conditional["if-none-match"]?.isEmpty == false && conditional["if-modified-since"]?.isEmpty == false)
        #expect(eventually(timeout: 5) { (try? feedRecord(workspace)["result"] as? String) == "unchanged" })
        let good = try occurrences(workspace)

        // The server fails: the last good version stays; status and doctor say so.
        try server.fail(with: 500)
        kill(daemon.pid, SIGHUP)
        #expect(eventually(timeout: 15) { (try? statusCodes(workspace).problems) == ["feed-failed"] }, "\(daemon.text)")
        let failing = try workspace.relais("status")
        #expect(failing.status == 1 && failing.output.contains("HTTP 500 from 127.0.0.1"), "\(failing.output)")
        #expect(failing.output.contains("the last good version stays"), "\(failing.output)")
        #expect(try occurrences(workspace) == good)
        let byHand = try workspace.relais("campaigns", "load", server.url)
        #expect(byHand.status == 65 && byHand.errors.contains("HTTP 500"), "\(byHand.errors)")
        let doctor = try workspace.relais("doctor")
        #expect(doctor.status == 1 && doctor.output.contains("FAIL calendar feed 127.0.0.1:\(server.port)/feed.ics"), "\(doctor.output)")

        // Then garbage: refused with its problem; still the last good version.
        try server.publish("<html><body>Maintenance</body></html>\n")
        kill(daemon.pid, SIGHUP)
        #expect(eventually(timeout: 15) { (try? statusCodes(workspace).problems) == ["feed-refused"] }, "\(daemon.text)")
        let refusedRecord = try feedRecord(workspace)
        #expect(refusedRecord["campaign"] as? String == "feed-2027" && refusedRecord["good_at"] is String, "\(refusedRecord)")
        #expect(try occurrences(workspace) == good)
        let before = try workspace.dump()
        let refused = try workspace.relais("doctor")
        #expect(refused.status == 1 && refused.output.contains("FAIL calendar feed 127.0.0.1:\(server.port)/feed.ics"), "\(refused.output)")
        #expect(try workspace.dump() == before, "doctor wrote nothing")
        #expect(daemon.isRunning)
        #expect(!daemon.text.contains(server.url), "logs name the feed by its display name, not its address: \(daemon.text)")

        // Mended, the session now cancelled by its planner: loaded, the person registered told.
        try server.publish(published(start: "20270331T140000", end: "20270331T160000", extra: "STATUS:CANCELLED"))
        kill(daemon.pid, SIGHUP)
        #expect(eventually(timeout: 15) { (try? statusCodes(workspace).status) == 0 }, "\(daemon.text)")
        let notices = try outbox(workspace).compactMap { $0["kind"] as? String }
        #expect(notices.contains("cancelled"), "\(notices)")
        daemon.stop()
        #expect(try workspace.relais("status").status == 3)
    }

    @Test func aSecretInAFeedsAddressNeverShowsInStatusDoctorListsOrLogs() throws {
        let server = try FeedServer.start(serving: published(start: "20270330T100000", end: "20270330T120000"))
        defer { server.stop() }
        let secret = "k3y-5ecr3t-9f8e7d6c"
        let workspace = Workspace()
        try configure(workspace, feed: server.url + "?token=" + secret)
        #expect(try workspace.relais("campaigns", "load", server.url + "?token=" + secret).status == 0)
        let daemon = try startDaemon(workspace)
        defer { daemon.stop() }
        #expect(eventually(timeout: 15) { (try? feedRecord(workspace)["result"] as? String) == "unchanged" }, "\(daemon.text)")
        try server.publish("<html><body>Maintenance</body></html>\n")
        kill(daemon.pid, SIGHUP)
        #expect(eventually(timeout: 15) { (try? statusCodes(workspace).problems) == ["feed-refused"] }, "\(daemon.text)")
        let outputs = [
            try workspace.relais("status"), try workspace.relais("status", "--json"), try workspace.relais("doctor"),
            try workspace.relais("campaigns", "list", "--json"),
        ]
        #expect(outputs[0].output.contains("feed 127.0.0.1:\(server.port)/feed.ics (feed-2027): refused"), "\(outputs[0].output)")
        for result in outputs {
            #expect(!(result.output + result.errors).contains(secret), "\(result.output)\(result.errors)")
        }
        #expect(!daemon.text.contains(secret) && daemon.text.contains("127.0.0.1:\(server.port)/feed.ics"), "\(daemon.text)")
    }

    @Test func aFeedLoadedByHandWithOptionsKeepsThemForItsNextLoads() throws {
        let server = try FeedServer.start(serving: published(start: "20270330T100000", end: "20270330T120000"))
        defer { server.stop() }
        let workspace = Workspace()
        workspace.configure("[web]\nenabled = no\n")
        let bare = try workspace.relais("campaigns", "load", server.url)
        #expect(bare.status == 65 && bare.errors.contains("--campaign"), "\(bare.errors)")
        let first = try workspace.relais("campaigns", "load", server.url, "--campaign", "hand-2027", "--fa", "7,12")
        #expect(first.status == 0, "\(first.errors)")

        // Moved by its planner, loaded again without options: the campaign and sheets it was loaded with.
        try server.publish(published(start: "20270331T140000", end: "20270331T160000"))
        let again = try workspace.relais("campaigns", "load", server.url)
        #expect(again.status == 0 && again.output.hasPrefix("hand-2027: "), "\(again.output)\(again.errors)")
        #expect(try occurrences(workspace)["a@test"]?.hasPrefix("2027-03-31T14:00") == true)
    }

    @Test func aVersionTheDatabaseFailedIsNotCalledRefusedAndLoadsOnceItCan() throws {
        let server = try FeedServer.start(serving: published(start: "20270330T100000", end: "20270330T120000"))
        defer { server.stop() }
        let workspace = Workspace()
        let folder = workspace.directory.appendingPathComponent("campaigns")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        workspace.configure(
            """
            [calendars]
            directory = \(folder.path)
            feed = \(server.url) campaign=feed-2027 fa=7,12
            [web]
            enabled = no
            """)
        let daemon = try startDaemon(workspace)
        defer { daemon.stop() }
        #expect(eventually(timeout: 15) { (try? feedRecord(workspace)["result"] as? String) == "loaded" }, "\(daemon.text)")

        // The database fails the write (a trigger stands in for an I/O error) when the moved version arrives.
        try server.publish(published(start: "20270331T140000", end: "20270331T160000"))
        func sql(_ statement: String) throws {
            let result = try workspace.run("/usr/bin/sqlite3", [workspace.database, statement])
            #expect(result.status == 0, "\(result.errors)")
        }
        try sql("CREATE TRIGGER test_trouble BEFORE UPDATE ON occurrence BEGIN SELECT RAISE(ABORT, 'simulated disk trouble'); END;")
        kill(daemon.pid, SIGHUP)
        #expect(eventually(timeout: 10) { daemon.text.contains("calendar feed not loaded") }, "\(daemon.text)")
        #expect(!daemon.text.contains("calendar feed refused"), "\(daemon.text)")
        #expect(try statusCodes(workspace).problems.isEmpty, "a database error is not the feed's fault")

        // The database mended, the next fetch loads the moved version.
        try sql("DROP TRIGGER test_trouble;")
        kill(daemon.pid, SIGHUP)
        #expect(eventually(timeout: 15) { (try? occurrences(workspace)["a@test"]?.hasPrefix("2027-03-31T14:00")) == true }, "\(daemon.text)")
        #expect(try statusCodes(workspace).problems.isEmpty)
    }

    @Test func addressesRelaisWillNotFetchAreRefusedNamingTheField() throws {
        let workspace = Workspace()
        for (feed, words) in [
            ("http://calendar.example.org/a.ics", "loopback only"), ("ftp://127.0.0.1/a.ics", "ftp://"),
            ("https://user:secret@example.org/a.ics", "user or password"), ("https://example.org/a.ics fa=abc", "fa=: \"abc\""),
            ("https://example.org/a.ics colour=red", "unknown setting"),
        ] {
            workspace.configure("[calendars]\nfeed = \(feed)\n")
            let result = try workspace.relais("status")
            #expect(result.status != 0 && result.status != 1 && result.status != 3, "\(feed): \(result.status)")
            #expect(result.errors.contains("calendars.feed"), "\(feed): \(result.errors)")
            #expect(result.errors.contains(words), "\(feed): \(result.errors)")
        }
        workspace.configure("")
        let byHand = try workspace.relais("campaigns", "load", "http://calendar.example.org/a.ics")
        #expect(byHand.status == 64 && byHand.errors.contains("loopback only"), "\(byHand.errors)")
    }
}

/// Feeds that would hold relais up or fill its memory: each is cut off with its reason, and a
/// server that stalls does not stall relais serve.
@Suite(.serialized) struct HostileFeedCLITests {
    @Test func aHostileFeedIsCutOffWithItsReason() throws {
        let server = try FeedServer.start(serving: "")
        defer { server.stop() }
        let workspace = Workspace()
        workspace.configure("[calendars]\nmax_file_mb = 1\nfeed_timeout_seconds = 5\n")
        #expect(try workspace.relais("campaigns", "list").status == 0)  // the database made, to compare with
        for (path, words) in [
            ("big", "sent more than the 1048576 bytes accepted (max_file_mb)"), ("loop", "more than 5 redirects from 127.0.0.1"),
            ("away", "redirected to http://calendar.example.org/a.ics: plain http:// is accepted on loopback only"),
            ("slow", "127.0.0.1 did not send the whole calendar within 5 s"),
        ] {
            let before = try workspace.dump()
            let result = try workspace.relais("campaigns", "load", server.hostile(path))
            #expect(result.status == 65, "\(path): \(result.status) \(result.errors)")
            #expect(result.errors.contains(words), "\(path): \(result.errors)")
            #expect(try workspace.dump() == before)
        }
    }

    @Test func aStallingFeedDoesNotHoldUpTheDaemonNorTheOtherFeeds() throws {
        let good = calendar(event(uid: "b@test", start: "20270331T100000", end: "20270331T120000"))
            .replacingOccurrences(of: "X-RELAIS-CAMPAIGN:test-2027\r\n", with: "")
        let server = try FeedServer.start(serving: good)
        defer { server.stop() }
        let workspace = Workspace()
        let folder = workspace.directory.appendingPathComponent("campaigns")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The stalling feed comes first: the good one, due at the same time, must not wait for it.
        workspace.configure(
            "[calendars]\ndirectory = \(folder.path)\nfeed = \(server.hostile("slow")) campaign=slow-2027\n"
                + "feed = \(server.url) campaign=good-2027\n[web]\nenabled = no\n")
        let daemon = try startDaemon(workspace)
        defer { daemon.stop() }
        #expect(eventually(timeout: 15) { (try? occurrenceIDs(workspace)["b@test"]) != nil }, "\(daemon.text)")
        // While the feed's server sends nothing (30 s, within feed_timeout_seconds), a calendar file still loads.
        try calendar(event(uid: "a@test", start: "20270330T100000", end: "20270330T120000"))
            .write(to: folder.appendingPathComponent("file.ics"), atomically: true, encoding: .utf8)
        #expect(eventually(timeout: 15) { (try? occurrenceIDs(workspace)["a@test"]) != nil }, "\(daemon.text)")
        let status = try workspace.relais("status")
        #expect(status.status == 0 && status.output.contains("feed 127.0.0.1:\(server.port): not fetched yet"), "\(status.output)")
    }
}
