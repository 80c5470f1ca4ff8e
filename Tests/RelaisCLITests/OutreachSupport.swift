// What the outreach tests share: events with alarms, the outbox as JSON, a workspace with people
// registered and due for a reminder.

import Foundation
import Testing

/// A VEVENT body with alarms: a one-off event in Europe/Paris.
func eventWithAlarms(uid: String, start: String, end: String, alarms: [String], extra: String = "") -> String {
    event(uid: uid, start: start, end: end, extra: extra).replacingOccurrences(of: "\nX-RELAIS-CAPACITY:2", with: "")
        + alarms.map { "\nBEGIN:VALARM\nACTION:DISPLAY\nDESCRIPTION:Rappel\nTRIGGER:\($0)\nEND:VALARM" }.joined()
}

/// The outbox as JSON rows.
func outbox(_ workspace: Workspace, _ arguments: String...) throws -> [[String: Any]] {
    let result = try workspace.run(
        Workspace.binary.path, workspace.globalArguments + ["outbox", "list", "--json"] + arguments,
        environment: ["RELAIS_NOW": workspace.now])
    return try #require(try workspace.json(result) as? [[String: Any]], "\(result.errors)")
}

/// Occurrence ids by event UID.
func occurrenceIDs(_ workspace: Workspace) throws -> [String: String] {
    let rows = try workspace.json(workspace.relais("events", "list", "--from", "2026-01-01", "--json")) as! [[String: Any]]
    return Dictionary(rows.map { ($0["uid"] as! String, String($0["id"] as! Int)) }, uniquingKeysWith: { first, _ in first })
}

/// A workspace with one event on Tuesday 30 March 2027 at 10:00 (alarm -P1D) and `people`
/// registered by a CSV import; `channel` decides the columns. The tests it serves count reminders:
/// confirmations are off.
func preparedWorkspace(people: Int, channel: String, configuration: String) throws -> Workspace {
    let workspace = Workspace()
    workspace.configure(configuration, confirmations: false)
    let file = workspace.write(
        "test.ics", calendar(eventWithAlarms(uid: "a@test", start: "20270330T100000", end: "20270330T120000", alarms: ["-P1D"])))
    #expect(try workspace.relais("campaigns", "load", file).status == 0)
    let occurrence = try occurrenceIDs(workspace)["a@test"]!
    var csv = "name,commune,phone,email,consent,consent_source\n"
    for index in 0..<people {
        let phone = index % 2 == 0 ? String(format: "06%08d", index) : String(format: "+41 79 %07d", index)
        csv += "Résident \(index),Gex,\(phone),resident\(index)@example.fr,\(channel),test\n"
    }
    let imported = try workspace.relais("participants", "import", workspace.write("people.csv", csv), "--occurrence", occurrence)
    #expect(imported.status == 0, "\(imported.errors)")
    workspace.now = "2027-03-30T08:30"  // after the e-mail (Mon 29 10:00) and the SMS (Tue 30 08:00, Monday is Easter Monday)
    return workspace
}

/// A copy of the repository's templates with one line added to one file.
enum TemporaryDirectoryCopy {
    static func templates(adding line: String, to name: String) -> URL {
        let source = Workspace.repository.appendingPathComponent("Config/templates")
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("relais-templates-\(UUID().uuidString)")
        try! FileManager.default.copyItem(at: source, to: copy)
        let file = copy.appendingPathComponent(name)
        let text = try! String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "\n\n{{stop}}", with: "\n\(line)\n\n{{stop}}")
        try! text.write(to: file, atomically: true, encoding: .utf8)
        return copy
    }
}
