// WakePipe: how a background thread wakes the daemon's poll(2): a non-blocking, close-on-exec
// pipe whose read end the loop polls; a thread writes a byte, the loop drains it after waking.
// Shared by the signal watcher and the calendar feeds' mailbox.

import Foundation

/// A self-pipe: `wake()` from any thread makes `readDescriptor` readable until `drain()`.
final class WakePipe: Sendable {
    /// The end the daemon polls.
    let readDescriptor: Int32
    private let writeDescriptor: Int32

    /// Throws `WakePipeError` when the pipe cannot be made (out of descriptors).
    init() throws(WakePipeError) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw WakePipeError(reason: String(cString: strerror(errno))) }
        for end in ends {
            let flags = fcntl(end, F_GETFL)
            guard flags >= 0, fcntl(end, F_SETFL, flags | O_NONBLOCK) == 0, fcntl(end, F_SETFD, FD_CLOEXEC) == 0 else {
                let reason = String(cString: strerror(errno))
                close(ends[0])
                close(ends[1])
                throw WakePipeError(reason: reason)
            }
        }
        readDescriptor = ends[0]
        writeDescriptor = ends[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// Makes the read end readable. A full pipe already wakes the loop, so a failed write loses nothing.
    func wake() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Empties the pipe after a wake.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readDescriptor, &buffer, buffer.count) > 0 {}
    }
}

/// The pipe (or signalfd) that wakes relais serve could not be made: it does not start.
public struct WakePipeError: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { "cannot make the pipe that wakes relais serve: \(reason)" }
}
