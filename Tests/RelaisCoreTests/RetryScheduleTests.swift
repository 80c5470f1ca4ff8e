import Foundation
import Testing

@testable import RelaisCore

@Suite struct RetryScheduleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let schedule = RetrySchedule(base: 60, maximumAge: 86_400)

    @Test func theDelayGrowsWithTheSquareOfTheAttempt() {
        let far = now.addingTimeInterval(10 * 86_400)
        let delays = (1...4).map {
            schedule.nextAttempt(after: $0, now: now, retryAfter: nil, firstAttempt: now, deadline: far)!.timeIntervalSince(now)
        }
        #expect(delays == [60, 240, 540, 960])
    }

    @Test func aServersRetryAfterIsHonoured() {
        let next = schedule.nextAttempt(after: 1, now: now, retryAfter: 600, firstAttempt: now, deadline: now.addingTimeInterval(86_400))
        #expect(next == now.addingTimeInterval(600))
    }

    @Test func nothingIsRetriedAfterTheEventStartsOrPastTheMaximumAge() {
        #expect(schedule.nextAttempt(after: 3, now: now, retryAfter: nil, firstAttempt: now, deadline: now.addingTimeInterval(300)) == nil)
        #expect(
            schedule.nextAttempt(
                after: 1, now: now, retryAfter: nil, firstAttempt: now.addingTimeInterval(-86_400),
                deadline: now.addingTimeInterval(10 * 86_400)) == nil)
    }
}
