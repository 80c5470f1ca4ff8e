// HTTPClient+Batch: the SMS gateways' batches. Each message's recipient is checked, its request
// built by the transport and run on one of the client's connections, up to all of them at once
// (CurlPool), and its answer classified by HTTPOutcome like a single request's.

import CCurl
import Foundation
import RelaisCore

extension HTTPClient {
    /// A request of a batch: where, the POST body (nil: a GET) and the extra headers.
    typealias BatchRequest = (url: String, post: [UInt8]?, headers: [String: String])

    /// Sends the SMS `messages` to `service` ("Kannel", "webhook"), the request of each built by
    /// `request` (nil: it could not be encoded, and the message waits).
    func send(
        _ messages: [OutgoingMessage], hooks: SendHooks, service: String,
        request: (PhoneNumber, OutgoingMessage) -> BatchRequest?
    ) {
        guard let pool else {
            for index in messages.indices {
                guard hooks.starting(index) else { return }
                hooks.finished(index, HTTPOutcome.outcome(of: .failure(Failure(CurlError(CURLE_FAILED_INIT))), service: service))
            }
            return
        }
        pool.send(messages, hooks: hooks) { message, handle in
            if let refusal = Recipient.refusal(message, expected: .sms, by: service) { return .settled(refusal) }
            guard let phone = Recipient.phone(message) else { return .settled(.failed(reason: "no recipient")) }
            guard let built = request(phone, message) else {
                return .settled(.deferred(reason: "the SMS could not be encoded as JSON", retryAfter: nil))
            }
            if let failure = prepare(handle, url: built.url, post: built.post, headers: built.headers) {
                return .settled(HTTPOutcome.outcome(of: .failure(failure), service: service).redacting(recipient: phone.e164))
            }
            return .transfer(upload: []) { transfer in
                HTTPOutcome.outcome(of: HTTPClient.response(of: transfer), service: service).redacting(recipient: phone.e164)
            }
        }
    }
}
