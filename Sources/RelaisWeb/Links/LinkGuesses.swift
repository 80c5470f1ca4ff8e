// LinkGuesses: the wrong link tokens each client address tried, counted in memory by the rule of
// LinkGuessThrottle (RelaisCore), for `/u/` and `/r/`. Kept in memory like the desk's unknown
// logins: a restart forgets them, which costs a guesser nothing worth having (96 bits, see
// LinkPurpose.swift). The table is bounded: past `capacity` addresses, closed windows go first.
//
// The address is the connection's, except from loopback (nginx on the same host, as README's
// "Links in messages" sets it up), where nginx's `X-Real-IP` names the resident's address: without
// it every resident would share nginx's count.

import Foundation
import RelaisCore

/// Wrong link tokens per client address.
public final class LinkGuesses: @unchecked Sendable {
    // @unchecked: `windows` is only touched under `lock`.
    private let lock = NSLock()
    private var windows: [String: LinkGuessThrottle.Window] = [:]
    private let throttle: LinkGuessThrottle
    private let capacity = 10_000

    public init(throttle: LinkGuessThrottle = LinkGuessThrottle()) { self.throttle = throttle }

    /// Seconds `address` must wait before trying a link again, or nil when it may try now.
    func retryAfter(_ address: String, now: Date) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        return throttle.retryAfter(windows[address], now: now)
    }

    /// Counts one wrong token from `address`.
    func countWrong(_ address: String, now: Date) {
        lock.lock()
        defer { lock.unlock() }
        if windows.count >= capacity { windows = windows.filter { !throttle.isOver($0.value, now: now) } }
        if windows.count >= capacity { windows.removeAll() }
        windows[address] = throttle.counting(windows[address], now: now)
    }

    /// The address a request is counted under: the connection's, or nginx's `X-Real-IP` from loopback.
    static func address(of request: Request) -> String {
        let loopback = request.clientAddress == "127.0.0.1" || request.clientAddress == "::1"
        if loopback, let forwarded = request.headers["x-real-ip"]?.trimmingCharacters(in: .whitespaces),
            WebSettings.isAddressLiteral(forwarded)
        {
            return forwarded
        }
        return request.clientAddress
    }
}
