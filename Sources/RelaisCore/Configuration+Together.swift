// Configuration+Together: the keys that are each valid alone but not together. A file is refused at
// the line of the last of them written (line 0 when none was: the defaults always agree).
//
// lease_seconds against what may pass between two renewals: a sender renews its leases only when it
// records an outcome (Sender+Outcomes), and between two outcomes a message may wait for its channel's
// rate (up to a second at a whole rate_per_second, 1 / rate below one), take timeout_seconds to hand
// over, then wait commit_interval_ms to be recorded; a renewal is skipped within a second of a whole
// lease (LeaseRenewal), and the sender's thread wakes every tenth of a second (those two counted as
// 2 s). A lease shorter than all that lets another sender take over messages that are still going:
// they would go twice.

/// Where each key of a configuration file was written: "section.key" to its line.
struct WrittenKeys {
    var lines: [String: Int] = [:]

    /// The line of the last of `keys` written; 0 when none was.
    func lastLine(of keys: [String]) -> Int { keys.compactMap { lines[$0] }.max() ?? 0 }
}

extension Configuration {
    /// The longest a channel's `rate_per_second` may hold a message back, in whole seconds.
    var longestRateWaitSeconds: Int {
        [emailRate, smsRate].map { $0 >= 1 ? 1 : Int((1 / $0).rounded(.up)) }.max() ?? 1
    }

    /// The shortest `[outbox] lease_seconds` that outlasts what may pass between two renewals.
    public var shortestLeaseSeconds: Int {
        longestRateWaitSeconds + deliveryTimeoutSeconds + (commitIntervalMilliseconds + 999) / 1000 + 2
    }

    /// Why these values do not go together, and the line to name; nil when they do.
    func keysRefusedTogether(_ written: WrittenKeys) -> (line: Int, reason: String)? {
        guard leaseSeconds >= shortestLeaseSeconds else {
            let keys = [
                "outbox.lease_seconds", "outbox.timeout_seconds", "outbox.commit_interval_ms", "email.rate_per_second",
                "sms.rate_per_second",
            ]
            let reason = """
                outbox.lease_seconds (\(leaseSeconds)) must be at least \(shortestLeaseSeconds): the longest wait \
                rate_per_second imposes (\(longestRateWaitSeconds) s), plus outbox.timeout_seconds (\(deliveryTimeoutSeconds)), \
                plus outbox.commit_interval_ms (\(commitIntervalMilliseconds)), plus 2 s, or another sender may take \
                over messages that are still going
                """
            return (written.lastLine(of: keys), reason)
        }
        return nil
    }
}
