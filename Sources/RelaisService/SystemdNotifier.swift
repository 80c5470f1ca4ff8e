// SystemdNotifier: the sd_notify protocol without libsystemd: datagrams such as "READY=1",
// "STATUS=...", "STOPPING=1" and "WATCHDOG=1" sent to the AF_UNIX socket named by $NOTIFY_SOCKET
// (a path, or an abstract name written with a leading "@"). With no $NOTIFY_SOCKET (not started
// by systemd) every call does nothing. The watchdog interval is $WATCHDOG_USEC when
// $WATCHDOG_PID is absent or names this process (sd_watchdog_enabled(3)).

import CLinux
import Foundation

/// Talks to systemd, if systemd started this process.
public final class SystemdNotifier {
    private let address: String?
    /// Half of WatchdogSec: how often to send WATCHDOG=1; nil when no watchdog is set.
    public let watchdogInterval: TimeInterval?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        address = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        if let text = environment["WATCHDOG_USEC"], let microseconds = Double(text), microseconds > 0,
            environment["WATCHDOG_PID"].map({ Int32($0) == getpid() }) ?? true
        {
            watchdogInterval = microseconds / 1_000_000 / 2
        } else {
            watchdogInterval = nil
        }
    }

    /// Sends one state line; failures are ignored, as sd_notify's are.
    public func notify(_ state: String) {
        guard let address else { return }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var target = sockaddr_un()
        target.sun_family = sa_family_t(AF_UNIX)
        var path = Array(address.utf8)
        if path.first == UInt8(ascii: "@") { path[0] = 0 }  // abstract namespace
        let capacity = MemoryLayout.size(ofValue: target.sun_path)
        guard path.count < capacity else { return }
        withUnsafeMutableBytes(of: &target.sun_path) { buffer in
            buffer.copyBytes(from: path)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + path.count)
        let bytes = Array(state.utf8)
        _ = withUnsafePointer(to: &target) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                sendto(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL), socketAddress, length)
            }
        }
    }
}
