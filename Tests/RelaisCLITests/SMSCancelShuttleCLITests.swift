// SMSCancelShuttleCLITests: "ANNULER" texted back about a shuttle seat, through `relais serve`'s
// gateway callback (as Kannel calls it) and the built binary: the reply answers the last SMS sent to
// the number, so a resident told about their ride cancels that booking once they confirm with
// "OUI" (the seat goes to the waitlist, who is told), a number with several bookings and no message
// saying which is told what to do and nothing changes (until a message names one), and a number with no booking of its own
// cancels nobody's seat.

import Foundation
import RelaisTestPeers
import Testing

@Suite struct SMSCancelShuttleCLITests {
    static let secret = "s3cr3t-callback-0123456789"

    /// A desk site whose gateway callbacks take `secret`, with one seat on its run.
    private func site() throws -> DeskSite {
        let scratch = Workspace()
        let secretFile = scratch.write("callback-secret", Self.secret + "\n")
        return try DeskSite(seats: 1, extraConfiguration: "callback_secret_file = \(secretFile)\n")
    }

    /// The reply relais gives to `text` from `from`, as Kannel would send it back.
    private func reply(_ site: DeskSite, from: String, _ text: String) throws -> HTTPAnswer {
        try site.client("kannel").curl([
            "-G", "--data-urlencode", "from=\(from)", "--data-urlencode", "text=\(text)",
            site.client("kannel").url("/gateway/\(Self.secret)/mo"),
        ])
    }

    private func statuses(_ site: DeskSite) throws -> String {
        try site.workspace.run(
            "/usr/bin/sqlite3",
            [site.workspace.database, "SELECT group_concat(status, ',') FROM (SELECT status FROM shuttle_booking ORDER BY id)"]
        ).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func annulerAfterARideMessageCancelsThatSeatOnceConfirmedAndTheWaitlistMoves() throws {
        let site = try site()
        defer { site.server.stop() }
        let booked = try site.transport.book(1)
        #expect(booked["status"] as? String == "confirmed", "\(booked)")
        let waiting = try site.transport.book(2)
        #expect(waiting["status"] as? String == "waitlisted", "\(waiting)")
        // The same person also holds a seat on a later ride: two open bookings, so only the message
        // about the first ride (rule 1) can say which one "ANNULER" is about.
        let later = try site.transport.transport([
            "runs", "add", "--coordinator", "--date", "2027-03-31", "--stop", "07:30 Gex, Mairie", "--arrival", "09:00", "--return",
            "11:30", "--destination", "CH Fleyriat", "--json",
        ])
        #expect(later.status == 0, "\(later.errors)")
        let run = String(try #require((try site.workspace.json(later) as? [String: Any])?["run"] as? Int))
        let second = try site.transport.transport(["book", "--ccas", "Gex", "--run", run, "--participant", "1", "--stop", "1"])
        #expect(second.status == 0, "\(second.errors)")
        // The first passenger is told about the ride (the reminder, due on the last allowed evening before it).
        let sent = try site.workspace.run(
            Workspace.binary.path, site.workspace.globalArguments + ["send", "--once"], environment: ["RELAIS_NOW": "2027-03-27T19:59"])
        #expect(sent.status == 0, "\(sent.errors)")
        let messages = try outbox(site.workspace)
        let told = messages.filter { ($0["kind"] as? String)?.hasPrefix("shuttle-") == true && $0["state"] as? String == "sent" }
        #expect(!told.isEmpty, "\(messages)")

        let asked = try reply(site, from: "+33611223300", "Annuler")
        #expect(asked.status == 200 && asked.body.contains("Répondez OUI") && asked.body.contains("navette de Résident"), "\(asked)")
        #expect(asked.body.contains("CH Fleyriat") && asked.body.contains("30 mars"), "\(asked.body)")
        #expect(try statuses(site) == "confirmed,waitlisted,confirmed", "nothing changes before OUI")

        let done = try reply(site, from: "+33611223300", "oui")
        #expect(done.status == 200 && done.body.contains("Place de navette annulée"), "\(done)")
        #expect(done.body.contains("Elle est proposée à une autre personne"), "a waitlisted person got it: \(done.body)")
        #expect(try statuses(site) == "cancelled,confirmed,confirmed", "the seat went to the waitlist; the later ride is kept")
        let promoted = try outbox(site.workspace).filter { $0["kind"] as? String == "shuttle-promoted" }
        #expect(promoted.count == 1, "\(promoted)")
        // One OUI cancels once: a second one finds nothing pending and answers nothing.
        let again = try reply(site, from: "+33611223300", "OUI")
        #expect(again.status == 200 && again.body.isEmpty, "\(again)")
        #expect(!site.log.contains("611223300"))
    }

    @Test func severalSeatsAndNoMessageSayingWhichAreAnsweredWithWhatToDo() throws {
        let site = try site()
        defer { site.server.stop() }
        let other = try site.transport.transport([
            "runs", "add", "--coordinator", "--date", "2027-03-31", "--stop", "07:30 Gex, Mairie", "--arrival", "09:00", "--return",
            "11:30", "--destination", "CH Fleyriat", "--json",
        ])
        #expect(other.status == 0, "\(other.errors)")
        let run = String(try #require((try site.workspace.json(other) as? [String: Any])?["run"] as? Int))
        _ = try site.transport.book(3)
        let second = try site.transport.transport(["book", "--ccas", "Gex", "--run", run, "--participant", "3", "--stop", "1"])
        #expect(second.status == 0, "\(second.errors)")
        let before = try statuses(site)
        let asked = try reply(site, from: "+33611223302", "ANNULER")
        #expect(asked.status == 200 && asked.body.contains("2 places de navette") && asked.body.contains("appelez votre CCAS"), "\(asked)")
        let confirm = try reply(site, from: "+33611223302", "OUI")
        #expect(confirm.body.isEmpty, "nothing was pending: \(confirm)")
        #expect(try statuses(site) == before)
        let pending = try site.workspace.run(
            "/usr/bin/sqlite3", [site.workspace.database, "SELECT count(*) FROM sms_cancel_booking_request"])
        #expect(pending.output.trimmingCharacters(in: .whitespacesAndNewlines) == "0")

        // Once told about the 30 March ride (its reminder; the 31 March one is not due yet), the
        // reply is about that seat, and only that one is cancelled.
        let sent = try site.workspace.run(
            Workspace.binary.path, site.workspace.globalArguments + ["send", "--once"], environment: ["RELAIS_NOW": "2027-03-27T19:59"])
        #expect(sent.status == 0, "\(sent.errors)")
        let named = try reply(site, from: "+33611223302", "ANNULER")
        #expect(named.body.contains("Répondez OUI") && named.body.contains("30 mars"), "\(named)")
        let done = try reply(site, from: "+33611223302", "OUI")
        #expect(done.body.contains("Place de navette annulée"), "\(done)")
        #expect(!done.body.contains("autre personne"), "nobody was waiting for that seat: \(done.body)")
        #expect(try statuses(site) == "cancelled,confirmed")
    }

    @Test func aPhoneSharedByACoupleAnswersTheRideMessageWithTheSeatOfThePersonBooked() throws {
        let site = try site()
        defer { site.server.stop() }
        let workspace = site.workspace
        let file = workspace.write(
            "test.ics",
            calendar(eventWithAlarms(uid: "a@test", start: "20270420T100000", end: "20270420T120000", alarms: ["-P1D"])))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        let occurrence = try #require(try occurrenceIDs(workspace)["a@test"])
        // Marie shares the phone of the first resident, and is registered to a session in April.
        let people = workspace.write(
            "couple.csv", "name,commune,phone,consent,consent_source\nMarie Partage,Gex,06 11 22 33 00,sms,test\n")
        let imported = try workspace.relais("participants", "import", people, "--occurrence", occurrence, "--allow-duplicate")
        #expect(imported.status == 0, "\(imported.errors)")
        _ = try site.transport.book(1)
        // No message yet: the next registration, as before (Marie's).
        let first = try reply(site, from: "+33611223300", "ANNULER")
        #expect(first.body.contains("l'inscription de Marie"), "\(first)")
        // Told about the ride: the reply is about the seat, and names whose it is.
        let sent = try workspace.run(
            Workspace.binary.path, workspace.globalArguments + ["send", "--once"], environment: ["RELAIS_NOW": "2027-03-27T19:59"])
        #expect(sent.status == 0, "\(sent.errors)")
        let asked = try reply(site, from: "+33611223300", "ANNULER")
        #expect(asked.body.contains("place de navette de Résident"), "\(asked)")
        let done = try reply(site, from: "+33611223300", "OUI")
        #expect(done.body.contains("Place de navette annulée"), "\(done)")
        #expect(try statuses(site) == "cancelled")
        let registration = try workspace.run("/usr/bin/sqlite3", [workspace.database, "SELECT status FROM registration"])
        #expect(registration.output.trimmingCharacters(in: .whitespacesAndNewlines) == "confirmed", "Marie's stays")
    }

    @Test func aNumberWithoutASeatOfItsOwnCancelsNobodysSeat() throws {
        let site = try site()
        defer { site.server.stop() }
        _ = try site.transport.book(1)
        let before = try statuses(site)
        let asked = try reply(site, from: "+33644556600", "ANNULER")
        #expect(asked.status == 200 && asked.body.contains("Aucune inscription"), "\(asked)")
        let confirm = try reply(site, from: "+33644556600", "OUI")
        #expect(confirm.body.isEmpty, "\(confirm)")
        #expect(try statuses(site) == before)
    }
}
