// TerritoryWordingTests: what the core says about a territory comes from the Territory value: the
// shuttle's default destination (or a clear refusal when there is none), the FA 11 sheet's words,
// the sender names made from the organiser, the typical values doctor estimates SMS sizes with.

import Foundation
import Testing

@testable import RelaisCore

/// A second territory, as its file describes it: no shuttle destination is known for it.
let hautChablais = Territory(
    name: "CPTS du Haut-Chablais", organiser: "CPTS du Haut-Chablais", contract: "Projet de santé de la CPTS du Haut-Chablais",
    departement: "74", communes: [Commune(name: "Évian-les-Bains", code: "74119"), Commune(name: "Thonon-les-Bains", code: "74281")],
    neighbourhoods: [])

@Suite struct TerritoryWordingTests {
    @Test func aTransportEventWithoutDestinationTakesTheTerritorysOrIsRefusedByName() throws {
        let line = try ShuttleCalendarProperties.line(
            [:], commune: "gex", location: "Mairie", capacity: 8, firstMinute: 450, durationMinutes: 330, settings: ShuttleSettings(),
            territory: .paysDeGex)
        #expect(line.destination == Territory.paysDeGex.shuttleDestination)
        let error = #expect(throws: FieldError.self) {
            try ShuttleCalendarProperties.line(
                [:], commune: "evian-les-bains", location: "Mairie", capacity: 8, firstMinute: 450, durationMinutes: 330,
                settings: ShuttleSettings(), territory: hautChablais)
        }
        #expect(error?.field == "X-RELAIS-DESTINATION")
        #expect(error?.reason.contains("no destination") == true)
        var settings = ShuttleSettings()
        settings.destination = "Hôpitaux du Léman"
        let configured = try ShuttleCalendarProperties.line(
            [:], commune: "evian-les-bains", location: "Mairie", capacity: 8, firstMinute: 450, durationMinutes: 330,
            settings: settings, territory: hautChablais)
        #expect(configured.destination == "Hôpitaux du Léman")
        let given = try ShuttleCalendarProperties.line(
            ["X-RELAIS-DESTINATION": "Centre d'examens de santé"], commune: "evian-les-bains", location: "Mairie", capacity: 8,
            firstMinute: 450, durationMinutes: 330, settings: settings, territory: hautChablais)
        #expect(given.destination == "Centre d'examens de santé")
    }

    @Test func theShuttleSheetNamesTheTerritorysDestinationOrNone() throws {
        let year = ReportPeriod.year(2027, calendar: LocalTime.paris.calendar)!
        var data = IndicatorData(
            events: [
                IndicatorEvent(
                    uid: "n", campaign: "navettes", summary: "Navette", commune: "evian-les-bains", categories: [.transport],
                    actionSheets: [11], sessions: [LocalTime.paris.parse("2027-04-13T07:30")!])
            ])
        let gone = Indicators.report(data, period: year, countedUntil: year.end, options: IndicatorOptions(territory: hautChablais))
        let unavailable = try #require(gone.sections.first { $0.id == .fa11 }?.unavailable)
        #expect(unavailable.hasPrefix("Non disponible : cette base ne contient pas les réservations de la navette."))
        data.transport = TransportData(
            runs: 1, runsWithPassengers: 1, byCommune: [TransportTally(commune: "evian-les-bains", completed: 12)])
        for (territory, label) in [
            (hautChablais, "Personnes transportées par la navette"),
            (Territory.paysDeGex, "Personnes transportées par la navette (destination : \(Territory.paysDeGex.shuttleDestination!))"),
        ] {
            let report = Indicators.report(data, period: year, countedUntil: year.end, options: IndicatorOptions(territory: territory))
            let table = report.sections.first { $0.id == .fa11 }?.tables.first { $0.id == "fa11-indicateurs" }
            #expect(table?.rows.first { $0.id == "personnes-transportees" }?.label == label)
        }
    }

    @Test func sendersAreMadeFromTheOrganiserUnlessConfigured() throws {
        #expect(Territory.paysDeGex.smsSender == "PaysDeGex", "the default territory's sender is unchanged")
        #expect(hautChablais.smsSender == "CPTSDuHaut")
        #expect(hautChablais.emailFromName == "CPTS du Haut-Chablais – Prévention santé")
        for territory in [Territory.paysDeGex, hautChablais] {
            #expect(territory.smsSender.count <= Territory.smsSenderLength)
            #expect(territory.smsSender.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        }
        let configured = try Configuration.parse("[email]\nfrom_name = Prévention\n[sms]\nsender = Chablais\n", fileName: "relais.conf")
        #expect(configured.emailFromName(in: hautChablais) == "Prévention")
        #expect(configured.smsSender(in: hautChablais) == "Chablais")
        #expect(Configuration().smsSender(in: hautChablais) == "CPTSDuHaut")
    }

    @Test func settingTheSenderAddressMovesTheUnsubscribeAddressUnlessItIsSet() throws {
        let moved = try Configuration.parse("[email]\nfrom = prevention@cpts-chablais.fr\n", fileName: "relais.conf")
        #expect(moved.unsubscribeMailto == "prevention@cpts-chablais.fr")
        let own = try Configuration.parse(
            "[email]\nunsubscribe_mailto = stop@cpts-chablais.fr\nfrom = prevention@cpts-chablais.fr\n", fileName: "relais.conf")
        #expect(own.unsubscribeMailto == "stop@cpts-chablais.fr")
    }

    @Test func typicalValuesSignWithTheGivenTerritoryOrANeutralOne() {
        let neutral = TemplateSet.typicalValues(kind: .shuttleReminder, language: .french, channel: .sms)
        #expect(neutral["territory"] == TemplateSet.typicalTerritory)
        #expect(neutral["destination"] == PlaceholderGroup.typicalDestination)
        let signed = TemplateSet.typicalValues(kind: .reminder, language: .french, channel: .sms, territory: hautChablais.organiser)
        #expect(signed["territory"] == "CPTS du Haut-Chablais")
    }
}
