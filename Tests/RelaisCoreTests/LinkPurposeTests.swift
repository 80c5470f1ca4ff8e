// LinkPurposeTests: the shape of link tokens and URLs, the guessing throttle's window, and the
// words of an SMS reply that cancels a registration.

import Foundation
import RelaisCore
import Testing

@Suite struct LinkPurposeTests {
    @Test func aLinkIsThePublicAddressThePurposeAndTheToken() {
        #expect(
            LinkPurpose.unsubscribe.url(publicURL: "https://p.example.fr/", token: "AbC123xyZ_-45678")
                == "https://p.example.fr/u/AbC123xyZ_-45678")
        #expect(LinkPurpose.registration.url(publicURL: "https://p.example.fr", token: "t") == "https://p.example.fr/r/t")
        #expect(LinkPurpose(pathSegment: "u") == .unsubscribe && LinkPurpose(pathSegment: "r") == .registration)
        #expect(LinkPurpose(pathSegment: "x") == nil)
    }

    @Test func onlySixteenURLSafeCharactersAreAToken() {
        #expect(LinkPurpose.isWellFormed("AbC123xyZ_-45678"))
        #expect(!LinkPurpose.isWellFormed("AbC123xyZ_-4567"))
        #expect(!LinkPurpose.isWellFormed("AbC123xyZ_-456789"))
        #expect(!LinkPurpose.isWellFormed("AbC123xyZ_-4567="))
        #expect(!LinkPurpose.isWellFormed("AbC123xyZ/-45678"))
        #expect(!LinkPurpose.isWellFormed("AbC123xyZé-4567"))
    }

    @Test func thirtyWrongTokensCloseTheDoorUntilTheWindowEnds() {
        let throttle = LinkGuessThrottle()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var window: LinkGuessThrottle.Window?
        for second in 0..<29 {
            window = throttle.counting(window, now: start.addingTimeInterval(TimeInterval(second)))
            #expect(throttle.retryAfter(window, now: start.addingTimeInterval(TimeInterval(second))) == nil)
        }
        window = throttle.counting(window, now: start.addingTimeInterval(29))
        #expect(throttle.retryAfter(window, now: start.addingTimeInterval(29)) == 600 - 29)
        #expect(throttle.retryAfter(window, now: start.addingTimeInterval(599)) == 1)
        #expect(throttle.retryAfter(window, now: start.addingTimeInterval(600)) == nil)
        #expect(throttle.counting(window, now: start.addingTimeInterval(600)).wrong == 1)
    }

    @Test func annulerAndOuiAreReadWhateverTheirCaseAccentsAndSpaces() {
        #expect(SMSCancelReply("ANNULER") == .cancel)
        #expect(SMSCancelReply(" annuler. ") == .cancel)
        #expect(SMSCancelReply("+Cancel+") == .cancel)
        #expect(SMSCancelReply("oui") == .confirm)
        #expect(SMSCancelReply("Yes!") == .confirm)
        #expect(SMSCancelReply("annuler demain svp") == nil)
        #expect(SMSCancelReply("STOP") == nil)
    }

    @Test func aRequestWaitsThirtyMinutesForItsOui() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(SMSCancelReply.oldestConfirmable(now: now) == now.addingTimeInterval(-30 * 60))
    }
}
