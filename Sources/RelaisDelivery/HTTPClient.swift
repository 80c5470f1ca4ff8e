// HTTPClient: the module's only HTTP code, used by the Kannel and webhook transports. One libcurl
// easy handle per connection (CurlPool), so keep-alive connections to the gateway are reused and a
// transport's batch runs over several at once (`prepare` and `response`); GET and POST, request
// headers, connect and total timeouts, and a response with status, headers (Retry-After is what the
// transports need) and body. Redirects are not followed: a gateway that redirects is misconfigured,
// and following one would resend a password-carrying URL elsewhere. Only http and https are allowed.
//
// Nothing here logs, and failures carry libcurl's message, which names the host but never the URL's
// query (where Kannel's password travels).

import CCurl
import Foundation

/// A small blocking HTTP client on one libcurl handle. Not `Sendable`: one thread at a time.
public final class HTTPClient {
    /// One header of a response.
    public struct Header: Sendable, Equatable {
        /// The name as the server wrote it.
        public var name: String
        /// The value, surrounding white space removed.
        public var value: String
    }

    /// What the server answered.
    public struct Response: Sendable, Equatable {
        /// The HTTP status, e.g. 202.
        public var status: Int
        /// The final response's headers, in order.
        public var headers: [Header]
        /// The body (at most 1 MiB is kept).
        public var body: [UInt8]

        /// The body read as UTF-8.
        public var text: String { String(decoding: body, as: UTF8.self) }

        /// The last value of a header, the name compared without regard to case.
        public func header(_ name: String) -> String? {
            headers.last { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    /// Why no response arrived: refused connection, DNS or TLS failure, timeout, ...
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// libcurl's `CURLcode`.
        public var code: Int
        /// libcurl's message (names a host, never a URL's query).
        public var message: String
        /// Whether a timeout ended the request.
        public var timedOut: Bool { code == Int(CURLE_OPERATION_TIMEDOUT.rawValue) }

        public var description: String { "libcurl error \(code): \(message)" }

        init(_ error: CurlError) {
            code = Int(error.code)
            message = error.message
        }
    }

    /// The handles, one per connection; a single request uses the first.
    let pool: CurlPool?
    private var configurationError: CurlError?

    /// A client with its timeouts (seconds), optionally a CA file for a private gateway, and how
    /// many connections a batch may use at once.
    public init(connectTimeout: TimeInterval = 10, timeout: TimeInterval = 30, caBundlePath: String? = nil, connections: Int = 1) {
        do {
            pool = try CurlPool(connections: connections) { handle throws(CurlError) in
                try handle.set(CURLOPT_PROTOCOLS_STR, "http,https")
                try handle.set(CURLOPT_FOLLOWLOCATION, false)
                try handle.set(CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout * 1000))
                try handle.set(CURLOPT_TIMEOUT_MS, Int(timeout * 1000))
                try handle.set(CURLOPT_USERAGENT, "Relais")
                if let caBundlePath { try handle.set(CURLOPT_CAINFO, caBundlePath) }
            }
        } catch {
            pool = nil
            configurationError = error
        }
    }

    /// GET `url` with extra request headers (`["Accept": "text/plain"]`).
    public func get(_ url: String, headers: [String: String] = [:]) -> Result<Response, Failure> {
        perform(url: url, post: nil, headers: headers)
    }

    /// POST `body` to `url` with extra request headers (give `Content-Type`).
    public func post(_ url: String, body: [UInt8], headers: [String: String] = [:]) -> Result<Response, Failure> {
        perform(url: url, post: body, headers: headers)
    }

    private func perform(url: String, post body: [UInt8]?, headers: [String: String]) -> Result<Response, Failure> {
        guard let handle = pool?.handles.first else { return .failure(Failure(configurationError ?? CurlError(CURLE_FAILED_INIT))) }
        if let failure = prepare(handle, url: url, post: body, headers: headers) { return .failure(failure) }
        let response = Self.response(of: handle.perform())
        try? handle.set(CURLOPT_HTTPHEADER, nil as [String]?)
        return response
    }

    /// Sets `handle` up for one request; the failure when an option was refused.
    func prepare(_ handle: CurlHandle, url: String, post body: [UInt8]?, headers: [String: String]) -> Failure? {
        if let configurationError { return Failure(configurationError) }
        // Header names and values lose their control characters: a token read from a file with a
        // trailing newline, or anything worse, cannot add a header of its own.
        var lines = headers.sorted { $0.key < $1.key }.map { name, value in
            name.strippingControlCharacters().filter { $0 != ":" && $0 != " " } + ": "
                + value.strippingControlCharacters().trimmingCharacters(in: .whitespaces)
        }
        // Without this libcurl sends "Expect: 100-continue" for larger bodies and waits for a reply
        // that simple servers never send.
        lines.append("Expect:")
        do {
            try handle.set(CURLOPT_URL, url)
            if let body {
                try handle.set(CURLOPT_POST, true)
                try handle.setPostBody(body)
            } else {
                try handle.set(CURLOPT_HTTPGET, true)
            }
            try handle.set(CURLOPT_HTTPHEADER, lines)
        } catch {
            return Failure(error)
        }
        return nil
    }

    /// The response a transfer brought, or why none came.
    static func response(of transfer: CurlTransfer) -> Result<Response, Failure> {
        guard transfer.succeeded else { return .failure(Failure(transfer.error)) }
        return .success(Response(status: transfer.responseCode, headers: headers(transfer.headerLines), body: transfer.body))
    }

    /// The headers of the last response among the lines received (a `100 Continue` comes first).
    static func headers(_ lines: [String]) -> [Header] {
        var headers: [Header] = []
        for line in lines {
            if line.hasPrefix("HTTP/") {
                headers = []
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append(
                Header(
                    name: String(line[..<colon]),
                    value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        return headers
    }
}
