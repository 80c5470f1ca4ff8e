// HTTPServer: GNU libmicrohttpd, started and stopped from Swift. The only file that calls it.
//
// Threading (chosen in CMicroHTTPD/shim.h): one internal thread polls the listening socket and
// each connection gets its own thread, so a handler waiting on SQLite's busy timeout holds up only
// its own client; `maximumConnections` bounds the threads, `maximumConnectionsPerAddress` the
// share of one client address, and RequestDeadline the time a request may take to arrive, so
// that slow clients cannot hold every thread. libmicrohttpd calls `accessHandler` several times
// per request:
//
//   1st call (*state == NULL)  headers read: refuse a body announced above the path's limit (413) or
//                              framed otherwise than by one Content-Length (RequestFraming: 400,
//                              411) at once, else attach a RequestState and ask for the body
//   next calls (size > 0)      body bytes: appended until the limit, beyond which they are dropped
//                              and the request is marked too large
//   last call (size == 0)      the whole request: route it (or 413) and queue the response
//   completed callback         the RequestState is released, whatever happened to the connection;
//                              the deadline of the next request on the connection starts
//   connection callback        a connection opened or closed, for RequestDeadline
//
// A request line or headers larger than the connection's memory, or a malformed request, are
// answered by libmicrohttpd itself (4xx) and the connection is closed; the server goes on.
//
// `replace(router:)` (relais serve's SIGHUP) swaps the router whole under a lock: a request is
// routed by the router in place when its last byte arrived, and finishes on it even if a new one
// comes meanwhile; the listening socket and the connections are not touched, so no client is
// refused or cut during a reload.

import CMicroHTTPD
import Foundation

/// Why the server did not start.
public struct HTTPServerError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// The limits that keep one client from holding the server.
public struct HTTPLimits: Sendable {
    /// The largest body accepted; a larger one gets 413.
    public var maximumBodyBytes: Int
    /// Connections served at once.
    public var maximumConnections: Int
    /// Seconds an idle connection is kept.
    public var timeoutSeconds: Int
    /// Memory of one connection; bounds the request line and headers.
    public var connectionMemoryBytes: Int
    /// Connections of one client address at once; more are closed as they come.
    public var maximumConnectionsPerAddress: Int
    /// Seconds a request (line, headers, body) may take to arrive, from the connection's opening or
    /// the previous answer; the connection is closed after that.
    public var requestDeadlineSeconds: Int
    /// Paths whose body may be larger than `maximumBodyBytes` (a calendar upload), with their
    /// own limit; a larger body gets 413 there too.
    public var largeBodies: [String: Int] = [:]

    /// The largest body accepted on `path`.
    public func maximumBodyBytes(path: String) -> Int { largeBodies[path] ?? maximumBodyBytes }

    /// Creates limits.
    public init(
        maximumBodyBytes: Int = 64 << 10, maximumConnections: Int = 64, timeoutSeconds: Int = 15, connectionMemoryBytes: Int = 32 << 10,
        maximumConnectionsPerAddress: Int = 16, requestDeadlineSeconds: Int = 10
    ) {
        self.maximumBodyBytes = maximumBodyBytes
        self.maximumConnections = maximumConnections
        self.timeoutSeconds = timeoutSeconds
        self.connectionMemoryBytes = connectionMemoryBytes
        self.maximumConnectionsPerAddress = maximumConnectionsPerAddress
        self.requestDeadlineSeconds = requestDeadlineSeconds
    }
}

/// An HTTP server on one address and port. Not Sendable: start and stop it from one thread.
public final class HTTPServer {
    private let daemon: OpaquePointer
    private let context: Unmanaged<ServerContext>
    private var stopped = false
    /// The port the server listens on (the chosen one when started on port 0).
    public let port: UInt16

    /// Starts listening on `address` (an IP literal) and `port`; requests go to `router`.
    public init(address: String, port: UInt16, limits: HTTPLimits, router: Router) throws {
        let context = Unmanaged.passRetained(ServerContext(router: router, limits: limits))
        let raw = context.toOpaque()
        guard
            let daemon = relais_mhd_start(
                address, port, UInt32(limits.maximumConnections), UInt32(limits.maximumConnectionsPerAddress),
                UInt32(limits.timeoutSeconds),
                limits.connectionMemoryBytes, accessHandler, raw, requestCompleted, raw, connectionNotified, raw)
        else {
            context.takeUnretainedValue().deadline.stop()
            context.release()
            throw HTTPServerError(description: "cannot listen on \(address) port \(port) (address in use, or not an address of this host)")
        }
        self.daemon = daemon
        self.context = context
        self.port = relais_mhd_bound_port(daemon)
    }

    deinit { stop() }

    /// Routes the requests whose body is complete from now on with `router`; those being routed
    /// finish with the one they began with.
    public func replace(router: Router) {
        context.takeUnretainedValue().replace(router: router)
    }

    /// Stops listening, waits for the connections' threads, and frees the server. Idempotent.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        MHD_stop_daemon(daemon)
        context.takeUnretainedValue().deadline.stop()
        context.release()
    }
}

/// What the C callbacks reach through their `cls` pointer.
private final class ServerContext: @unchecked Sendable {
    // @unchecked: `current` is only touched under `lock`, and a Router is an immutable Sendable value.
    private let lock = NSLock()
    private var current: Router
    let limits: HTTPLimits
    let deadline: RequestDeadline

    init(router: Router, limits: HTTPLimits) {
        current = router
        self.limits = limits
        deadline = RequestDeadline(seconds: limits.requestDeadlineSeconds)
    }

    /// The router in place now (a copy: the lock is held only to take it, never while routing).
    var router: Router {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func replace(router: Router) {
        lock.lock()
        defer { lock.unlock() }
        current = router
    }
}

/// One request's body as it arrives. Used by one connection's thread only.
private final class RequestState {
    /// The largest body accepted on the request's path.
    let limit: Int
    /// The request's headers in order, as read with its first line.
    let headers: [(name: String, value: String)]
    var body: [UInt8] = []
    var tooLarge = false

    init(limit: Int, headers: [(name: String, value: String)]) {
        self.limit = limit
        self.headers = headers
    }
}

// MARK: - libmicrohttpd callbacks

private let accessHandler: MHD_AccessHandlerCallback = { cls, connection, url, method, _, uploadData, uploadSize, state in
    guard let cls, let connection, let state, let uploadSize else { return .NO }
    let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
    if state.pointee == nil {
        var headers: [(name: String, value: String)] = []
        collect(connection, .HEADER_KIND) { name, value in headers.append((name, value)) }
        let limit = context.limits.maximumBodyBytes(path: url.map { String(cString: $0) } ?? "/")
        if let refusal = FramingRefusal.check(headers, maximumBodyBytes: limit) {
            context.deadline.requestRead(connection)
            return queue(refusal.response, on: connection)
        }
        state.pointee = Unmanaged.passRetained(RequestState(limit: limit, headers: headers)).toOpaque()
        return .YES
    }
    let request = Unmanaged<RequestState>.fromOpaque(state.pointee!).takeUnretainedValue()
    if uploadSize.pointee > 0 {
        if !request.tooLarge, let uploadData {
            if request.body.count + uploadSize.pointee > request.limit {
                request.tooLarge = true
                request.body = []
            } else {
                uploadData.withMemoryRebound(to: UInt8.self, capacity: uploadSize.pointee) {
                    request.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: uploadSize.pointee))
                }
            }
        }
        uploadSize.pointee = 0
        return .YES
    }
    context.deadline.requestRead(connection)
    if request.tooLarge { return queue(.plain(413), on: connection) }
    var headers: [String: String] = [:]
    var query: [String: String] = [:]
    for (name, value) in request.headers {
        let key = name.lowercased()
        if headers[key] == nil { headers[key] = value }
    }
    collect(connection, .GET_ARGUMENT_KIND) { name, value in query[name] = query[name] ?? value }
    let message = Request(
        method: method.map { String(cString: $0) } ?? "", path: url.map { String(cString: $0) } ?? "/", query: query, headers: headers,
        body: request.body, clientAddress: clientAddress(connection))
    return queue(context.router.respond(to: message), on: connection)
}

private let requestCompleted: MHD_RequestCompletedCallback = { cls, connection, state, _ in
    if let cls, let connection {
        Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue().deadline.requestAnswered(connection)
    }
    guard let state, let pointer = state.pointee else { return }
    Unmanaged<RequestState>.fromOpaque(pointer).release()
    state.pointee = nil
}

private let connectionNotified: MHD_NotifyConnectionCallback = { cls, connection, _, event in
    guard let cls, let connection else { return }
    let deadline = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue().deadline
    if event == .CONNECTION_NOTIFY_STARTED {
        deadline.opened(connection, socket: relais_mhd_connection_socket(connection))
    } else {
        deadline.closed(connection)
    }
}

// MARK: - Helpers

/// Sends `response` with the security headers added; one sent again (`Response.sentAgain`) in the
/// libmicrohttpd response made the first time, which libmicrohttpd may queue on several connections
/// at once (it counts them, and frees it after the last: MHD_destroy_response).
private func queue(_ response: Response, on connection: OpaquePointer) -> MHD_Result {
    let made = response.sentAgain.map { $0.response(orMake: { MadeResponse(response) }) } ?? MadeResponse(response)
    guard let made else { return .NO }
    // Alive until queued: a response made for this request alone is destroyed with `made`.
    return withExtendedLifetime(made) { MHD_queue_response(connection, UInt32(response.status), made.handle) }
}

/// A response in libmicrohttpd's form, the security headers added; destroyed with this object.
private final class MadeResponse {
    let handle: OpaquePointer

    init?(_ response: Response) {
        let handle = response.body.withUnsafeBytes { bytes in
            MHD_create_response_from_buffer(bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress), .RESPMEM_MUST_COPY)
        }
        guard let handle else { return nil }
        self.handle = handle
        for (name, value) in response.headers { _ = MHD_add_response_header(handle, name, value) }
        for (name, value) in Response.securityHeaders { _ = MHD_add_response_header(handle, name, value) }
    }

    deinit { MHD_destroy_response(handle) }
}

/// Every value of one kind (headers, query arguments), in order.
private func collect(_ connection: OpaquePointer, _ kind: MHD_ValueKind, _ body: (String, String) -> Void) {
    var pairs: [(String, String)] = []
    withUnsafeMutablePointer(to: &pairs) { pointer in
        _ = MHD_get_connection_values(
            connection, kind,
            { cls, _, key, value in
                guard let cls, let key else { return .YES }
                let pairs = cls.assumingMemoryBound(to: [(String, String)].self)
                pairs.pointee.append((String(cString: key), value.map { String(cString: $0) } ?? ""))
                return .YES
            }, pointer)
    }
    for (name, value) in pairs { body(name, value) }
}

private func clientAddress(_ connection: OpaquePointer) -> String {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
        guard let start = buffer.baseAddress, relais_mhd_client_address(connection, start, buffer.count) == 0 else { return "" }
        return String(cString: start)
    }
}
