// relais campaigns load with calendars as planners' applications export them (ExportSamples): the
// Relais properties no application can write come from --campaign/--fa/--category, from a sidecar
// FILE.relais, or from the campaign already loaded from the file; the commune is found in LOCATION.
// A file with five different problems is refused with all five, each at its line, in a planner's
// words (libical's own only with --verbose), and the database is as it was.

import Foundation
import RelaisTestPeers
import Testing

@Suite struct CalendarImportsCLITests {
    @Test(arguments: ExportSamples.all.map(\.application))
    func everyApplicationsExportLoadsWithTheCommandsOptions(application: String) throws {
        let sample = try #require(ExportSamples.all.first { $0.application == application })
        let workspace = Workspace()
        let file = workspace.write(sample.fileName, sample.text)
        let loaded = try workspace.relais("campaigns", "load", file, "--campaign", "exports-2027", "--fa", "7,12", "--category", "screening")
        #expect(loaded.status == 0, "\(application): \(loaded.errors)")
        #expect(loaded.output.contains("exports-2027: \(sample.uids.count) events added"), "\(loaded.output)")
        let listed = try workspace.relais("events", "list", "--json")
        let occurrences = try #require(try workspace.json(listed) as? [[String: Any]])
        #expect(Set(occurrences.compactMap { $0["uid"] as? String }) == Set(sample.uids), "\(application)")
    }

    @Test func theCommuneIsTheOneLocationNamesAndAnEventsOwnCategoryWins() throws {
        let workspace = Workspace()
        for sample in [ExportSamples.google, ExportSamples.thunderbird, ExportSamples.apple, ExportSamples.nextcloud] {
            let file = workspace.write(sample.fileName, sample.text)
            let campaign = "c-" + sample.application.lowercased().replacingOccurrences(of: " ", with: "-")
            let loaded = try workspace.relais("campaigns", "load", file, "--campaign", campaign, "--fa", "7", "--category", "awareness")
            #expect(loaded.status == 0, "\(loaded.errors)")
        }
        let occurrences = try #require(try workspace.json(try workspace.relais("events", "list", "--json")) as? [[String: Any]])
        func first(_ uid: String) -> [String: Any]? { occurrences.first { $0["uid"] as? String == uid } }
        #expect(first("1a2b3c4d5e6f7g8h9i0j@google.com")?["commune"] as? String == "gex")
        #expect(first("5hv2c1q0m1u3b7kq2s0b8d1t3g@google.com")?["commune"] is NSNull, "no LOCATION, no commune")
        #expect(first("8f0c2b1e-6d3a-4c55-9a77-0e1d2c3b4a59")?["commune"] as? String == "divonne-les-bains")
        #expect(first("A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF")?["commune"] as? String == "ferney-voltaire")
        #expect(first("8f0c2b1e-6d3a-4c55-9a77-0e1d2c3b4a59")?["categories"] as? [String] == ["screening"], "CATEGORIES:Dépistage")
        #expect(first("2c3a1d7e-0b8f-4e6a-9c1d-5f4e3d2c1b0a")?["categories"] as? [String] == ["tobacco"], "CATEGORIES:Tabac")
        #expect(first("A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF")?["categories"] as? [String] == ["awareness"], "--category")
    }

    @Test func aSidecarGivesWhatTheFileDoesNotAndALaterLoadKeepsTheDefaultsItWasLoadedWith() throws {
        let workspace = Workspace()
        let file = workspace.write("Calendrier Outlook.ics", ExportSamples.outlook.text)
        let sidecar = workspace.write("Calendrier Outlook.ics.relais", "# Relais: what Outlook cannot say\ncampaign = grippe-2027\nfa = 12\ncategory = vaccination\n")
        let loaded = try workspace.relais("campaigns", "load", file)
        #expect(loaded.status == 0, "\(loaded.errors)")
        #expect(loaded.output.hasPrefix("grippe-2027: 1 events added"), "\(loaded.output)")

        // Without the sidecar, the campaign already loaded from this file gives its id, sheets and category.
        try FileManager.default.removeItem(atPath: sidecar)
        let moved = ExportSamples.outlook.text.replacingOccurrences(of: "20270304T090000", with: "20270304T100000")
        _ = workspace.write("Calendrier Outlook.ics", moved)
        let reloaded = try workspace.relais("campaigns", "load", file)
        #expect(reloaded.status == 0, "\(reloaded.errors)")
        #expect(reloaded.output.hasPrefix("grippe-2027: "), "\(reloaded.output)")
        let occurrences = try #require(try workspace.json(try workspace.relais("events", "list", "--json")) as? [[String: Any]])
        #expect(occurrences.allSatisfy { $0["categories"] as? [String] == ["vaccination"] }, "\(occurrences)")
    }

    @Test func aBadSidecarLineIsSaidBesideTheCalendarsProblemsAndBadOptionsNameTheOption() throws {
        let workspace = Workspace()
        let file = workspace.write("depistages.ics", ExportSamples.thunderbird.text)
        _ = workspace.write("depistages.ics.relais", "campaign = Mammobile 2027\nfa = 7\nwhatever\n")
        #expect(try workspace.relais("campaigns", "list").status == 0)
        let before = try workspace.dump()
        let refused = try workspace.relais("campaigns", "load", file)
        #expect(refused.status == 65)
        #expect(refused.errors.contains("depistages.ics.relais:1: campaign: \"Mammobile 2027\" must be lower-case"), "\(refused.errors)")
        #expect(refused.errors.contains("depistages.ics.relais:3: expected key = value"), "\(refused.errors)")
        #expect(refused.errors.contains("depistages.ics: the calendar does not say which campaign it is"), "\(refused.errors)")
        #expect(try workspace.dump() == before)

        for (option, value, said) in [
            ("--fa", "sept", "--fa: \"sept\" is not an action-sheet number"), ("--category", "dentist", "--category: \"dentist\" is not a category"),
            ("--campaign", "Mars Bleu", "--campaign: \"Mars Bleu\" must be lower-case"),
        ] {
            let bad = try workspace.relais("campaigns", "load", file, option, value)
            #expect(bad.status == 64, "\(option)")
            #expect(bad.errors.contains(said), "\(bad.errors)")
            #expect(try workspace.dump() == before)
        }
    }

    @Test func fiveDifferentProblemsAreAllSaidWithTheirLinesInOneRunAndNothingChanges() throws {
        let workspace = Workspace()
        let good = workspace.write("good.ics", calendar(event(uid: "a@test", start: "20270330T090000", end: "20270330T120000")))
        #expect(try workspace.relais("campaigns", "load", good).status == 0)
        let before = try workspace.dump()
        let lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Planner//FR", "X-WR-CALNAME:Mars bleu",  // 1-4
            "BEGIN:VEVENT", "UID:one@test", "DTSTART:20270301T090000", "SUMMARY:One", "THIS IS NOT A PROPERTY", "END:VEVENT",  // 5-10
            "BEGIN:VEVENT", "UID:two@test", "DTSTART:20270302T090000", "DTEND:2027-03-02 12h", "SUMMARY:Two", "END:VEVENT",  // 11-16
            "BEGIN:VEVENT", "UID:three@test", "DTSTART;TZID=Mars/Olympus:20270303T090000", "SUMMARY:Three", "END:VEVENT",  // 17-21
            "BEGIN:VEVENT", "UID:four@test", "DTSTART:20270304T090000", "SUMMARY:Four", "RRULE:FREQ=SOMETIMES", "END:VEVENT",  // 22-27
            "BEGIN:VEVENT", "UID:five@test", "DTSTART:20270305T090000", "SUMMARY:Five", "X-RELAIS-CAPACITY:lots", "END:VEVENT",  // 28-33
            "END:VCALENDAR",
        ]
        let broken = workspace.write("broken.ics", lines.joined(separator: "\r\n") + "\r\n")
        let refused = try workspace.relais("campaigns", "load", broken, "--campaign", "mars-bleu-2027", "--fa", "7", "--category", "screening")
        #expect(refused.status == 65)
        let said = refused.errors.split(separator: "\n").map(String.init)
        #expect(said.count == 7, "\(refused.errors)")
        #expect(said.prefix(5).map { $0.split(separator: ":").dropFirst(2).first.map(String.init) } == ["9", "14", "19", "26", "28"], "\(said)")
        #expect(said[0].contains("not a property line"), "\(said[0])")
        #expect(said[1].contains("DTEND: the value is not a valid date and time"), "\(said[1])")
        #expect(said[2].contains("TZID=Mars/Olympus"), "\(said[2])")
        #expect(said[3].contains("RRULE"), "\(said[3])")
        #expect(said[4].contains("X-RELAIS-CAPACITY: \"lots\" is not a whole number"), "\(said[4])")
        #expect(said[5] == "relais: \(broken): 5 problems; nothing loaded from this file")
        #expect(!refused.errors.contains("libical"), "\(refused.errors)")
        #expect(try workspace.dump() == before)

        let verbose = try workspace.relais(
            "campaigns", "load", broken, "--campaign", "mars-bleu-2027", "--fa", "7", "--category", "screening", "--verbose")
        #expect(verbose.status == 65)
        #expect(verbose.errors.contains("    (libical: "), "\(verbose.errors)")
        #expect(try workspace.dump() == before)
    }

    @Test func defaultsGivenWithARelativePathServeTheDaemonAndDoctorWhichNameItByItsFullPath() throws {
        let workspace = Workspace()
        let folder = workspace.directory.appendingPathComponent("Campaigns")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try ExportSamples.outlook.text.write(to: folder.appendingPathComponent("outlook.ics"), atomically: true, encoding: .utf8)
        workspace.configure("[calendars]\ndirectory = \(folder.path)\n[web]\nenabled = no\n")
        let loaded = try workspace.relais(
            "campaigns", "load", "Campaigns/../Campaigns/outlook.ics", "--campaign", "grippe-2027", "--fa", "7", "--category", "screening")
        #expect(loaded.status == 0, "\(loaded.errors)")
        let campaigns = try #require(try workspace.json(try workspace.relais("campaigns", "list", "--json")) as? [[String: Any]])
        #expect(campaigns.first?["file"] as? String == folder.appendingPathComponent("outlook.ics").path, "\(campaigns)")

        let doctor = try workspace.relais("doctor")
        #expect(doctor.status == 0 && doctor.output.contains("ok   calendar"), "\(doctor.output)\(doctor.errors)")
        let daemon = try startDaemon(workspace)
        defer { daemon.stop() }
        let status = try statusCodes(workspace)
        #expect(status.status == 0 && status.problems.isEmpty, "\(status.fields)\(daemon.text)")
    }
}
