// RequestDeadline: closes the connections whose request has not arrived whole in time.
//
// libmicrohttpd's own timeout (`[web] timeout_seconds`) counts idle time and restarts at every byte,
// so a client sending one header line every few seconds keeps its connection, and its thread,
// forever; enough of them take every slot. libmicrohttpd 0.9.75 has no deadline of its own for a
// request, so this one counts from the connection's opening, or from the previous answer on a
// kept-alive connection, to the last byte of the request (line, headers and body):
//
//   connection opened      (NOTIFY_CONNECTION STARTED)  reading: deadline = now + seconds   opened()
//   request read whole     (access handler's last call)  answering: no deadline            requestRead()
//   request answered       (NOTIFY_COMPLETED)            reading the next: now + seconds    requestAnswered()
//   connection closed      (NOTIFY_CONNECTION CLOSED)    forgotten                          closed()
//
// A watchdog thread wakes at the earliest deadline and shuts down the socket of every connection
// still reading past it: shutdown(2), not close(2), so the descriptor stays libmicrohttpd's, whose
// thread reads end-of-file and closes the connection the usual way. libmicrohttpd tells CLOSED before
// it closes the descriptor (daemon.c, MHD_cleanup_connections), and closed() and the watchdog hold
// one lock, so a descriptor is never shut down after another connection may have been given it.
// The time is the system's uptime, which no clock change moves.

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The deadline of every connection's request, and the thread that enforces it.
final class RequestDeadline: @unchecked Sendable {
    private struct Watched {
        var socket: Int32
        /// Uptime in seconds by which the request must be read; nil while it is being answered.
        var deadline: TimeInterval?
    }

    private let seconds: TimeInterval
    private let condition = NSCondition()
    private var watched: [OpaquePointer: Watched] = [:]
    private var stopping = false
    private let stopped = DispatchSemaphore(value: 0)

    /// Starts the watchdog: a request must arrive whole within `seconds`.
    init(seconds: Int) {
        self.seconds = TimeInterval(seconds)
        let thread = Thread { [self] in watch() }
        thread.name = "relais-request-deadline"
        thread.start()
    }

    /// A connection opened on `socket`: its first request is due.
    func opened(_ connection: OpaquePointer, socket: Int32) {
        locked { watched[connection] = Watched(socket: socket, deadline: Self.now + seconds) }
    }

    /// The connection's request has been read (or refused before its body): no deadline while it is answered.
    func requestRead(_ connection: OpaquePointer) {
        locked { watched[connection]?.deadline = nil }
    }

    /// The connection's answer has gone: the next request on it is due.
    func requestAnswered(_ connection: OpaquePointer) {
        locked { watched[connection]?.deadline = Self.now + seconds }
    }

    /// The connection is closed; libmicrohttpd closes its socket next.
    func closed(_ connection: OpaquePointer) {
        locked { watched[connection] = nil }
    }

    /// Stops the watchdog and waits for its thread. Call once, after the daemon has stopped.
    func stop() {
        locked {
            stopping = true
            condition.signal()
        }
        stopped.wait()
    }

    // MARK: - The watchdog

    private func watch() {
        condition.lock()
        while !stopping {
            let now = Self.now
            var next = now + 1
            for (connection, entry) in watched {
                guard let deadline = entry.deadline else { continue }
                if deadline <= now {
                    // ENOTCONN when the client has gone already: nothing more to do.
                    _ = shutdown(entry.socket, Int32(SHUT_RDWR))
                    watched[connection]?.deadline = nil
                } else {
                    next = min(next, deadline)
                }
            }
            // Signalled (stop) or timed out (a deadline): the loop looks again either way.
            _ = condition.wait(until: Date(timeIntervalSinceNow: max(next - now, 0.01)))
        }
        condition.unlock()
        stopped.signal()
    }

    private func locked(_ body: () -> Void) {
        condition.lock()
        body()
        condition.unlock()
    }

    private static var now: TimeInterval { ProcessInfo.processInfo.systemUptime }
}
