import Foundation
import Testing

/// Every bad input gets a clear message naming the file, line or field, a non-zero exit status,
/// and leaves the database exactly as it was.
@Suite struct BadInputCLITests {
    func prepared() throws -> (Workspace, String) {
        let workspace = Workspace()
        let file = workspace.write("test.ics", calendar(event(uid: "a@test", start: "20270330T090000", end: "20270330T120000")))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        #expect(try workspace.relais("participants", "add", "--name", "Jeanne", "--commune", "Gex", "--phone", "0612345678").status == 0)
        let occurrences = try workspace.json(workspace.relais("events", "list", "--json")) as! [[String: Any]]
        let occurrence = String(occurrences[0]["id"] as! Int)
        #expect(try workspace.relais("register", "--participant", "1", "--occurrence", occurrence).status == 0)
        return (workspace, occurrence)
    }

    func expectRefused(_ workspace: Workspace, _ arguments: [String], mentioning fragment: String) throws {
        let before = try workspace.dump()
        let result = try workspace.run(
            Workspace.binary.path, ["--db", workspace.database] + arguments, environment: ["RELAIS_NOW": workspace.now])
        #expect(result.status != 0, "\(arguments) was accepted")
        #expect(result.errors.contains(fragment), "\(arguments): \(result.errors)")
        #expect(result.output.isEmpty || !result.output.contains("added"))
        #expect(try workspace.dump() == before, "\(arguments) changed the database")
    }

    @Test func badPeopleAreRefusedByField() throws {
        let (workspace, _) = try prepared()
        try expectRefused(
            workspace, ["participants", "add", "--name", "B", "--commune", "Gex", "--phone", "06 12 34"], mentioning: "--phone")
        try expectRefused(
            workspace, ["participants", "add", "--name", "B", "--commune", "Gex", "--email", "b@nowhere"], mentioning: "--email")
        try expectRefused(
            workspace, ["participants", "add", "--name", "B", "--commune", "Genève"], mentioning: "--commune: \"Genève\" is not a commune")
        try expectRefused(
            workspace, ["participants", "add", "--name", "B", "--commune", "Gex", "--birth-year", "soon"], mentioning: "--birth-year")
        try expectRefused(workspace, ["participants", "add", "--commune", "Gex"], mentioning: "--name")
    }

    @Test func badRegistrationsAreRefused() throws {
        let (workspace, occurrence) = try prepared()
        try expectRefused(workspace, ["register", "--participant", "1", "--occurrence", "9999"], mentioning: "no occurrence 9999")
        try expectRefused(workspace, ["register", "--participant", "77", "--occurrence", occurrence], mentioning: "no participant 77")
        try expectRefused(workspace, ["register", "--participant", "1", "--occurrence", occurrence], mentioning: "already registered")
        try expectRefused(workspace, ["register", "--participant", "x", "--occurrence", occurrence], mentioning: "--participant")
        try expectRefused(workspace, ["events", "list", "--campaign", "nope"], mentioning: "no campaign nope")
    }

    @Test func invalidUTF8IsRefusedWithItsLine() throws {
        let (workspace, _) = try prepared()
        var bytes = Array(calendar(event(uid: "b@test", start: "20270331T090000", end: "20270331T120000")).utf8)
        let summary = bytes.firstRange(of: Array("SUMMARY:D".utf8))!
        bytes[summary.upperBound] = 0xE9  // a Latin-1 é in place of the UTF-8 one
        let file = workspace.write("latin1.ics", Data(bytes))
        try expectRefused(workspace, ["campaigns", "load", file], mentioning: "latin1.ics:11: is not valid UTF-8")
        let csv = workspace.write("latin1.csv", Data("name,commune\nH".utf8 + [0xE9] + Array("l\u{e8}ne,Gex\n".utf8)))
        try expectRefused(workspace, ["participants", "import", csv], mentioning: "latin1.csv:2: is not valid UTF-8")
    }

    @Test func aOneMegabyteLineIsRefusedWithItsLine() throws {
        let (workspace, _) = try prepared()
        let long = "DESCRIPTION:" + String(repeating: "a", count: 1_048_576)
        let file = workspace.write(
            "long.ics", calendar(event(uid: "b@test", start: "20270331T090000", end: "20270331T120000", extra: long)))
        try expectRefused(workspace, ["campaigns", "load", file], mentioning: "long.ics:16: line is")
    }

    @Test func aFiftyMegabyteFileIsRefusedWhole() throws {
        let (workspace, _) = try prepared()
        let line = "COMMENT:" + String(repeating: "x", count: 60) + "\r\n"
        let body = String(repeating: line, count: 50 * 1024 * 1024 / line.utf8.count + 1)
        let file = workspace.write("huge.ics", "BEGIN:VCALENDAR\r\n" + body + "END:VCALENDAR\r\n")
        try expectRefused(workspace, ["campaigns", "load", file], mentioning: "huge.ics: file is")
    }

    @Test func calendarMistakesNameTheFileAndLine() throws {
        let (workspace, _) = try prepared()
        let unknownCommune = workspace.write(
            "commune.ics",
            calendar(
                event(uid: "b@test", start: "20270331T090000", end: "20270331T120000").replacingOccurrences(
                    of: "X-RELAIS-COMMUNE:Gex", with: "X-RELAIS-COMMUNE:Lyon")))
        try expectRefused(workspace, ["campaigns", "load", unknownCommune], mentioning: "commune.ics:6: event b@test")
        let noCampaign = workspace.write(
            "nocampaign.ics",
            calendar(event(uid: "b@test", start: "20270331T090000", end: "20270331T120000")).replacingOccurrences(
                of: "X-RELAIS-CAMPAIGN:test-2027\r\n", with: ""))
        try expectRefused(workspace, ["campaigns", "load", noCampaign], mentioning: "does not say which campaign it is")
        let garbage = workspace.write("garbage.ics", "this is not a calendar\n")
        try expectRefused(workspace, ["campaigns", "load", garbage], mentioning: "garbage.ics")
        try expectRefused(
            workspace, ["campaigns", "load", workspace.directory.appendingPathComponent("missing.ics").path], mentioning: "no such file")
    }

    @Test func aDatabaseFromANewerRelaisIsRefused() throws {
        let (workspace, _) = try prepared()
        _ = try workspace.run("/usr/bin/sqlite3", [workspace.database, "INSERT INTO schema_migration VALUES (999, 0)"])
        let result = try workspace.relais("events", "list")
        #expect(result.status == 75)
        #expect(result.errors.contains("written by a newer relais"))
    }

    @Test func unknownCommandsAndOptionsAreUsageErrors() throws {
        let workspace = Workspace()
        #expect(try workspace.relais("frobnicate").status == 64)
        let result = try workspace.relais("events", "list", "--frm", "2027-01-01")
        #expect(result.status == 64 && result.errors.contains("unknown option --frm"))
    }
}

@Suite struct ConcurrencyCLITests {
    @Test func twoProcessesRegisteringInALoopBothFinishWithoutAnError() throws {
        let workspace = Workspace()
        let file = workspace.write(
            "test.ics",
            calendar(
                event(uid: "a@test", start: "20270330T090000", end: "20270330T120000").replacingOccurrences(
                    of: "X-RELAIS-CAPACITY:2", with: "X-RELAIS-CAPACITY:1000")))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        let occurrences = try workspace.json(workspace.relais("events", "list", "--json")) as! [[String: Any]]
        let occurrence = occurrences[0]["id"] as! Int
        let rounds = 40
        let script = """
            set -u
            for i in $(seq 1 \(rounds)); do
              id=$("$RELAIS" --db "$DB" participants add --name "Loop $1 $i" --commune Gex --phone "061234$1$(printf %03d "$i")" --json | tr -dc 0-9) || exit 10
              "$RELAIS" --db "$DB" register --participant "$id" --occurrence \(occurrence) > /dev/null || exit 11
            done
            """
        let scriptPath = workspace.write("loop.sh", script)
        let environment = ProcessInfo.processInfo.environment.merging(
            ["RELAIS": Workspace.binary.path, "DB": workspace.database, "RELAIS_NOW": workspace.now]) { $1 }
        let processes = (1...2).map { index -> (Process, Pipe) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [scriptPath, String(index)]
            process.environment = environment
            let errors = Pipe()
            process.standardError = errors
            try! process.run()
            return (process, errors)
        }
        for (process, errors) in processes {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(message)")
            #expect(message.isEmpty, "\(message)")
        }
        let after = try workspace.json(workspace.relais("events", "list", "--json")) as! [[String: Any]]
        #expect(after[0]["registered"] as? Int == 2 * rounds)
    }
}
