// HTTPServer: GNU libmicrohttpd, started and stopped from Swift. The only file that calls it.
//
// Threading (chosen in CMicroHTTPD/shim.h): one internal thread polls the listening socket and
// each connection gets its own thread, so a handler waiting on SQLite's busy timeout holds up only
// its own client; `maximumConnections` bounds the threads. libmicrohttpd calls `accessHandler`
// several times per request:
//
//   1st call (*state == NULL)  headers read: refuse an announced body above the limit (413) at
//                              once, else attach a RequestState and ask for the body
//   next calls (size > 0)      body bytes: appended until the limit, beyond which they are dropped
//                              and the request is marked too large
//   last call (size == 0)      the whole request: route it (or 413) and queue the response
//   completed callback         the RequestState is released, whatever happened to the connection
//
// A request line or headers larger than the connection's memory, or a malformed request, are
// answered by libmicrohttpd itself (4xx) and the connection is closed; the server goes on.

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

    /// Creates limits.
    public init(
        maximumBodyBytes: Int = 64 << 10, maximumConnections: Int = 64, timeoutSeconds: Int = 15, connectionMemoryBytes: Int = 32 << 10
    ) {
        self.maximumBodyBytes = maximumBodyBytes
        self.maximumConnections = maximumConnections
        self.timeoutSeconds = timeoutSeconds
        self.connectionMemoryBytes = connectionMemoryBytes
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
                address, port, UInt32(limits.maximumConnections), UInt32(limits.timeoutSeconds), limits.connectionMemoryBytes,
                accessHandler, raw, requestCompleted, raw)
        else {
            context.release()
            throw HTTPServerError(description: "cannot listen on \(address) port \(port) (address in use, or not an address of this host)")
        }
        self.daemon = daemon
        self.context = context
        self.port = relais_mhd_bound_port(daemon)
    }

    deinit { stop() }

    /// Stops listening, waits for the connections' threads, and frees the server. Idempotent.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        MHD_stop_daemon(daemon)
        context.release()
    }
}

/// What the C callbacks reach through their `cls` pointer.
private final class ServerContext: Sendable {
    let router: Router
    let limits: HTTPLimits

    init(router: Router, limits: HTTPLimits) {
        self.router = router
        self.limits = limits
    }
}

/// One request's body as it arrives. Used by one connection's thread only.
private final class RequestState {
    var body: [UInt8] = []
    var tooLarge = false
}

// MARK: - libmicrohttpd callbacks

private let accessHandler: MHD_AccessHandlerCallback = { cls, connection, url, method, _, uploadData, uploadSize, state in
    guard let cls, let connection, let state, let uploadSize else { return .NO }
    let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
    if state.pointee == nil {
        if let length = lookup(connection, .HEADER_KIND, "Content-Length").flatMap(Int.init), length > context.limits.maximumBodyBytes {
            return queue(.plain(413), on: connection)
        }
        state.pointee = Unmanaged.passRetained(RequestState()).toOpaque()
        return .YES
    }
    let request = Unmanaged<RequestState>.fromOpaque(state.pointee!).takeUnretainedValue()
    if uploadSize.pointee > 0 {
        if !request.tooLarge, let uploadData {
            if request.body.count + uploadSize.pointee > context.limits.maximumBodyBytes {
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
    if request.tooLarge { return queue(.plain(413), on: connection) }
    var headers: [String: String] = [:]
    var query: [String: String] = [:]
    collect(connection, .HEADER_KIND) { name, value in headers[name.lowercased()] = headers[name.lowercased()] ?? value }
    collect(connection, .GET_ARGUMENT_KIND) { name, value in query[name] = query[name] ?? value }
    let message = Request(
        method: method.map { String(cString: $0) } ?? "", path: url.map { String(cString: $0) } ?? "/", query: query, headers: headers,
        body: request.body, clientAddress: clientAddress(connection))
    return queue(context.router.respond(to: message), on: connection)
}

private let requestCompleted: MHD_RequestCompletedCallback = { _, _, state, _ in
    guard let state, let pointer = state.pointee else { return }
    Unmanaged<RequestState>.fromOpaque(pointer).release()
    state.pointee = nil
}

// MARK: - Helpers

/// Sends `response` with the security headers added.
private func queue(_ response: Response, on connection: OpaquePointer) -> MHD_Result {
    let handle = response.body.withUnsafeBytes { bytes in
        MHD_create_response_from_buffer(bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress), .RESPMEM_MUST_COPY)
    }
    guard let handle else { return .NO }
    defer { MHD_destroy_response(handle) }
    for (name, value) in response.headers + Response.securityHeaders {
        _ = MHD_add_response_header(handle, name, value)
    }
    return MHD_queue_response(connection, UInt32(response.status), handle)
}

private func lookup(_ connection: OpaquePointer, _ kind: MHD_ValueKind, _ name: String) -> String? {
    MHD_lookup_connection_value(connection, kind, name).map { String(cString: $0) }
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
    var buffer = [CChar](repeating: 0, count: 64)
    guard relais_mhd_client_address(connection, &buffer, buffer.count) == 0 else { return "" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
