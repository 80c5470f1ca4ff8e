// Configuration+Together: the keys that are each valid alone but not together. A file is refused at
// the line of the last of them written (line 0 when none was: the defaults always agree).
//
// lease_seconds against what may pass between two renewals: a sender renews its leases only when it
// records an outcome (Sender+Outcomes). Between two outcomes, a channel's rate may hold its messages
// back while its connections fill: each start waits its turn (Sender.pace), and no transfer moves
// meanwhile, so up to connections / rate_per_second seconds (at least one); then a message may take
// timeout_seconds to hand over, and wait commit_interval_ms to be recorded. A renewal is skipped
// within a second of a whole lease (LeaseRenewal), and the sender's thread wakes every tenth of a
// second: those two are counted as 2 s. A lease shorter than all that lets another sender take over
// messages that are still going: they would go twice.

/// Where each key of a configuration file was written: "section.key" to its line.
struct WrittenKeys {
    var lines: [String: Int] = [:]

    /// The line of the last of `keys` written; 0 when none was.
    func lastLine(of keys: [String]) -> Int { keys.compactMap { lines[$0] }.max() ?? 0 }
}

extension Configuration {
    /// How long a channel's rate may hold its messages back while its connections fill.
    struct RateHold {
        var channel: Channel
        var rate: Double
        var connections: Int
        /// Whole seconds, at least one; bounded, so that a rate near zero is refused, not overflowed.
        var seconds: Int { Int(min(max(1, (Double(connections) / rate).rounded(.up)), 1_000_000)) }
    }

    /// The channel whose rate may hold messages back the longest.
    var longestRateHold: RateHold {
        [RateHold(channel: .email, rate: emailRate, connections: emailConnections),
         RateHold(channel: .sms, rate: smsRate, connections: smsConnections)].max { $0.seconds < $1.seconds }!
    }

    /// `commit_interval_ms` in whole seconds, rounded up.
    private var commitIntervalWholeSeconds: Int { (commitIntervalMilliseconds + 999) / 1000 }

    /// The shortest `[outbox] lease_seconds` that outlasts what may pass between two renewals.
    public var shortestLeaseSeconds: Int {
        longestRateHold.seconds + deliveryTimeoutSeconds + commitIntervalWholeSeconds + 2
    }

    /// Why these values do not go together, and the line to name; nil when they do.
    func keysRefusedTogether(_ written: WrittenKeys) -> (line: Int, reason: String)? {
        guard leaseSeconds >= shortestLeaseSeconds else {
            // The sections of the channels' keys are named as the channels are.
            let keys = ["outbox.lease_seconds", "outbox.timeout_seconds", "outbox.commit_interval_ms"]
                + Channel.allCases.flatMap { ["\($0.rawValue).rate_per_second", "\($0.rawValue).connections"] }
            let hold = longestRateHold
            let reason = """
                outbox.lease_seconds (\(leaseSeconds)) must be at least \(shortestLeaseSeconds): \(hold.channel.rawValue).rate_per_second \
                (\(hold.rate)) over \(hold.connections) connections may hold messages back \(hold.seconds) s, plus \
                outbox.timeout_seconds (\(deliveryTimeoutSeconds) s), plus outbox.commit_interval_ms \
                (\(commitIntervalMilliseconds), counted as \(commitIntervalWholeSeconds) s), plus 2 s; or another sender may take over \
                messages that are still going
                """
            return (written.lastLine(of: keys), reason)
        }
        return nil
    }
}
