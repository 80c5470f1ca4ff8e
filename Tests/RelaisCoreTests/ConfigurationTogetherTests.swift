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

    @Test func aLeaseShorterThanTheRateHoldTheTimeoutAndTheIntervalIsRefusedAtItsLine() throws {
        // 1 s (rates of 20 and 5 per second over 4 connections) + 30 + 1 (200 ms) + 2 = 34.
        let error = try #require(refusal("[outbox]\nlease_seconds = 30\ncommit_interval_ms = 200\ntimeout_seconds = 30\n"))
        #expect(error.line == 4)
        #expect(
            error.reason.hasPrefix(
                "outbox.lease_seconds (30) must be at least 34: email.rate_per_second (20.0) over 4 connections may hold messages back 1 s"),
            "\(error.reason)")
        #expect(error.reason.contains("outbox.commit_interval_ms (200, counted as 1 s)"), "\(error.reason)")
    }

    @Test func theLineNamedIsTheLastOfTheKeysWritten() throws {
        let error = try #require(refusal("[outbox]\ntimeout_seconds = 120\n[service]\nretention_days = 30\n"))
        #expect(error.description.hasPrefix("relais.conf:2: outbox.lease_seconds (120) must be at least 124"), "\(error)")
    }

    @Test func aSlowRateCountsEveryConnectionItFillsAndRoundsUp() throws {
        // One SMS every 100 s over 4 connections: 400 + 30 + 1 + 2 = 433.
        let slow = try #require(refusal("[sms]\nrate_per_second = 0.01\n"))
        #expect(slow.line == 2)
        #expect(slow.reason.hasPrefix("outbox.lease_seconds (120) must be at least 433: sms.rate_per_second (0.01) over 4 connections"))
        #expect(refusal("[sms]\nrate_per_second = 0.01\n[outbox]\nlease_seconds = 433\n") == nil)
        // 0.3 per second over one connection: 3.33 s, counted as 4.
        #expect(try Configuration.parse("[sms]\nrate_per_second = 0.3\nconnections = 1\n", fileName: "c").shortestLeaseSeconds == 37)
        // A whole rate over more connections than it lets start in a second.
        let many = try #require(refusal("[email]\nrate_per_second = 1\nconnections = 32\n[outbox]\ntimeout_seconds = 90\n"))
        #expect(many.line == 5)
        #expect(many.reason.contains("email.rate_per_second (1.0) over 32 connections may hold messages back 32 s"), "\(many.reason)")
    }

    @Test func aRateNearZeroIsRefusedRatherThanOverflowing() throws {
        let error = try #require(refusal("[sms]\nrate_per_second = 1e-300\n"))
        #expect(error.reason.contains("may hold messages back 1000000 s"), "\(error.reason)")
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
