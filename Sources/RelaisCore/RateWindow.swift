// RateWindow: a channel's `rate_per_second`, kept over a sliding window. At most ⌊rate⌋ hand-overs
// start in any ⌊rate⌋ / rate seconds (20 per second for 20, one per 2 s for 0.5), so within a
// second the starts may come together, as several connections free up at once, and none waits while
// the channel is under its rate. (Spacing every start by 1 / rate instead made a sender at 10,000 per
// second sleep between the starts of each burst, a third of its speed.)

import Foundation

/// The starts of one channel's hand-overs within its rate's window.
public struct RateWindow: Sendable {
    /// How many starts the window holds: ⌊rate⌋, at least 1.
    public let count: Int
    /// The window's length in seconds: count / rate.
    public let seconds: TimeInterval
    /// The last `count` starts, oldest at `next` once full (a ring).
    private var starts: [Date] = []
    private var next = 0

    /// The window of `rate` starts per second (rate > 0).
    public init(rate: Double) {
        count = max(1, Int(min(rate, Double(Int32.max)).rounded(.down)))
        seconds = Double(count) / rate
    }

    /// How long to wait at `now` before the next start keeps the rate (0: at once).
    public func wait(at now: Date) -> TimeInterval {
        guard starts.count == count else { return 0 }
        return max(0, starts[next].addingTimeInterval(seconds).timeIntervalSince(now))
    }

    /// Notes a start at `now`.
    public mutating func started(at now: Date) {
        if starts.count < count {
            starts.append(now)
        } else {
            starts[next] = now
            next = (next + 1) % count
        }
    }
}
