// ClaimTiming: the claim's decision for a due message, from its channel's window, the time it is
// and its deadline (the examples at the top of ClaimTiming.swift).

import Foundation
import Testing

@testable import RelaisCore

@Suite struct ClaimTimingTests {
    let paris = LocalTime.paris
    let policy = ReminderPolicy()

    func at(_ text: String) -> Date { paris.parse(text)! }

    func decision(_ channel: Channel, now: String, deadline: String) -> ClaimDecision {
        policy.claimDecision(channel: channel, now: at(now), deadline: at(deadline), calendar: paris.calendar)
    }

    @Test func inItsHoursAMessageGoesAtOnce() {
        #expect(decision(.sms, now: "2027-03-27T19:59", deadline: "2027-03-30T07:45") == .send)
        #expect(decision(.sms, now: "2027-03-26T08:00", deadline: "2027-03-30T07:45") == .send)
        #expect(decision(.email, now: "2027-03-28T12:00", deadline: "2027-03-30T09:00") == .send)  // Easter Sunday
    }

    @Test func outsideItsHoursItWaitsForTheNextAllowedInstant() {
        #expect(decision(.sms, now: "2027-03-26T22:00", deadline: "2027-03-30T09:00") == .wait(until: at("2027-03-27T08:00")))
        #expect(decision(.sms, now: "2027-03-27T20:00", deadline: "2027-03-31T09:00") == .wait(until: at("2027-03-30T08:00")))
        #expect(decision(.sms, now: "2027-03-26T07:59", deadline: "2027-03-30T09:00") == .wait(until: at("2027-03-26T08:00")))
        #expect(decision(.email, now: "2027-03-28T21:00", deadline: "2027-03-30T09:00") == .wait(until: at("2027-03-29T07:00")))
    }

    @Test func withNoAllowedInstantBeforeItsDeadlineItCannotGo() {
        // Easter Sunday noon: the next SMS time is Tuesday 08:00, after a 07:45 pickup or a Monday event.
        #expect(decision(.sms, now: "2027-03-28T12:00", deadline: "2027-03-30T07:45") == .noAllowedTime)
        #expect(decision(.sms, now: "2027-03-28T12:00", deadline: "2027-03-29T10:00") == .noAllowedTime)
        // The deadline itself is not allowed: an event at 08:00 is not reminded at 08:00.
        #expect(decision(.sms, now: "2027-03-26T07:00", deadline: "2027-03-26T08:00") == .noAllowedTime)
    }

    @Test func aConfiguredWindowIsTheOneHeld() {
        let sundays = ReminderPolicy(windows: [.sms: SendingWindow(opens: 9 * 60, closes: 18 * 60, sundays: true, holidays: false)])
        #expect(
            sundays.claimDecision(channel: .sms, now: at("2027-03-21T08:30"), deadline: at("2027-03-23T09:00"), calendar: paris.calendar)
                == .wait(until: at("2027-03-21T09:00")))
        #expect(sundays.window(for: .sms).wording == "09:00-18:00, not on public holidays")
        #expect(SendingWindow.sms.wording == "08:00-20:00, not on Sundays or public holidays")
        #expect(SendingWindow.email.wording == "07:00-21:00 every day")
    }
}
