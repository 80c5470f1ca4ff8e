// RouteBench: how long the door-to-door planner takes for a minibus of 8, 12 and 16 passengers on
// the default territory's shipped travel times (`relais-bench route [RUNS]`, through scripts/bench-route).
//
// Each size plans RUNS outbound legs (default 7) of passengers drawn, with a fixed seed, from the
// territory's communes (one in four in a wheelchair), from 01173 to 01053 (the README's example, so
// the default territory must be the one shipped), under two rules: the defaults (across the whole
// territory most legs have no feasible order, and an infeasible leg is planned twice: with limits,
// then without to name the passenger over) and max_ride_minutes = 600 (every order fits: the pure
// search). It prints each median time per leg, how many legs were feasible, and at 8 the brute force
// over every order on the same legs as the reference. Figures, not assertions.

import Foundation
import RelaisCore

enum RouteBench {
    static func run(_ arguments: [String]) throws {
        let runs = arguments.first.flatMap { Int($0) } ?? 7
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        // default.conf is a link: the data files are named after the file it points to.
        let territoryFile = repository.appendingPathComponent(Configuration.defaultTerritoryFile).resolvingSymlinksInPath().path
        let path = RouteData.fileNames(territoryFile: territoryFile).times
        let times = try TravelTimes.parse(String(contentsOfFile: path, encoding: .utf8), fileName: path)
        let communes = times.communes.subtracting(["01053"]).sorted()
        var state: UInt64 = 17
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        // Default limits: across the whole territory most legs have no feasible order (planned twice);
        // max_ride_minutes = 600: every order fits, the pure search for the best.
        for (label, rules) in [("default limits", RouteRules()), ("max_ride 600", RouteRules(maxRideMinutes: 600))] {
            for size in [8, 12, 16] {
                let problems = (0..<runs).map { _ in
                    RouteProblem(
                        depot: "01173", destination: "01053",
                        passengers: (0..<size).map {
                            RoutePassenger(booking: Int64($0 + 1), commune: communes[random(communes.count)], wheelchair: random(4) == 0)
                        }, rules: rules)
                }
                try measure(problems, size: size, label: label, times: times)
            }
        }
    }

    /// Prints the planner's median over the problems and its RESULT line (at 8, beside the brute force).
    static func measure(_ problems: [RouteProblem], size: Int, label: String, times: TravelTimes) throws {
        var feasible = 0
        let planner = try median(problems) { problem in
            if try RoutePlanner.outbound(problem, times: times).route != nil { feasible += 1 }
        }
        let name = "route \(size) passengers, \(label)"
        print(name + String(format: ": %10.3f ms per leg (median of %d), %d feasible", planner, problems.count, feasible))
        guard size == 8 else { return print("RESULT|\(name)" + String(format: "|%.3f ms|—|—|—", planner)) }
        let brute = try median(problems) { problem in _ = try RoutePlanner.bruteForceOutbound(problem, times: times) }
        print("brute force, \(size) passengers, \(label)" + String(format: ": %10.3f ms per leg (median of %d)", brute, problems.count))
        print("RESULT|\(name)" + String(format: "|%.3f ms|%.3f ms|%.4f|—", planner, brute, planner / brute))
    }

    /// The median wall-clock milliseconds of `body` over the problems.
    static func median(_ problems: [RouteProblem], _ body: (RouteProblem) throws -> Void) throws -> Double {
        var times: [Double] = []
        for problem in problems {
            let start = DispatchTime.now()
            try body(problem)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6)
        }
        return times.sorted()[times.count / 2]
    }
}
