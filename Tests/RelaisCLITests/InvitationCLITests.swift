// InvitationCLITests: what a resident's mailbox receives about one registration, through the built
// binary and Postfix's smtp-sink, read with Python's `email` and `icalendar`: a confirmation whose
// invitation adds the session to their calendar, a move that updates it (same UID, higher SEQUENCE,
// the new start), a cancellation that removes it (METHOD:CANCEL). A person reached first by SMS gets
// the calendar's update by e-mail too.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct InvitationCLITests {
    /// A calendar with the session on `start` (local time in Paris), two hours long.
    static func session(start: String, end: String, cancelled: Bool = false) -> String {
        calendar(
            eventWithAlarms(
                uid: "a@test", start: start, end: end, alarms: ["-P1D"],
                extra: "DESCRIPTION:Apportez votre carte Vitale\(cancelled ? "\nSTATUS:CANCELLED" : "")"))
    }

    /// A workspace sending e-mail to `sink`, the session loaded, one person imported on `channel`.
    func registered(_ sink: SMTPSink, channel: String, confirmations: Bool = true) throws -> Workspace {
        let workspace = Workspace()
        workspace.configure("[email]\ntransport = smtp\nurl = \(sink.url)\nfrom = prevention@paysdegex.fr\n", confirmations: confirmations)
        workspace.now = "2027-03-20T10:00"
        #expect(
            try workspace.relais(
                "campaigns", "load", workspace.write("a.ics", Self.session(start: "20270330T100000", end: "20270330T120000"))
            ).status == 0)
        let occurrence = try #require(try occurrenceIDs(workspace)["a@test"])
        let csv = "name,commune,phone,email,consent,consent_source\nJeanne Martin,Gex,0612345678,jeanne@example.fr,\(channel),test\n"
        let imported = try workspace.relais("participants", "import", workspace.write("people.csv", csv), "--occurrence", occurrence)
        #expect(imported.status == 0, "\(imported.errors)")
        return workspace
    }

    /// Sends once and returns the e-mails that arrived since `seen`, read by Python.
    func sendAndRead(_ workspace: Workspace, _ sink: SMTPSink, seen: inout Set<URL>, expecting count: Int) throws -> [InvitationMail] {
        let sent = try workspace.relais("send", "--once")
        #expect(sent.status == 0, "\(sent.errors)")
        let files = sink.waitForMessages(seen.count + count)
        try #require(files.count == seen.count + count, "\(sent.output)")
        let new = files.filter { !seen.contains($0) }
        seen.formUnion(new)
        return try InvitationMail.parse(new, scratch: try TemporaryDirectory("invitations"))
    }

    @Test func theResidentsCalendarFollowsTheSessionFromConfirmationToCancellation() throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        let workspace = try registered(sink, channel: "email")
        var seen: Set<URL> = []

        let confirmation = try #require(try sendAndRead(workspace, sink, seen: &seen, expecting: 1).first)
        #expect(confirmation.subject.hasPrefix("Inscription confirmée"), "\(confirmation.subject)")
        #expect(
            confirmation.contentTypes == ["multipart/mixed", "multipart/alternative", "text/plain", "text/calendar", "application/ics"])
        #expect(confirmation.defects.isEmpty, "\(confirmation.defects)")
        #expect(confirmation.text.contains("Jeanne Martin") && confirmation.text.contains("mardi 30 mars"))
        #expect(confirmation.contentMethod == "REQUEST" && confirmation.method == "REQUEST")
        #expect(confirmation.uid.hasPrefix("registration-") && confirmation.uid.hasSuffix("@paysdegex.fr"), "\(confirmation.uid)")
        #expect(confirmation.sequence == 0)
        #expect(confirmation.start == "2027-03-30T10:00:00+02:00" && confirmation.startZone == "Europe/Paris")
        #expect(confirmation.organiser == "mailto:prevention@paysdegex.fr" && confirmation.attendee == "mailto:jeanne@example.fr")
        #expect(confirmation.alarms == ["DISPLAY -P1D"])
        #expect(confirmation.attachment == "invitation.ics" && confirmation.attachmentMatches)

        workspace.now = "2027-03-21T10:00"
        let moved = try workspace.relais(
            "campaigns", "load", workspace.write("a.ics", Self.session(start: "20270331T140000", end: "20270331T160000")))
        #expect(moved.status == 0, "\(moved.errors)")
        let update = try #require(try sendAndRead(workspace, sink, seen: &seen, expecting: 1).first)
        #expect(update.method == "REQUEST" && update.uid == confirmation.uid)
        #expect(update.sequence > confirmation.sequence)
        #expect(update.start == "2027-03-31T14:00:00+02:00")

        workspace.now = "2027-03-22T10:00"
        let cancelled = try workspace.relais(
            "campaigns", "load", workspace.write("a.ics", Self.session(start: "20270331T140000", end: "20270331T160000", cancelled: true)))
        #expect(cancelled.status == 0, "\(cancelled.errors)")
        let cancel = try #require(try sendAndRead(workspace, sink, seen: &seen, expecting: 1).first)
        #expect(cancel.contentMethod == "CANCEL" && cancel.method == "CANCEL" && cancel.status == "CANCELLED")
        #expect(cancel.uid == confirmation.uid)
        #expect(cancel.sequence > update.sequence)
        #expect(cancel.alarms.isEmpty)
    }

    @Test func aPersonToldBySMSStillGetsTheCalendarUpdateByEmail() throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        let workspace = try registered(sink, channel: "sms+email")
        var seen: Set<URL> = []
        let confirmation = try #require(try sendAndRead(workspace, sink, seen: &seen, expecting: 1).first)
        #expect(confirmation.method == "REQUEST")

        workspace.now = "2027-03-21T10:00"
        #expect(
            try workspace.relais(
                "campaigns", "load", workspace.write("a.ics", Self.session(start: "20270331T140000", end: "20270331T160000"))
            ).status == 0)
        let moved = try outbox(workspace).filter { ($0["kind"] as? String) == "moved" }
        #expect(Set(moved.compactMap { $0["channel"] as? String }) == ["sms", "email"], "\(moved)")
        let update = try #require(try sendAndRead(workspace, sink, seen: &seen, expecting: 1).first)
        #expect(update.method == "REQUEST" && update.uid == confirmation.uid && update.sequence > confirmation.sequence)
    }

    @Test func withConfirmationsOffARegistrationQueuesOnlyItsReminders() throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        let workspace = try registered(sink, channel: "email", confirmations: false)
        let kinds = try outbox(workspace).compactMap { $0["kind"] as? String }
        #expect(kinds == ["reminder"], "\(kinds)")
    }

    @Test func aRegistrationCancelledAfterItsInvitationLeftRemovesTheEvent() throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        let workspace = try registered(sink, channel: "email")
        var seen: Set<URL> = []
        let confirmation = try #require(try sendAndRead(workspace, sink, seen: &seen, expecting: 1).first)

        workspace.now = "2027-03-21T10:00"
        let registration = try #require(
            try outbox(workspace).first { ($0["kind"] as? String) == "confirmation" }?["key"] as? String)
        let id = String(registration.split(separator: ":")[1].dropFirst())  // confirmation:r<id>:email
        let unregistered = try workspace.relais("unregister", id)
        #expect(unregistered.status == 0, "\(unregistered.errors)")
        let withdrawal = try #require(try sendAndRead(workspace, sink, seen: &seen, expecting: 1).first)
        #expect(withdrawal.subject.hasPrefix("Inscription annulée"), "\(withdrawal.subject)")
        #expect(withdrawal.method == "CANCEL" && withdrawal.contentMethod == "CANCEL" && withdrawal.uid == confirmation.uid)
        #expect(withdrawal.sequence > confirmation.sequence)
    }
}
