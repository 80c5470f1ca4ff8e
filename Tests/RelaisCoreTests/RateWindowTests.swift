// RateWindow: a channel's rate over a sliding second; starts under the rate never wait, and no
// second holds more starts than the rate (rounded up: 2.5 a second is 5 in 2 s).

import Foundation
import RelaisCore
import Testing

@Suite struct RateWindowTests {
    /// Starts asked at `times` (seconds), each as soon as the window allows from its time; the
    /// actual start times.
    func run(_ window: inout RateWindow, _ times: [TimeInterval]) -> [TimeInterval] {
        times.map { asked in
            let start = asked + window.wait(at: asked)
            window.started(at: start)
            return start
        }
    }

    /// The most starts within any one second.
    func busiestSecond(_ starts: [TimeInterval]) -> Int {
        starts.indices.map { index in starts[index...].prefix { $0 < starts[index] + 1 - 1e-9 }.count }.max() ?? 0
    }

    @Test func twentyPerSecondLetsABurstOfTwentyGoAndHoldsTheTwentyFirstToTheNextSecond() {
        var window = RateWindow(rate: 20)
        let starts = run(&window, Array(repeating: 0, count: 21))
        #expect(Array(starts.prefix(20)) == Array(repeating: 0, count: 20))
        #expect(starts[20] == 1)
    }

    @Test func aStartUnderTheRateNeverWaits() {
        var window = RateWindow(rate: 10_000)
        // 4 connections freeing up together 2,000 times a second for 5 s: bursts, 8,000 a second.
        let asked = (0..<40_000).map { TimeInterval($0 / 4) * 0.0005 }
        let waits = zip(run(&window, asked), asked).map { $0 - $1 }
        #expect(waits.filter { $0 > 1e-9 }.isEmpty, "\(waits.filter { $0 > 1e-9 }.count) starts waited")
    }

    @Test func aRateBelowOneSpacesItsStarts() {
        var window = RateWindow(rate: 0.5)
        #expect(window.count == 1 && window.seconds == 2)
        #expect(run(&window, [0, 0, 0.5, 10]) == [0, 2, 4, 10])
    }

    @Test(arguments: [1.0, 1.5, 2.5, 7, 20])
    func noSecondEverHoldsMoreStartsThanTheRate(rate: Double) {
        var window = RateWindow(rate: rate)
        // Asked in bursts of four every 0.1 s: far more than the rate.
        let starts = run(&window, (0..<400).map { TimeInterval($0 / 4) * 0.1 })
        // 2.5 a second is 5 in 2 s: 3 in some seconds, never more.
        #expect(Double(busiestSecond(starts)) <= rate.rounded(.up), "\(busiestSecond(starts)) starts in one second at \(rate) a second")
        // And the rate is kept, not undercut: the 400 starts take about 400 / rate seconds.
        #expect(starts.last! <= 400 / rate)
    }
}
