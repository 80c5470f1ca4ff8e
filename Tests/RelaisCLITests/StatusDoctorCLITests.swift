// relais status and relais doctor told the truth: status exits 3 when relais serve is not running,
// 0 when it runs and all is well, 1 when it runs with a problem (a calendar refused, a heartbeat
// late while its process lives), listing the problems; doctor reads and judges every calendar of
// the folder and fails on a refused one, writing nothing, and says where the desk listens without
// claiming a TLS it cannot see.

import Foundation
import RelaisTestPeers
import Testing

/// relais serve started for a status test (web server off), stopped by pid when released.
func startDaemon(_ workspace: Workspace) throws -> PeerProcess {
    let process = try PeerProcess(
        "/usr/bin/env", ["RELAIS_NOW=\(workspace.now)", Workspace.binary.path] + workspace.globalArguments + ["serve"],
        output: workspace.directory.appendingPathComponent("serve-\(UUID().uuidString).log"))
    #expect(eventually(timeout: 20) { process.text.contains("relais serve ready") || !process.isRunning }, "\(process.text)")
    #expect(process.isRunning, "\(process.text)")
    return process
}

/// `relais status --json`: its exit status and the codes of the problems it lists.
func statusCodes(_ workspace: Workspace) throws -> (status: Int32, problems: [String], fields: [String: Any]) {
    let result = try workspace.relais("status", "--json")
    let fields = try #require(try workspace.json(result) as? [String: Any], "\(result.output)\(result.errors)")
    let problems = (fields["problems"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    return (result.status, problems, fields)
}

@Suite(.serialized) struct StatusDoctorCLITests {
    /// A workspace whose calendars folder holds one sound calendar; the desk is off.
    func workspaceWithFolder() throws -> (Workspace, URL) {
        let workspace = Workspace()
        let folder = workspace.directory.appendingPathComponent("campaigns")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try calendar(event(uid: "a@test", start: "20270330T100000", end: "20270330T120000"))
            .write(to: folder.appendingPathComponent("good.ics"), atomically: true, encoding: .utf8)
        workspace.configure("[calendars]\ndirectory = \(folder.path)\n[web]\nenabled = no\n")
        return (workspace, folder)
    }

    /// A calendar refused whole: its event names a commune outside the territory.
    let refusedCalendar = calendar(
        campaign: "broken-2027",
        event(uid: "b@test", start: "20270401T100000", end: "20270401T120000").replacingOccurrences(
            of: "X-RELAIS-COMMUNE:Gex", with: "X-RELAIS-COMMUNE:Lyon"))

    @Test func statusExits3WhenNotRunning0WhenWell1WithAProblemListed() throws {
        let (workspace, folder) = try workspaceWithFolder()
        let never = try workspace.relais("status")
        #expect(never.status == 3, "\(never.output)\(never.errors)")
        #expect(never.output.contains("relais serve is not running") && never.errors.contains("relais serve is not running"))

        let daemon = try startDaemon(workspace)
        defer { daemon.stop() }
        let well = try workspace.relais("status")
        #expect(well.status == 0, "\(well.output)\(well.errors)")
        #expect(well.output.contains("relais serve is running") && well.output.contains("no problem found"), "\(well.output)")
        #expect(try statusCodes(workspace).problems.isEmpty)

        let broken = folder.appendingPathComponent("broken.ics")
        try refusedCalendar.write(to: broken, atomically: true, encoding: .utf8)
        #expect(eventually(timeout: 15) { (try? statusCodes(workspace).status) == 1 }, "\(daemon.text)")
        let troubled = try workspace.relais("status")
        #expect(troubled.status == 1 && troubled.errors.contains("1 problem"), "\(troubled.errors)")
        #expect(troubled.output.contains("problems: 1") && troubled.output.contains("calendar refused since"), "\(troubled.output)")
        #expect(troubled.output.contains("broken.ics"), "\(troubled.output)")
        let json = try statusCodes(workspace)
        #expect(json.problems == ["calendar-refused"] && json.fields["running"] as? Bool == true, "\(json.fields)")

        daemon.stop()
        let stopped = try workspace.relais("status")
        #expect(stopped.status == 3, "stopped, whatever its problems: \(stopped.output)")
        #expect(stopped.output.contains("relais serve is not running"))
    }

    @Test func aHeartbeatLateWhileTheProcessLivesIsAProblem() throws {
        let (workspace, _) = try workspaceWithFolder()
        let daemon = try startDaemon(workspace)
        defer { daemon.stop() }
        #expect(eventually(timeout: 10) { (try? statusCodes(workspace).status) == 0 })
        // Five minutes on for status only: the heartbeat written at the daemon's time is late.
        let late = try workspace.relais("status", environment: ["RELAIS_NOW": "2026-11-22T10:05"])
        #expect(late.status == 1, "\(late.output)\(late.errors)")
        #expect(late.output.contains("heartbeat late: the daemon's process lives"), "\(late.output)")
    }

    @Test func messagesThatCannotBeSentAreAProblem() throws {
        let folder = try TemporaryDirectory("calendars")
        let closed = LoopbackPort.random()
        let workspace = try preparedWorkspace(
            people: 1, channel: "email",
            configuration: "[email]\ntransport = smtp\nurl = smtp://127.0.0.1:\(closed)\n[calendars]\ndirectory = \(folder.path)\n"
                + "[web]\nenabled = no\n")
        let sent = try workspace.relais("send", "--once")
        #expect(sent.output.contains("0 sent, 1 deferred"), "\(sent.output)\(sent.errors)")
        let daemon = try startDaemon(workspace)
        defer { daemon.stop() }
        let status = try workspace.relais("status")
        #expect(status.status == 1, "\(status.output)\(status.errors)")
        #expect(
            status.output.contains("waiting for a retry after a failed attempt (relais outbox list --state deferred)"), "\(status.output)")
        #expect(try statusCodes(workspace).problems == ["messages-retrying"])
    }

    @Test func doctorReadsEveryCalendarAndFailsOnARefusedOneWritingNothing() throws {
        let (workspace, folder) = try workspaceWithFolder()
        let good = folder.appendingPathComponent("good.ics").path
        #expect(try workspace.relais("campaigns", "load", good).status == 0)
        let healthy = try workspace.relais("doctor")
        #expect(healthy.status == 0, "\(healthy.output)\(healthy.errors)")
        #expect(healthy.output.contains("ok   calendar \(good)"), "\(healthy.output)")

        let broken = folder.appendingPathComponent("broken.ics").path
        try refusedCalendar.write(toFile: broken, atomically: true, encoding: .utf8)
        let before = try workspace.dump()
        let doctor = try workspace.relais("doctor")
        #expect(doctor.status == 1, "\(doctor.output)")
        #expect(doctor.output.contains("FAIL calendar \(broken)") && doctor.output.contains("Lyon"), "\(doctor.output)")
        #expect(doctor.output.contains("ok   calendar \(good)"), "\(doctor.output)")
        #expect(doctor.errors.contains("1 problem found"), "\(doctor.errors)")
        #expect(try workspace.dump() == before, "doctor wrote nothing")
    }

    @Test func doctorSaysWhereTheDeskListensAndClaimsNoTLS() throws {
        let workspace = Workspace()
        let folder = workspace.directory.appendingPathComponent("campaigns")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        workspace.configure("[calendars]\ndirectory = \(folder.path)\n")
        let loopback = try workspace.relais("doctor")
        #expect(loopback.status == 0, "\(loopback.output)")
        #expect(loopback.output.contains("ok   CCAS desk on 127.0.0.1:8080 listens on loopback only (a TLS proxy in front is not checked)"))
        workspace.configure("[calendars]\ndirectory = \(folder.path)\n[web]\naddress = 0.0.0.0\nsecure_cookies = yes\n")
        let proxied = try workspace.relais("doctor")
        #expect(proxied.status == 0, "\(proxied.output)")
        #expect(proxied.output.contains("ok   CCAS desk on 0.0.0.0:8080 listens beyond loopback with secure_cookies = yes (a TLS proxy"))
        for output in [loopback.output, proxied.output] { #expect(!output.contains("behind TLS"), "\(output)") }
    }

    @Test func aLongSendingPassKeepsWritingTheHeartbeat() throws {
        let scratch = try TemporaryDirectory("heartbeat")
        let workspace = try preparedWorkspace(
            people: 16, channel: "email",
            configuration: "[email]\ntransport = file\nrate_per_second = 1\n[outbox]\ndirectory = \(scratch.url.path)\n[web]\nenabled = no\n")
        func heartbeat() throws -> Int {
            let query = "SELECT updated_at FROM service_state WHERE key = 'serve.heartbeat'"
            let text = try workspace.run("/usr/bin/sqlite3", [workspace.database, query]).output
            return try #require(Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), "\(text)")
        }
        func sent() throws -> Int { try outbox(workspace, "--state", "sent").count }
        let daemon = try startDaemon(workspace)
        defer { daemon.stop() }
        let first = try heartbeat()
        // One message a second: the pass lasts about 16 s; at least 8 s into it, the heartbeat moved.
        #expect(eventually(timeout: 30) { ((try? sent()) ?? 0) >= 8 }, "\(daemon.text)")
        let during = try heartbeat()
        let sentSoFar = try sent()
        #expect(sentSoFar < 16, "the pass is still sending")
        #expect(during > first, "heartbeat \(first) then \(during) with \(sentSoFar) sent of 16")
    }
}
