import Foundation
import RelaisCore
import Testing

@Suite struct SignInThrottleTests {
    @Test func fourFailuresAreFreeThenEachLockDoublesUpToFifteenMinutes() {
        let throttle = SignInThrottle()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let locks = (1...12).map { throttle.lockedUntil(afterFailures: $0, now: now).map { Int($0.timeIntervalSince(now)) } }
        #expect(locks == [nil, nil, nil, nil, 30, 60, 120, 240, 480, 900, 900, 900])
    }

    @Test func aHugeFailureCountStaysAtTheLongestLock() {
        let now = Date(timeIntervalSince1970: 0)
        #expect(SignInThrottle().lockedUntil(afterFailures: 10_000, now: now) == now.addingTimeInterval(900))
    }
}
