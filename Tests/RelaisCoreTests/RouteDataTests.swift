// The data files of on-demand routes beside a territory file: positions and pickup points refuse
// every bad line with its line, the three files are checked together (a commune without a position,
// a pair without a time, a commune without a pickup point), and the [transport] keys of routes.

import Testing

@testable import RelaisCore

@Suite struct RouteDataTests {
    @Test func theFilesAreFoundBesideTheTerritoryFileByItsName() {
        let names = RouteData.fileNames(territoryFile: "/etc/relais/territories/pays-de-gex.conf")
        #expect(names.geo == "/etc/relais/territories/pays-de-gex.communes-geo.csv")
        #expect(names.times == "/etc/relais/territories/pays-de-gex.travel-times.csv")
        #expect(names.pickups == "/etc/relais/territories/pays-de-gex.pickup-points.csv")
    }

    @Test func everyBadPositionIsRefusedWithItsLine() {
        let text = """
            # source
            code,name,latitude,longitude
            01173,Gex,46.33,6.05
            gex,Gex,46.33,6.05
            01160,,46.25,6.10
            01160,Ferney,north,6.10
            01160,Ferney,46.25,190
            01173,"Gex, again",46.33,6.05
            01053,Bourg
            """
        #expect(throws: FileProblems([
            FileError(fileName: "g.csv", line: 4, reason: "\"gex\" is not an INSEE commune code"),
            FileError(fileName: "g.csv", line: 5, reason: "the name of 01160 is empty"),
            FileError(fileName: "g.csv", line: 6, reason: "latitude must be decimal degrees from -90 to 90, not \"north\""),
            FileError(fileName: "g.csv", line: 7, reason: "longitude must be decimal degrees from -180 to 180, not \"190\""),
            FileError(fileName: "g.csv", line: 8, reason: "01173 was already given on line 3"),
            FileError(fileName: "g.csv", line: 9, reason: "a row has four fields, code,name,latitude,longitude (found 2)"),
        ])) {
            try CommuneGeo.parse(text, fileName: "g.csv")
        }
        let geo = try? CommuneGeo.parse("code,name,latitude,longitude\n01173,\"Gex, the town\",46.33,6.05\n", fileName: "g.csv")
        #expect(geo?.position(code: "01173") == CommunePosition(code: "01173", name: "Gex, the town", latitude: 46.33, longitude: 6.05))
    }

    @Test func everyBadPickupPointIsRefusedWithItsLineAndACommunesFirstPointIsItsDefault() throws {
        let text = """
            commune,name,address
            01173,Mairie,"77 rue de l'Horloge, Gex"
            01173,Parking du stade,Avenue des Sports
            01173,MAIRIE,again
            0117,Mairie,somewhere
            01160,Mairie,
            """
        #expect(throws: FileProblems([
            FileError(fileName: "p.csv", line: 4, reason: "01173 already has a point MAIRIE on line 2"),
            FileError(fileName: "p.csv", line: 5, reason: "\"0117\" is not an INSEE commune code"),
            FileError(fileName: "p.csv", line: 6, reason: "the address of Mairie is empty"),
        ])) {
            try PickupPoints.parse(text, fileName: "p.csv")
        }
        let points = try PickupPoints.parse(text.split(separator: "\n").prefix(3).joined(separator: "\n"), fileName: "p.csv")
        #expect(points.defaultPoint(inCommune: "01173")?.address == "77 rue de l'Horloge, Gex")
        #expect(points.point(inCommune: "01173", named: "parking du stade")?.address == "Avenue des Sports")
        #expect(points.points(inCommune: "01173").count == 2)
        #expect(points.defaultPoint(inCommune: "01160") == nil)
    }

    @Test func theThreeFilesAreCheckedTogether() throws {
        let territory = try TerritoryFile.parse(
            "[territory]\nname = T\norganiser = T\ncontract = C\ndepartement = 01\n[communes]\n01173 = Alpha\n01160 = Beta\n",
            fileName: "t.conf")
        var settings = ShuttleSettings()
        settings.destinationCommune = "01053"
        let names = (geo: "g.csv", times: "t.csv", pickups: "p.csv")
        #expect(throws: FileProblems([
            FileError(fileName: "g.csv", line: 0, reason: "no position for 01053 (?)"),
            FileError(fileName: "t.csv", line: 0, reason: "no travel time between 01160 (Beta) and 01053 (?)"),
            FileError(fileName: "p.csv", line: 0, reason: "no pickup point in 01160 (Beta)"),
        ])) {
            try RouteData.parse(
                geo: "code,name,latitude,longitude\n01173,Alpha,46.3,6.0\n01160,Beta,46.2,6.1\n",
                times: "from,to,minutes\n01173,01160,12\n01173,01053,90\n", pickups: "commune,name,address\n01173,Mairie,Mairie d'Alpha\n",
                names: names, territory: territory, settings: settings)
        }
        // Each file's own problems come first, all of them.
        #expect(throws: FileProblems([
            FileError(fileName: "g.csv", line: 1, reason: "the first line must be the header code,name,latitude,longitude"),
            FileError(fileName: "t.csv", line: 2, reason: "minutes must be a whole number from 0 to 600, not \"x\""),
        ])) {
            try RouteData.parse(
                geo: "code;name\n", times: "from,to,minutes\n01173,01160,x\n", pickups: "commune,name,address\n", names: names,
                territory: territory, settings: settings)
        }
    }

    @Test func theTransportKeysOfRoutesAreReadAndChecked() throws {
        let text = """
            [transport]
            same_commune_minutes = 3
            max_ride_minutes = 120
            boarding_minutes = 1
            boarding_minutes_wheelchair = 6
            depot = 01173
            destination_commune = 01053
            """
        let shuttle = try Configuration.parse(text, fileName: "relais.conf").shuttle
        #expect(shuttle.sameCommuneMinutes == 3)
        #expect(shuttle.route == RouteRules(maxRideMinutes: 120, boardingMinutes: 1, boardingMinutesWheelchair: 6))
        #expect(shuttle.depot == "01173")
        #expect(shuttle.destinationCommune == "01053")
        #expect(try Configuration.parse("[transport]\nmax_ride_minutes = 0\n", fileName: "r").shuttle.route.maxRideMinutes == nil)
        #expect(ShuttleSettings().route == RouteRules())
        #expect(throws: ConfigurationError.self) { try Configuration.parse("[transport]\ndepot = Gex\n", fileName: "r") }
        #expect(throws: ConfigurationError.self) { try Configuration.parse("[transport]\nmax_ride_minutes = 5\n", fileName: "r") }
        #expect(throws: ConfigurationError.self) { try Configuration.parse("[transport]\nboarding_minutes = 61\n", fileName: "r") }
    }
}
