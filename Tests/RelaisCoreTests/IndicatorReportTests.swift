import Foundation
import Testing

@testable import RelaisCore

/// Nine events of 2027 with their people, and every indicator worked out by hand.
///
///   uid  sheets  categories             commune (QPV)                  PS  sessions        reg  att
///   a    7       screening              Ferney-Voltaire (Levant-Tattes) 3  9 Mar             14   12  all 14 reminded, 12 of them came
///   b    7       vaccination            Gex                             2  13 Oct, 20 Oct    15   13
///   c    7       screening,vaccination  Saint-Genis (Jacques Prévert)   1  8 Jun              4    3
///   d    7,11    transport              Gex                             0  13 Apr             2    2  (relayed, not screening)
///   e    7,12    screening,violence     Saint-Genis                     2  8 Mar             13   11
///   f    12      violence,awareness     Gex                             1  10 Mar             5    5
///   g    14      tobacco,awareness      Ferney "Espace sans tabac"      1  9 Nov             14   14  12 aged 0-17, all came
///   h    14      tobacco "Mois sans tabac" Gex                          1  16 Nov, 23 Nov     3    2  all 18-25
///   i    7       screening              outside the territory           0  4 May              0    0
struct IndicatorFixture {
    static let calendar = LocalTime.paris.calendar
    static func day(_ text: String) -> Date { LocalTime.paris.parse(text)! }

    static let data = IndicatorData(
        events: [
            IndicatorEvent(
                uid: "a", campaign: "mars-bleu", summary: "Dépistage au Levant-Tattes", commune: "01160",
                neighbourhood: "levant-tattes", categories: [.screening], actionSheets: [7], professionals: 3,
                sessions: [day("2027-03-09T09:00")],
                people: PeopleTally(registered: 14, attended: 12, registeredReminded: 14, attendedReminded: 12)),
            IndicatorEvent(
                uid: "b", campaign: "grippe", summary: "Vaccination à Gex", commune: "01173", categories: [.vaccination], actionSheets: [7],
                professionals: 2, sessions: [day("2027-10-13T09:00"), day("2027-10-20T09:00")],
                people: PeopleTally(registered: 15, attended: 13)),
            IndicatorEvent(
                uid: "c", campaign: "juin-vert", summary: "Dépistage et vaccination à Jacques Prévert", commune: "01354",
                neighbourhood: "jacques-prevert", categories: [.screening, .vaccination], actionSheets: [7], professionals: 1,
                sessions: [day("2027-06-08T09:00")], people: PeopleTally(registered: 4, attended: 3)),
            IndicatorEvent(
                uid: "d", campaign: "navettes", summary: "Navette EPS", commune: "01173", categories: [.transport], actionSheets: [7, 11],
                sessions: [day("2027-04-13T07:30")], people: PeopleTally(registered: 2, attended: 2)),
            IndicatorEvent(
                uid: "e", campaign: "8-mars", summary: "Soirée 8 mars", commune: "01354",
                categories: [.screening, .violence],
                actionSheets: [7, 12], professionals: 2, sessions: [day("2027-03-08T18:00")],
                people: PeopleTally(registered: 13, attended: 11)),
            IndicatorEvent(
                uid: "f", campaign: "8-mars", summary: "Ciné-débat", commune: "01173", categories: [.violence, .awareness],
                actionSheets: [12],
                professionals: 1, sessions: [day("2027-03-10T20:00")], people: PeopleTally(registered: 5, attended: 5)),
            IndicatorEvent(
                uid: "g", campaign: "tabac", summary: "Espace sans tabac au collège", location: "Parvis du collège de Ferney",
                commune: "01160", categories: [.tobacco, .awareness], labels: ["Espace sans tabac"], actionSheets: [14],
                professionals: 1, sessions: [day("2027-11-09T12:00")],
                people: PeopleTally(
                    registered: 14, attended: 14, registeredByAgeGroup: ["0-17": 12, "26-49": 2],
                    attendedByAgeGroup: ["0-17": 12, "26-49": 2])),
            IndicatorEvent(
                uid: "h", campaign: "tabac", summary: "Atelier Mois sans tabac", commune: "01173", categories: [.tobacco],
                labels: ["Mois sans tabac"],
                actionSheets: [14], professionals: 1, sessions: [day("2027-11-16T18:00"), day("2027-11-23T18:00")],
                people: PeopleTally(registered: 3, attended: 2, registeredByAgeGroup: ["18-25": 3], attendedByAgeGroup: ["18-25": 2])),
            IndicatorEvent(
                uid: "i", campaign: "mars-bleu", summary: "Stand à Genève", categories: [.screening], actionSheets: [7],
                sessions: [day("2027-05-04T10:00")]),
        ],
        campaignNames: ["mars-bleu": "Mars bleu 2027"],
        reminders: [ReminderTally(channel: .sms, sent: 12, failed: 0), ReminderTally(channel: .email, sent: 14, failed: 4)])

    static var report: IndicatorReport {
        let year = ReportPeriod.year(2027, calendar: calendar)!
        return Indicators.report(
            data, period: year, countedUntil: year.end, options: IndicatorOptions(territory: .paysDeGex))
    }
}

extension PublishedReport {
    func value(_ table: String, _ row: String, _ column: String) -> PublishedValue? {
        for section in sections {
            guard let found = section.tables.first(where: { $0.id == table }),
                let columnIndex = found.columns.firstIndex(where: { $0.id == column }),
                let line = found.rows.first(where: { $0.id == row })
            else { continue }
            return line.values[columnIndex]
        }
        return nil
    }
}

@Suite struct IndicatorReportTests {
    let raw = IndicatorFixture.report.published(masked: false)
    let masked = IndicatorFixture.report.published(masked: true)

    @Test func fa7CountsSessionsProfessionalsRelayedActionsAndPeopleAsWorkedOutByHand() {
        // S7 = a, b, c, e, i: sessions 1 + 2 + 1 + 1 + 1 = 6; PS 3 + 2×2 + 1 + 2 + 0 = 10.
        #expect(raw.value("fa7-indicateurs", "evenements", "valeur") == .count(6))
        #expect(raw.value("fa7-indicateurs", "ps-mobilises", "valeur") == .count(10))
        // FA 7 actions in a commune of the territory: a, b, c, d, e (i is outside).
        #expect(raw.value("fa7-indicateurs", "actions-relayees", "valeur") == .count(5))
        #expect(raw.value("fa7-indicateurs", "inscriptions", "valeur") == .count(46))  // 14 + 15 + 4 + 13 + 0
        #expect(raw.value("fa7-indicateurs", "presences", "valeur") == .count(39))  // 12 + 13 + 3 + 11 + 0
        // Categories: screening only a, e, i (3 sessions); vaccination only b (2); both c (1).
        #expect(raw.value("fa7-par-mois", "total", "depistage") == .count(3))
        #expect(raw.value("fa7-par-mois", "total", "vaccination") == .count(2))
        #expect(raw.value("fa7-par-mois", "total", "depistage-et-vaccination") == .count(1))
        #expect(raw.value("fa7-par-mois", "2027-10", "total") == .count(2))
        #expect(raw.value("fa7-par-mois", "2027-03", "ps-mobilises") == .count(5))  // a 3 + e 2
        #expect(raw.value("fa7-par-commune", "hors-territoire", "total") == .count(1))
        #expect(raw.value("fa7-par-commune", "saint-genis-pouilly", "total") == .count(2))
    }

    @Test func fa7SplitsTheQPVsFromElsewhereByWhereTheEventTakesPlace() {
        #expect(raw.value("fa7-qpv", "levant-tattes", "inscrits") == .count(14))
        #expect(raw.value("fa7-qpv", "jacques-prevert", "presents") == .count(3))
        #expect(raw.value("fa7-qpv", "hors-qpv", "seances") == .count(4))  // b twice, e, i
        #expect(raw.value("fa7-qpv", "hors-qpv", "inscrits") == .count(28))  // 15 + 13 + 0
        #expect(raw.value("fa7-qpv", "total", "ps-mobilises") == .count(10))
    }

    @Test func fa12AndFa14AsWorkedOutByHand() {
        #expect(raw.value("fa12-indicateurs", "actions", "valeur") == .count(2))  // e, f
        #expect(raw.value("fa12-indicateurs", "presences", "valeur") == .count(16))  // 11 + 5
        #expect(raw.value("fa14-indicateurs", "jeunes-touches", "valeur") == .count(12))  // g's 0-17 (h is not an awareness action)
        #expect(raw.value("fa14-indicateurs", "espaces-sans-tabac", "valeur") == .count(1))
        #expect(raw.value("fa14-indicateurs", "actions-de-prevention", "valeur") == .count(3))  // g once, h twice
        #expect(raw.value("fa14-indicateurs", "participants-mois-sans-tabac", "valeur") == .count(2))
        #expect(raw.value("fa14-jeunes", "0-17", "inscrits") == .count(12))
        #expect(raw.value("fa14-jeunes", "18-25", "inscrits") == .count(0))
    }

    @Test func outreachSplitsPresenceByReminder() {
        // All events: 70 registered, 62 present; with a reminder: a's 14 and 12.
        #expect(raw.value("presence-avec-et-sans-rappel", "total", "inscrits") == .count(70))
        #expect(raw.value("presence-avec-et-sans-rappel", "sans-rappel", "presents") == .count(50))
        #expect(raw.value("presence-avec-et-sans-rappel", "avec-rappel", "taux-de-presence") == .percent(12.0 * 100 / 14))
        #expect(raw.value("rappels-par-canal", "total", "envoyes") == .count(26))
        #expect(raw.value("rappels-par-canal", "email", "en-echec") == .count(4))
    }

    @Test func theMaskedReportHidesSmallCountsAndWhatWouldRebuildThem() {
        #expect(masked.value("fa7-qpv", "jacques-prevert", "inscrits") == .masked(.primary))
        #expect(masked.value("fa7-par-evenement", "c", "presents") == .masked(.primary))
        // Jacques Prévert's 4 could be rebuilt from 46 - 14 - 28 unless a second row is masked.
        let qpv = ["levant-tattes", "hors-qpv", "total"].filter { masked.value("fa7-qpv", $0, "inscrits") == .masked(.secondary) }
        #expect(!qpv.isEmpty)
        // The 4 e-mails that failed, and so the failed total.
        #expect(masked.value("rappels-par-canal", "email", "en-echec") == .masked(.primary))
        #expect(masked.value("rappels-par-canal", "total", "en-echec") == .masked(.primary))
        #expect(masked.value("fa7-indicateurs", "evenements", "valeur") == .count(6))  // public counts stay
        // No count of people from 1 to 10 anywhere, and nothing masked can be recomputed.
        let report = IndicatorFixture.report
        let hidden = CellSuppression.suppress(report.problem)
        for key in report.problem.publishedKeys where !hidden.contains(key) {
            #expect(!(1...10).contains(report.problem.value(of: key)!), "\(key) shown")
        }
        #expect(CellSuppression.disclosed(in: report.problem, masked: hidden).isEmpty)
    }

    @Test func aSectionAloneIsMaskedAsInTheWholeReport() {
        let alone = IndicatorFixture.report.published(masked: true, sections: [.fa7])
        #expect(alone.sections.map(\.id) == [.fa7])
        #expect(alone.sections[0] == masked.sections[0])
    }

    @Test func youngPeopleCanBeCountedUnder18Only() {
        let year = ReportPeriod.year(2027, calendar: IndicatorFixture.calendar)!
        let report = Indicators.report(
            IndicatorFixture.data, period: year, countedUntil: year.end,
            options: IndicatorOptions(territory: .paysDeGex, youngUnder: 18)
        )
        .published(masked: false)
        #expect(report.value("fa14-jeunes", "18-25", "inscrits") == nil)
        #expect(report.value("fa14-indicateurs", "jeunes-touches", "valeur") == .count(12))
    }

    @Test func fa11SaysItIsNotAvailable() {
        let section = raw.sections.first { $0.id == .fa11 }
        #expect(section?.unavailable?.hasPrefix("Non disponible") == true)
        #expect(section?.tables.isEmpty == true)
    }

    @Test func fa11CountsTheShuttleBookingsPerCCASAndMasksThemAlongRowsAndColumns() {
        var data = IndicatorFixture.data
        data.transport = TransportData(
            runs: 2, runsWithPassengers: 1,
            byCommune: [
                TransportTally(commune: "01173", completed: 12, noShow: 1, cancelled: 1, waitlisted: 1, confirmed: 1, companions: 1),
                TransportTally(commune: "01071", completed: 1, noShow: 1, confirmed: 1),
            ])
        let year = ReportPeriod.year(2027, calendar: IndicatorFixture.calendar)!
        let report = Indicators.report(
            data, period: year, countedUntil: year.end, options: IndicatorOptions(territory: .paysDeGex))
        let raw = report.published(masked: false)
        #expect(raw.value("fa11-indicateurs", "personnes-transportees", "valeur") == .count(13))
        #expect(raw.value("fa11-indicateurs", "situations-traitees", "valeur") == .count(19))  // 16 + 3
        #expect(raw.value("fa11-situations-par-ccas", "cessy", "situations") == .count(3))
        let masked = report.published(masked: true)
        #expect(masked.value("fa11-situations-par-ccas", "gex", "absentes") == .masked(.primary))
        #expect(CellSuppression.disclosed(in: report.problem, masked: CellSuppression.suppress(report.problem)).isEmpty)
    }

    @Test func aPeriodWithoutSessionsIsEmpty() {
        let year = ReportPeriod.year(2025, calendar: IndicatorFixture.calendar)!
        let report = Indicators.report(
            IndicatorData(events: []), period: year, countedUntil: year.end, options: IndicatorOptions(territory: .paysDeGex)
        ).published(masked: true)
        #expect(report.heading.isEmpty && report.sections.isEmpty)
    }
}
