// A resident's commune is stored by INSEE code: an edit that sends the stored code back (a form
// prefilled with a commune the territory no longer lists) keeps it, and naming a commune of the
// territory moves the resident there by its code.

import Foundation
import RelaisCore
import Testing

@Suite struct ResidentEditCommuneCodeTests {
    let now = LocalTime.paris.parse("2027-03-01T10:00")!
    /// A resident of a commune merged away: its code is no longer in the territory.
    let resident = ResidentSnapshot(
        name: "Jeanne Martin", phone: "+33612345678", email: nil, commune: "01999", birthYear: 1952, language: .french, consents: [.sms])

    func judge(_ form: ResidentEditForm) throws(Refusal) -> ResidentChange {
        try form.validated(against: resident, viewer: nil, territory: .paysDeGex, now: now, calendar: LocalTime.paris.calendar)
    }

    @Test func theStoredCodeSentBackKeepsTheCommuneAndANameMovesTheResidentByCode() throws {
        let kept = try judge(ResidentEditForm(name: "Jeanne Martin-Durand", commune: "01999", consentSource: "x"))
        #expect(kept.commune.code == "01999" && kept.changedFields == [.name])
        let untouched = try judge(ResidentEditForm(birthYear: "1953", consentSource: "x"))
        #expect(untouched.commune.code == "01999" && untouched.changedFields == [.birthYear])
        let moved = try judge(ResidentEditForm(commune: "St Genis", consentSource: "x"))
        #expect(moved.commune.code == "01354" && moved.changedFields == [.commune])
        #expect(throws: Refusal.resident(.unknownCommune(typed: "01998"))) {
            try judge(ResidentEditForm(commune: "01998", consentSource: "x"))
        }
    }
}
