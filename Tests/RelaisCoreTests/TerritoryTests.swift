import Foundation
import Testing

@testable import RelaisCore

@Suite struct TerritoryTests {
    @Test func paysDeGexHasItsTwentySevenCommunesAndTwoQPVs() {
        #expect(Territory.paysDeGex.communes.count == 27)
        #expect(Set(Territory.paysDeGex.communes.map(\.slug)).count == 27)
        #expect(Territory.paysDeGex.neighbourhoods.map(\.commune) == ["ferney-voltaire", "saint-genis-pouilly"])
    }

    @Test(arguments: [
        ("St Genis Pouilly", "Saint-Genis-Pouilly"), ("ferney voltaire", "Ferney-Voltaire"), ("Echenevex", "Échenevex"),
        ("PREVESSIN-MOENS", "Prévessin-Moëns"), ("chezery forens", "Chézery-Forens"), ("St-Jean-de-Gonville", "Saint-Jean-de-Gonville"),
        ("Ferney", "Ferney-Voltaire"), ("St Genis", "Saint-Genis-Pouilly"), ("Divonne", "Divonne-les-Bains"),
        ("Prévessin", "Prévessin-Moëns"),
    ])
    func communesAreFoundAsPeopleTypeThem(typed: String, name: String) {
        #expect(Territory.paysDeGex.commune(named: typed)?.name == name)
    }

    @Test func placesOutsideTheTerritoryAreNotCommunes() {
        #expect(Territory.paysDeGex.commune(named: "Bourg-en-Bresse") == nil)
        #expect(Territory.paysDeGex.commune(named: "Genève") == nil)
        #expect(Territory.paysDeGex.commune(named: "Saint") == nil)  // Saint-Genis-Pouilly or Saint-Jean-de-Gonville
        #expect(Territory.paysDeGex.commune(named: "") == nil)
    }

    @Test func qpvsAreFoundByName() {
        #expect(Territory.paysDeGex.neighbourhood(named: "Jacques Prevert")?.commune == "saint-genis-pouilly")
        #expect(Territory.paysDeGex.neighbourhood(named: "levant tattes")?.commune == "ferney-voltaire")
    }
}

@Suite struct ParticipantFormTests {
    let now = LocalTime.paris.parse("2026-11-22T10:00")!

    func validate(_ form: ParticipantForm) throws(Refusal) -> NewParticipant {
        try form.validated(territory: .paysDeGex, now: now, calendar: LocalTime.paris.calendar)
    }

    @Test func aCompleteFormGivesAPersonWithConsentDatedAndSourced() throws {
        let person = try validate(
            ParticipantForm(
                name: " Jeanne Martin ", phone: "06 12 34 56 78", email: "jeanne@example.fr", commune: "gex",
                birthYear: "1952", language: "FR", consentedChannels: ["sms,email"], consentSource: "CCAS de Gex"))
        #expect(person.name == "Jeanne Martin")
        #expect(person.commune.name == "Gex")
        #expect(person.language == .french)
        #expect(person.consents.map(\.channel) == [.email, .sms])
        #expect(person.consents.allSatisfy { $0.recordedAt == now && $0.source == "CCAS de Gex" })
    }

    @Test(arguments: [
        (ParticipantForm(name: "", commune: "Gex"), ResidentRefusal.nameEmpty),
        (ParticipantForm(name: "A", commune: "Genève"), .unknownCommune(typed: "Genève")),
        (ParticipantForm(name: "A", phone: "12", commune: "Gex"), .phoneUnreadable(typed: "**")),
        (ParticipantForm(name: "A", phone: "06 12 34", commune: "Gex"), .phoneUnreadable(typed: "06 ***34")),
        (ParticipantForm(name: "A", email: "a@", commune: "Gex"), .emailUnreadable(typed: "a@")),
        (ParticipantForm(name: "A", commune: "Gex", birthYear: "1850"), .birthYearOutOfRange(typed: "1850", earliest: 1906, latest: 2026)),
        (ParticipantForm(name: "A", commune: "Gex", language: "de"), .unknownLanguage(typed: "de")),
        (ParticipantForm(name: "A", commune: "Gex", consentedChannels: ["sms"], consentSource: "x"), .smsNeedsPhone),
        (
            ParticipantForm(name: "A", phone: "04 50 41 00 00", commune: "Gex", consentedChannels: ["sms"], consentSource: "x"),
            .smsNeedsMobile(masked: "+33*******00")
        ),
        (ParticipantForm(name: "A", commune: "Gex", consentedChannels: ["email"], consentSource: "x"), .emailNeedsAddress),
        (ParticipantForm(name: "A", phone: "0612345678", commune: "Gex", consentedChannels: ["sms"]), .consentSourceMissing),
        (ParticipantForm(name: "A", commune: "Gex", consentedChannels: ["fax"], consentSource: "x"), .unknownChannel(typed: "fax")),
        (
            ParticipantForm(name: String(repeating: "e\u{301}", count: 61) + String(repeating: "x", count: 60), commune: "Gex"),
            .nameMalformed(maximum: 120)
        ),
        (ParticipantForm(name: "\u{0}Anne", commune: "Gex"), .nameMalformed(maximum: 120)),
        (ParticipantForm(name: "Anne\u{7}", commune: "Gex"), .nameMalformed(maximum: 120)),
    ])
    func eachBadFieldIsRefusedWithItsTypedReason(form: ParticipantForm, refusal: ResidentRefusal) {
        let error = #expect(throws: Refusal.self) { try validate(form) }
        #expect(error == .resident(refusal))
    }

    @Test func eachResidentRefusalNamesTheFieldTheFormsAndTheAPIUse() {
        let fields: [(ResidentRefusal, String, String)] = [
            (.nameEmpty, "name", "name-empty"), (.phoneUnreadable(typed: "1"), "phone", "phone-unreadable"),
            (.birthYearOutOfRange(typed: "1", earliest: 1, latest: 2), "birth_year", "birth-year-out-of-range"),
            (.consentSourceMissing, "consent_source", "consent-source-missing"), (.smsNeedsPhone, "consent", "sms-needs-phone"),
            (.communeOutsideScope(commune: "Cessy"), "commune", "commune-outside-scope"),
            (.duplicate(existing: 3, sharing: .email), "email", "duplicate-resident"),
            (.duplicateInAnotherCommune(sharing: .phone), "phone", "duplicate-resident-in-another-commune"),
        ]
        for (refusal, field, code) in fields {
            #expect(Refusal.resident(refusal).field?.rawValue == field && Refusal.resident(refusal).code == code, "\(refusal)")
        }
    }

    @Test func aNameIsStoredInNFCAndCountedInCodePointsAsTheDatabaseCounts() throws {
        let decomposed = String(repeating: "e\u{301}", count: 61)
        let person = try validate(ParticipantForm(name: decomposed, commune: "Gex"))
        #expect(person.name.unicodeScalars.count == 61)
        #expect(person.name == String(repeating: "é", count: 61))
    }

    @Test func ageGroupsFollowTheYearOfTheEvent() {
        let calendar = LocalTime.paris.calendar
        let date = LocalTime.paris.parse("2027-03-30")!
        #expect(AgeGroup.of(birthYear: 2010, on: date, calendar: calendar) == "0-17")
        #expect(AgeGroup.of(birthYear: 2002, on: date, calendar: calendar) == "18-25")
        #expect(AgeGroup.of(birthYear: 1977, on: date, calendar: calendar) == "50-64")
        #expect(AgeGroup.of(birthYear: 1950, on: date, calendar: calendar) == "75+")
    }
}
