// The desk's calendar upload and relais serve's calendars folder take what an exported calendar does
// not say as `campaigns load` does: from the sidecar FILE.relais in the folder, and from the campaign
// already loaded from the file (the defaults it was loaded with). The upload writes the campaign
// file's own sidecar, and the daemon reloads a calendar whose sidecar alone changed.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct DeskImportsCLITests {
    @Test func anOutlookExportUploadedBesideItsSidecarLoadsAndTheDaemonReadsItBackWithTheSameDefaults() throws {
        let planner = try PlannerSite()
        defer { planner.site.server.stop() }
        let workspace = planner.workspace
        try "campaign = grippe-2027\nfa = 12\ncategory = vaccination\n".write(
            to: planner.calendars.appendingPathComponent("Calendrier Outlook.ics.relais"), atomically: true, encoding: .utf8)
        let browser = try planner.browser("planification", home: "/campaigns")
        let page = try planner.pageUpload(workspace.write("Calendrier Outlook.ics", ExportSamples.outlook.text), by: browser)
        #expect(page.status == 200, "\(page.body)")
        #expect(page.body.contains("href=\"/campaigns/grippe-2027\""), "\(page.body)")

        // The watcher loads grippe-2027.ics again: no sidecar of that name, but the campaign already
        // loaded from it gives its id, action sheet and category.
        let stored = planner.calendars.appendingPathComponent("grippe-2027.ics")
        let verdict = {
            (try? workspace.run("/usr/bin/sqlite3", [workspace.database, "SELECT path, state FROM calendar_file"]).output) ?? ""
        }
        #expect(eventually(timeout: 15) { verdict() == "\(stored.path)|loaded\n" }, "\(verdict())")
        // The folder alone says what the database holds: the campaign's file has its own sidecar.
        let folder = try FileManager.default.contentsOfDirectory(atPath: planner.calendars.path).sorted()
        #expect(folder == ["Calendrier Outlook.ics.relais", "grippe-2027.ics", "grippe-2027.ics.relais"], "\(folder)")
        let sidecar = try String(contentsOf: planner.calendars.appendingPathComponent("grippe-2027.ics.relais"), encoding: .utf8)
        #expect(sidecar.hasSuffix("campaign = grippe-2027\nfa = 12\ncategory = vaccination\n"), "\(sidecar)")

        // A second upload of the same export, a session moved, is taken as the same campaign.
        let moved = ExportSamples.outlook.text.replacingOccurrences(of: "20270304T090000", with: "20270304T100000")
        let second = try planner.pageUpload(workspace.write("Calendrier Outlook.ics", moved), by: browser)
        #expect(second.status == 200, "\(second.body)")
        #expect(second.body.contains("href=\"/campaigns/grippe-2027\""))
        let listed = try workspace.relais("events", "list", "--campaign", "grippe-2027", "--json")
        let occurrences = try #require(try workspace.json(listed) as? [[String: Any]])
        #expect(occurrences.count == 4 && occurrences.allSatisfy { $0["categories"] as? [String] == ["vaccination"] }, "\(occurrences)")
    }

    @Test func aCalendarCopiedIntoTheFolderIsLoadedByTheDaemonOnceItsSidecarSaysWhatItLacks() throws {
        let planner = try PlannerSite()
        defer { planner.site.server.stop() }
        let workspace = planner.workspace
        let sidecar = planner.calendars.appendingPathComponent("prevention.ics.relais")
        try "campaign = tabac-2027\n".write(to: sidecar, atomically: true, encoding: .utf8)
        let file = planner.calendars.appendingPathComponent("prevention.ics")
        try ExportSamples.nextcloud.text.write(to: file, atomically: true, encoding: .utf8)
        let state = {
            (try? workspace.run(
                "/usr/bin/sqlite3", [workspace.database, "SELECT state, campaign FROM calendar_file WHERE path = '\(file.path)'"]
            ).output) ?? ""
        }
        // No action sheet anywhere: refused. The sidecar mended alone is enough for the daemon to load it.
        #expect(eventually(timeout: 15) { state().hasPrefix("refused|") }, "\(state())")
        try "campaign = tabac-2027\nfa = 7\n".write(to: sidecar, atomically: true, encoding: .utf8)
        #expect(eventually(timeout: 15) { state() == "loaded|tabac-2027\n" }, "\(state())")
        let listed = try workspace.relais("events", "list", "--campaign", "tabac-2027", "--json")
        #expect(((try workspace.json(listed) as? [[String: Any]]) ?? []).count >= 2, "\(listed.output)")
    }
}
