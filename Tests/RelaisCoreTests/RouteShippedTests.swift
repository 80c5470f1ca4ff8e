// The exact route method proved against the brute force on the shipped Pays de Gex travel times:
// random instances (seeded, so that a failure replays) of up to eight passengers on both legs, and
// issue 17's six passengers from six communes (one in a wheelchair, one booked at a home address,
// which counts as its commune). Also: the shipped data files load and hold together.

import Foundation
import RelaisTestTerritories
import Testing

@testable import RelaisCore

@Suite struct RouteShippedTests {
    static let gex = "01173", bourgEnBresse = "01053"

    /// The shipped route data of a territory, read as relais reads it.
    static func shippedData(_ name: String, settings: ShuttleSettings = ShuttleSettings()) throws -> RouteData {
        let names = RouteData.fileNames(territoryFile: Territory.shippedFolder.appendingPathComponent(name + ".conf").path)
        return try RouteData.parse(
            geo: String(contentsOfFile: names.geo, encoding: .utf8), times: String(contentsOfFile: names.times, encoding: .utf8),
            pickups: String(contentsOfFile: names.pickups, encoding: .utf8), names: names, territory: Territory.shipped(name),
            settings: settings)
    }

    @Test func sixPassengersFromSixCommunesGetTheBruteForceOptimumWithinTheirLimitsAndArriveByTheTarget() throws {
        let times = try Self.shippedData("pays-de-gex").times
        let passengers = [
            RoutePassenger(booking: 14, commune: "01160"),  // Ferney-Voltaire
            RoutePassenger(booking: 11, commune: "01354", wheelchair: true),  // Saint-Genis-Pouilly
            RoutePassenger(booking: 16, commune: "01401"),  // Sergy
            RoutePassenger(booking: 12, commune: "01419"),  // Thoiry, at a home address: it counts as its commune
            RoutePassenger(booking: 15, commune: "01288"),  // Péron
            RoutePassenger(booking: 13, commune: "01109"),  // Collonges
        ]
        let problem = RouteProblem(depot: Self.gex, destination: Self.bourgEnBresse, passengers: passengers)
        let route = try #require(try RoutePlanner.outbound(problem, times: times).route)
        #expect(try RoutePlanner.bruteForceOutbound(problem, times: times) == .feasible(route))
        // Worked out with the shipped file: Ferney first, then along the foot of the Jura to Collonges.
        #expect(route.stops.map(\.booking) == [14, 11, 16, 12, 15, 13])
        #expect(route.stops.map(\.offsetMinutes) == [-135, -124, -113, -106, -93, -82])
        #expect(route.vehicleMinutes == 154)
        for (stop, passenger) in zip(route.stops, route.stops.map { stop in passengers.first { $0.booking == stop.booking }! }) {
            let direct = try #require(times.minutes(from: passenger.commune, to: Self.bourgEnBresse))
            #expect(stop.rideMinutes <= RouteRules().rideLimit(directMinutes: direct), "booking \(stop.booking)")
            #expect(stop.rideMinutes == -stop.offsetMinutes, "outbound: the ride runs to the arrival at 0")
        }
        // Arrival by the target: the last pickup, its boarding and the drive end at 0.
        let last = try #require(route.stops.last)
        #expect(last.offsetMinutes + 2 + times.minutes(from: last.commune, to: Self.bourgEnBresse)! == 0)
        #expect(route.depotOffsetMinutes + route.vehicleMinutes == 0)
        let back = try #require(try RoutePlanner.returnLeg(problem, times: times).route)
        #expect(try RoutePlanner.bruteForceReturnLeg(problem, times: times) == .feasible(back))
        #expect(back.stops.map(\.booking) == [13, 15, 12, 16, 11, 14])
    }

    @Test func theExactMethodEqualsTheBruteForceOnRandomInstancesOfUpToEightPassengers() throws {
        let times = try Self.shippedData("pays-de-gex").times
        let codes = times.communes.sorted()
        var random = SeededRandom(seed: 17)
        var feasible = 0
        for instance in 0..<90 {
            let count = instance < 80 ? instance % 8 : 8
            let passengers = (0..<count).map { index in
                RoutePassenger(
                    booking: Int64(random.next(upTo: 1000)) * 10 + Int64(index), commune: codes[random.next(upTo: codes.count)],
                    wheelchair: random.next(upTo: 4) == 0)
            }
            let rules = RouteRules(
                maxRideMinutes: random.next(upTo: 3) == 0 ? 40 + random.next(upTo: 120) : nil, boardingMinutes: 1 + random.next(upTo: 3),
                boardingMinutesWheelchair: 4 + random.next(upTo: 4))
            let depot = codes[random.next(upTo: codes.count)]
            let destination = random.next(upTo: 2) == 0 ? Self.bourgEnBresse : codes[random.next(upTo: codes.count)]
            let window: ClosedRange<Int>? = random.next(upTo: 3) == 0 ? (-120 - random.next(upTo: 60))...(-30) : nil
            for leg in RouteLeg.allCases {
                let legWindow = leg == .outbound ? window : window.map { (-$0.upperBound)...(-$0.lowerBound) }
                let problem = RouteProblem(
                    depot: depot, destination: destination, passengers: passengers, rules: rules, departureWindowMinutes: legWindow)
                let exact = try RoutePlanner.plan(problem, leg: leg, times: times)
                #expect(exact == (try RoutePlanner.bruteForce(problem, leg: leg, times: times)), "instance \(instance), \(leg)")
                if exact.route != nil { feasible += 1 }
            }
        }
        // Both outcomes were exercised.
        #expect(feasible > 40)
        #expect(feasible < 170)
    }

    @Test func bothShippedTerritoriesHavePositionsTimesAndPickupPointsForEveryCommune() throws {
        var settings = ShuttleSettings()
        settings.depot = Self.gex
        settings.destinationCommune = Self.bourgEnBresse
        let gex = try Self.shippedData("pays-de-gex", settings: settings)
        #expect(gex.geo.positions.count == 28)
        #expect(gex.times.pairCount == 28 * 27 / 2)
        #expect(gex.pickups.defaultPoint(inCommune: Self.gex)?.name == "Mairie")
        settings.depot = "74119"
        settings.destinationCommune = "74281"
        let chablais = try Self.shippedData("haut-chablais", settings: settings)
        #expect(chablais.times.pairCount == 18 * 17 / 2)
        // Every estimate is at least a minute and below the ceiling: no pair of communes is the same place.
        for from in gex.times.communes {
            for to in gex.times.communes where from < to {
                #expect((1...TravelTimes.maximumMinutes).contains(gex.times.minutes(from: from, to: to)!))
            }
        }
    }
}

/// SplitMix64: the same numbers on every machine, so that a failing instance replays.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(upTo bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
