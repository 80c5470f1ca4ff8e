// SIGHUP reloads the territory's route data for `relais serve`'s daemon and its desk API, through the
// built binary and curl: a pickup point added to the file is refused before the signal and booked
// after it, no request is refused while the routes are swapped (requests loop during the reload), a
// travel-times file broken afterwards keeps the data in force (bookings go on) while `relais status`
// and `relais doctor` name the file and line, and a mended file clears them at the next reload; a
// new territory file whose route data fails never keeps the old file's data, and a guesser of link
// tokens is still throttled after a reload.

import Foundation
import RelaisTestPeers
import Testing

/// A copy of the Pays de Gex territory file and its route files, which a test may edit.
private func editableTerritory(_ workspace: Workspace) throws -> URL {
    let shipped = Workspace.repository.appendingPathComponent("Config/territories")
    let directory = URL(fileURLWithPath: workspace.write("territory", "")).appendingPathExtension("d")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for suffix in ["conf", "communes-geo.csv", "pickup-points.csv", "travel-times.csv"] {
        let name = "pays-de-gex." + suffix
        try FileManager.default.copyItem(at: shipped.appendingPathComponent(name), to: directory.appendingPathComponent(name))
    }
    return directory
}

/// Appends `text` to the file `name` of `directory`.
private func append(_ text: String, to name: String, in directory: URL) throws {
    let file = directory.appendingPathComponent(name)
    var content = try String(contentsOf: file, encoding: .utf8)
    if !content.hasSuffix("\n") { content += "\n" }
    try (content + text).write(to: file, atomically: true, encoding: .utf8)
}

/// Requests looped on one path until stopped, each answer's status kept (0: no answer, as a refused connection).
private final class RequestLoop: @unchecked Sendable {
    // @unchecked: `statuses` and `stopping` are only touched under `lock`.
    private let lock = NSLock()
    private var statuses: [Int] = []
    private var stopping = false
    private let done = DispatchSemaphore(value: 0)

    init(_ client: DeskClient, path: String) {
        Thread.detachNewThread { [self] in
            while !isStopping {
                let status = (try? client.curl(["--max-time", "10", client.url(path)]).status) ?? 0
                lock.lock()
                statuses.append(status)
                lock.unlock()
            }
            done.signal()
        }
    }

    private var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    /// How many answers came so far.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return statuses.count
    }

    /// Stops the loop and returns every status seen.
    func stop() -> [Int] {
        lock.lock()
        stopping = true
        lock.unlock()
        done.wait()
        lock.lock()
        defer { lock.unlock() }
        return statuses
    }
}

/// Adds the door-to-door run both tests book on (30 March 2027, depot Gex, to 01053); returns its id.
private func addOnDemandRun(_ workspace: Workspace) throws -> Int {
    let added = try workspace.relais(
        "transport", "runs", "add", "--coordinator", "--on-demand", "--date", "2027-03-30", "--departure-window", "07:00-08:30",
        "--arrival", "09:00", "--return", "11:30", "--depot", "01173", "--destination-commune", "01053", "--destination",
        "CH Fleyriat", "--json")
    #expect(added.status == 0, "\(added.errors)")
    return try #require((try workspace.json(added) as? [String: Any])?["run"] as? Int)
}

@Suite struct ServeReloadCLITests {
    @Test func sighupReloadsTheRouteDataForTheAPIAndKeepsItWhenTheNewFileIsBroken() throws {
        let scratch = Workspace()
        let territory = try editableTerritory(scratch)
        let site = try DeskSite(extraConfiguration: "[territory]\nfile = \(territory.appendingPathComponent("pays-de-gex.conf").path)\n")
        defer { site.server.stop() }
        let workspace = site.workspace
        let run = try addOnDemandRun(workspace)
        let api = DeskAPICLITests()
        let gex = try api.token(site, "agent-gex")
        let book = { (resident: Int) in
            try api.call(
                site, "POST", "/api/v1/runs/\(run)/bookings", token: gex, json: #"{"resident": \#(resident), "pickup_point": "Gare"}"#)
        }
        let unknown = try book(1)
        #expect(unknown.status == 422 && (unknown.body as? [String: Any])?["error"] as? String == "pickup-point-unknown", "\(unknown)")

        try append("01173,Gare,Gare routière de Gex\n", to: "pays-de-gex.pickup-points.csv", in: territory)
        let loop = RequestLoop(site.client("loop"), path: "/signin")
        #expect(eventually(timeout: 10) { loop.count >= 3 }, "the loop runs before the signal")
        let before = loop.count
        kill(site.server.pid, SIGHUP)
        #expect(eventually(timeout: 20) { site.log.contains("configuration reloaded") }, "\(site.log)")
        Thread.sleep(forTimeInterval: 0.3)
        let statuses = loop.stop()
        #expect(statuses.count > before && statuses.allSatisfy { $0 == 200 }, "\(statuses)")
        // The daemon read the new file: the reload's log line counts the new point.
        let shipped = try String(contentsOf: territory.appendingPathComponent("pays-de-gex.pickup-points.csv"), encoding: .utf8)
        let points = shipped.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.count - 1  // the header line
        #expect(site.log.contains("\(points) pickup points"), "\(site.log)")
        let booked = try book(1)
        #expect(booked.status == 201, "\(booked)")
        let place = (booked.body as? [String: Any])?["pickup_place"] as? [String: Any]
        #expect(place?["place"] as? String == "Gare", "\(booked)")

        // A broken travel-times row: the data in force stays, and status and doctor say which line.
        let times = try String(contentsOf: territory.appendingPathComponent("pays-de-gex.travel-times.csv"), encoding: .utf8)
        let line = times.filter { $0 == "\n" }.count + (times.hasSuffix("\n") ? 1 : 2)
        try append("01173,01071,soon\n", to: "pays-de-gex.travel-times.csv", in: territory)
        kill(site.server.pid, SIGHUP)
        // The problem is logged before the new values are in place, and recorded for status after them.
        #expect(eventually(timeout: 20) { site.log.components(separatedBy: "configuration reloaded").count > 2 }, "\(site.log)")
        #expect(site.log.contains("reload kept a value in force"), "\(site.log)")
        #expect(eventually { (try? workspace.relais("status").status) == 1 }, "the reload's outcome is recorded")
        let stillBooked = try book(2)
        #expect(stillBooked.status == 201, "the route data in force stays: \(stillBooked)")
        let status = try workspace.relais("status")
        #expect(status.status == 1, "\(status.output)\(status.errors)")
        #expect(status.output.contains("reload at ") && status.output.contains("pays-de-gex.travel-times.csv:\(line)"), "\(status.output)")
        let json = try workspace.relais("status", "--json")
        let problems = (try workspace.json(json) as? [String: Any])?["problems"] as? [[String: Any]] ?? []
        let reload = problems.first { $0["code"] as? String == "reload-refused" }
        let reason: String = (reload?["reason"] as? String) ?? ""
        #expect(reason.contains("pays-de-gex.travel-times.csv:\(line)"), "\(json.output)")
        let doctor = try workspace.relais("doctor")
        #expect(
            doctor.output.contains("FAIL relais serve's reload at ") && doctor.output.contains("pays-de-gex.travel-times.csv:\(line)"),
            "\(doctor.output)")

        // Mended: the next reload uses it, and the problem is gone.
        try times.write(to: territory.appendingPathComponent("pays-de-gex.travel-times.csv"), atomically: true, encoding: .utf8)
        let reloads = site.log.components(separatedBy: "configuration reloaded").count
        kill(site.server.pid, SIGHUP)
        #expect(eventually(timeout: 20) { site.log.components(separatedBy: "configuration reloaded").count > reloads }, "\(site.log)")
        let mended = try workspace.relais("status")
        #expect(!mended.output.contains("reload at "), "\(mended.output)")
    }

    @Test func aNewTerritoryFileWhoseRouteDataFailsDoesNotKeepTheOldFilesRouteData() throws {
        let scratch = Workspace()  // kept: a workspace's folder goes with it
        let territory = try editableTerritory(scratch)
        let conf = territory.appendingPathComponent("pays-de-gex.conf")
        let site = try DeskSite(extraConfiguration: "[territory]\nfile = \(conf.path)\n")
        defer { site.server.stop() }
        let workspace = site.workspace
        let run = try addOnDemandRun(workspace)
        let api = DeskAPICLITests()
        let gex = try api.token(site, "agent-gex")
        let book = { (resident: Int) in
            try api.call(
                site, "POST", "/api/v1/runs/\(run)/bookings", token: gex, json: #"{"resident": \#(resident), "pickup_point": "Mairie"}"#)
        }
        let booked = try book(1)
        #expect(booked.status == 201, "the route data of the first file is in force: \(booked)")

        // The configuration now names another territory file, whose travel times are broken: the
        // first file's route data is not kept with it, and on-demand bookings say why.
        let otherScratch = Workspace()
        let other = try editableTerritory(otherScratch)
        try append("01173,01071,soon\n", to: "pays-de-gex.travel-times.csv", in: other)
        let configuration = try #require(workspace.configuration)
        let text = try String(contentsOfFile: configuration, encoding: .utf8)
        let moved = text.replacingOccurrences(of: conf.path, with: other.appendingPathComponent("pays-de-gex.conf").path)
        #expect(moved != text)
        try moved.write(toFile: configuration, atomically: true, encoding: .utf8)
        kill(site.server.pid, SIGHUP)
        #expect(eventually(timeout: 20) { site.log.contains("configuration reloaded") }, "\(site.log)")
        #expect(site.log.contains("none is in force"), "\(site.log)")
        let refused = try book(2)
        let code = (refused.body as? [String: Any])?["error"] as? String
        #expect(refused.status >= 400 && code == "route-data-unavailable", "\(refused)")
    }

    @Test func aGuesserOfLinkTokensStaysThrottledAcrossAReload() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let client = site.client("guesser")
        let guess = { (index: Int) in
            try client.curl(["-H", "X-Real-IP: 192.0.2.10", client.url("/r/GuessedToken\(String(format: "%04d", index))")]).status
        }
        let statuses = try (0..<31).map(guess)
        #expect(statuses.prefix(30).allSatisfy { $0 == 404 } && statuses.last == 429, "\(statuses)")
        kill(site.server.pid, SIGHUP)
        #expect(eventually(timeout: 20) { site.log.contains("configuration reloaded") }, "\(site.log)")
        #expect(try guess(31) == 429, "the reload does not give the guesser a fresh count")
    }

    @Test func aTerritoryFileRefusedOnReloadKeepsTheTerritoryInForce() throws {
        let scratch = Workspace()
        let territory = try editableTerritory(scratch)
        let conf = territory.appendingPathComponent("pays-de-gex.conf")
        let site = try DeskSite(extraConfiguration: "[territory]\nfile = \(conf.path)\n")
        defer { site.server.stop() }
        try append("this line is not a setting\n", to: "pays-de-gex.conf", in: territory)
        kill(site.server.pid, SIGHUP)
        #expect(eventually(timeout: 20) { site.log.contains("reload kept a value in force") }, "\(site.log)")
        // The log names the file (every command reads it too, and refuses it at once with its line).
        #expect(site.log.contains("territory file \(conf.path) not used"), "\(site.log)")
        let gex = try DeskAPICLITests().token(site, "agent-gex")
        let runs = try DeskAPICLITests().call(site, "GET", "/api/v1/runs", token: gex)
        #expect(runs.status == 200, "the desk still answers on the territory in force: \(runs)")
    }
}
