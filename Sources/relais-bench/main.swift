// relais-bench: prints how long the foundation's heavy paths take, on this machine.
//
//   swift run -c release relais-bench [--participants N]
//   swift run -c release relais-bench route [RUNS]     (RouteBench.swift: the door-to-door planner only)
//
// 1. Load a 10,000-event calendar: libical parse and expansion, the core's checks, the store's
//    transaction (a fresh SQLite file in a temporary directory).
// 2. Expand a daily RRULE over five years (1,826 occurrences) and store it.
// 3. Register 100,000 participants: add them (one transaction, as `participants import` does),
//    then register each to an occurrence in its own transaction (as `relais register` does,
//    reminders planned in the same transaction).
// 4. Plan reminders for 100,000 registrations in one pass (`relais reminders plan`).
// Figures, not assertions: CI machines are noisy, so nothing here fails on time.

import Foundation
import RelaisCalendar
import RelaisCore
import RelaisStore

if CommandLine.arguments.dropFirst().first == "route" {
    try RouteBench.run(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}

let paris = LocalTime.paris
/// The shipped default territory, read from the repository's file as relais reads it.
let territory: Territory = {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let path = repository.appendingPathComponent(Configuration.defaultTerritoryFile).path
    return try! TerritoryFile.parse(String(contentsOfFile: path, encoding: .utf8), fileName: path)
}()
let now = paris.parse("2026-11-22T10:00")!
var participantCount = 100_000
if let index = CommandLine.arguments.firstIndex(of: "--participants"), index + 1 < CommandLine.arguments.count,
    let count = Int(CommandLine.arguments[index + 1])
{
    participantCount = count
}

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("relais-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }

/// Runs `body` and prints its wall-clock time.
@discardableResult
func measure<T>(_ label: String, count: Int? = nil, unit: String = "", _ body: () throws -> T) rethrows -> T {
    let start = DispatchTime.now()
    let result = try body()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    var line = label.padding(toLength: 52, withPad: " ", startingAt: 0) + String(format: "%9.3f s", seconds)
    if let count { line += String(format: "   %10.0f ", Double(count) / seconds) + unit + "/s" }
    print(line)
    return result
}

func calendarText(events: Int) -> String {
    let communes = territory.communes
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Relais bench//FR", "X-RELAIS-CAMPAIGN:bench", "X-RELAIS-FA:7"]
    let base = paris.parse("2027-01-04T09:00")!
    for index in 0..<events {
        let start = base.addingTimeInterval(Double(index % 300) * 86_400 + Double(index % 8) * 3_600)
        let stamp = { (date: Date) -> String in
            let parts = paris.calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            return String(format: "%04d%02d%02dT%02d%02d00", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!)
        }
        lines += [
            "BEGIN:VEVENT", "UID:bench-\(index)@relais", "DTSTAMP:20261101T000000Z",
            "DTSTART;TZID=Europe/Paris:\(stamp(start))", "DTEND;TZID=Europe/Paris:\(stamp(start.addingTimeInterval(7_200)))",
            "SUMMARY:Stand de dépistage n° \(index)", "LOCATION:Salle des fêtes\\, \(communes[index % communes.count].name)",
            "CATEGORIES:screening", "X-RELAIS-COMMUNE:\(communes[index % communes.count].name)", "X-RELAIS-CAPACITY:30",
            "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Rappel", "TRIGGER:-P1D", "END:VALARM", "END:VEVENT",
        ]
    }
    lines.append("END:VCALENDAR")
    return lines.joined(separator: "\r\n") + "\r\n"
}

func load(_ text: String, name: String, into store: Store, horizonDays: Int) throws -> CampaignLoadSummary {
    let reader = CalendarReader(horizon: TimeInterval(horizonDays * 86_400), now: now)
    let decoded = try measure("  decode (UTF-8, line checks)") { try TextInput.decode(Data(text.utf8)) }
    let document = try measure("  parse and expand with libical") { try reader.read(decoded, fileName: name) }
    let content = try measure("  check the campaign rules") { try CampaignCalendar.judge(document, fileName: name, territory: territory) }
    return try measure("  store in one transaction") { try store.load(content, sourceFile: name, now: now) }
}

print("relais-bench on \(ProcessInfo.processInfo.activeProcessorCount) cores, database in \(directory.path)\n")

// MARK: - 1. A 10,000-event calendar
let store = try Store.open(path: directory.appendingPathComponent("bench.sqlite").path, territory: territory)
let big = calendarText(events: 10_000)
print("1. Load a 10,000-event calendar (\(big.utf8.count / 1024) KiB)")
let first = try measure("  total", count: 10_000, unit: "events") { try load(big, name: "bench.ics", into: store, horizonDays: 730) }
print("  -> \(first.eventsAdded) events, \(first.occurrencesAdded) occurrences")
let again = try measure("  reload unchanged, total", count: 10_000, unit: "events") {
    try load(big, name: "bench.ics", into: store, horizonDays: 730)
}
print("  -> unchanged: \(again.isUnchanged)\n")

// MARK: - 2. A daily RRULE over five years
let daily = """
    BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Relais bench//FR\r\nX-RELAIS-CAMPAIGN:daily\r\nX-RELAIS-FA:7\r\n\
    BEGIN:VEVENT\r\nUID:daily@relais\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Europe/Paris:20270101T090000\r\n\
    DTEND;TZID=Europe/Paris:20270101T100000\r\nRRULE:FREQ=DAILY\r\nSUMMARY:Permanence\r\nCATEGORIES:vaccination\r\n\
    END:VEVENT\r\nEND:VCALENDAR\r\n
    """
print("2. Expand a daily RRULE (no end) over five years")
let expanded = try measure("  total") { try load(daily, name: "daily.ics", into: store, horizonDays: 5 * 365 + 1) }
print("  -> \(expanded.occurrencesAdded) occurrences\n")

// MARK: - 3. 100,000 participants
print("3. Register \(participantCount) participants")
let people = try (0..<participantCount).map { index in
    try ParticipantForm(
        name: "Participant \(index)", phone: String(format: "06%08d", index),
        commune: territory.communes[index % territory.communes.count].name,
        birthYear: String(1940 + index % 60), consentedChannels: ["sms"], consentSource: "bench"
    ).validated(territory: territory, now: now, calendar: paris.calendar)
}
let ids = try measure("  add them (one transaction, like import)", count: participantCount, unit: "people") {
    try store.add(people, now: now)
}
let occurrences = try store.occurrences(OccurrenceFilter(campaign: "daily")).prefix(1_000).map(\.id)
try measure("  register each (own transaction, fsync)", count: participantCount, unit: "registrations") {
    for (index, id) in ids.enumerated() {
        _ = try store.register(
            participant: id, occurrence: occurrences[index % occurrences.count], source: "bench", now: now, calendar: paris.calendar)
    }
}
try measure("  list one occurrence's counts") { _ = try store.occurrence(id: occurrences[0]) }

// MARK: - 4. Planning reminders for 100,000 registrations
print("\n4. Plan reminders for \(participantCount) registrations (one SMS each, -P1D by default)")
try store.database.execute("DELETE FROM outbox")
let planned = try measure("  plan them all (one transaction)", count: participantCount, unit: "registrations") {
    try store.planReminders(rules: OutreachRules(), now: now, calendar: paris.calendar)
}
print("  -> \(planned.queued) queued, \(planned.dropped) dropped (quiet hours, Sundays, holidays, the cap)")
let again2 = try measure("  plan again (nothing new)", count: participantCount, unit: "registrations") {
    try store.planReminders(rules: OutreachRules(), now: now, calendar: paris.calendar)
}
print("  -> \(again2.queued) queued")
