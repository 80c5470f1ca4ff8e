// Reachability: does the SMTP server or the SMS gateway answer? For `relais doctor`: libcurl
// connects (CURLOPT_CONNECT_ONLY: for SMTP that includes the greeting and EHLO, and STARTTLS
// when required) and hangs up, sending nothing.

import CCurl
import Foundation

public enum Reachability {
    /// nil when `url` answers within `timeout` seconds, otherwise libcurl's reason.
    public static func problem(reaching url: String, requireTLS: Bool = false, timeout: TimeInterval = 5) -> String? {
        let handle = CurlHandle()
        do {
            try handle.set(CURLOPT_URL, url)
            try handle.set(CURLOPT_CONNECT_ONLY, 1)
            try handle.set(CURLOPT_CONNECTTIMEOUT_MS, Int(timeout * 1000))
            try handle.set(CURLOPT_TIMEOUT_MS, Int(timeout * 1000))
            if requireTLS { try handle.set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)) }
        } catch {
            return "\(error)"
        }
        let transfer = handle.perform()
        return transfer.result == CURLE_OK ? nil : transfer.errorMessage
    }
}
