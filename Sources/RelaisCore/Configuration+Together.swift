// Configuration+Together: the keys that are each valid alone but not together. A file is refused at
// the line of the last of them written (line 0 when none was: the defaults always agree).
//
// lease_seconds against timeout_seconds: a sender renews its leases only when it records an outcome,
// and a message may take timeout_seconds to give one, then wait commit_interval_ms to be recorded. A
// lease shorter than that lets another sender take over messages that are still going: they would
// go twice. Twice the timeout, plus the interval, leaves room for one slow message after another.

/// Where each key of a configuration file was written: "section.key" to its line.
struct WrittenKeys {
    var lines: [String: Int] = [:]

    /// The line of the last of `keys` written; 0 when none was.
    func lastLine(of keys: [String]) -> Int { keys.compactMap { lines[$0] }.max() ?? 0 }
}

extension Configuration {
    /// The shortest `[outbox] lease_seconds` that agrees with `timeout_seconds` and `commit_interval_ms`.
    public var shortestLeaseSeconds: Int {
        2 * deliveryTimeoutSeconds + (commitIntervalMilliseconds + 999) / 1000
    }

    /// Why these values do not go together, and the line to name; nil when they do.
    func keysRefusedTogether(_ written: WrittenKeys) -> (line: Int, reason: String)? {
        guard leaseSeconds >= shortestLeaseSeconds else {
            let line = written.lastLine(of: ["outbox.lease_seconds", "outbox.timeout_seconds", "outbox.commit_interval_ms"])
            let reason = """
                outbox.lease_seconds (\(leaseSeconds)) must be at least \(shortestLeaseSeconds): twice \
                outbox.timeout_seconds (\(deliveryTimeoutSeconds)) plus outbox.commit_interval_ms \
                (\(commitIntervalMilliseconds)), or another sender may take over messages that are still going
                """
            return (line, reason)
        }
        return nil
    }
}
