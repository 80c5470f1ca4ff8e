// relais doctor's SMS estimates: from the longest values of the calendars loaded in the database,
// typical values when none is loaded, and a warning for a template that may exceed two segments.

import Foundation
import Testing

@Suite struct DoctorSMSCLITests {
    /// The shipped SMS templates: doctor prints one line for each.
    static var smsTemplates: Int {
        let folder = Workspace.repository.appendingPathComponent("Config/templates").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".sms.txt") }.count
    }

    func smsLines(_ output: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { $0.contains(" SMS ") && $0.contains(".sms.txt:") }
    }

    @Test func withoutCalendarsDoctorSaysItUsedTypicalValues() throws {
        let workspace = Workspace()
        workspace.configure("")
        let output = try workspace.relais("doctor").output
        #expect(output.contains("SMS sizes in [sms] alphabet = gsm") && output.contains("from: typical values"), "\(output)")
        #expect(smsLines(output).count == Self.smsTemplates, "one line per SMS template: \(output)")
    }

    @Test func theShippedSeasonFitsTwoSegmentsWithItsLongestValues() throws {
        let workspace = Workspace()
        workspace.configure("")
        let campaigns = Workspace.repository.appendingPathComponent("Campaigns")
        let files = try FileManager.default.contentsOfDirectory(atPath: campaigns.path).filter { $0.hasSuffix(".ics") }
            .map { campaigns.appendingPathComponent($0).path }
        workspace.now = "2026-09-01T10:00"
        let loaded = try workspace.relais(["campaigns", "load"] + files)
        #expect(loaded.status == 0, "\(loaded.errors)")
        let output = try workspace.relais("doctor").output
        #expect(output.contains("from: events, shuttle runs"), "\(output)")
        let lines = smsLines(output)
        #expect(lines.count == Self.smsTemplates)
        #expect(lines.allSatisfy { $0.hasPrefix("     SMS ") && $0.contains(": gsm-7, ") && !$0.contains("3 segments") }, "\(lines)")
    }

    @Test func aLongSummaryMakesDoctorWarn() throws {
        let workspace = Workspace()
        workspace.configure("")
        let long = String(repeating: "Journée de dépistage ", count: 13)
        let file = workspace.write(
            "long.ics",
            calendar(event(uid: "long@test", start: "20270330T100000", end: "20270330T120000")
                .replacingOccurrences(of: "SUMMARY:Dépistage Mars bleu", with: "SUMMARY:\(long)")))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        let output = try workspace.relais("doctor").output
        #expect(output.contains("from: events, typical values"), "shuttle kinds fall back: \(output)")
        let reminder = try #require(smsLines(output).first { $0.contains("reminder.fr.sms.txt") })
        #expect(reminder.hasPrefix("warn SMS reminder.fr.sms.txt: gsm-7,"), "\(reminder)")
        #expect(reminder.hasSuffix("3 segments (may exceed 2)"), "\(reminder)")
    }
}
