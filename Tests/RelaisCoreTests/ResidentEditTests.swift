// The core's judgement of a resident's edit, of what a duplicate may be told, and of promoting a
// waitlisted booking: typed refusals, no database.

import Foundation
import RelaisCore
import Testing

@Suite struct ResidentEditTests {
    let now = LocalTime.paris.parse("2027-03-01T10:00")!
    let jeanne = ResidentSnapshot(
        name: "Jeanne Martin", phone: "+33612345678", email: nil, commune: "01173", birthYear: 1952, language: .french, consents: [.sms])
    let gex = Territory.paysDeGex.commune(named: "Gex")!

    func judge(_ form: ResidentEditForm, viewer: Commune? = nil) throws(Refusal) -> ResidentChange {
        try form.validated(against: jeanne, viewer: viewer, territory: .paysDeGex, now: now, calendar: LocalTime.paris.calendar)
    }

    @Test func fieldsLeftOutStayAndOnlyWhatChangesIsNamed() throws {
        let change = try judge(ResidentEditForm(name: " Jeanne  Martin ", language: "EN", consentSource: "CCAS desk (agent-gex)"))
        #expect(change.name == "Jeanne  Martin" && change.phone?.e164 == "+33612345678" && change.birthYear == 1952)
        #expect(change.language == .english && change.changedFields == [.name, .language] && change.consents.isEmpty)
        let same = try judge(ResidentEditForm(name: "Jeanne Martin", phone: "06 12 34 56 78", consents: [.sms: true], consentSource: "x"))
        #expect(same.changedFields.isEmpty, "the same values typed again change nothing")
    }

    @Test func anEmptyTextClearsAndAConsentIsDatedAndSourced() throws {
        let change = try judge(
            ResidentEditForm(
                phone: "", email: "jeanne@example.fr", birthYear: "", consents: [.sms: false, .email: true], consentSource: "CCAS desk (a)")
        )
        #expect(change.phone == nil && change.birthYear == nil && change.email?.address == "jeanne@example.fr")
        #expect(change.changedFields == [.phone, .email, .birthYear, .consent])
        #expect(
            change.consents == [
                Consent(channel: .email, granted: true, recordedAt: now, source: "CCAS desk (a)"),
                Consent(channel: .sms, granted: false, recordedAt: now, source: "CCAS desk (a)"),
            ])
    }

    @Test(arguments: [
        (ResidentEditForm(phone: "", consentSource: "x"), Refusal.resident(.smsNeedsPhone)),
        (ResidentEditForm(phone: "04 50 41 00 00", consentSource: "x"), .resident(.smsNeedsMobile(masked: "+33*******00"))),
        (ResidentEditForm(consents: [.email: true], consentSource: "x"), .resident(.emailNeedsAddress)),
        (ResidentEditForm(consents: [.sms: false], consentSource: " "), .resident(.consentSourceMissing)),
        (ResidentEditForm(name: "", consentSource: "x"), .resident(.nameEmpty)),
        (ResidentEditForm(commune: "Genève", consentSource: "x"), .resident(.unknownCommune(typed: "Genève"))),
        (
            ResidentEditForm(birthYear: "1850", consentSource: "x"),
            .resident(.birthYearOutOfRange(typed: "1850", earliest: 1907, latest: 2027))
        ),
        (ResidentEditForm(email: "jeanne@", consentSource: "x"), .resident(.emailUnreadable(typed: "jeanne@"))),
    ])
    func aChangeTheConsentsOrTheFieldsCannotTakeIsRefused(form: ResidentEditForm, refusal: Refusal) {
        #expect(throws: refusal) { try judge(form) }
    }

    @Test func aCCASKeepsItsResidentsInItsCommuneAndTheCoordinatorMovesThem() throws {
        #expect(throws: Refusal.resident(.communeOutsideScope(commune: "Cessy"))) {
            try judge(ResidentEditForm(commune: "Cessy", consentSource: "x"), viewer: gex)
        }
        #expect(try judge(ResidentEditForm(commune: "gex", consentSource: "x"), viewer: gex).changedFields.isEmpty)
        #expect(try judge(ResidentEditForm(commune: "Cessy", consentSource: "x")).commune.slug == "cessy")
    }

    @Test func aDuplicateNamesTheOtherResidentOnlyToThoseWhoMaySeeThem() {
        #expect(
            ResidentDuplicates.refusal(existing: 7, existingCommune: "gex", sharing: .phone, viewer: "gex")
                == .resident(.duplicate(existing: 7, sharing: .phone)))
        #expect(
            ResidentDuplicates.refusal(existing: 7, existingCommune: "gex", sharing: .email, viewer: nil)
                == .resident(.duplicate(existing: 7, sharing: .email)))
        #expect(
            ResidentDuplicates.refusal(existing: 7, existingCommune: "gex", sharing: .phone, viewer: "cessy")
                == .resident(.duplicateInAnotherCommune(sharing: .phone)))
    }
}

@Suite struct ShuttlePromotionRuleTests {
    let now = LocalTime.paris.parse("2027-03-29T10:00")!
    let pickup = LocalTime.paris.parse("2027-03-30T07:30")!

    @Test func onlyAWaitlistedBookingOfAScheduledRunBeforeItsPickupIsPromotedWhateverTheDeadline() throws {
        try ShuttlePromotionRule.check(status: .waitlisted, runCancelled: false, pickup: pickup, now: now)
        #expect(ShuttlePromotionRule.isLate(now: now, pickup: pickup, rules: ShuttleBookingRules(), calendar: LocalTime.paris.calendar))
        #expect(throws: Refusal.shuttle(.notWaitlisted(status: .confirmed))) {
            try ShuttlePromotionRule.check(status: .confirmed, runCancelled: false, pickup: pickup, now: now)
        }
        #expect(throws: Refusal.shuttle(.runCancelled)) {
            try ShuttlePromotionRule.check(status: .waitlisted, runCancelled: true, pickup: pickup, now: now)
        }
        #expect(throws: Refusal.shuttle(.runLeft)) {
            try ShuttlePromotionRule.check(status: .waitlisted, runCancelled: false, pickup: pickup, now: pickup)
        }
    }
}
