// On-demand runs and the territory's route data, through the built binary: a travel-times file that
// cannot be read refuses every on-demand booking (exit 65, naming the file and its line, the database
// as it was) while fixed-stop bookings go on, and `relais doctor` says in one line whether the route
// data loads; a pickup point is one of the passenger's commune's (TransportOnDemandCLITests).

import Foundation
import Testing

/// A copy of the Pays de Gex territory and its route files in a directory, its travel times with one bad row.
private func brokenTerritory(_ workspace: Workspace) throws -> (conf: String, line: Int) {
    let shipped = Workspace.repository.appendingPathComponent("Config/territories")
    let directory = URL(fileURLWithPath: workspace.write("territory", "")).appendingPathExtension("d")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for name in ["pays-de-gex.conf", "pays-de-gex.communes-geo.csv", "pays-de-gex.pickup-points.csv"] {
        try FileManager.default.copyItem(at: shipped.appendingPathComponent(name), to: directory.appendingPathComponent(name))
    }
    var times = try String(contentsOf: shipped.appendingPathComponent("pays-de-gex.travel-times.csv"), encoding: .utf8)
    if !times.hasSuffix("\n") { times += "\n" }
    let line = times.filter { $0 == "\n" }.count + 1
    times += "01173,01071,soon\n"
    try times.write(to: directory.appendingPathComponent("pays-de-gex.travel-times.csv"), atomically: true, encoding: .utf8)
    return (directory.appendingPathComponent("pays-de-gex.conf").path, line)
}

@Suite struct TransportOnDemandRouteDataCLITests {
    @Test func anUnreadableTravelTimesFileRefusesOnDemandBookingsAndLeavesFixedStopsBookable() throws {
        let scratch = Workspace()
        let (conf, line) = try brokenTerritory(scratch)
        let fixture = try OnDemandWorkspace(configuration: "[territory]\nfile = \(conf)\n")
        let before = try fixture.workspace.dump()
        let refused = try fixture.transport(["book", "--ccas", "Gex", "--run", fixture.run, "--participant", "1"])
        #expect(refused.status == 65, "\(refused.output)\(refused.errors)")
        #expect(refused.errors.contains("--run: the run is on demand and the territory's route data cannot be used"), "\(refused.errors)")
        #expect(refused.errors.contains("pays-de-gex.travel-times.csv:\(line)"), "\(refused.errors)")
        #expect(try fixture.workspace.dump() == before)
        let fixed = try fixture.transport([
            "runs", "add", "--coordinator", "--date", "2027-03-31", "--stop", "07:30 Gex, Mairie", "--arrival", "09:00", "--return",
            "11:30", "--destination", "CH Fleyriat", "--json",
        ])
        #expect(fixed.status == 0, "\(fixed.errors)")
        let run = String(try #require((try fixture.workspace.json(fixed) as? [String: Any])?["run"] as? Int))
        let booked = try fixture.transport(["book", "--ccas", "Gex", "--run", run, "--participant", "1", "--stop", "1"])
        #expect(booked.status == 0, "\(booked.errors)")
        let doctor = try fixture.workspace.relais("doctor")
        #expect(doctor.output.contains("warn route data: ") && doctor.output.contains("pays-de-gex.travel-times.csv:\(line)"), "\(doctor.output)")
    }

    @Test func doctorSaysTheShippedRouteDataLoads() throws {
        let workspace = Workspace()
        workspace.configure("")
        let doctor = try workspace.relais("doctor")
        let line = try #require(doctor.output.split(separator: "\n").first { $0.contains("route data") }, "\(doctor.output)")
        #expect(line.hasPrefix("ok   route data ") && line.contains("travel-times.csv") && line.contains("pickup points"), "\(line)")
    }
}
