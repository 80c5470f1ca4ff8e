// Keys valid alone and refused together (Configuration+Together): a lease too short for what may
// pass between two renewals is refused at the line of the last key written.

import Testing

@testable import RelaisCore

struct ConfigurationTogetherTests {
    /// The error `text` is refused with; nil when it is accepted.
    func refusal(_ text: String) -> ConfigurationError? {
        do {
            _ = try Configuration.parse(text, fileName: "relais.conf")
            return nil
        } catch {
            return error
        }
    }

    @Test func aLeaseShorterThanTheRateWaitTheTimeoutAndTheIntervalIsRefusedAtItsLine() throws {
        // 1 s (a whole rate) + 30 + 1 (200 ms) + 2 = 34.
        let error = try #require(refusal("[outbox]\nlease_seconds = 30\ncommit_interval_ms = 200\ntimeout_seconds = 30\n"))
        #expect(error.line == 4)
        #expect(error.reason.hasPrefix("outbox.lease_seconds (30) must be at least 34: "), "\(error.reason)")
    }

    @Test func theLineNamedIsTheLastOfTheKeysWritten() throws {
        let error = try #require(refusal("[outbox]\ntimeout_seconds = 120\n[service]\nretention_days = 30\n"))
        #expect(error.description.hasPrefix("relais.conf:2: outbox.lease_seconds (120) must be at least 124"), "\(error)")
    }

    @Test func aRateUnderOnePerSecondCountsItsWait() throws {
        // One SMS every 100 s: 100 + 30 + 1 + 2 = 133, over the default lease of 120.
        let error = try #require(refusal("[sms]\nrate_per_second = 0.01\n"))
        #expect(error.line == 2)
        #expect(error.reason.hasPrefix("outbox.lease_seconds (120) must be at least 133"), "\(error.reason)")
        #expect(refusal("[sms]\nrate_per_second = 0.01\n[outbox]\nlease_seconds = 133\n") == nil)
    }

    @Test func theDefaultsASlowRelayAndALeaseJustLongEnoughAreAccepted() throws {
        let defaults = try Configuration.parse("", fileName: "relais.conf")
        #expect(defaults.leaseSeconds >= defaults.shortestLeaseSeconds)
        // A relay given a minute per message, with the default lease (needs 64).
        #expect(refusal("[outbox]\ntimeout_seconds = 60\n") == nil)
        let exact = try Configuration.parse("[outbox]\ntimeout_seconds = 10\ncommit_interval_ms = 1500\nlease_seconds = 15\n", fileName: "c")
        #expect(exact.leaseSeconds == 15 && exact.shortestLeaseSeconds == 15)
        #expect(refusal("[outbox]\ntimeout_seconds = 10\ncommit_interval_ms = 1500\nlease_seconds = 14\n") != nil)
    }
}
