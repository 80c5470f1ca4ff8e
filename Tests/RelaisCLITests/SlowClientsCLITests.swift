// relais serve's HTTP server against clients that try to hold it by being slow, through the built
// binary: 80 connections from one address sending a header line every two seconds while the desk,
// the API and the gateway callbacks answer everyone else; requests trickling in cut off at their
// deadline while a kept-alive connection that sends whole requests is served. (Malformed requests
// and framing: DeskCLITests and GatewayCLITests, with sendMalformedBatch.)

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct SlowClientsCLITests {
    @Test func slowClientsFromOneAddressCannotHoldTheDeskTheAPIOrTheCallbacks() throws {
        let secrets = try TemporaryDirectory("secret")
        let secret = "s3cr3t-callback-0123456789"
        try Data((secret + "\n").utf8).write(to: secrets.file("callback"))
        // The defaults: 64 connections, 16 per address, a request due within 10 s, 15 s idle timeout.
        let site = try DeskSite(extraConfiguration: "callback_secret_file = \(secrets.file("callback").path)")
        defer { site.server.stop() }
        let slow = try startSlowClients(port: site.port, count: 80, interval: 2, lines: 10, in: site.workspace)
        defer { slow.stop() }
        #expect(eventually(timeout: 20) { slow.text.contains("held ") }, "\(slow.text)")

        // While they are held, from 127.0.0.1: a page, a gateway callback, the API.
        let browser = site.client("browser")
        #expect(try browser.get("/signin").status == 200)
        #expect(try browser.get("/gateway/\(secret)/dlr?key=unknown&status=1").status == 200)
        let signIn = try browser.curl(
            [
                "-H", "Content-Type: application/json", "--data-binary", #"{"login": "agent-gex", "password": "\#(DeskSite.password)"}"#,
                browser.url("/api/v1/session"),
            ])
        #expect(signIn.status == 201, "\(signIn.body)")
        let token = try #require((try? JSONSerialization.jsonObject(with: Data(signIn.body.utf8)) as? [String: Any])?["token"] as? String)
        #expect(try browser.curl(["-H", "Authorization: Bearer \(token)", browser.url("/api/v1/runs")]).status == 200)
        #expect(!slow.text.contains("outcome"), "the slow clients were done before the others were answered: \(slow.text)")

        #expect(eventually(timeout: 40) { !slow.isRunning }, "\(slow.text)")
        let outcome = SlowClientsOutcome(slow.text)
        #expect(outcome["refused"] == 64 && outcome["held"] == 16, "per address: \(slow.text)")
        // Each held connection was cut at its deadline, long before its tenth line (and the idle
        // timeout never came: a line every 2 s).
        #expect(outcome["cut"] == 16 && outcome["most"] < 10, "deadline: \(slow.text)")
        #expect(try browser.get("/signin").status == 200)
    }

    @Test func aRequestTricklingInIsCutAtItsDeadlineWhileAKeptAliveConnectionIsServed() throws {
        // An idle timeout of a minute: only the deadline can cut these.
        let site = try DeskSite(extraConfiguration: "request_deadline_seconds = 2\ntimeout_seconds = 60")
        defer { site.server.stop() }
        let headers = try runSlowClient(port: site.port, mode: "headers", interval: 0.5, pieces: 20, in: site.workspace)
        #expect(headers["held"] == 1 && headers["cut"] == 1 && headers["most"] < 20, "\(headers.counts)")
        let body = try runSlowClient(port: site.port, mode: "body", interval: 0.5, pieces: 40, in: site.workspace)
        #expect(body["held"] == 1 && body["cut"] == 1 && body["most"] < 40, "\(body.counts)")
        // Three whole requests 1.2 s apart on one connection: 3.6 s in all, each within 2 s of the previous answer.
        let kept = try runSlowClient(port: site.port, mode: "keepalive", interval: 1.2, pieces: 3, in: site.workspace)
        #expect(kept["answered"] == 3, "\(kept.counts)")
        #expect(try site.client("browser").get("/signin").status == 200)
    }
}
