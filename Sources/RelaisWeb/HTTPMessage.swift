// HTTPMessage: the request and response values the router and handlers see. They hold Swift
// values only (no libmicrohttpd pointers), so a handler can be tested without a socket, and the
// server (HTTPServer.swift) is the one place that turns them into libmicrohttpd calls.
//
// Every response leaves through `Response.securityHeaders`: whatever a handler returns, the browser
// is told to run no script and load nothing but same-origin styles, not to sniff types, not to send
// a referrer, and never to frame the page.

import Foundation

/// One HTTP request, read whole (the body is at most the configured limit).
public struct Request: Sendable {
    /// The method in upper case (`GET`, `POST`, ...).
    public var method: String
    /// The path, without the query string, as libmicrohttpd decoded it.
    public var path: String
    /// The query arguments, decoded; a repeated name keeps its first value.
    public var query: [String: String]
    /// The headers, names in lower case.
    public var headers: [String: String]
    /// The body's bytes.
    public var body: [UInt8]
    /// The client's IP address as text (`127.0.0.1`, `::1`), or "" when unknown.
    public var clientAddress: String

    /// Creates a request (the server does; tests may too).
    public init(
        method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:], body: [UInt8] = [],
        clientAddress: String = ""
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.clientAddress = clientAddress
    }

    /// Whether the path has an empty segment between two slashes (`/a//b`).
    public var hasEmptySegment: Bool {
        zip(path.utf8, path.utf8.dropFirst()).contains { $0 == UInt8(ascii: "/") && $1 == UInt8(ascii: "/") }
    }

    /// The path's segments: `/gateway/x/dlr` gives `["gateway", "x", "dlr"]`.
    public var pathSegments: [Substring] { path.split(separator: "/", omittingEmptySubsequences: true) }
}

/// One HTTP response.
public struct Response: Sendable, Equatable {
    /// The status code.
    public var status: Int
    /// Headers besides the security headers, which the server adds to every response.
    public var headers: [(String, String)]
    /// The body's bytes.
    public var body: [UInt8]
    /// Set on an answer a handler keeps and gives again unchanged (DeskAPI+CachedReads): the server
    /// keeps the form it sends it in there, made once (HTTPServer), rather than making it per request.
    /// Set by `keptForSendingAgain` only: what is changed after it would not be sent.
    public internal(set) var sentAgain: SentAgain?

    /// Creates a response with a UTF-8 text body.
    public init(status: Int, contentType: String = "text/plain; charset=utf-8", text: String = "") {
        self.status = status
        self.headers = [("Content-Type", contentType)]
        self.body = Array(text.utf8)
    }

    public static func == (left: Response, right: Response) -> Bool {
        left.status == right.status && left.body == right.body
            && left.headers.map { "\($0.0): \($0.1)" } == right.headers.map { "\($0.0): \($0.1)" }
    }

    /// The same response, marked to be sent again unchanged (`sentAgain`).
    public func keptForSendingAgain() -> Response {
        var response = self
        response.sentAgain = SentAgain()
        return response
    }

    /// A plain answer with no detail: the reason phrase only.
    public static func plain(_ status: Int) -> Response {
        Response(status: status, text: reasonPhrase(status) + "\n")
    }

    /// 405 for a method the path does not take, with `Allow` naming those it takes (HEAD goes
    /// without saying with GET, as OpenAPI files do not list it).
    public static func methodNotAllowed(_ allowed: Set<String>) -> Response {
        var response = Response.plain(405)
        response.headers.append(("Allow", allowed.sorted().joined(separator: ", ")))
        return response
    }

    /// The headers every response carries (OWASP Secure Headers Project): no script, no plugin,
    /// no framing, styles from this origin only, no MIME sniffing, no referrer, no caching of
    /// answers that may concern people.
    public static let securityHeaders: [(String, String)] = [
        (
            "Content-Security-Policy",
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        ),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Cache-Control", "no-store"),
    ]

    /// The reason phrase of the status codes relais answers with.
    public static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 303: "See Other"
        case 401: "Unauthorized"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 411: "Length Required"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status \(status)"
        }
    }
}

/// What the server made of a response it sends again (HTTPServer: libmicrohttpd's response,
/// headers added), made by the first sending and kept for the next ones, by every thread.
public final class SentAgain: @unchecked Sendable {
    // @unchecked: `made` is only touched under `lock`.
    private let lock = NSLock()
    private var made: AnyObject?

    /// What `make` made for the first sending (nil when it failed, and then made again next time).
    func response<Made: AnyObject>(orMake make: () -> Made?) -> Made? {
        lock.lock()
        defer { lock.unlock() }
        if let made = made as? Made { return made }
        let fresh = make()
        made = fresh
        return fresh
    }
}
