import Foundation
import RelaisTestPeers
import Testing

/// Reminders sent by the built binary to real peers: Postfix's smtp-sink and Kannel with fakesmsc.
@Suite(.serialized) struct DeliveryCLITests {
    /// Sends once and returns the run; the log lines on standard error are checked for personal data.
    func send(_ workspace: Workspace) throws -> RunResult {
        let result = try workspace.relais("send", "--once")
        #expect(result.status == 0, "\(result.errors)")
        for line in result.errors.split(separator: "\n") {
            #expect(!line.contains("@example.fr") && !line.contains("secret"), "a log line holds personal data: \(line)")
            #expect(line.range(of: #"\d{8,}"#, options: .regularExpression) == nil, "a log line holds a number: \(line)")
        }
        return result
    }

    @Test func remindersArriveOnceAndIntactThroughSMTP() throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        let templates = TemporaryDirectoryCopy.templates(adding: ". Apportez votre carte Vitale.", to: "reminder.fr.email.txt")
        let workspace = try preparedWorkspace(
            people: 12, channel: "email",
            configuration: """
                [reminders]
                templates = \(templates.path)
                [email]
                transport = smtp
                url = \(sink.url)
                rate_per_second = 1000
                """)
        #expect(try send(workspace).output.hasPrefix("12 sent"))
        #expect(try send(workspace).output.hasPrefix("0 sent"))
        let files = sink.waitForMessages(12)
        let mails = try ParsedMail.parse(files, scratch: try TemporaryDirectory("parse"))
        #expect(mails.count == 12)
        #expect(Set(mails.map(\.messageID)).count == 12)
        #expect(Set(mails.flatMap(\.recipients)).count == 12)
        for mail in mails {
            #expect(mail.subject.contains("Dépistage Mars bleu") && mail.subject.contains("mardi 30 mars à 10 h 00"), "\(mail.subject)")
            #expect(mail.dateHasZone && !mail.messageID.isEmpty && mail.listUnsubscribe.contains("mailto:"))
            #expect(mail.body.contains("\n. Apportez votre carte Vitale.\n"), "\(mail.body)")
            #expect(mail.defects.isEmpty)
        }
    }

    @Test func aTemporaryRefusalIsRetriedOnceAndAPermanentOneNever() throws {
        let refusing = try SMTPSink.start(["-r", "RCPT"])
        let workspace = try preparedWorkspace(
            people: 1, channel: "email", configuration: "[email]\ntransport = smtp\nurl = \(refusing.url)\n")
        #expect(try send(workspace).output.hasPrefix("0 sent, 1 deferred"))
        let deferred = try outbox(workspace, "--state", "deferred")
        #expect(deferred.count == 1 && (deferred.first?["reason"] as? String)?.contains("4") == true)
        refusing.stop()
        let accepting = try SMTPSink.start(port: refusing.port)
        defer { accepting.stop() }
        #expect(try send(workspace).output.hasPrefix("0 sent"))  // not due yet: the first retry waits a minute
        workspace.now = "2027-03-30T08:32"
        #expect(try send(workspace).output.hasPrefix("1 sent"))
        workspace.now = "2027-03-30T08:40"
        #expect(try send(workspace).output.hasPrefix("0 sent"))
        #expect(accepting.waitForMessages(1).count == 1)

        let permanent = try SMTPSink.start(["-f", "RCPT"])
        defer { permanent.stop() }
        let other = try preparedWorkspace(people: 1, channel: "email", configuration: "[email]\ntransport = smtp\nurl = \(permanent.url)\n")
        #expect(try send(other).output.hasPrefix("0 sent, 0 deferred, 1 failed"))
        other.now = "2027-03-30T09:30"
        #expect(try send(other).output.hasPrefix("0 sent, 0 deferred, 0 failed"))
        let failed = try outbox(other, "--state", "failed")
        #expect(failed.count == 1 && failed.first?["attempts"] as? Int == 1)
        #expect((failed.first?["reason"] as? String)?.hasPrefix("SMTP 5") == true)
    }

    @Test func aNoticeWhoseSMSIsRefusedForGoodGoesByEmailButAReminderIsNotSentTwice() throws {
        let scratch = try TemporaryDirectory("webhook")
        let script = scratch.file("webhook.py")
        try Scripts.webhookServer.write(to: script, atomically: true, encoding: .utf8)
        let port = LoopbackPort.random()
        let server = try PeerProcess(python3, [script.path, String(port), scratch.file("requests.log").path], output: scratch.file("out"))
        defer { server.stop() }
        #expect(LoopbackPort.waitUntilAccepting(port, while: { server.isRunning }))
        let workspace = try preparedWorkspace(
            people: 1, channel: "sms email", configuration: "[sms]\ntransport = webhook\nurl = http://127.0.0.1:\(port)/reply/400\n")
        // The reminder went on both channels already: the refused SMS gets no e-mail copy.
        #expect(try send(workspace).output.hasPrefix("1 sent, 0 deferred, 1 failed"))
        #expect(
            try outbox(workspace).allSatisfy { ($0["key"] as? String)?.hasSuffix(":email:v1") == true || $0["channel"] as? String == "sms" }
        )
        // A notice goes on one channel, SMS first: refused, it goes by e-mail.
        workspace.write(
            "test.ics",
            calendar(
                eventWithAlarms(uid: "a@test", start: "20270331T140000", end: "20270331T160000", alarms: ["-P1D"], extra: "SEQUENCE:1")))
        #expect(try workspace.relais("campaigns", "load", workspace.directory.appendingPathComponent("test.ics").path).status == 0)
        #expect(try send(workspace).output.hasPrefix("1 sent, 0 deferred, 1 failed"))
        let rows = try outbox(workspace)
        #expect(rows.first { $0["key"] as? String == "moved:r1:sms:v2" }?["state"] as? String == "failed")
        #expect(rows.first { $0["key"] as? String == "moved:r1:sms:v2:email" }?["state"] as? String == "sent")
        let files = try FileManager.default.contentsOfDirectory(atPath: workspace.directory.appendingPathComponent("outbox").path)
        #expect(files.filter { $0.hasSuffix(".eml") }.count == 2)
    }

    @Test func aBatchOfMessagesTooLateToSendDoesNotHideTheOnesBehindIt() throws {
        // 100 reminders for Tuesday's event are found only after it started (the sender was
        // down): they fill a whole batch and are dropped; the reminder behind them still goes.
        let workspace = try preparedWorkspace(people: 100, channel: "email", configuration: "")
        workspace.now = "2026-11-22T10:00"
        let later = workspace.write(
            "later.ics",
            calendar(
                campaign: "later-2027", eventWithAlarms(uid: "b@test", start: "20270402T100000", end: "20270402T120000", alarms: ["-P1D"])))
        #expect(try workspace.relais("campaigns", "load", later).status == 0)
        _ = try workspace.relais(
            "participants", "add", "--name", "Paul", "--commune", "Gex", "--email", "paul@example.fr", "--consent", "email",
            "--consent-source", "t")
        _ = try workspace.relais("register", "--participant", "101", "--occurrence", try occurrenceIDs(workspace)["b@test"]!)
        workspace.now = "2027-04-01T11:00"
        #expect(try send(workspace).output.hasPrefix("1 sent"))
        #expect(try outbox(workspace, "--state", "dropped", "--limit", "500").count == 100)
    }

    @Test func anUnreachableServerDefersAndNothingIsLost() throws {
        let port = LoopbackPort.random()
        let workspace = try preparedWorkspace(
            people: 3, channel: "email", configuration: "[email]\ntransport = smtp\nurl = smtp://127.0.0.1:\(port)\n")
        #expect(try send(workspace).output.hasPrefix("0 sent, 3 deferred"))
        let sink = try SMTPSink.start(port: port)
        defer { sink.stop() }
        workspace.now = "2027-03-30T08:35"
        #expect(try send(workspace).output.hasPrefix("3 sent"))
        #expect(sink.waitForMessages(3).count == 3)
    }

    @Test func smsReachTheOperatorThroughKannelWithAccentsAndSurviveAGatewayOutage() throws {
        let kannel = try KannelGateway.start()
        defer { kannel.stopAll() }
        let secrets = try TemporaryDirectory("secrets")
        let password = secrets.file("kannel-password").path
        try "\(KannelGateway.password)\n".write(toFile: password, atomically: true, encoding: .utf8)
        let configuration = """
            [sms]
            transport = kannel
            url = \(kannel.sendSMSURL)
            username = \(KannelGateway.username)
            password_file = \(password)
            rate_per_second = 100
            """
        let workspace = try preparedWorkspace(people: 2, channel: "sms", configuration: configuration)
        #expect(try send(workspace).output.hasPrefix("2 sent"))
        let received = kannel.waitForMessages(2)
        #expect(Set(received.map(\.to)) == ["+33600000000", "+41790000001"])
        for sms in received {
            #expect(sms.text.contains("Dépistage Mars bleu") && sms.text.contains("mardi 30 mars à 10 h 00"), "\(sms.text)")
            #expect(sms.text.contains("STOP"))
        }

        kannel.stopSMSBox()
        let later = try preparedWorkspace(people: 1, channel: "sms", configuration: configuration)
        #expect(try send(later).output.hasPrefix("0 sent, 1 deferred"))
        try kannel.startSMSBox()
        later.now = "2027-03-30T08:32"
        #expect(try send(later).output.hasPrefix("1 sent"))
        #expect(kannel.waitForMessages(3).count == 3)
    }

    @Test func aSenderKilledMidBatchLosesNothingAndDuplicatesAtMostWhatWasInFlight() throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        let total = 2_000
        let workspace = try preparedWorkspace(
            people: total, channel: "email", configuration: "[email]\ntransport = smtp\nurl = \(sink.url)\nrate_per_second = 10000\n")
        let process = Process()
        process.executableURL = Workspace.binary
        process.arguments = workspace.globalArguments + ["send", "--once"]
        process.environment = ProcessInfo.processInfo.environment.merging(["RELAIS_NOW": workspace.now]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        #expect(eventually(timeout: 60) { sink.messageFiles().count >= total / 3 })
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let beforeRestart = sink.messageFiles().count
        #expect(beforeRestart < total, "the sender finished before it could be killed")
        let rest = try send(workspace)
        #expect(rest.status == 0)
        // The batch in flight at the kill (at most [outbox] commit_every, 64, messages whose outcomes
        // were not recorded yet) may have left: it waits for the retry delay (retry_base_seconds,
        // 60 s) rather than going again at once.
        let interrupted = try outbox(workspace, "--state", "deferred")
        #expect(interrupted.count <= 64 && interrupted.allSatisfy { ($0["reason"] as? String)?.hasPrefix("interrupted while sending") == true })
        workspace.now = "2027-03-30T08:32"
        #expect(try send(workspace).status == 0)
        let files = sink.waitForMessages(total, timeout: 60)
        let mails = try ParsedMail.parse(files, scratch: try TemporaryDirectory("parse"))
        let distinct = Set(mails.map(\.messageID)).count
        let duplicates = mails.count - distinct
        print("SIGKILL after \(beforeRestart) of \(total) messages: \(distinct) distinct delivered, \(duplicates) duplicates, \(interrupted.count) retried after the delay")
        #expect(distinct == total)
        #expect(duplicates <= 64, "only the batch in flight when the sender died (commit_every) may go twice")
        let copies = Dictionary(grouping: mails, by: \.messageID).mapValues(\.count)
        #expect(copies.values.max() ?? 0 <= 2, "a message went more than twice: \(copies.filter { $0.value > 2 })")
        #expect(try outbox(workspace, "--state", "sent", "--limit", "5000").count == total)
    }
}
