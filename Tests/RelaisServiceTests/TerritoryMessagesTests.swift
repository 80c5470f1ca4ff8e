// TerritoryMessagesTests: every message the shipped templates (Config/templates) write is signed
// by the territory's organiser, through the real MessageWriter: for the CPTS du Haut-Chablais it
// names the CPTS and never Pays de Gex; for the default territory it stays "Pays de Gex agglo".

import Foundation
import RelaisCore
import RelaisService
import Testing

@testable import RelaisStore

@Suite struct TerritoryMessagesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(arguments: ["CPTS du Haut-Chablais", "Pays de Gex agglo"])
    func everyShippedMessageIsSignedByTheTerritorysOrganiser(organiser: String) throws {
        let templates = try TemplateFiles.load(directory: Self.repository.appendingPathComponent("Config/templates").path).set
        let calendar = LocalTime.paris.calendar
        let writer = MessageWriter(
            templates: templates, stopText: Configuration().stopText, unsubscribe: nil, calendar: calendar, territory: organiser,
            contacts: Configuration().contacts)
        let start = try #require(LocalTime.paris.parse("2027-10-12T09:00"))
        var written = 0
        for kind in MessageKind.allCases {
            for language in Language.allCases {
                for channel in Channel.allCases {
                    var claimed = ClaimedMessage(
                        id: 1, key: "k", kind: kind, channel: channel, recipient: "+33612345678", name: "Anne Dupont",
                        language: language, attempts: 1, event: "Octobre rose : dépistage", campaign: "Octobre rose 2027",
                        location: "Mairie", start: start, previousStart: kind == .moved ? start.addingTimeInterval(-86_400) : nil,
                        firstAttempt: start, deadline: start,
                        shuttle: kind.isAboutShuttle
                            ? ShuttleMessageFacts(destination: "Centre d'examens", arrival: start, returnDeparture: start, fareCents: 150)
                            : nil)
                    if kind.descriptor.placeholders.contains(.waitlist) { claimed.position = 2 }
                    let message = try #require(writer.message(for: claimed))
                    let signature = channel == .sms ? SMSAlphabet.gsm.written(organiser) : organiser
                    #expect(message.body.contains(signature), "\(kind.rawValue).\(language.rawValue).\(channel.rawValue)")
                    if organiser != "Pays de Gex agglo" {
                        #expect(!message.body.contains("Gex") && !message.subject.contains("Gex"), "\(message.body)")
                    }
                    written += 1
                }
            }
        }
        #expect(written == MessageKind.allCases.count * Language.allCases.count * Channel.allCases.count)
    }

    @Test func aShuttleRunWithoutCampaignIsSignedByTheStoresTerritory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("relais-territory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let territory = Territory(
            name: "CPTS du Haut-Chablais", departement: "74", communes: [Commune(name: "Évian-les-Bains", code: "74119")],
            neighbourhoods: [])
        let store = try Store.open(path: directory.appendingPathComponent("relais.sqlite").path, territory: territory)
        #expect(store.territory.organiser == "CPTS du Haut-Chablais")
        let context = ShuttleContext(
            settings: ShuttleSettings(), outreach: OutreachRules(), now: try #require(LocalTime.paris.parse("2027-10-01T10:00")),
            localTime: LocalTime.paris, territory: territory)
        let stops = try ShuttleStopText.list(["07:30 Evian, Mairie"], field: "--stop", territory: territory)
        _ = try store.addShuttleRun(
            ShuttleRunForm(
                label: "Navette", day: try #require(LocalTime.paris.parse("2027-10-12")), stops: stops, arrivalMinute: 540,
                returnMinute: 690, vehicle: ShuttleVehicle(), destination: "Centre d'examens", ccasQuota: nil),
            context: context)
        let facts = try store.messageFacts(fares: [0])
        #expect(facts.count == 2, "the run's outbound and return legs")
        #expect(facts.allSatisfy { $0.organiser == "CPTS du Haut-Chablais" })
    }
}
