// ShippedTerritoryTests: the territory files Relais ships are what their sources say: every
// commune has its INSEE code and name of the Code officiel géographique 2026 (the extract of
// Tests/Fixtures/cog, Licence Ouverte 2.0), the CPTS du Haut-Chablais has the 18 communes of its
// founding press release, and Pays de Gex keeps the values Relais has always served it with.

import Foundation
import RelaisCore
import Testing

@Suite struct ShippedTerritoryTests {
    /// COG 2026 communes of départements 01 and 74: INSEE code → name as written (LIBELLE).
    static let cog: [String: String] = {
        let url = Territory.shippedFolder.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/Fixtures/cog/communes-01-74.csv")
        let lines = try! String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let (type, code, name) = (header.firstIndex(of: "TYPECOM")!, header.firstIndex(of: "COM")!, header.firstIndex(of: "LIBELLE")!)
        var result: [String: String] = [:]
        for line in lines.dropFirst() {
            // No field of these rows is quoted (names carry no comma): a plain split reads them.
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if fields[type] == "COM" { result[fields[code]] = fields[name] }
        }
        return result
    }()

    @Test(arguments: ["pays-de-gex", "haut-chablais"])
    func everyCommuneHasItsCOG2026CodeAndName(file: String) {
        let territory = Territory.shipped(file)
        #expect(Self.cog.count > 600)
        for commune in territory.communes {
            #expect(Self.cog[commune.code] == commune.name, "\(file): \(commune.code) \(commune.name)")
        }
    }

    @Test func hautChablaisHasTheEighteenCommunesOfThePressRelease() throws {
        let territory = Territory.shipped("haut-chablais")
        // As the press release of 26 September 2022 lists them (it writes Evian without its accent).
        let listed = [
            "Bernex", "Champanges", "Chevenoz", "Evian-les-Bains", "Féternes", "Thollon-les-Mémises", "Saint-Gingolph", "Novel",
            "Meillerie", "Lugrin", "Saint-Paul-en-Chablais", "Maxilly-sur-Léman", "Neuvecelle", "Larringes", "Publier", "Vinzier",
            "Marin", "Thonon-les-Bains",
        ]
        #expect(territory.communes.count == 18)
        #expect(Set(listed.compactMap { territory.commune(named: $0)?.code }).count == 18)
        #expect(territory.organiser == "CPTS du Haut-Chablais")
        #expect(territory.departement == "74")
        #expect(territory.neighbourhoods.isEmpty)
        #expect(territory.shuttleDestination == nil)
        for short in ["Evian", "Thonon", "St Gingolph", "St Paul", "Maxilly", "Thollon"] {
            #expect(territory.commune(named: short) != nil, "\(short)")
        }
        #expect(try PhoneNumber(parsing: "+41 79 123 45 67", plan: territory.phonePlan).e164 == "+41791234567")
    }

    @Test func paysDeGexKeepsItsValues() {
        let territory = Territory.paysDeGex
        #expect(territory.communes.count == 27)
        #expect(territory.neighbourhoods.map(\.name) == ["Levant-Tattes", "Jacques Prévert"])
        #expect(territory.neighbourhoods.map(\.commune) == ["ferney-voltaire", "saint-genis-pouilly"])
        #expect(territory.neighbourhoods.allSatisfy { $0.code == nil })
        #expect(territory.organiser == "Pays de Gex agglo")
        #expect(territory.contract == "Contrat territorial de santé du Pays de Gex 2023-2028")
        #expect(territory.shuttleDestination == "Centre de santé publique, Centre hospitalier de Bourg-en-Bresse (Fleyriat)")
        #expect(territory.holidayRegion == .metropole)
        #expect(territory.timeZone == "Europe/Paris")
        #expect(territory.phonePlan == PhonePlan(borderCountries: [.switzerland]))
        #expect(territory.commune(named: "St Genis")?.code == "01354")
    }

    @Test func theConfigurationTakesTheTerritorysZoneAndHolidaysUnlessItOverridesTheZone() throws {
        let reunion = try TerritoryFile.parse(
            "[territory]\nname = Nord\ndepartement = 974\n[communes]\n97411 = Saint-Denis\n", fileName: "reunion.conf")
        let applied = Configuration().applying(territory: reunion)
        #expect(applied.timeZone == "Indian/Reunion")
        #expect(applied.smsWindow.holidayRegion == .reunion)
        #expect(applied.shuttle.rules.holidayRegion == .reunion)
        let overridden = try Configuration.parse("[territory]\ntime_zone = Europe/Paris\n", fileName: "relais.conf")
        #expect(overridden.applying(territory: reunion).timeZone == "Europe/Paris")
        let named = try Configuration.parse("[territory]\nfile = Config/territories/haut-chablais.conf\n", fileName: "relais.conf")
        #expect(named.territoryFile == "Config/territories/haut-chablais.conf")
    }
}
