// CalendarDefaultsTests: what a calendar does not say comes from CalendarDefaults (the command, the
// sidecar, the campaign already loaded) and never overrides what it says; a sidecar's mistakes are
// said with their lines; the commune is found in LOCATION only when it names exactly one.

import Foundation
import Testing

@testable import RelaisCore

@Suite struct CalendarDefaultsTests {
    let start = LocalTime.paris.parse("2027-03-30T09:00")!

    func document(properties: [String: String] = [:], categories: [String] = [], location: String? = nil) -> CalendarDocument {
        CalendarDocument(
            properties: properties,
            events: [
                CalendarEvent(
                    uid: "a@relais", line: 12, summary: "Vaccination", location: location, categories: categories,
                    timeZone: "Europe/Paris", occurrences: [CalendarOccurrence(recurrenceKey: "", start: start, end: start + 3600)])
            ])
    }

    @Test func theDefaultsFillWhatTheCalendarDoesNotSayAndNeverWhatItSays() throws {
        let defaults = CalendarDefaults(campaign: "grippe-2027", actionSheets: [12], categories: [.vaccination])
        let bare = try CampaignCalendar.judge(document(), fileName: "o.ics", territory: .paysDeGex, defaults: defaults)
        #expect(bare.campaign.id == "grippe-2027")
        #expect(bare.events[0].actionSheets == [12] && bare.events[0].categories == [.vaccination])
        #expect(bare.defaults == CalendarDefaults(actionSheets: [12], categories: [.vaccination]))

        let said = try CampaignCalendar.judge(
            document(properties: ["X-RELAIS-CAMPAIGN": "mars-bleu-2027", "X-RELAIS-FA": "7"], categories: ["Dépistage"]),
            fileName: "o.ics", territory: .paysDeGex, defaults: defaults)
        #expect(said.campaign.id == "mars-bleu-2027")
        #expect(said.events[0].actionSheets == [7] && said.events[0].categories == [.screening])
    }

    @Test func withoutDefaultsTheMissingCampaignSheetsAndCategoryAreEachSaidWithWhereToGiveThem() {
        let judgement = CampaignCalendar.judgeAll(document(), fileName: "o.ics", territory: .paysDeGex)
        #expect(judgement.content == nil)
        #expect(judgement.problems.map(\.line) == [0, 12])
        #expect(judgement.problems[0].reason.contains("--campaign ID") && judgement.problems[0].reason.contains("o.ics.relais"))
        #expect(judgement.problems[1].reason.contains("--fa"), "\(judgement.problems)")
        let sheets = CalendarDefaults(campaign: "c", actionSheets: [7])
        let noCategory = CampaignCalendar.judgeAll(document(), fileName: "o.ics", territory: .paysDeGex, defaults: sheets)
        #expect(noCategory.problems.count == 1 && noCategory.problems[0].reason.contains("--category"), "\(noCategory.problems)")
    }

    @Test func theCommandsDefaultsWinOverTheSidecarsWhichWinOverTheLoadedCampaigns() {
        let command = CalendarDefaults(actionSheets: [7])
        let sidecar = CalendarDefaults(campaign: "from-sidecar", actionSheets: [9], categories: [.tobacco])
        let loaded = CalendarDefaults(campaign: "from-store", actionSheets: [11], categories: [.screening])
        #expect(
            command.filling(from: sidecar).filling(from: loaded)
                == CalendarDefaults(campaign: "from-sidecar", actionSheets: [7], categories: [.tobacco]))
    }

    @Test func aSidecarIsReadWithItsCommentsAndEachMistakeIsSaidAtItsLine() {
        let read = CalendarDefaults.sidecar(
            "# Outlook cannot say these\r\ncampaign = grippe-2027\r\n; sheets\r\nfa = FA 12, 7\r\ncategory = vaccination, Dépistage\r\n",
            fileName: "o.ics.relais")
        #expect(read.problems.isEmpty, "\(read.problems)")
        #expect(read.defaults == CalendarDefaults(campaign: "grippe-2027", actionSheets: [7, 12], categories: [.screening, .vaccination]))

        let broken = CalendarDefaults.sidecar("campaign = Grippe 2027\nfa = douze\ncolour = blue\njust words\ncategory = dentist\n", fileName: "s")
        #expect(broken.problems.map(\.line) == [1, 2, 3, 4, 5], "\(broken.problems)")
        #expect(broken.problems[2].reason.contains("unknown (known: campaign, fa, category)"))
        #expect(broken.defaults.isEmpty)
    }

    @Test(arguments: [
        ("Salle des fêtes, Gex", "gex"), ("Mairie\n12 rue de Genève, 01210 Ferney-Voltaire, France", "ferney-voltaire"),
        ("Maison de santé du Pays de Gex, ST GENIS POUILLY", "saint-genis-pouilly"), ("Parking, Divonne les Bains", "divonne-les-bains"),
        ("Espace Perdtemps", nil), ("Gex ou Cessy", nil), ("Pays de Gex", nil), ("Genève", nil),
    ] as [(String, String?)])
    func theCommuneIsTheOneALocationNames(location: String, commune: String?) {
        #expect(Territory.paysDeGex.commune(mentionedIn: location)?.slug == commune, "\(location)")
    }

    @Test func anEventsOwnCommuneOrQPVWinsOverItsLocation() throws {
        let defaults = CalendarDefaults(campaign: "c", actionSheets: [7], categories: [.screening])
        var located = document(location: "Salle des fêtes, Gex")
        let fromLocation = try CampaignCalendar.judge(located, fileName: "o.ics", territory: .paysDeGex, defaults: defaults)
        #expect(fromLocation.events[0].commune == "01173")
        located.events[0].extensions = ["X-RELAIS-COMMUNE": "Cessy"]
        let own = try CampaignCalendar.judge(located, fileName: "o.ics", territory: .paysDeGex, defaults: defaults)
        #expect(own.events[0].commune == "01071")
    }

    @Test func anEmptyFaOrCategoryIsRefusedNamingTheField() {
        var defaults = CalendarDefaults()
        for key in ["fa", "category"] {
            #expect(throws: FieldError.self, "\(key)") { try defaults.set(key, " ") }
            do { try defaults.set(key, "") } catch { #expect(error.field == key && error.reason == "is empty", "\(error)") }
        }
        #expect(defaults.isEmpty)
        let sidecar = CalendarDefaults.sidecar("campaign = c\nfa =\n", fileName: "o.ics.relais")
        #expect(sidecar.problems.map(\.line) == [2] && sidecar.problems[0].reason == "fa: is empty", "\(sidecar.problems)")
        #expect(throws: FieldError.self) { try CalendarFeed(parsing: "https://example.org/a.ics fa=") }
    }
}
