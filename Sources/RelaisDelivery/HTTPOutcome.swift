// HTTPOutcome: how an SMS gateway's HTTP answer becomes a DeliveryOutcome, shared by the Kannel and
// webhook transports so that they classify alike.
//
//   2xx                              sent (Kannel: 202 "0: Accepted for delivery" or
//                                    "3: Queued for later delivery")
//   408, 429, 5xx                    deferred, honouring Retry-After (seconds or an HTTP-date)
//   401, 403                         deferred: the gateway refused our credentials, which says
//                                    nothing about the message; failing every SMS for good because
//                                    a password changed would lose them all (the same rule as an
//                                    SMTP login refusal)
//   other 4xx (400 invalid number)   failed, with the gateway's reply
//   1xx, 3xx                         deferred: the gateway URL is wrong, not the message
//   no answer (refused, DNS, TLS,    deferred
//   timeout)
//
// Replies are cut to one line of at most 300 characters and the recipient is taken out of them.

import Foundation

enum HTTPOutcome {
    /// The outcome of one request to `service` (a name for reasons: "Kannel", "webhook").
    static func outcome(
        of result: Result<HTTPClient.Response, HTTPClient.Failure>, service: String, now: Date = Date()
    ) -> DeliveryOutcome {
        let response: HTTPClient.Response
        switch result {
        case .failure(let failure):
            return .deferred(reason: "\(service) unreachable: \(failure.description)", retryAfter: nil)
        case .success(let success):
            response = success
        }
        let reply = response.text.singleLine()
        let described = "\(service) HTTP \(response.status)" + (reply.isEmpty ? "" : ": " + reply)
        switch response.status {
        case 200..<300:
            return .sent(detail: reply.isEmpty ? "HTTP \(response.status)" : reply)
        case 408, 429, 500..<600:
            return .deferred(reason: described, retryAfter: retryAfter(response.header("Retry-After"), now: now))
        case 401, 403:
            return .deferred(reason: described + " (credentials refused)", retryAfter: nil)
        case 400..<500:
            return .failed(reason: described)
        default:
            return .deferred(reason: described + " (unexpected status)", retryAfter: nil)
        }
    }

    /// RFC 9110 §10.2.3: `Retry-After: 120` or `Retry-After: Fri, 31 Dec 1999 23:59:59 GMT`; the
    /// delay in seconds from `now`, never negative; `nil` when absent or unreadable.
    static func retryAfter(_ value: String?, now: Date) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return TimeInterval(max(0, seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"  // IMF-fixdate, the form senders must use
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSince(now).rounded())
    }
}
