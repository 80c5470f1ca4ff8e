// Keys valid alone and refused together (Configuration+Together): a lease too short for the
// delivery timeout is refused at the line of the last key written.

import Testing

@testable import RelaisCore

struct ConfigurationTogetherTests {
    @Test func aLeaseShorterThanTwiceTheTimeoutPlusTheIntervalIsRefusedAtItsLine() {
        let text = "[outbox]\nlease_seconds = 60\ncommit_interval_ms = 200\ntimeout_seconds = 30\n"
        #expect(throws: ConfigurationError.self) { try Configuration.parse(text, fileName: "relais.conf") }
        do {
            _ = try Configuration.parse(text, fileName: "relais.conf")
        } catch {
            #expect(error.line == 4)
            #expect(error.reason.contains("outbox.lease_seconds (60) must be at least 61"), "\(error.reason)")
        }
    }

    @Test func theLineNamedIsTheLastOfTheKeysWritten() {
        let text = "[outbox]\ntimeout_seconds = 90\n[service]\nretention_days = 30\n"
        do {
            _ = try Configuration.parse(text, fileName: "relais.conf")
            Issue.record("a timeout of 90 s with the default lease of 120 s was accepted")
        } catch {
            #expect(error.line == 2)
            #expect(error.description.hasPrefix("relais.conf:2: outbox.lease_seconds (120) must be at least 181"), "\(error)")
        }
    }

    @Test func theDefaultsAndALeaseJustLongEnoughAreAccepted() throws {
        let defaults = try Configuration.parse("", fileName: "relais.conf")
        #expect(defaults.leaseSeconds >= defaults.shortestLeaseSeconds)
        let exact = try Configuration.parse("[outbox]\ntimeout_seconds = 10\ncommit_interval_ms = 1500\nlease_seconds = 22\n", fileName: "c")
        #expect(exact.leaseSeconds == 22 && exact.shortestLeaseSeconds == 22)
    }
}
