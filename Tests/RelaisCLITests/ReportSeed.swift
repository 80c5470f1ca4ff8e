// The data set behind the report tests, built through the relais binary as users would: two
// calendars, people imported and registered, presences recorded, reminders sent through the file
// transport and refused by smtp-sink, one person forgotten. Every count the reports must give is
// worked out by hand in ReportCLITests.
//
//   campaign depistage-2027 (FA 7)
//     a@t  Tue 9 Mar 2027 09:00   screening, QPV Levant-Tattes (Ferney-Voltaire), 3 PS, alarm -P1D
//          14 registered (people 1-14, e-mail consent), 12 present (1-12); person 1 then forgotten
//     b@t  Wed 13 and 20 Oct 2027  vaccination, Gex, 2 PS per session, alarm -P1D
//          13 Oct: 12 registered (15-26, SMS consent), 11 present (15-25)
//          20 Oct:  3 registered (27-29, no consent), 2 present (27-28)
//     c@t  Tue 8 Jun 2027 14:00   screening, QPV Jacques Prévert, 1 PS, alarm -P1D
//          4 registered (30-33, e-mail consent: smtp-sink refuses them), 3 present (30-32)
//     d@t  Tue 4 May 2027          screening, Gex, STATUS:CANCELLED: no session
//     e@t  Tue 13 Apr 2027 07:30  transport (FA 7, 11), Gex: an action relayed, nobody registered
//     old@t Tue 1 Dec 2026         screening, Gex: 3 registered (34-36), outside 2027
//   campaign prevention-2027
//     f@t  Mon 8 Mar 2027 18:00   screening + violence, FA 7 and 12, Saint-Genis-Pouilly (no QPV), 2 PS
//          13 registered (37-49), 11 present (37-47)
//     g@t  Tue 9 Nov 2027 12:00   tobacco + awareness, "Espace sans tabac", FA 14, Ferney-Voltaire
//          14 registered (50-63: 12 born in 2012, aged 15; 2 born in 1980), all present
//     h@t  Tue 16 Nov 2027 18:00  tobacco, "Mois sans tabac", FA 14, Gex
//          3 registered (64-66, born in 2005, aged 22), 2 present (64-65)
//
// Reminders: a's 14 e-mails sent on Mon 8 Mar (file transport); c's 4 e-mails refused for good by
// smtp-sink on Mon 7 Jun; b's 12 SMS sent on Tue 12 Oct (file transport).

import Foundation
import RelaisTestPeers
import Testing

/// Directories of workspaces kept for a whole test run, removed when the process exits (a
/// static workspace is never released, so its deinit never runs).
nonisolated(unsafe) private var sharedWorkspaces: [URL] = []

/// Keeps `workspace` until the test process exits.
func removeAtExit(_ workspace: Workspace) {
    if sharedWorkspaces.isEmpty {
        atexit { for directory in sharedWorkspaces { try? FileManager.default.removeItem(at: directory) } }
    }
    sharedWorkspaces.append(workspace.directory)
}

/// The seeded workspace, built once for all the report tests (they only read it).
final class ReportSeed: @unchecked Sendable {
    static let shared: Result<ReportSeed, Error> = Result { try ReportSeed() }

    let workspace: Workspace
    private var serial = 0
    /// After the last session of 2027: the report's "now".
    static let reportTime = "2028-01-10T10:00"

    private init() throws {
        workspace = Workspace()
        removeAtExit(workspace)
        workspace.configure("", confirmations: false)
        let depistage = [
            Self.event(
                "a@t", "20270309T090000", "Dépistage au Levant-Tattes", "screening",
                ["X-RELAIS-QPV:Levant-Tattes", "X-RELAIS-PROFESSIONALS:3"], alarm: true),
            Self.event(
                "b@t", "20271013T090000", "Vaccination contre la grippe à Gex", "vaccination",
                ["X-RELAIS-COMMUNE:Gex", "X-RELAIS-PROFESSIONALS:2", "RRULE:FREQ=WEEKLY;COUNT=2"], alarm: true),
            Self.event(
                "c@t", "20270608T140000", "Dépistage au quartier Jacques Prévert", "screening",
                ["X-RELAIS-QPV:Jacques Prévert", "X-RELAIS-PROFESSIONALS:1"], alarm: true),
            Self.event("d@t", "20270504T100000", "Dépistage annulé", "screening", ["X-RELAIS-COMMUNE:Gex", "STATUS:CANCELLED"]),
            Self.event("e@t", "20270413T073000", "Navette vers l'EPS", "transport", ["X-RELAIS-COMMUNE:Gex", "X-RELAIS-FA:7,11"]),
            Self.event("old@t", "20261201T100000", "Dépistage 2026", "screening", ["X-RELAIS-COMMUNE:Gex"]),
        ]
        let prevention = [
            Self.event(
                "f@t", "20270308T180000", "Soirée 8 mars : dépistages et violences", "screening,violence",
                ["X-RELAIS-COMMUNE:Saint-Genis-Pouilly", "X-RELAIS-PROFESSIONALS:2", "X-RELAIS-FA:7,12"]),
            Self.event(
                "g@t", "20271109T120000", "Inauguration de l'espace sans tabac", "tobacco,awareness,Espace sans tabac",
                ["X-RELAIS-COMMUNE:Ferney-Voltaire", "X-RELAIS-FA:14", "LOCATION:Parvis du Collège de Ferney-Voltaire"]),
            Self.event(
                "h@t", "20271116T180000", "Atelier Mois sans tabac", "tobacco,Mois sans tabac", ["X-RELAIS-COMMUNE:Gex", "X-RELAIS-FA:14"]),
        ]
        try check(
            workspace.relais("campaigns", "load", workspace.write("depistage-2027.ics", Self.calendar("depistage-2027", "7", depistage))))
        try check(
            workspace.relais("campaigns", "load", workspace.write("prevention-2027.ics", Self.calendar("prevention-2027", "7", prevention)))
        )
        let occurrences = try Self.occurrences(workspace)

        // People, registered by import, in the order of the table above.
        try importPeople(14, to: occurrences["a@t 2027-03-09"]!, commune: "Ferney-Voltaire", birthYear: 1960, consent: "email")
        try importPeople(12, to: occurrences["b@t 2027-10-13"]!, commune: "Gex", birthYear: 1950, consent: "sms")
        try importPeople(3, to: occurrences["b@t 2027-10-20"]!, commune: "Gex", birthYear: 1950)
        try importPeople(4, to: occurrences["c@t 2027-06-08"]!, commune: "Saint-Genis-Pouilly", birthYear: 1965, consent: "email")
        try importPeople(3, to: occurrences["old@t 2026-12-01"]!, commune: "Gex", birthYear: 1970)
        try importPeople(13, to: occurrences["f@t 2027-03-08"]!, commune: "Saint-Genis-Pouilly", birthYear: 1985)
        try importPeople(12, to: occurrences["g@t 2027-11-09"]!, commune: "Ferney-Voltaire", birthYear: 2012)
        try importPeople(2, to: occurrences["g@t 2027-11-09"]!, commune: "Ferney-Voltaire", birthYear: 1980)
        try importPeople(3, to: occurrences["h@t 2027-11-16"]!, commune: "Gex", birthYear: 2005)

        // Presences, on the day (in the evening: relais refuses a presence before the session starts).
        let present: [(String, ClosedRange<Int>)] = [
            ("a@t 2027-03-09", 1...12), ("b@t 2027-10-13", 15...25), ("b@t 2027-10-20", 27...28), ("c@t 2027-06-08", 30...32),
            ("f@t 2027-03-08", 37...47), ("g@t 2027-11-09", 50...63), ("h@t 2027-11-16", 64...65),
        ]
        for (occurrence, people) in present {
            for person in people {
                let day = occurrence.split(separator: " ").last!
                try check(
                    workspace.relais(
                        "attend", "--participant", String(person), "--occurrence", occurrences[occurrence]!,
                        environment: ["RELAIS_NOW": "\(day)T23:00"]))
            }
        }

        // Reminders: sent, refused, sent.
        try check(workspace.relais("send", "--once", environment: ["RELAIS_NOW": "2027-03-08T10:00"]), output: "14 sent")
        let sink = try SMTPSink.start(["-f", "RCPT"])
        defer { sink.stop() }
        workspace.configure("[email]\ntransport = smtp\nurl = \(sink.url)\n", confirmations: false)
        try check(
            workspace.relais("send", "--once", environment: ["RELAIS_NOW": "2027-06-07T15:00"]), output: "0 sent, 0 deferred, 4 failed")
        workspace.configure("", confirmations: false)
        try check(workspace.relais("send", "--once", environment: ["RELAIS_NOW": "2027-10-12T10:00"]), output: "12 sent")

        try check(workspace.relais("participants", "forget", "1"))
    }

    /// Imports `count` people and registers them to an occurrence.
    private func importPeople(_ count: Int, to occurrence: String, commune: String, birthYear: Int, consent: String = "") throws {
        var csv = "name,commune,phone,email,birth_year,consent,consent_source\n"
        for _ in 0..<count {
            serial += 1
            csv += "Personne \(serial),\(commune),06\(String(format: "%08d", serial)),p\(serial)@example.fr,\(birthYear),\(consent),seed\n"
        }
        try check(workspace.relais("participants", "import", workspace.write("people.csv", csv), "--occurrence", occurrence))
    }

    private func check(_ result: RunResult, output: String? = nil) throws {
        guard result.status == 0, output.map({ result.output.hasPrefix($0) }) ?? true else {
            throw PeerError("seeding failed (status \(result.status)): \(result.output) \(result.errors)")
        }
    }

    /// Occurrence ids by "uid day".
    static func occurrences(_ workspace: Workspace) throws -> [String: String] {
        let rows = try workspace.json(workspace.relais("events", "list", "--from", "2026-01-01", "--json")) as! [[String: Any]]
        return Dictionary(
            uniqueKeysWithValues: rows.map { ("\($0["uid"] as! String) \(($0["start"] as! String).prefix(10))", String($0["id"] as! Int)) })
    }

    static func calendar(_ campaign: String, _ sheets: String, _ events: [String]) -> String {
        ([
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Relais tests//FR", "X-WR-CALNAME:\(campaign)", "X-RELAIS-CAMPAIGN:\(campaign)",
            "X-RELAIS-FA:\(sheets)",
        ]
            + events + ["END:VCALENDAR"]).joined(separator: "\r\n") + "\r\n"
    }

    static func event(_ uid: String, _ start: String, _ summary: String, _ categories: String, _ extra: [String], alarm: Bool = false)
        -> String
    {
        let end = String(start.prefix(9)) + String(format: "%02d", Int(start.dropFirst(9).prefix(2))! + 2) + String(start.suffix(4))
        var lines =
            [
                "BEGIN:VEVENT", "UID:\(uid)", "DTSTAMP:20261101T000000Z", "DTSTART;TZID=Europe/Paris:\(start)",
                "DTEND;TZID=Europe/Paris:\(end)",
                "SUMMARY:\(summary)", "CATEGORIES:\(categories)",
            ] + extra
        if alarm { lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Rappel", "TRIGGER:-P1D", "END:VALARM"] }
        return (lines + ["END:VEVENT"]).joined(separator: "\r\n")
    }
}
