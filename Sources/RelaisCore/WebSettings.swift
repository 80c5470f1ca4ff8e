// WebSettings: the `[web]` section, the HTTP server inside `relais serve`: the SMS gateway's
// callbacks, and the CCAS desk (pages and JSON API). It listens on loopback by default: in production a reverse
// proxy (nginx) adds TLS in front of it. Limits keep a slow or hostile client from holding the
// server: a request body, a connection's memory (headers), a connection's idle time, the time a
// request may take to arrive whole, and the number of connections (each one is a thread), in all
// and from one address.

import Foundation

/// The `[web]` settings.
public struct WebSettings: Sendable, Equatable {
    /// `enabled`: whether `relais serve` runs the HTTP server.
    public var enabled = true
    /// `address`: an IPv4 or IPv6 literal to listen on.
    public var address = "127.0.0.1"
    /// `port`: the TCP port (0: any free port, which the log names).
    public var port = 8080
    /// `callback_secret_file`: the file holding the secret in the gateway callback URLs
    /// (`/gateway/<secret>/dlr`, `/gateway/<secret>/mo`); empty: the callbacks are off.
    public var callbackSecretFile: String?
    /// `callback_allow`: the client addresses the gateway callbacks are accepted from.
    public var callbackAllow = ["127.0.0.1"]
    /// `max_body_kb`: the largest request body accepted.
    public var maximumBodyKilobytes = 64
    /// `max_connections`: connections served at once (one thread each).
    public var maximumConnections = 64
    /// `timeout_seconds`: an idle connection is closed after this long.
    public var timeoutSeconds = 15
    /// `connection_memory_kb`: the memory of one connection, which bounds the request line and headers.
    public var connectionMemoryKilobytes = 32
    /// `per_address_connections`: connections of one client address at once (behind nginx, every
    /// connection comes from nginx's address).
    public var perAddressConnections = 16
    /// `request_deadline_seconds`: a request (line, headers and body) must arrive whole within this
    /// long of the connection's opening or of the previous answer, or the connection is closed.
    public var requestDeadlineSeconds = 10
    /// `desk`: whether the CCAS desk's pages and JSON API are served.
    public var desk = true
    /// `session_hours`: how long a sign-in lasts (a working day by default).
    public var sessionHours = 10
    /// `secure_cookies`: mark the session cookie Secure, which browsers send over HTTPS only. Set it
    /// when nginx adds TLS in front (it should, beyond loopback).
    public var secureCookies = false
    /// `public_url`: the https address residents reach `relais serve` at, through nginx (e.g.
    /// `https://prevention.example.fr`); the links in messages (`/u/…` to unsubscribe, `/r/…` for a
    /// registration) start with it. Unset: messages carry no link, e-mails a mailto unsubscribe only.
    public var publicURL: String?

    public init() {}

    /// Reads `public_url`: an https URL without query or fragment; a trailing slash is dropped.
    static func publicURL(_ value: String) throws(FieldError) -> String? {
        guard !value.isEmpty else { return nil }
        guard let url = URL(string: value), url.scheme == "https", let host = url.host, !host.isEmpty, url.query == nil,
            url.fragment == nil, !value.contains(where: \.isWhitespace)
        else {
            throw FieldError(field: "public_url", reason: "must be an https:// address such as https://prevention.example.fr")
        }
        return value.hasSuffix("/") ? String(value.dropLast()) : value
    }

    /// Reads `callback_allow`: comma-separated IPv4 or IPv6 literals (no names: a name can be re-pointed).
    static func addresses(_ value: String) throws(FieldError) -> [String] {
        let parts = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for part in parts where !isAddressLiteral(part) {
            throw FieldError(field: "callback_allow", reason: "\"\(part)\" is not an IP address such as 127.0.0.1 or ::1")
        }
        return parts
    }

    /// True for an IPv4 dotted quad or an IPv6 literal (hex digits, colons, and an optional dotted tail).
    public static func isAddressLiteral(_ text: String) -> Bool {
        let quads = text.split(separator: ".", omittingEmptySubsequences: false)
        if quads.count == 4, quads.allSatisfy({ UInt8($0) != nil && $0.count <= 3 }) { return true }
        guard text.contains(":"), text.count <= 45 else { return false }
        return text.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }
}
