// GatewayCallbacks: what the SMS gateway (Kannel) calls back on relais serve.
//
//   GET /gateway/<secret>/dlr?key=<outbox key>&status=%d   a delivery report (Kannel's dlr-url;
//                                                          KannelTransport adds `key`)
//   GET /gateway/<secret>/mo?from=%p&text=%a               an SMS a resident sent (sms-service get-url)
//
// Two locks on the door: the client address must be in `[web] callback_allow` (else 403), and the
// path must carry the secret of `[web] callback_secret_file`, compared in constant time (else 404,
// as for any unknown path). Neither answer says which lock held. Logs name outbox keys and counts,
// never a phone number, a text or the secret.
//
// An SMS "STOP" opts its sender out of SMS (Store.optOut, source "SMS STOP"), which withdraws the
// consent of every participant with that number and cancels their queued SMS. The confirmation is
// the response body: Kannel sends a get-url's body back to the sender as the reply SMS, and sends
// nothing for an empty body when the sms-service says `omit-empty = true`. So it goes once per
// opt-out: a number already opted out gets an empty body. "ANNULER" and "OUI" cancel a
// registration (GatewayCallbacks+Cancel.swift).

import Foundation
import RelaisAuth
import RelaisCore
import RelaisStore

/// The gateway callbacks' settings.
public struct GatewaySettings: Sendable {
    /// The secret in the callback path.
    public var secret: String
    /// The client addresses accepted.
    public var allowedAddresses: Set<String>
    /// The reply to a first STOP.
    public var stopConfirmation: String
    /// The territory's numbering plan, which the sender of a STOP is read with (a national form
    /// "0692…" from a Réunion gateway is +262, as the resident's number was stored).
    public var phonePlan: PhonePlan

    /// Creates settings; the reply to a first STOP is signed by `organiser` (Territory.organiser).
    public init(secret: String, allowedAddresses: Set<String>, phonePlan: PhonePlan, organiser: String) {
        self.init(
            secret: secret, allowedAddresses: allowedAddresses, phonePlan: phonePlan,
            stopConfirmation: GatewaySettings.stopConfirmation(organiser: organiser))
    }

    /// Creates settings with their own reply to a first STOP.
    public init(secret: String, allowedAddresses: Set<String>, phonePlan: PhonePlan, stopConfirmation: String) {
        self.phonePlan = phonePlan
        self.secret = secret
        self.allowedAddresses = allowedAddresses
        self.stopConfirmation = stopConfirmation
    }

    /// The reply to a first STOP, signed by `organiser`, in French and English, written in the GSM
    /// alphabet (an accent in the organiser's name must not make it a UCS-2 message).
    public static func stopConfirmation(organiser: String) -> String {
        SMSAlphabet.gsm.written("\(organiser): vous ne recevrez plus nos SMS de prevention. / You will receive no more SMS from us.")
    }
}

/// Answers the gateway's callbacks.
public struct GatewayCallbacks: Sendable {
    /// Writes a log line: a fixed message and metadata without personal data.
    public typealias Logger = @Sendable (_ message: StaticString, _ metadata: [String: String]) -> Void

    let settings: GatewaySettings
    let pool: StorePool
    let clock: @Sendable () -> Date
    let log: Logger
    /// Cancelling registrations by SMS "ANNULER" then "OUI" (GatewayCallbacks+Cancel); nil: not offered.
    public var smsCancelling: SMSCancelling?

    /// Callbacks that record into the database behind `pool`.
    public init(settings: GatewaySettings, pool: StorePool, clock: @escaping @Sendable () -> Date = Date.init, log: @escaping Logger) {
        self.settings = settings
        self.pool = pool
        self.clock = clock
        self.log = log
    }

    /// Adds the `/gateway` routes to `router`.
    public func install(in router: inout Router) {
        router.add(["GET", "POST"], prefix: "/gateway") { request in respond(to: request) }
    }

    /// The answer to a request under `/gateway`.
    public func respond(to request: Request) -> Response {
        guard settings.allowedAddresses.contains(request.clientAddress) else { return .plain(403) }
        let segments = request.pathSegments
        guard segments.count == 3, !settings.secret.isEmpty, ConstantTime.equal(String(segments[1]), settings.secret) else {
            return .plain(404)
        }
        do {
            switch segments[2] {
            case "dlr": return try deliveryReport(request)
            case "mo": return try inbound(request)
            default: return .plain(404)
            }
        } catch {
            log("gateway callback failed", ["error": Redaction.scrub("\(error)")])
            return .plain(503)
        }
    }

    // MARK: - Callbacks

    private func deliveryReport(_ request: Request) throws -> Response {
        guard let key = request.query["key"], !key.isEmpty, key.count <= 200, let code = request.query["status"].flatMap({ Int($0) }),
            let state = DeliveryState(kannelCode: code)
        else { return .plain(400) }
        let known = try pool.withStore { try $0.recordDeliveryReport(key: key, state: state, code: code, now: clock()) }
        log(known ? "delivery report recorded" : "delivery report for an unknown message", ["outbox.key": key, "dlr.code": String(code)])
        return .plain(200)
    }

    private func inbound(_ request: Request) throws -> Response {
        guard let from = request.query["from"], let text = request.query["text"] else { return .plain(400) }
        guard StopKeyword.isStop(text) else {
            if let reply = SMSCancelReply(text), let smsCancelling { return try cancelBySMS(reply, from: from, cancelling: smsCancelling) }
            log("inbound SMS ignored (not a stop request)", [:])
            return Response(status: 200)
        }
        guard let phone = try? PhoneNumber(parsing: from, plan: settings.phonePlan) else { return .plain(400) }
        // The check and the opt-out are one transaction: two STOPs at once confirm once.
        let summary = try pool.withStore { try $0.optOut(address: phone.e164, channel: .sms, source: "SMS STOP", now: clock()) }
        let confirm = !summary.wasAlreadyOptedOut
        log(
            "SMS STOP recorded",
            ["participants": String(summary.participants), "outbox.cancelled": String(summary.messagesCancelled), "first": String(confirm)])
        return Response(status: 200, text: confirm ? settings.stopConfirmation : "")
    }
}
