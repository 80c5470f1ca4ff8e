// relais serve facing a hostile calendar and a hostile client (issue 11): it keeps serving and
// sending, says which file it refused (once), and no request can write a line of its own into
// the journal.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct TrustServeCLITests {
    @Test func aNestingBombInTheCalendarsFolderIsSetAsideWhileServingAndSendingGoOn() throws {
        let port = LoopbackPort.random()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relais-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try TrustCLITests.nestedCalendar().write(to: folder.appendingPathComponent("nest.ics"), atomically: true, encoding: .utf8)
        let workspace = try preparedWorkspace(
            people: 1, channel: "email", configuration: "[calendars]\ndirectory = \(folder.path)\n[web]\nport = \(port)\n")
        var refusalsLogged: [Int] = []
        for start in 1...2 {
            let server = try startServe(workspace, port: port)
            defer {
                server.stop()
                refusalsLogged.append(server.text.components(separatedBy: "calendar refused").count - 1)
            }
            let home = try runToCompletion("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/"])
            #expect(home.output == "303" || home.output == "200", "the desk answers: \(home.output)")
            if start == 1 {
                #expect(eventually(timeout: 20) { (try? outbox(workspace, "--state", "sent").count) == 1 }, "the due reminder is sent")
            }
            #expect(server.isRunning)
        }
        #expect(refusalsLogged == [1, 0], "the refusal is logged once, not at every start")
        let status = try workspace.relais("status", environment: ["RELAIS_NOW": workspace.now])
        #expect(status.output.contains("calendar refused since") && status.output.contains("nest.ics:"), "\(status.output)")
        #expect(status.output.contains("more than 64 deep"))
        let doctor = try workspace.relais("doctor", environment: ["RELAIS_NOW": workspace.now])
        #expect(doctor.status == 1)
        #expect(doctor.output.contains("FAIL calendar \(folder.path)/nest.ics: \(folder.path)/nest.ics:"), "\(doctor.output)")
    }

    @Test func aRequestPathCannotForgeALogLine() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let agent = try site.signedIn("agent-gex")
        for path in ["/bookings/1%0A%3C0%3EFORGED/cancel", "/bookings/1%0D%0A%3C0%3EFORGED%20emergency/cancel", "/runs/%E2%80%A8%3C0%3EFORGED"] {
            let answer = try agent.post(path, [("csrf", "0")])
            #expect(answer.status >= 400, "\(path): \(answer.status)")
        }
        let token = try #require(try agent.get("/runs").csrf)
        #expect(try agent.post("/bookings/1%0A%3C0%3EFORGED/cancel", [("csrf", token)]).status >= 400)
        #expect(eventually(timeout: 5) { site.log.contains("FORGED") }, "the forged paths were logged")
        let lines = site.log.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for line in lines {
            #expect(line.range(of: #"^<[3-7]>[a-z]"#, options: .regularExpression) != nil, "a line relais did not write: \(line)")
            #expect(!line.dropFirst(3).contains("\u{2028}"))
        }
        #expect(!lines.contains { $0.hasPrefix("<0>") })
    }
}
