// RateWindow: a channel's rate over a sliding window; starts under the rate never wait.

import Foundation
import RelaisCore
import Testing

@Suite struct RateWindowTests {
    let zero = Date(timeIntervalSince1970: 1_800_000_000)

    /// Starts `times` (seconds after `zero`), each as soon as the window allows from its time; the
    /// actual start times.
    func run(_ window: inout RateWindow, _ times: [TimeInterval]) -> [TimeInterval] {
        times.map { time in
            let asked = zero.addingTimeInterval(time)
            let start = asked.addingTimeInterval(window.wait(at: asked))
            window.started(at: start)
            return start.timeIntervalSince(zero)
        }
    }

    @Test func twentyPerSecondLetsABurstOfTwentyGoAndHoldsTheTwentyFirstToTheNextSecond() {
        var window = RateWindow(rate: 20)
        let starts = run(&window, Array(repeating: 0, count: 21))
        #expect(Array(starts.prefix(20)) == Array(repeating: 0, count: 20))
        #expect(abs(starts[20] - 1) < 1e-9)
    }

    @Test func aStartUnderTheRateNeverWaits() {
        var window = RateWindow(rate: 10_000)
        // 4 connections freeing up together 2,000 times a second for 5 s: bursts, 8,000 a second.
        let asked = (0..<40_000).map { TimeInterval($0 / 4) * 0.0005 }
        let waits = zip(run(&window, asked), asked).map { $0 - $1 }
        #expect(waits.filter { $0 > 1e-6 }.isEmpty, "\(waits.filter { $0 > 1e-6 }.count) starts waited")
    }

    @Test func aFractionalRateSpacesItsStarts() {
        var window = RateWindow(rate: 0.5)
        #expect(window.count == 1 && window.seconds == 2)
        #expect(run(&window, [0, 0, 0.5, 10]) == [0, 2, 4, 10])
    }

    @Test func noSecondEverHoldsMoreStartsThanTheRate() {
        var window = RateWindow(rate: 7)
        let starts = run(&window, (0..<200).map { TimeInterval($0) * 0.01 })
        for (index, start) in starts.enumerated() {
            let within = starts[index...].prefix { $0 < start + window.seconds - 1e-9 }.count
            #expect(within <= 7, "\(within) starts in the second from \(start)")
        }
        #expect(starts.last! >= 199 / 7 - 1, "the rate was kept, not exceeded")
    }
}
