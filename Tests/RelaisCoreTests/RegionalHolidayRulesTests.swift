// RegionalHolidayRulesTests: the territory's holiday region, applied to the configuration, is what
// the SMS window and the shuttle's business days leave out: Good Friday in Alsace-Moselle, the
// abolition-of-slavery day in La Réunion (in Réunion time), neither in metropolitan France.

import Foundation
import RelaisCore
import Testing

@Suite struct RegionalHolidayRulesTests {
    static let strasbourg = try! TerritoryFile.parse(
        "[territory]\nname = Strasbourg\ndepartement = 67\n[communes]\n67482 = Strasbourg\n", fileName: "strasbourg.conf")
    static let reunion = try! TerritoryFile.parse(
        "[territory]\nname = Nord\ndepartement = 974\n[communes]\n97411 = Saint-Denis\n", fileName: "reunion.conf")

    @Test func theSMSWindowOfAlsaceMoselleLeavesOutGoodFridayAndSaintStephensDay() {
        let paris = LocalTime.paris
        let alsace = Configuration().applying(territory: Self.strasbourg).smsWindow
        let metropole = Configuration().applying(territory: .paysDeGex).smsWindow
        for day in ["2027-03-26T10:00", "2026-12-26T10:00"] {
            #expect(!alsace.allows(paris.parse(day)!, calendar: paris.calendar), "\(day)")
            #expect(metropole.allows(paris.parse(day)!, calendar: paris.calendar), "\(day)")
        }
        // The claim on Good Friday at 09:00 of a reminder for Saturday 10:00 waits until Saturday 08:00.
        let policy = Configuration().applying(territory: Self.strasbourg).outreachRules.policy
        let decision = policy.claimDecision(
            channel: .sms, now: paris.parse("2027-03-26T09:00")!, deadline: paris.parse("2027-03-27T10:00")!, calendar: paris.calendar)
        #expect(decision == .wait(until: paris.parse("2027-03-27T08:00")!))
    }

    @Test func theSMSWindowOfLaReunionLeavesOutTheTwentiethOfDecemberInReunionTime() throws {
        let configuration = Configuration().applying(territory: Self.reunion)
        let local = try #require(LocalTime(identifier: configuration.timeZone))
        #expect(configuration.timeZone == "Indian/Reunion")
        #expect(!configuration.smsWindow.allows(local.parse("2027-12-20T10:00")!, calendar: local.calendar))
        #expect(configuration.smsWindow.allows(local.parse("2027-12-21T10:00")!, calendar: local.calendar))
        // 20 December 06:00 in Paris is already 09:00 on the 20th in Saint-Denis: a holiday there.
        #expect(!configuration.smsWindow.allows(LocalTime.paris.parse("2027-12-20T06:00")!, calendar: local.calendar))
    }

    @Test func theShuttlesBusinessDaysOfAlsaceMoselleLeaveOutGoodFriday() {
        let paris = LocalTime.paris
        let pickup = paris.parse("2027-03-30T07:30")!
        // Counting back one business day from Tuesday 30 March: Monday 29 is Easter Monday everywhere;
        // Friday 26 is Good Friday in Alsace-Moselle, so booking there closes on Thursday 25.
        let alsace = Configuration().applying(territory: Self.strasbourg).shuttle.rules
        #expect(paris.iso8601(alsace.bookingDeadline(pickup: pickup, calendar: paris.calendar)) == "2027-03-25T17:00:00+01:00")
        let metropole = Configuration().applying(territory: .paysDeGex).shuttle.rules
        #expect(paris.iso8601(metropole.bookingDeadline(pickup: pickup, calendar: paris.calendar)) == "2027-03-26T17:00:00+01:00")
    }
}
