// The HTTP server of `relais serve` and the SMS gateway's callbacks, through the built binary:
// security headers, limits that answer 4xx and keep serving, the two locks on the callbacks (the
// secret in the path and the allowed addresses), and a real Kannel with fakesmsc reporting
// deliveries and passing on a resident's STOP.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct GatewayCLITests {
    static let secret = "s3cr3t-callback-0123456789"

    /// A workspace whose relais serve listens on a free port with the callback secret in a file.
    func webWorkspace(_ extra: String = "", allow: String = "127.0.0.1") throws -> (Workspace, UInt16) {
        let workspace = Workspace()
        let port = LoopbackPort.random()
        let secretFile = workspace.write("callback-secret", Self.secret + "\n")
        workspace.configure(
            """
            [web]
            port = \(port)
            callback_secret_file = \(secretFile)
            callback_allow = \(allow)
            max_body_kb = 4
            \(extra)
            """)
        return (workspace, port)
    }

    func serve(_ workspace: Workspace, port: UInt16) throws -> PeerProcess { try startServe(workspace, port: port) }

    /// `curl -i` on a path: the status, the headers (lower-case names) and the body.
    func get(_ port: UInt16, _ path: String, _ options: [String] = []) throws -> (status: Int, headers: [String: String], body: String) {
        let answer = HTTPAnswer.parse(
            try runToCompletion("/usr/bin/curl", ["-s", "-i", "--max-time", "10"] + options + ["http://127.0.0.1:\(port)\(path)"]).output)
        return (answer.status, answer.headers, answer.body)
    }

    func expectSecurityHeaders(_ headers: [String: String]) {
        let policy = headers["content-security-policy"] ?? ""
        #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-inline"))
        #expect(headers["x-content-type-options"] == "nosniff")
        #expect(headers["referrer-policy"] == "no-referrer")
        #expect(headers["x-frame-options"] == "DENY")
    }

    @Test func everyAnswerCarriesSecurityHeadersAndBadRequestsGet4xxWhileTheServerKeepsServing() throws {
        let (workspace, port) = try webWorkspace()
        let server = try serve(workspace, port: port)
        defer { server.stop() }
        let missing = try get(port, "/nothing")
        #expect(missing.status == 404)
        expectSecurityHeaders(missing.headers)
        let callback = try get(port, "/gateway/\(Self.secret)/dlr?key=unknown&status=1")
        #expect(callback.status == 200)
        expectSecurityHeaders(callback.headers)

        let batch = try sendMalformedBatch(port: port, posting: "/gateway/x", in: workspace)
        #expect(batch.statuses == MalformedBatch.expectedStatuses, "\(batch.output)")
        #expect(!batch.closed.contains(false), "a connection was left open: \(batch.output)")
        #expect(try get(port, "/nothing").status == 404)
        #expect(try get(port, "/gateway/\(Self.secret)/mo?from=%2B33600000001&text=hello").status == 200)
        #expect(server.isRunning)
    }

    @Test func aCallbackWithoutTheSecretOrFromAnotherAddressIsRefusedWithoutDetail() throws {
        let (workspace, port) = try webWorkspace()
        let server = try serve(workspace, port: port)
        for path in ["/gateway/dlr?key=a&status=1", "/gateway/wrong-secret-0123456789/dlr?key=a&status=1", "/gateway//dlr", "/gateway"] {
            let answer = try get(port, path)
            #expect(answer.status == 404, "\(path)")
            #expect(!answer.body.contains("secret"))
        }
        #expect(try get(port, "/gateway/\(Self.secret)/dlr?key=a&status=1").status == 200)
        server.stop()
        #expect(!server.text.contains(Self.secret))

        let (elsewhere, otherPort) = try webWorkspace(allow: "192.0.2.7")
        let refusing = try serve(elsewhere, port: otherPort)
        defer { refusing.stop() }
        let refused = try get(otherPort, "/gateway/\(Self.secret)/mo?from=%2B33600000000&text=STOP")
        #expect(refused.status == 403)
        expectSecurityHeaders(refused.headers)
        #expect(try elsewhere.run("/usr/bin/sqlite3", [elsewhere.database, "SELECT count(*) FROM opt_out"]).output == "0\n")
    }

    @Test func kannelReportsDeliveryAndAStopReplyOptsTheSenderOutConfirmedOnce() throws {
        let port = LoopbackPort.random()
        let kannel = try KannelGateway.start(inboundURL: "http://127.0.0.1:\(port)/gateway/\(Self.secret)/mo?from=%p&text=%a")
        defer { kannel.stopAll() }
        let workspace = Workspace()
        let password = workspace.write("kannel-password", KannelGateway.password + "\n")
        let secretFile = workspace.write("callback-secret", Self.secret + "\n")
        workspace.configure(
            """
            [reminders]
            per_day = 5
            [sms]
            transport = kannel
            url = \(kannel.sendSMSURL)
            username = \(KannelGateway.username)
            password_file = \(password)
            delivery_report_url = http://127.0.0.1:\(port)/gateway/{secret}/dlr?status=%d&smsc=%i
            rate_per_second = 100
            [web]
            port = \(port)
            callback_secret_file = \(secretFile)
            """, confirmations: false)
        // Two reminders: 08:00 (due at 08:30, sent) and 09:00 (still queued when STOP arrives).
        let file = workspace.write(
            "test.ics",
            calendar(eventWithAlarms(uid: "a@test", start: "20270330T100000", end: "20270330T120000", alarms: ["-P1D", "-PT1H"])))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        let occurrence = try occurrenceIDs(workspace)["a@test"]!
        let people = workspace.write("people.csv", "name,commune,phone,consent,consent_source\nRésidente,Gex,06 00 00 00 00,sms,test\n")
        #expect(try workspace.relais("participants", "import", people, "--occurrence", occurrence).status == 0)
        workspace.now = "2027-03-30T08:30"

        let server = try serve(workspace, port: port)
        defer { server.stop() }
        #expect(kannel.waitForMessages(1).first?.to == "+33600000000")
        var sent: [String: Any] = [:]
        let reported = try eventually(timeout: 20) {
            sent = try outbox(workspace).first { ($0["state"] as? String) == "sent" } ?? [:]
            return sent["delivery"] != nil
        }
        #expect(reported, "a delivery report within 20 s: \(sent)")
        // fakesmsc acknowledges: Kannel reports 1 (delivered) and 8 (accepted by the SMSC), in either
        // order; the final state stays.
        let delivered = try eventually(timeout: 10) {
            (try outbox(workspace).first { ($0["state"] as? String) == "sent" }?["delivery"] as? [String: Any])?["code"] as? Int == 1
        }
        #expect(delivered, "the final report (1, delivered) within 10 s")
        let delivery = try outbox(workspace).first { ($0["state"] as? String) == "sent" }?["delivery"] as? [String: Any]
        #expect(delivery?["state"] as? String == "delivered" && delivery?["code"] as? Int == 1, "\(sent)")

        try kannel.sendInbound(from: "+33600000000", text: "+Stop+", count: 2)
        #expect(eventually(timeout: 20) { server.text.components(separatedBy: "SMS STOP recorded").count == 3 }, "\(server.text)")
        let consent = try workspace.run(
            "/usr/bin/sqlite3", [workspace.database, "SELECT granted, source FROM consent WHERE channel = 'sms'"])
        #expect(consent.output == "0|SMS STOP\n")
        let states = try outbox(workspace).compactMap { $0["state"] as? String }.sorted()
        #expect(states == ["cancelled", "sent"])
        #expect(kannel.waitForMessages(2, timeout: 10).count >= 2, "the reminder and one STOP reply")
        Thread.sleep(forTimeInterval: 2)
        let replies = kannel.messages().filter { $0.to == "+33600000000" && $0.text.contains("ne recevrez plus") }
        #expect(replies.count == 1, "\(kannel.messages())")
        #expect(!server.text.contains("600000000") && !server.text.contains(Self.secret))

    }
}
