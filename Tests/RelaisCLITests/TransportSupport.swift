// What the transport tests share: a workspace with a shuttle run and residents, and a way to run
// `relais transport ...` with an argument array.

import Foundation
import Testing

/// A workspace at 1 March 2027 with one run on Tuesday 30 March 2027 (Gex 07:30, Cessy 07:45;
/// arrives 09:00, returns 11:30) and residents: `gex` of Gex, `cessy` of Cessy, all with SMS consent.
struct TransportWorkspace {
    let workspace: Workspace
    let run: String

    init(seats: Int = 8, wheelchairPlaces: Int = 1, gex: Int = 3, cessy: Int = 2, extra: [String] = []) throws {
        workspace = Workspace()
        workspace.now = "2027-03-01T10:00"
        workspace.configure("")
        let added = try workspace.run(
            Workspace.binary.path,
            workspace.globalArguments + [
                "transport", "runs", "add", "--coordinator", "--date", "2027-03-30", "--stop", "07:30 Gex, Parking de l'agglo",
                "--stop", "07:45 Cessy, Mairie", "--arrival", "09:00", "--return", "11:30", "--seats", String(seats),
                "--wheelchair-places", String(min(wheelchairPlaces, seats / 2)), "--destination", "CH Fleyriat", "--json",
            ] + extra, environment: ["RELAIS_NOW": workspace.now])
        #expect(added.status == 0, "\(added.errors)")
        run = String(try #require((try workspace.json(added) as? [String: Any])?["run"] as? Int))
        var csv = "name,commune,phone,consent,consent_source\n"
        for index in 0..<gex { csv += "Résident Gex \(index),Gex,06 11 22 33 \(String(format: "%02d", index)),sms,test\n" }
        for index in 0..<cessy { csv += "Résident Cessy \(index),Cessy,06 44 55 66 \(String(format: "%02d", index)),sms,test\n" }
        let imported = try workspace.relais("participants", "import", workspace.write("people.csv", csv))
        #expect(imported.status == 0, "\(imported.errors)")
    }

    /// Runs `relais transport arguments...`.
    @discardableResult
    func transport(_ arguments: [String], now: String? = nil) throws -> RunResult {
        try workspace.run(
            Workspace.binary.path, workspace.globalArguments + ["transport"] + arguments, environment: ["RELAIS_NOW": now ?? workspace.now])
    }

    /// Books and returns the JSON answer (status 0 expected).
    func book(_ participant: Int, ccas: String = "Gex", stop: String = "1", _ more: [String] = [], now: String? = nil) throws -> [String:
        Any]
    {
        let result = try transport(
            ["book", "--ccas", ccas, "--run", run, "--participant", String(participant), "--stop", stop, "--json"] + more, now: now)
        #expect(result.status == 0, "\(result.errors)")
        return try #require(try workspace.json(result) as? [String: Any], "\(result.output)\(result.errors)")
    }

    /// Bookings as the coordinator sees them, as JSON rows.
    func bookings(_ scope: [String] = ["--coordinator"]) throws -> [[String: Any]] {
        let result = try transport(["bookings", "--json"] + scope)
        return try #require(try workspace.json(result) as? [[String: Any]], "\(result.errors)")
    }

    /// Expects `relais transport arguments...` to be refused with `fragment` on stderr, a
    /// non-zero status and the database exactly as it was (sqlite3 .dump).
    func expectRefused(
        _ arguments: [String], mentioning fragment: String, now: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try workspace.dump()
        let result = try transport(arguments, now: now)
        #expect(result.status != 0, "\(arguments) was accepted: \(result.output)", sourceLocation: sourceLocation)
        #expect(result.errors.contains(fragment), "\(arguments): \(result.errors)", sourceLocation: sourceLocation)
        #expect(try workspace.dump() == before, "\(arguments) changed the database", sourceLocation: sourceLocation)
    }
}
