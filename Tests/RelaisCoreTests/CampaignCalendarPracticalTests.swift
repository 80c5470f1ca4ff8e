import Foundation
import Testing

@testable import RelaisCore

/// X-RELAIS-NOTE and X-RELAIS-CONTACT read from a calendar: the event's contact, else the calendar's.
@Suite struct CampaignCalendarPracticalTests {
    let start = LocalTime.paris.parse("2027-03-30T09:00")!

    func judge(calendar: [String: String], events: [[String: String]]) throws(CalendarValidationError) -> CampaignCalendarContent {
        let document = CalendarDocument(
            properties: ["X-RELAIS-CAMPAIGN": "mars-bleu-2027", "X-RELAIS-FA": "7"].merging(calendar) { $1 },
            events: events.enumerated().map { index, extensions in
                CalendarEvent(
                    uid: "e\(index)@relais", line: 10 + index, summary: "Stand Mars bleu", description: "Dépistage gratuit.",
                    categories: ["screening"], timeZone: "Europe/Paris", extensions: extensions,
                    occurrences: [CalendarOccurrence(recurrenceKey: "", start: start, end: start + 3600)])
            })
        return try CampaignCalendar.judge(document, fileName: "mars.ics", territory: .paysDeGex)
    }

    @Test func theEventsContactComesBeforeTheCalendarsAndTheNoteIsKept() throws {
        let content = try judge(
            calendar: ["X-RELAIS-CONTACT": "Coordination, 04 50 00 00 01"],
            events: [["X-RELAIS-CONTACT": "CCAS de Gex, 04 50 41 00 00", "X-RELAIS-NOTE": "Apportez votre carte Vitale."], [:]])
        #expect(content.events[0].practical
            == PracticalWords(note: "Apportez votre carte Vitale.", description: "Dépistage gratuit.", contact: "CCAS de Gex, 04 50 41 00 00"))
        #expect(content.events[1].practical == PracticalWords(description: "Dépistage gratuit.", contact: "Coordination, 04 50 00 00 01"))
        let bare = try judge(calendar: [:], events: [[:]])
        #expect(bare.events[0].practical.contact == nil)
    }

    @Test func aContactOnTwoLinesOrTooLongIsRefusedWhereItIsWritten() {
        let onEvent = #expect(throws: CalendarValidationError.self) {
            try judge(calendar: [:], events: [["X-RELAIS-CONTACT": "CCAS\nde Gex"]])
        }
        #expect(onEvent?.description.hasPrefix("mars.ics:10: event e0@relais: X-RELAIS-CONTACT") == true, "\(String(describing: onEvent))")
        let onCalendar = #expect(throws: CalendarValidationError.self) {
            try judge(calendar: ["X-RELAIS-CONTACT": String(repeating: "x", count: 121)], events: [[:]])
        }
        #expect(onCalendar?.description.contains("X-RELAIS-CONTACT: is 121 characters long") == true, "\(String(describing: onCalendar))")
    }
}
