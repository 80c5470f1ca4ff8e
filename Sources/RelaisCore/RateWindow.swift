// RateWindow: a channel's `rate_per_second`, kept over a sliding second. A whole rate (20, 10,000)
// lets at most that many hand-overs start in any one second, so within a second the starts may come
// together, as several connections free up at once, and none waits while the channel is under its
// rate. Any other rate (0.5, 2.5) spaces every start by 1 / rate: 2.5 a second is 5 in 2 s, at
// most 3 in any one second. (Spacing every start by 1 / rate whatever the rate made a sender at 10,000 per second sleep
// between the starts of each burst of its connections: a third of its time.)

import Foundation

/// The starts of one channel's hand-overs within its rate's window, on a monotonic clock (seconds).
public struct RateWindow: Sendable {
    /// How many starts the window holds: the rate when it is whole, else 1.
    public let count: Int
    /// The window's length in seconds: 1 for a whole rate, else 1 / rate.
    public let seconds: TimeInterval
    /// The last `count` starts, oldest at `next` once full (a ring).
    private var starts: [TimeInterval] = []
    private var next = 0

    /// The window of `rate` starts per second (rate > 0).
    public init(rate: Double) {
        if rate >= 1, rate == rate.rounded(.down), rate <= Double(Int32.max) {
            count = Int(rate)
            seconds = 1
        } else {
            count = 1
            seconds = 1 / rate
        }
    }

    /// How long to wait at `now` before the next start keeps the rate (0: at once).
    public func wait(at now: TimeInterval) -> TimeInterval {
        guard starts.count == count else { return 0 }
        return max(0, starts[next] + seconds - now)
    }

    /// Notes a start at `now`.
    public mutating func started(at now: TimeInterval) {
        if starts.count < count {
            starts.append(now)
        } else {
            starts[next] = now
            next = (next + 1) % count
        }
    }
}
