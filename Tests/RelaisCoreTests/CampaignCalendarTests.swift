import Foundation
import Testing

@testable import RelaisCore

@Suite struct CampaignCalendarTests {
    let start = LocalTime.paris.parse("2027-03-30T09:00")!

    func document(
        calendar: [String: String] = ["X-RELAIS-CAMPAIGN": "mars-bleu-2027", "X-RELAIS-FA": "7"], event extensions: [String: String] = [:],
        categories: [String] = ["screening"]
    ) -> CalendarDocument {
        CalendarDocument(
            properties: calendar,
            events: [
                CalendarEvent(
                    uid: "a@relais", line: 12, summary: "Stand Mars bleu", categories: categories, timeZone: "Europe/Paris",
                    extensions: extensions, occurrences: [CalendarOccurrence(recurrenceKey: "", start: start, end: start + 3600)])
            ])
    }

    func judge(_ document: CalendarDocument) throws(CalendarValidationError) -> CampaignCalendarContent {
        try CampaignCalendar.judge(document, fileName: "mars.ics", territory: .paysDeGex)
    }

    @Test func relaisPropertiesAreRead() throws {
        let content = try judge(
            document(
                event: [
                    "X-RELAIS-FA": "7, 12", "X-RELAIS-COMMUNE": "Saint-Genis-Pouilly", "X-RELAIS-QPV": "Jacques Prévert",
                    "X-RELAIS-CAPACITY": "20", "X-RELAIS-PROFESSIONALS": "3", "X-RELAIS-AUDIENCE": "50-74 ans",
                ], categories: ["screening", "Dépistage colorectal"]))
        let event = try #require(content.events.first)
        #expect(content.campaign == Campaign(id: "mars-bleu-2027", name: "mars-bleu-2027"))
        #expect(event.actionSheets == [7, 12])
        #expect(event.commune == "01354")
        #expect(event.neighbourhood == "jacques-prevert")
        #expect(event.capacity == 20)
        #expect(event.professionals == 3)
        #expect(event.categories == [.screening])
        #expect(event.labels == ["Dépistage colorectal"])
    }

    @Test func aQPVImpliesItsCommune() throws {
        let content = try judge(document(event: ["X-RELAIS-QPV": "Levant-Tattes"]))
        #expect(content.events.first?.commune == "01160")
    }

    @Test(arguments: [
        (["X-RELAIS-COMMUNE": "Genève"], "X-RELAIS-COMMUNE"), (["X-RELAIS-CAPACITY": "0"], "X-RELAIS-CAPACITY"),
        (["X-RELAIS-CAPACITY": "lots"], "X-RELAIS-CAPACITY"), (["X-RELAIS-PROFESSIONALS": "-1"], "X-RELAIS-PROFESSIONALS"),
        (["X-RELAIS-FA": "7,x"], "X-RELAIS-FA"), (["X-RELAIS-CAPACTY": "10"], "X-RELAIS-CAPACTY"),
        (["X-RELAIS-QPV": "Levant-Tattes", "X-RELAIS-COMMUNE": "Gex"], "not in Gex"),
    ])
    func badEventPropertiesAreRefusedWithTheEventLine(extensions: [String: String], mention: String) {
        let error = #expect(throws: CalendarValidationError.self) { try judge(document(event: extensions)) }
        #expect(error?.line == 12)
        #expect(error?.description.hasPrefix("mars.ics:12: event a@relais") == true)
        #expect(error?.description.contains(mention) == true)
    }

    @Test func aCalendarMustNameItsCampaign() {
        let error = #expect(throws: CalendarValidationError.self) { try judge(document(calendar: ["X-RELAIS-FA": "7"])) }
        #expect(error?.description.contains("X-RELAIS-CAMPAIGN") == true)
    }

    @Test func anEventNeedsAnActionSheetAndACategory() {
        #expect(throws: CalendarValidationError.self) { try judge(document(calendar: ["X-RELAIS-CAMPAIGN": "x"])) }
        #expect(throws: CalendarValidationError.self) { try judge(document(categories: ["Divers"])) }
    }
}

@Suite struct OccurrenceReconciliationTests {
    let nine = LocalTime.paris.parse("2027-03-30T09:00")!

    func stored(_ id: Int64, _ key: String, _ start: Date, _ status: OccurrenceStatus = .scheduled) -> StoredOccurrence {
        StoredOccurrence(id: id, recurrenceKey: key, start: start, end: start + 3600, status: status)
    }

    func loaded(_ key: String, _ start: Date, _ status: EventStatus = .confirmed) -> CalendarOccurrence {
        CalendarOccurrence(recurrenceKey: key, start: start, end: start + 3600, status: status)
    }

    @Test func theSameOccurrencesChangeNothing() {
        let changes = OccurrenceReconciliation.changes(stored: [stored(1, "", nine)], loaded: [loaded("", nine)])
        #expect(changes == [.keep(id: 1, as: loaded("", nine))])
    }

    @Test func aChangedStartMovesTheOccurrence() {
        let changes = OccurrenceReconciliation.changes(stored: [stored(1, "", nine)], loaded: [loaded("", nine + 3600)])
        #expect(changes == [.move(id: 1, to: loaded("", nine + 3600))])
    }

    @Test func aShiftedSeriesKeepsItsOccurrencesInOrder() {
        let week = 7 * 86_400.0
        let changes = OccurrenceReconciliation.changes(
            stored: [stored(1, "A", nine), stored(2, "B", nine + week)],
            loaded: [loaded("A2", nine + 3600), loaded("B2", nine + week + 3600), loaded("C2", nine + 2 * week + 3600)])
        #expect(
            changes == [
                .move(id: 1, to: loaded("A2", nine + 3600)), .move(id: 2, to: loaded("B2", nine + week + 3600)),
                .insert(loaded("C2", nine + 2 * week + 3600)),
            ])
    }

    @Test func aCancelledOrVanishedOccurrenceIsCancelledNotDeleted() {
        let changes = OccurrenceReconciliation.changes(
            stored: [stored(1, "A", nine), stored(2, "B", nine + 86_400)], loaded: [loaded("A", nine, .cancelled)])
        #expect(changes == [.cancel(id: 1), .cancel(id: 2)])
    }

    @Test func aCancelledOccurrenceThatReturnsIsReinstated() {
        let changes = OccurrenceReconciliation.changes(stored: [stored(1, "A", nine, .cancelled)], loaded: [loaded("A", nine)])
        #expect(changes == [.reinstate(id: 1, as: loaded("A", nine))])
    }
}

@Suite struct CampaignCalendarAllProblemsTests {
    let start = LocalTime.paris.parse("2027-03-30T09:00")!

    func event(_ uid: String, line: Int, _ extensions: [String: String], categories: [String] = ["screening"]) -> CalendarEvent {
        CalendarEvent(
            uid: uid, line: line, summary: "Stand", categories: categories, timeZone: "Europe/Paris", extensions: extensions,
            occurrences: [CalendarOccurrence(recurrenceKey: "", start: start, end: start + 3600)])
    }

    @Test func theCalendarsAndEveryEventsProblemsAreSaidTogetherAndTheSoundEventsKept() {
        let document = CalendarDocument(
            properties: ["X-RELAIS-FA": "7", "X-RELAIS-TYPO": "x"],
            events: [
                event("a@relais", line: 12, ["X-RELAIS-CAPACITY": "lots"]), event("b@relais", line: 20, [:]),
                event("c@relais", line: 30, ["X-RELAIS-COMMUNE": "Genève"]), event("d@relais", line: 40, [:], categories: ["Divers"]),
            ])
        let judgement = CampaignCalendar.judgeAll(document, fileName: "mars.ics", territory: .paysDeGex)
        #expect(judgement.content == nil)
        #expect(judgement.problems.map(\.line) == [0, 0, 12, 30, 40], "\(judgement.problems)")
        #expect(judgement.problems[0].reason.contains("X-RELAIS-TYPO") && judgement.problems[1].reason.contains("X-RELAIS-CAMPAIGN"))
        #expect(judgement.problems[2].reason.contains("X-RELAIS-CAPACITY") && judgement.problems[3].reason.contains("Genève"))
        #expect(judgement.problems[4].reason.contains("CATEGORIES"))

        let named = CalendarDocument(properties: ["X-RELAIS-CAMPAIGN": "mars-bleu-2027", "X-RELAIS-FA": "7"], events: document.events)
        let content = CampaignCalendar.judgeAll(named, fileName: "mars.ics", territory: .paysDeGex).content
        #expect(content?.events.map(\.uid) == ["b@relais"])
    }

    @Test func aMalformedDefaultSheetIsSaidOnceNotAgainForEveryEventWithoutItsOwn() {
        let document = CalendarDocument(
            properties: ["X-RELAIS-CAMPAIGN": "mars-bleu-2027", "X-RELAIS-FA": "sept"],
            events: [event("a@relais", line: 12, [:]), event("b@relais", line: 20, ["X-RELAIS-FA": "7"])])
        let problems = CampaignCalendar.judgeAll(document, fileName: "mars.ics", territory: .paysDeGex).problems
        #expect(problems.count == 1 && problems[0].line == 0 && problems[0].reason.contains("sept"), "\(problems)")
    }
}
