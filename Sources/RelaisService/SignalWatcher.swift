// SignalWatcher: SIGTERM, SIGINT and SIGHUP delivered as data, not as interrupts.
//
// The signals are blocked in every thread (make the watcher before any thread starts) and read from
// a signalfd by one background thread, which records them and wakes the daemon's loop through a
// pipe. On the first SIGTERM or SIGINT it also arms the stop deadline: if the sends in flight have
// not finished by then, the process exits anyway; the message then still leased is given back to
// the queue by the next start (it is the only one that may go twice).

import CLinux
import Foundation
import Synchronization

/// Signals received, for the daemon's loop.
public final class SignalWatcher: Sendable {
    private let stopping = Atomic<Bool>(false)
    private let reloads = Atomic<Int>(0)
    private let wake: WakePipe
    private let signalDescriptor: Int32

    /// The read end of the wake-up pipe: readable when a signal arrived.
    public var wakeDescriptor: Int32 { wake.readDescriptor }

    /// Blocks the signals in this thread (and so in every thread created after) and starts the
    /// reading thread. `stopDeadline` bounds how long a stop may take. Throws when the wake-up
    /// pipe or the signalfd cannot be made (out of descriptors): a daemon that could not hear
    /// SIGTERM must not start.
    public init(stopDeadline: TimeInterval, onDeadline: @escaping @Sendable () -> Void) throws(WakePipeError) {
        wake = try WakePipe()
        var mask = sigset_t()
        sigemptyset(&mask)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&mask, signal) }
        pthread_sigmask(SIG_BLOCK, &mask, nil)
        signalDescriptor = signalfd(-1, &mask, Int32(SFD_CLOEXEC))
        guard signalDescriptor >= 0 else {
            pthread_sigmask(SIG_UNBLOCK, &mask, nil)
            throw WakePipeError(reason: "signalfd: \(String(cString: strerror(errno)))")
        }
        let thread = Thread { [self] in self.readSignals(stopDeadline: stopDeadline, onDeadline: onDeadline) }
        thread.name = "relais-signals"
        thread.start()
    }

    /// True once SIGTERM or SIGINT arrived.
    public var shouldStop: Bool { stopping.load(ordering: .acquiring) }

    /// How many SIGHUPs arrived since the last call.
    public func takeReloads() -> Int { reloads.exchange(0, ordering: .acquiringAndReleasing) }

    /// Empties the wake-up pipe after a wake.
    public func drainWake() { wake.drain() }

    private func readSignals(stopDeadline: TimeInterval, onDeadline: @escaping @Sendable () -> Void) {
        var info = signalfd_siginfo()
        while read(signalDescriptor, &info, MemoryLayout<signalfd_siginfo>.size) == MemoryLayout<signalfd_siginfo>.size {
            let number = Int32(info.ssi_signo)
            if number == SIGHUP {
                reloads.add(1, ordering: .acquiringAndReleasing)
            } else if !stopping.exchange(true, ordering: .acquiringAndReleasing) {
                DispatchQueue.global().asyncAfter(deadline: .now() + stopDeadline, execute: onDeadline)
            }
            wake.wake()
        }
    }
}
