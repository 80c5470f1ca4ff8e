// relais report outreach: SMS sent and their segments per campaign, in every format, from the sizes
// recorded when each SMS was written — twice as many segments when the same reminders go as UCS-2.

import Foundation
import Testing

@Suite struct ReportSMSSegmentsCLITests {
    /// The segments table of `relais report outreach --format json`, its rows by id.
    func segmentsTable(_ workspace: Workspace) throws -> [String: [String: Any]] {
        let report = try workspace.json(workspace.relais("report", "outreach", "--year", "2027", "--format", "json"))
        var found: [String: Any]?
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                if object["id"] as? String == "segments-sms-par-campagne" { found = object }
                object.values.forEach(walk)
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(report)
        let table = try #require(found, "the outreach report has a segments table")
        let rows = try #require(table["rows"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as! String, $0["values"] as! [String: Any]) })
    }

    @Test func outreachGivesSMSSegmentsPerCampaign() throws {
        let gsm = try preparedWorkspace(people: 12, channel: "sms", configuration: "")
        #expect(try gsm.relais("send", "--once").output.hasPrefix("12 sent"))
        gsm.now = "2027-03-30T13:00"  // the session held: the report counts up to now
        let rows = try segmentsTable(gsm)
        #expect(rows["test-2027"]?["sms-envoyes"] as? Int == 12)
        #expect(rows["test-2027"]?["segments"] as? Int == 12, "one GSM-7 segment each: \(rows)")
        #expect(rows["total"]?["segments"] as? Int == 12)
        let text = try gsm.relais("report", "outreach", "--year", "2027").output
        #expect(text.contains("SMS envoyés et segments facturés, par campagne"), "\(text)")
        let csv = try gsm.relais("report", "outreach", "--year", "2027", "--format", "csv").output
        #expect(csv.contains(";Total;Segments;12;segments-sms-par-campagne;total;segments"), "\(csv)")
        let html = try gsm.relais("report", "outreach", "--year", "2027", "--format", "html").output
        #expect(html.contains("SMS envoyés et segments facturés, par campagne"))

        let ucs2 = try preparedWorkspace(people: 12, channel: "sms", configuration: "[sms]\nalphabet = ucs2\n")
        #expect(try ucs2.relais("send", "--once").output.hasPrefix("12 sent"))
        ucs2.now = "2027-03-30T13:00"
        let accented = try segmentsTable(ucs2)
        #expect(accented["test-2027"]?["segments"] as? Int == 24, "\"Salle des fêtes\" sends them as UCS-2, two segments each")
    }

    @Test func theSegmentsOfMaskedSMSAreMaskedToo() throws {
        // 6 SMS in UCS-2, 12 segments: shown, the segments would tell the 6 ("< 11") SMS.
        let workspace = try preparedWorkspace(people: 6, channel: "sms", configuration: "[sms]\nalphabet = ucs2\n")
        #expect(try workspace.relais("send", "--once").output.hasPrefix("6 sent"))
        workspace.now = "2027-03-30T13:00"
        let rows = try segmentsTable(workspace)
        #expect((rows["test-2027"]?["sms-envoyes"] as? [String: Any])?["masked"] as? String == "primary", "\(rows)")
        #expect((rows["test-2027"]?["segments"] as? [String: Any])?["masked"] as? String == "secondary", "\(rows)")
        #expect((rows["total"]?["segments"] as? [String: Any])?["masked"] as? String == "secondary", "\(rows)")
    }
}
