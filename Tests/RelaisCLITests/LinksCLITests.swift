// LinksCLITests: the links in messages (issue 13 part 5), through the built binary, Postfix's
// smtp-sink (e-mails read with Python's `email`) and `relais serve` answering curl: a received
// e-mail's List-Unsubscribe one-click URL withdraws consent on POST and not on GET, a guessed or
// reused token changes nothing, the cancel link in a confirmation frees the place for the waitlist,
// guessing tokens from one address ends in 429 while a real token still works from another, and
// without `[web] public_url` no link is written at all.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct LinksCLITests {
    static let publicURL = "https://prevention.example.fr"

    /// A workspace sending e-mail to `sink`, serving on `port`, links under `publicURL` (none when nil),
    /// with a session of `capacity` places on 30 March 2027 and `people` imported to it by e-mail.
    func workspace(
        _ sink: SMTPSink, port: UInt16, publicURL: String? = LinksCLITests.publicURL, capacity: Int? = nil, consent: String = "sms+email",
        people: [String]
    )
        throws -> Workspace
    {
        let workspace = Workspace()
        workspace.configure(
            """
            [email]
            transport = smtp
            url = \(sink.url)
            from = prevention@paysdegex.fr
            [web]
            port = \(port)
            \(publicURL.map { "public_url = \($0)" } ?? "")
            """)
        workspace.now = "2027-03-20T10:00"
        let extra = "DESCRIPTION:Apportez votre carte Vitale" + (capacity.map { "\nX-RELAIS-CAPACITY:\($0)" } ?? "")
        let file = workspace.write(
            "a.ics",
            calendar(eventWithAlarms(uid: "a@test", start: "20270330T100000", end: "20270330T120000", alarms: ["-P1D"], extra: extra)))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        let occurrence = try #require(try occurrenceIDs(workspace)["a@test"])
        var csv = "name,commune,phone,email,consent,consent_source\n"
        for (index, name) in people.enumerated() {
            csv += "\(name),Gex,061234567\(index),person\(index)@example.fr,\(consent),test\n"
        }
        let imported = try workspace.relais("participants", "import", workspace.write("people.csv", csv), "--occurrence", occurrence)
        #expect(imported.status == 0, "\(imported.errors)")
        return workspace
    }

    /// Sends what is due and returns the e-mails received, read by Python.
    func sendAndRead(_ workspace: Workspace, _ sink: SMTPSink, expecting count: Int) throws -> [ParsedMail] {
        let sent = try workspace.relais("send", "--once")
        #expect(sent.status == 0, "\(sent.errors)")
        let files = sink.waitForMessages(count)
        try #require(files.count == count, "\(sent.output)")
        return try ParsedMail.parse(files, scratch: try TemporaryDirectory("links"))
    }

    /// The path (`/u/…`, `/r/…`) of the first URL under the public address in `text`.
    func path(_ prefix: String, in text: String) -> String? {
        guard let start = text.range(of: Self.publicURL + prefix) else { return nil }
        let rest = text[start.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return prefix + rest
    }

    /// curl on the server: the status, headers and body.
    func request(_ port: UInt16, _ path: String, _ options: [String] = []) throws -> HTTPAnswer {
        HTTPAnswer.parse(
            try runToCompletion("/usr/bin/curl", ["-s", "-i", "--max-time", "10"] + options + ["http://127.0.0.1:\(port)\(path)"]).output)
    }

    func sql(_ workspace: Workspace, _ query: String) throws -> String {
        try workspace.run("/usr/bin/sqlite3", [workspace.database, query]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func theOneClickURLOfAReceivedEmailUnsubscribesOnPostAndAGetChangesNothing() throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        let port = LoopbackPort.random()
        let workspace = try workspace(sink, port: port, people: ["Jeanne Martin"])
        let mail = try #require(try sendAndRead(workspace, sink, expecting: 1).first)
        #expect(
            mail.listUnsubscribe.hasPrefix("<\(Self.publicURL)/u/") && mail.listUnsubscribe.contains(">, <mailto:"), "\(mail.listUnsubscribe)")
        #expect(mail.listUnsubscribePost == "List-Unsubscribe=One-Click")
        let unsubscribe = try #require(path("/u/", in: mail.listUnsubscribe))
        #expect(unsubscribe.count == 3 + 16, "\(unsubscribe)")
        let dump = try workspace.run("/usr/bin/sqlite3", [workspace.database, ".dump"]).output
        #expect(dump.contains("INSERT INTO link_token") && !dump.contains(String(unsubscribe.dropFirst(3))))

        let server = try startServe(workspace, port: port)
        defer { server.stop() }
        let page = try request(port, unsubscribe)
        #expect(page.status == 200 && page.body.contains("Jeanne") && !page.body.contains("Martin"), "\(page.body)")
        #expect(page.body.contains("<form method=\"post\""))
        let english = try request(port, unsubscribe, ["-H", "Accept-Language: en-GB,en;q=0.8"])
        #expect(english.body.contains("Stop e-mails"))
        let reminder = "SELECT state FROM outbox WHERE kind = 'reminder' AND channel = 'email'"
        #expect(try sql(workspace, reminder) == "queued")
        #expect(try sql(workspace, "SELECT granted FROM consent WHERE channel = 'email'") == "1")

        let guessed = try request(port, "/u/AAAAAAAAAAAAAAAA", ["-d", "List-Unsubscribe=One-Click"])
        #expect(guessed.status == 404)
        #expect(try sql(workspace, "SELECT granted FROM consent WHERE channel = 'email'") == "1")

        let posted = try request(port, unsubscribe, ["-d", "List-Unsubscribe=One-Click"])
        #expect(posted.status == 200, "\(posted.body)")
        #expect(try sql(workspace, "SELECT granted || ' ' || source FROM consent WHERE channel = 'email'") == "0 lien de désabonnement")
        #expect(try sql(workspace, "SELECT granted FROM consent WHERE channel = 'sms'") == "1")
        #expect(try sql(workspace, reminder) == "cancelled")
        let again = try request(port, unsubscribe, ["-d", "List-Unsubscribe=One-Click"])
        #expect(again.status == 200)
        #expect(try sql(workspace, "SELECT count(*) FROM opt_out") == "1")

        // RFC 8058's preferred encoding: multipart/form-data, as curl -F sends it.
        let multipart = try request(port, unsubscribe, ["-F", "List-Unsubscribe=One-Click"])
        #expect(multipart.status == 200, "\(multipart.body)")
        let both = try request(port, unsubscribe, ["-d", "List-Unsubscribe=One-Click&also=sms"])
        #expect(both.status == 200)
        #expect(try sql(workspace, "SELECT granted FROM consent WHERE channel = 'sms'") == "0")
    }

    @Test func theCancelLinkOfAConfirmationFreesThePlaceAndTheWaitlistMoves() throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        let port = LoopbackPort.random()
        let workspace = try workspace(sink, port: port, capacity: 1, consent: "email", people: ["Jeanne Martin", "Paul Durand"])
        #expect(
            try sql(workspace, "SELECT group_concat(status, ',') FROM (SELECT status FROM registration ORDER BY id)")
                == "confirmed,waitlisted")
        let mails = try sendAndRead(workspace, sink, expecting: 2)
        let confirmation = try #require(mails.first { $0.to.contains("person0@") && $0.subject.hasPrefix("Inscription confirmée") })
        let manage = try #require(path("/r/", in: confirmation.body), "\(confirmation.body)")
        #expect(confirmation.body.contains("Pour annuler en ligne"))

        let server = try startServe(workspace, port: port)
        defer { server.stop() }
        let page = try request(port, manage + "?lang=en")
        #expect(page.status == 200 && page.body.contains("Jeanne") && !page.body.contains("Martin"), "\(page.body)")
        #expect(page.body.contains("Cancel my registration") && page.body.contains("Tuesday 30 March"), "\(page.body)")
        #expect(try sql(workspace, "SELECT status FROM registration ORDER BY id LIMIT 1") == "confirmed")

        #expect(try request(port, manage, ["-X", "POST"]).status == 400)
        #expect(try sql(workspace, "SELECT status FROM registration ORDER BY id LIMIT 1") == "confirmed")
        let cancelled = try request(port, manage, ["-d", "cancel=yes"])
        #expect(cancelled.status == 200 && cancelled.body.contains("annulée"), "\(cancelled.body)")
        #expect(
            try sql(workspace, "SELECT group_concat(status, ',') FROM (SELECT status FROM registration ORDER BY id)")
                == "cancelled,confirmed")
        #expect(try sql(workspace, "SELECT count(*) FROM outbox WHERE kind = 'registration-promoted'") != "0")
        #expect(
            try sql(
                workspace,
                "SELECT count(*) FROM outbox o JOIN registration r ON r.id = o.registration WHERE r.status = 'cancelled' AND o.kind = 'reminder' AND o.state = 'queued'"
            ) == "0")

        let reused = try request(port, manage, ["-d", "cancel=yes"])
        #expect(reused.status == 422 && reused.body.contains("annulée"), "\(reused.status) \(reused.body)")
        #expect(
            try sql(workspace, "SELECT group_concat(status, ',') FROM (SELECT status FROM registration ORDER BY id)")
                == "cancelled,confirmed")
    }

    @Test func guessingTokensEndsIn429WhileARealTokenStillWorksFromAnotherAddress() throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        let port = LoopbackPort.random()
        let workspace = try workspace(sink, port: port, people: ["Jeanne Martin"])
        let mail = try #require(try sendAndRead(workspace, sink, expecting: 1).first)
        let manage = try #require(path("/r/", in: mail.body))

        let server = try startServe(workspace, port: port)
        defer { server.stop() }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var generator = SystemRandomNumberGenerator()
        var statuses: [Int] = []
        var retryAfter: [String] = []
        for index in 0..<100 {
            let token = String((0..<16).map { _ in alphabet.randomElement(using: &generator)! })
            let answer = try request(port, (index % 2 == 0 ? "/r/" : "/u/") + token, ["-H", "X-Real-IP: 192.0.2.10"])
            statuses.append(answer.status)
            if answer.status == 429 { retryAfter.append(answer.headers["retry-after"] ?? "") }
        }
        #expect(statuses.prefix(30).allSatisfy { $0 == 404 }, "\(statuses)")
        #expect(statuses.dropFirst(30).allSatisfy { $0 == 429 }, "\(statuses)")
        #expect(retryAfter.allSatisfy { Int($0).map { $0 > 0 && $0 <= 600 } ?? false }, "\(retryAfter)")
        #expect(try request(port, manage, ["-H", "X-Real-IP: 192.0.2.10"]).status == 429)
        let elsewhere = try request(port, manage, ["-H", "X-Real-IP: 192.0.2.11"])
        #expect(elsewhere.status == 200 && elsewhere.body.contains("Jeanne"), "\(elsewhere.body)")
    }

    @Test func theRegistrationLinkExpiresWhenTheEventEndsAndTheUnsubscribeLinkDoesNot() throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        let port = LoopbackPort.random()
        let workspace = try workspace(sink, port: port, people: ["Jeanne Martin"])
        let mail = try #require(try sendAndRead(workspace, sink, expecting: 1).first)
        let manage = try #require(path("/r/", in: mail.body))
        let unsubscribe = try #require(path("/u/", in: mail.listUnsubscribe))
        workspace.now = "2027-03-30T12:01"
        let server = try startServe(workspace, port: port)
        defer { server.stop() }
        #expect(try request(port, manage).status == 404)
        #expect(try request(port, manage, ["-d", "cancel=yes"]).status == 404)
        #expect(try request(port, unsubscribe).status == 200)
        // RFC 8058's preferred encoding, multipart/form-data (curl -F), unsubscribes as well.
        #expect(try request(port, unsubscribe, ["-F", "List-Unsubscribe=One-Click"]).status == 200)
        #expect(try sql(workspace, "SELECT granted FROM consent WHERE channel = 'email'") == "0")
    }

    @Test func withoutAPublicAddressAnEmailHasTheMailtoAloneAndNoCancelLine() throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        let workspace = try workspace(sink, port: LoopbackPort.random(), publicURL: nil, people: ["Jeanne Martin"])
        let mail = try #require(try sendAndRead(workspace, sink, expecting: 1).first)
        #expect(mail.listUnsubscribe.hasPrefix("<mailto:") && !mail.listUnsubscribe.contains("https"), "\(mail.listUnsubscribe)")
        #expect(mail.listUnsubscribePost.isEmpty)
        #expect(!mail.body.contains("annuler en ligne") && !mail.body.contains("/r/"), "\(mail.body)")
        #expect(mail.body.contains("Si vous ne pouvez plus venir"))
        #expect(try sql(workspace, "SELECT count(*) FROM link_token") == "0")
        let doctor = try workspace.relais("doctor")
        #expect(doctor.output.contains("warn links in messages: none, [web] public_url is not set"), "\(doctor.output)")
    }

    @Test func aPublicAddressThatIsNotHTTPSIsRefusedNamingTheKey() throws {
        let workspace = Workspace()
        workspace.configure("[web]\npublic_url = http://prevention.example.fr\n")
        let refused = try workspace.relais("doctor")
        #expect(refused.status != 0)
        #expect(refused.errors.contains("public_url"), "\(refused.errors)")
    }
}
