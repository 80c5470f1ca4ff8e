// WebhookTransport (and through it HTTPClient and HTTPOutcome) against a small Python HTTP server
// (Scripts.webhookServer) that answers the status a test asks for and records every request.

import Foundation
import RelaisCore
import RelaisTestPeers
import Testing

@testable import RelaisDelivery

/// The Python HTTP server, on a free loopback port, stopped by pid when released.
final class RecordingHTTPServer {
    struct Request: Decodable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: String
    }

    let work: TemporaryDirectory
    let port: UInt16
    private let process: PeerProcess
    private var log: URL { work.file("requests.log") }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    init() throws {
        let work = try TemporaryDirectory("http")
        let script = work.file("webhook_server.py")
        try Scripts.webhookServer.write(to: script, atomically: true, encoding: .utf8)
        for attempt in 0..<5 {
            let port = LoopbackPort.random()
            let process = try PeerProcess(
                python3, [script.path, String(port), work.file("requests.log").path],
                output: work.file("server-\(attempt).out"))
            if LoopbackPort.waitUntilAccepting(port, while: { process.isRunning }) {
                self.work = work
                self.port = port
                self.process = process
                return
            }
            process.stop()
        }
        throw PeerError("the Python HTTP server did not start")
    }

    deinit { process.stop() }

    /// The requests received so far, oldest first.
    func requests() throws -> [Request] {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Request.self, from: Data($0.utf8)) }
    }
}

enum SMSSample {
    static let text = "Rappel : dépistage mardi 30 mars à 9 h 00, salle des fêtes de Gex. STOP au 36xxx"

    static func message(_ key: String, to recipient: String = "+33612345678", text: String = text) -> OutgoingMessage {
        OutgoingMessage(key: key, channel: .sms, recipient: recipient, body: text)
    }
}

@Suite("Webhook transport")
struct WebhookTransportTests {
    @Test("a 200 answer is sent; the endpoint sees the JSON, the bearer token and the idempotency key")
    func acceptedMessageIsSent() throws {
        let server = try RecordingHTTPServer()
        let transport = WebhookTransport(
            settings: WebhookSettings(url: server.baseURL + "/sms", bearerToken: "tok-123\n", timeout: 10))
        let outcome = transport.send(SMSSample.message("r42-a0-sms-v1"))
        #expect(outcome == .sent(detail: "{\"status\": 200}"))

        let requests = try server.requests()
        #expect(requests.count == 1)
        let request = try #require(requests.first)
        #expect(request.method == "POST")
        #expect(request.headers["authorization"] == "Bearer tok-123")
        #expect(request.headers["idempotency-key"] == "r42-a0-sms-v1")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["expect"] == nil)
        let payload = try JSONDecoder().decode(SMSPayload.self, from: Data(request.body.utf8))
        #expect(payload == SMSPayload(to: "+33612345678", text: SMSSample.text, key: "r42-a0-sms-v1"))
    }

    @Test("503 with Retry-After: 7 defers for seven seconds")
    func unavailableDefersWithRetryAfter() throws {
        let server = try RecordingHTTPServer()
        let transport = WebhookTransport(settings: WebhookSettings(url: server.baseURL + "/reply/503/retry-after/7"))
        let outcome = transport.send(SMSSample.message("r42-a0-sms-v1"))
        guard case .deferred(let reason, let retryAfter) = outcome else {
            Issue.record("expected deferred, got \(outcome)")
            return
        }
        #expect(retryAfter == 7)
        #expect(reason.hasPrefix("webhook HTTP 503"))
    }

    @Test("429 with an HTTP-date Retry-After defers until then")
    func tooManyRequestsDefersUntilDate() throws {
        let server = try RecordingHTTPServer()
        let later = Date().addingTimeInterval(120)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let date = formatter.string(from: later).replacingOccurrences(of: " ", with: "_")
        let transport = WebhookTransport(settings: WebhookSettings(url: server.baseURL + "/reply/429/retry-after/" + date))
        guard case .deferred(_, let retryAfter?) = transport.send(SMSSample.message("r42-a0-sms-v1")) else {
            Issue.record("expected deferred with a delay")
            return
        }
        #expect((100...121).contains(retryAfter))
    }

    @Test("400 fails the message with the endpoint's reply; 403 defers it (our credentials)")
    func clientErrors() throws {
        let server = try RecordingHTTPServer()
        let refused = WebhookTransport(settings: WebhookSettings(url: server.baseURL + "/reply/400"))
        #expect(refused.send(SMSSample.message("r42-a0-sms-v1")) == .failed(reason: "webhook HTTP 400: {\"status\": 400}"))
        let forbidden = WebhookTransport(settings: WebhookSettings(url: server.baseURL + "/reply/403", bearerToken: "bad"))
        guard case .deferred(let reason, _) = forbidden.send(SMSSample.message("r42-a0-sms-v1")) else {
            Issue.record("403 should defer")
            return
        }
        #expect(reason.contains("credentials"))
        #expect(!reason.contains("bad"))
    }

    @Test("a refused connection defers; an e-mail or a number that is not E.164 fails")
    func unreachableAndWrongMessages() throws {
        let transport = WebhookTransport(
            settings: WebhookSettings(url: "http://127.0.0.1:\(LoopbackPort.random())/sms", connectTimeout: 2))
        guard case .deferred(let reason, nil) = transport.send(SMSSample.message("r42-a0-sms-v1")) else {
            Issue.record("a refused connection should defer")
            return
        }
        #expect(reason.contains("unreachable"))
        #expect(!reason.contains("612345678"))
        guard case .failed = transport.send(SMSSample.message("r42", to: "0612345678")) else {
            Issue.record("a national number should be refused")
            return
        }
        var email = SMSSample.message("r42")
        email.channel = .email
        guard case .failed = transport.send(email) else {
            Issue.record("an e-mail should be refused")
            return
        }
    }

    @Test("one HTTPClient serves GET and POST on one handle")
    func httpClientGetThenPost() throws {
        let server = try RecordingHTTPServer()
        let client = HTTPClient(timeout: 10)
        let get = client.get(server.baseURL + "/status?a=1", headers: ["Accept": "text/plain"])
        #expect((try? get.get().status) == 200)
        let post = client.post(server.baseURL + "/reply/201", body: Array("{}".utf8), headers: ["Content-Type": "application/json"])
        #expect((try? post.get().status) == 201)
        #expect((try? post.get().header("content-type")) == "application/json")
        let requests = try server.requests()
        #expect(requests.map(\.method) == ["GET", "POST"])
        #expect(requests.first?.headers["accept"] == "text/plain")
    }
}
