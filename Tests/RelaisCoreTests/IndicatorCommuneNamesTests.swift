// Reports group by the territory's communes, stored by INSEE code and shown by name: rows in the
// order of the names, row ids the slugs reports always had, and a code the territory no longer
// lists (a commune merged away) under the last name the database knew for it.

import Foundation
import Testing

@testable import RelaisCore

@Suite struct IndicatorCommuneNamesTests {
    static func day(_ text: String) -> Date { LocalTime.paris.parse(text)! }

    static var report: PublishedReport {
        var data = IndicatorData(
            events: [
                IndicatorEvent(
                    uid: "a", campaign: "c", summary: "Stand à Gex", commune: "01173", categories: [.screening], actionSheets: [7],
                    sessions: [day("2027-03-09T10:00")], people: PeopleTally(registered: 12, attended: 11)),
                IndicatorEvent(
                    uid: "b", campaign: "c", summary: "Stand", commune: "01999", categories: [.screening], actionSheets: [7],
                    sessions: [day("2027-03-10T10:00")], people: PeopleTally(registered: 11, attended: 11)),
                IndicatorEvent(
                    uid: "c", campaign: "c", summary: "Stand à Cessy", commune: "01071", categories: [.screening], actionSheets: [7],
                    sessions: [day("2027-03-11T10:00")], people: PeopleTally(registered: 13, attended: 12)),
            ],
            transport: TransportData(
                runs: 1, runsWithPassengers: 1,
                byCommune: [
                    TransportTally(commune: "01999", completed: 12), TransportTally(commune: "01173", completed: 11),
                ]))
        data.communeNames = ["01173": "Gex", "01071": "Cessy", "01999": "Ancienne-Commune"]
        let year = ReportPeriod.year(2027, calendar: LocalTime.paris.calendar)!
        return Indicators.report(data, period: year, countedUntil: year.end).published(masked: false)
    }

    func rows(_ table: String) -> [(id: String, label: String)] {
        for section in Self.report.sections {
            if let found = section.tables.first(where: { $0.id == table }) { return found.rows.map { ($0.id, $0.label) } }
        }
        return []
    }

    @Test func communesAreRowsByNameWithTheirSlugsAndADroppedOneKeepsItsLastName() {
        #expect(rows("fa7-par-commune").map(\.id) == ["ancienne-commune", "cessy", "gex", "total"])
        #expect(rows("fa7-par-commune").map(\.label) == ["Ancienne-Commune", "Cessy", "Gex", "Total"])
        #expect(Self.report.value("fa7-par-commune", "ancienne-commune", "total") == .count(1))
        #expect(rows("fa11-situations-par-ccas").map(\.id) == ["ancienne-commune", "gex", "total"])
        #expect(rows("fa11-situations-par-ccas").first?.label == "CCAS de Ancienne-Commune")
        #expect(Self.report.value("fa11-situations-par-ccas", "ancienne-commune", "situations") == .count(12))
    }
}
