// KannelTransport against a real Kannel (bearerbox + smsbox) and its fake operator (fakesmsc): texts
// arrive with the right number and every accent, in GSM 7-bit when they can and UCS-2 when they
// must; a gateway that is down defers the message and the same message goes once it is back; a
// refused password defers without showing it; delivery-report URLs reach Kannel intact.

import Foundation
import RelaisCore
import RelaisTestPeers
import Testing

@testable import RelaisDelivery

@Suite("Kannel transport with bearerbox, smsbox and fakesmsc", .serialized)
struct KannelTransportTests {
    static func settings(_ gateway: KannelGateway, _ change: (inout KannelSettings) -> Void = { _ in }) -> KannelSettings {
        var settings = KannelSettings(
            sendSMSURL: gateway.sendSMSURL, username: KannelGateway.username, password: KannelGateway.password,
            sender: "PaysDeGex", connectTimeout: 5, timeout: 15)
        change(&settings)
        return settings
    }

    @Test("three SMS with accents reach the operator with the right numbers and the text intact")
    func accentedTextsArriveIntact() throws {
        let gateway = try KannelGateway.start()
        let transport = KannelTransport(settings: Self.settings(gateway))
        let gsmText = "Rappel : dépistage à Gex mardi 30 mars, 9 h. Répondez STOP [infos] au 36xxx €"
        let messages = [
            SMSSample.message("r1-a0-sms-v1", to: "+33612345678"),
            SMSSample.message("r2-a0-sms-v1", to: "+41791234567"),
            SMSSample.message("r3-a0-sms-v1", to: "+33612345678", text: gsmText),
        ]
        for message in messages {
            let outcome = transport.send(message)
            #expect(outcome == .sent(detail: "0: Accepted for delivery"), "\(message.key)")
        }
        let received = gateway.waitForMessages(3)
        #expect(received.count == 3)
        let expected = [
            KannelGateway.ReceivedSMS(from: "PaysDeGex", to: "+33612345678", coding: "ucs-2 (2 parts)", text: SMSSample.text),
            KannelGateway.ReceivedSMS(from: "PaysDeGex", to: "+41791234567", coding: "ucs-2 (2 parts)", text: SMSSample.text),
            KannelGateway.ReceivedSMS(from: "PaysDeGex", to: "+33612345678", coding: "text", text: gsmText),
        ]
        for sms in expected { #expect(received.contains(sms), "\(sms.to) \(sms.coding)") }
    }

    @Test("with the gateway down the message is deferred; once it is back the same message is sent")
    func gatewayDownDefersThenSends() throws {
        let gateway = try KannelGateway.start()
        let transport = KannelTransport(settings: Self.settings(gateway))
        let message = SMSSample.message("r7-a0-sms-v1", to: "+41791234567", text: "Rappel : vaccination à Ferney-Voltaire jeudi.")
        #expect(transport.send(message) == .sent(detail: "0: Accepted for delivery"))

        gateway.stopSMSBox()
        let down = transport.send(message)
        guard case .deferred(let reason, nil) = down else {
            Issue.record("expected deferred, got \(down)")
            return
        }
        #expect(reason.hasPrefix("Kannel unreachable"))
        #expect(!reason.contains("secret") && !reason.contains("791234567"))

        try gateway.startSMSBox()
        guard case .sent = transport.send(message) else {
            Issue.record("the message was not sent once smsbox was back")
            return
        }
        let received = gateway.waitForMessages(2)
        #expect(received.filter { $0.text == message.body && $0.to == "+41791234567" }.count == 2)
    }

    @Test("a wrong password is deferred (403) and the reason does not show it")
    func wrongPasswordDefers() throws {
        let gateway = try KannelGateway.start()
        let transport = KannelTransport(settings: Self.settings(gateway) { $0.password = "not-the-password" })
        let outcome = transport.send(SMSSample.message("r1-a0-sms-v1"))
        #expect(outcome == .deferred(reason: "Kannel HTTP 403: Authorization failed for sendsms (credentials refused)", retryAfter: nil))
        #expect(!transport.settings.description.contains("not-the-password"))
    }

    @Test("delivery-report URL, smsc and validity reach Kannel; it calls the report URL with its placeholders filled")
    func deliveryReportsAreRequested() throws {
        let gateway = try KannelGateway.start()
        let receiver = try RecordingHTTPServer()
        let transport = KannelTransport(
            settings: Self.settings(gateway) {
                $0.deliveryReportURL = receiver.baseURL + "/dlr?key=r9-a0-sms-v1&status=%d&to=%p"
                $0.smsc = "fake"
                $0.validityMinutes = 1440
            })
        #expect(
            transport.send(SMSSample.message("r9-a0-sms-v1", text: "Rappel : test & 100 % + = ok"))
                == .sent(detail: "0: Accepted for delivery"))
        #expect(gateway.waitForMessages(1).first?.text == "Rappel : test & 100 % + = ok")
        let reported = eventually(timeout: 15) {
            ((try? receiver.requests()) ?? []).contains { $0.path.hasPrefix("/dlr?key=r9-a0-sms-v1&status=") }
        }
        #expect(reported, "Kannel called the delivery-report URL")
    }
}
