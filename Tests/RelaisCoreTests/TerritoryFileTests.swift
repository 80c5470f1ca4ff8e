// TerritoryFileTests: the territory file's reader: a valid file gives its Territory, with the
// defaults it leaves to the département; every kind of mistake is refused with its file and line,
// all of them in one reading.

import Foundation
import RelaisCore
import Testing

@Suite struct TerritoryFileTests {
    static let valid = """
        # A test territory.
        [territory]
        name = CPTS du Haut-Chablais
        organiser = CPTS du Haut-Chablais
        contract = Accord de test
        departement = 74
        phone_countries = +41, +39

        [communes]
        74119 = Évian-les-Bains | Evian
        74281 = Thonon-les-Bains | Thonon

        [neighbourhoods]
        Collonges-Sainte-Hélène = 74281 | QN07401M
        """

    @Test func aValidFileGivesItsTerritoryAndTheDefaultsOfItsDepartement() throws {
        let territory = try TerritoryFile.parse(Self.valid, fileName: "test.conf")
        #expect(territory.name == "CPTS du Haut-Chablais")
        #expect(territory.contract == "Accord de test")
        #expect(territory.departement == "74")
        #expect(territory.holidayRegion == .metropole)
        #expect(territory.timeZone == "Europe/Paris")
        #expect(territory.shuttleDestination == nil)
        #expect(territory.communes.map(\.code) == ["74119", "74281"])
        #expect(territory.commune(named: "evian")?.code == "74119")
        #expect(territory.commune(named: "THONON")?.name == "Thonon-les-Bains")
        #expect(
            territory.neighbourhoods == [
                PriorityNeighbourhood(name: "Collonges-Sainte-Hélène", commune: "Thonon-les-Bains", code: "QN07401M")
            ])
        #expect(try PhoneNumber(parsing: "+41 79 123 45 67", plan: territory.phonePlan).e164 == "+41791234567")
        #expect(try PhoneNumber(parsing: "+39 02 1234 5678", plan: territory.phonePlan).e164 == "+390212345678")
        #expect(try PhoneNumber(parsing: "0692 12 34 56", plan: territory.phonePlan).e164 == "+262692123456")
    }

    @Test func overseasAndAlsaceMoselleTakeTheirRegionAndZoneFromTheDepartement() throws {
        let reunion = try TerritoryFile.parse(
            "[territory]\nname = Nord\ndepartement = 974\n[communes]\n97411 = Saint-Denis\n", fileName: "reunion.conf")
        #expect(reunion.holidayRegion == .reunion)
        #expect(reunion.timeZone == "Indian/Reunion")
        let strasbourg = try TerritoryFile.parse(
            "[territory]\nname = Eurométropole\ndepartement = 67\n[communes]\n67482 = Strasbourg\n", fileName: "s.conf")
        #expect(strasbourg.holidayRegion == .alsaceMoselle)
        #expect(strasbourg.organiser == "Eurométropole")
    }

    @Test func aTerritoryMayDeclareSeveralDepartements() throws {
        let text = "[territory]\nname = Genevois\ndepartement = 01, 74\n[communes]\n01173 = Gex\n74281 = Thonon-les-Bains\n"
        let territory = try TerritoryFile.parse(text, fileName: "g.conf")
        #expect(territory.departement == "01")
        #expect(territory.communes.count == 2)
    }

    /// Each mistake with the line it is refused on and words of its reason.
    @Test(arguments: [
        ("[territory]\nname = X\ndepartement = 74\ncolour = blue\n[communes]\n74119 = Évian-les-Bains\n", 4, "unknown key colour"),
        ("[territory]\nname = X\ndepartement = 74\n[communes]\n74119 = Évian-les-Bains\n74119 = Evian\n", 6, "given twice"),
        ("[territory]\nname = X\ndepartement = 74\n[communes]\n7411 = Évian-les-Bains\n", 5, "not an INSEE commune code"),
        ("[territory]\nname = X\ndepartement = 74\n[communes]\n7A119 = Évian-les-Bains\n", 5, "not an INSEE commune code"),
        ("[territory]\nname = X\ndepartement = 74\nholiday_region = corse\n[communes]\n74119 = Évian\n", 4, "not a holiday region"),
        ("[territory]\nname = X\ndepartement = 74\n[communes]\n01173 = Gex\n", 5, "is in département 01, not in 74"),
        ("[territory]\nname = X\ndepartement = 99\n[communes]\n74119 = Évian\n", 3, "not a département code"),
        ("[territory]\nname = X\ndepartement = 74\ntime_zone = Europe/Evian\n[communes]\n74119 = Évian\n", 4, "not a known time zone"),
        ("[territory]\nname = X\ndepartement = 74\nphone_countries = +44\n[communes]\n74119 = Évian\n", 4, "+44"),
        ("[territory]\nname = X\ndepartement = 74\n[communes]\n74119 = Évian\n74281 = Thonon | Evian\n", 6, "already designates"),
        (
            "[territory]\nname = X\ndepartement = 74\n[communes]\n74119 = Évian\n[neighbourhoods]\nLes Ilettes = 74281\n", 7,
            "not in [communes]"
        ),
        ("[territory]\nname = X\ndepartement = 74\n[communes]\n74119 = Évian\n[neighbourhoods]\nA = 74119 | Q1\n", 7, "not a QPV code"),
        ("[territory]\nname = X\nname = Y\ndepartement = 74\n[communes]\n74119 = Évian\n", 3, "given twice (first on line 2)"),
        ("[territoire]\nname = X\n", 1, "unknown section [territoire]"),
        ("[territory]\nname X\n", 2, "expected key = value"),
    ])
    func eachMistakeIsRefusedWithItsFileAndLine(text: String, line: Int, reason: String) {
        let error = #expect(throws: FileProblems.self) { try TerritoryFile.parse(text, fileName: "territories/x.conf") }
        let problem = error?.problems.first { $0.line == line }
        #expect(problem?.description.hasPrefix("territories/x.conf:\(line): ") == true, "\(error?.description ?? "no error")")
        #expect(problem?.reason.contains(reason) == true, "\(error?.description ?? "no error")")
    }

    @Test func everyProblemIsReportedInOneReading() {
        let text = """
            [territory]
            departement = 74
            holiday_region = polynesie
            [communes]
            7411 = Évian-les-Bains
            01173 = Gex
            """
        let error = #expect(throws: FileProblems.self) { try TerritoryFile.parse(text, fileName: "x.conf") }
        #expect(error?.problems.map(\.line) == [0, 3, 5, 6])
        #expect(error?.description.contains("[territory] name is required") == true)
    }

    @Test func aFileWithoutCommunesIsRefused() {
        let error = #expect(throws: FileProblems.self) {
            try TerritoryFile.parse("[territory]\nname = X\ndepartement = 74\n", fileName: "x.conf")
        }
        #expect(error?.description == "x.conf: [communes] lists no commune: a territory has at least one")
    }

    @Test(arguments: [
        ("01173", true), ("2A004", true), ("2B033", true), ("97411", true), ("1173", false), ("2C004", false), ("0117a", false),
    ])
    func communeCodesHaveTheCOGForm(code: String, valid: Bool) {
        #expect(TerritoryFile.isCommuneCode(code) == valid)
    }
}
