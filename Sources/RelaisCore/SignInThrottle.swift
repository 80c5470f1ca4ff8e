// SignInThrottle: how wrong passwords slow an account down. The first `freeAttempts` failures in a
// row cost nothing but the slow hash; each one after that locks the account for twice as long as
// the one before, from `firstLockSeconds` up to `longestLockSeconds`. While locked, a sign-in is
// refused without looking at the password, so guessing goes no faster than the lock allows; the
// right password after the lock has passed signs in and clears the count.
//
//   failures   1-4   5     6     7      8      9       10 and more
//   lock       none  30 s  60 s  2 min  4 min  8 min   15 min

import Foundation

/// The sign-in throttle's rule.
public struct SignInThrottle: Sendable, Equatable {
    public var freeAttempts = 4
    public var firstLockSeconds = 30
    public var longestLockSeconds = 15 * 60

    public init() {}

    /// Until when the account is locked after its `failures`-th failure in a row at `now`; nil when it is not.
    public func lockedUntil(afterFailures failures: Int, now: Date) -> Date? {
        guard failures > freeAttempts else { return nil }
        let doublings = min(failures - freeAttempts - 1, 20)
        let seconds = min(firstLockSeconds << doublings, longestLockSeconds)
        return now.addingTimeInterval(TimeInterval(seconds))
    }
}
