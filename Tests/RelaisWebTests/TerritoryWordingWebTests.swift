// TerritoryWordingWebTests: the report's title names the territory's contract in every format, and
// the reply to a first SMS STOP is signed by the territory's organiser.

import Foundation
import RelaisCore
import RelaisReports
import Testing

@testable import RelaisWeb

@Suite struct TerritoryWordingWebTests {
    static let chablais = Territory(
        name: "CPTS du Haut-Chablais", contract: "Projet de santé de la CPTS du Haut-Chablais", departement: "74",
        communes: [Commune(name: "Thonon-les-Bains", code: "74281")], neighbourhoods: [])

    @Test func theReportTitleNamesTheTerritorysContractInEveryFormat() throws {
        let year = try #require(ReportPeriod.year(2027, calendar: LocalTime.paris.calendar))
        let report = Indicators.report(
            IndicatorData(events: []), period: year, countedUntil: year.end, options: IndicatorOptions(territory: Self.chablais)
        ).published(masked: true)
        let wording = ReportWording(localTime: .paris, generatedAt: year.end, territory: Self.chablais)
        #expect(wording.title == "Projet de santé de la CPTS du Haut-Chablais — indicateurs de participation")
        for format in [ReportFormat.csv, .json, .html, .table] {
            let text = Reports.render(report, as: format, wording)
            #expect(text.contains("Projet de santé de la CPTS du Haut-Chablais"), "\(format)")
            #expect(!text.contains("Gex"), "\(format)")
        }
        let gex = ReportWording(localTime: .paris, generatedAt: year.end, territory: .paysDeGex)
        #expect(gex.title == "Contrat territorial de santé du Pays de Gex 2023-2028 — indicateurs de participation")
    }

    @Test func theStopReplyIsSignedByTheOrganiserInOneGSMSegment() {
        let settings = GatewaySettings(secret: String(repeating: "s", count: 16), allowedAddresses: [], phonePlan: .france, organiser: "CPTS du Haut-Chablais")
        #expect(settings.stopConfirmation.hasPrefix("CPTS du Haut-Chablais: vous ne recevrez plus nos SMS de prevention."))
        let accented = GatewaySettings.stopConfirmation(organiser: "Communauté de communes du Pays d'Évian")
        #expect(SMSText.segments(of: accented).encoding == .gsm7)
        #expect(SMSText.segments(of: accented).segments == 1)
        #expect(GatewaySettings.stopConfirmation(organiser: "Pays de Gex agglo").hasPrefix("Pays de Gex agglo: "))
    }
}
