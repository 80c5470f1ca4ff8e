import Foundation
import RelaisTestPeers
import Testing

/// relais serve as systemd runs it: started, watched on $NOTIFY_SOCKET, stopped or killed.
@Suite(.serialized) struct ServeCLITests {
    /// Starts `relais serve` in the background with the workspace's database and configuration.
    func serve(_ workspace: Workspace, environment: [String: String] = [:]) throws -> (Process, URL) {
        let log = workspace.directory.appendingPathComponent("serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = Workspace.binary
        process.arguments = workspace.globalArguments + ["serve"]
        process.environment = ProcessInfo.processInfo.environment.merging(["RELAIS_NOW": workspace.now].merging(environment) { $1 }) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        return (process, log)
    }

    /// A datagram socket listener (a small Python script) that writes what systemd would receive.
    func notifyListener(_ directory: URL) throws -> (socket: String, process: PeerProcess) {
        let socket = directory.appendingPathComponent("notify.sock").path
        let script = directory.appendingPathComponent("listen.py")
        try """
        import socket, sys, time
        s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        s.bind(sys.argv[1])
        while True:
            data = s.recv(4096).decode()
            print("%.3f %s" % (time.time(), data.replace("\\n", "|")), flush=True)
        """.write(to: script, atomically: true, encoding: .utf8)
        let process = try PeerProcess(python3, [script.path, socket], output: directory.appendingPathComponent("notify.out"))
        guard eventually(timeout: 5, { FileManager.default.fileExists(atPath: socket) }) else {
            throw PeerError("the notify socket \(socket) did not appear within 5 s")
        }
        return (socket, process)
    }

    @Test func systemdHearsReadyWatchdogAndStoppingAndSIGTERMFinishesTheSendInFlight() throws {
        let sink = try SMTPSink.start(["-w", "1"])  // one second before answering DATA: a send is in flight for a while
        defer { sink.stop() }
        let workspace = try preparedWorkspace(people: 5, channel: "email", configuration: "[email]\ntransport = smtp\nurl = \(sink.url)\n")
        let listener = try notifyListener(workspace.directory)
        defer { listener.process.stop() }
        let (process, log) = try serve(workspace, environment: ["NOTIFY_SOCKET": listener.socket, "WATCHDOG_USEC": "1000000"])
        #expect(eventually(timeout: 10) { listener.process.text.contains("READY=1") })
        // The status line says what waits (outbox_waiting) and what this daemon handled since it started.
        #expect(listener.process.text.contains("STATUS=queued 5, deferred 0; since start: sent 0, failed 0"), "\(listener.process.text)")
        // WATCHDOG=1 comes between messages too: after two, the third is being sent (smtp-sink -w 1).
        #expect(
            eventually(timeout: 10) { listener.process.text.components(separatedBy: "WATCHDOG=1").count - 1 >= 2 },
            "\(listener.process.text)")
        usleep(200_000)
        let stopAsked = Date()
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let stopTook = Date().timeIntervalSince(stopAsked)
        print("SIGTERM to exit: \(String(format: "%.2f", stopTook)) s")
        let serveLog = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "\(serveLog)")
        #expect(stopTook < 5)
        #expect(eventually(timeout: 5) { listener.process.text.contains("STOPPING=1") })
        let rows = try outbox(workspace)
        let sent = rows.filter { $0["state"] as? String == "sent" }.count
        #expect(rows.filter { $0["state"] as? String == "sending" }.isEmpty, "a message was left half-sent")
        #expect(sent >= 1 && sent < 5, "SIGTERM came too late to test the stop: \(sent) sent")
        #expect(rows.filter { $0["state"] as? String == "queued" }.count == 5 - sent)
        #expect(sink.waitForMessages(sent).count == sent)
        // Said after the last pass, before the messages it did not hand over were given back.
        #expect(listener.process.text.contains("since start: sent \(sent), failed 0\n"), "\(listener.process.text)")
    }

    @Test func aStopWhileTheNextBatchIsClaimedAheadGivesItBackUncounted() throws {
        // One second before each DATA reply, two connections, batches of four: the first batch is in
        // flight for about two seconds, while the sender claims and writes the second (Sender+HandOver).
        let sink = try SMTPSink.start(["-w", "1"])
        defer { sink.stop() }
        let workspace = try preparedWorkspace(
            people: 12, channel: "email",
            configuration: "[email]\ntransport = smtp\nurl = \(sink.url)\nconnections = 2\n[outbox]\ncommit_every = 4\n")
        let (process, _) = try serve(workspace)
        let claimedAhead = eventually(timeout: 10) { ((try? outbox(workspace)) ?? []).filter { $0["state"] as? String == "sending" }.count > 4 }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(claimedAhead, "the next batch was never claimed while one was in flight")
        let rows = try outbox(workspace)
        let sent = rows.filter { $0["state"] as? String == "sent" }
        let queued = rows.filter { $0["state"] as? String == "queued" }
        #expect(rows.filter { $0["state"] as? String == "sending" }.isEmpty, "a message was left half-sent")
        #expect(sent.count + queued.count == 12, "\(rows)")
        #expect(queued.count >= 4, "the batch claimed ahead went back to the queue: \(queued.count) queued")
        #expect(queued.allSatisfy { $0["attempts"] as? Int == 0 }, "a claim not handed over was counted: \(queued)")
        #expect(sink.waitForMessages(sent.count).count == sent.count)
    }

    @Test func twentyKillsWhileSendingLoseNothingAndDuplicateAtMostTheMessagesInFlight() throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        let total = 2_000
        // A message in flight at a kill is retried after retry_base_seconds: 1 s here.
        let workspace = try preparedWorkspace(
            people: total, channel: "email",
            configuration: "[email]\ntransport = smtp\nurl = \(sink.url)\nrate_per_second = 10000\n[outbox]\nretry_base_seconds = 1\n")
        var kills = 0
        for round in 0..<20 {
            let (process, _) = try serve(workspace)
            usleep(UInt32.random(in: 100_000...600_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            kills += 1
            if round == 19 { print("after \(kills) kills: \(sink.messageFiles().count) messages received") }
        }
        let (process, _) = try serve(workspace)
        // Every message ends sent, or failed with its outcome unknown: a message interrupted twice is
        // not handed over a third time (Store+Leases), which would risk a third copy. That is rare, and
        // likelier the faster fresh messages go, as the later kills then land on retries.
        let settled = { (row: [String: Any]) in
            row["state"] as? String == "sent"
                || (row["state"] as? String == "failed" && row["reason"] as? String == "outcome unknown after interrupted sends")
        }
        let done = eventually(timeout: 120) {
            let rows = (try? outbox(workspace, "--limit", "5000")) ?? []
            return rows.count == total && rows.allSatisfy(settled)
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let rows = try outbox(workspace, "--limit", "5000")
        let unsettled = rows.filter { !settled($0) }
        #expect(done, "not settled: \(unsettled.map { "\($0["id"] ?? "") \($0["state"] ?? "") attempts \($0["attempts"] ?? "") due \($0["due_at"] ?? "") \($0["reason"] ?? "")" })")
        let failedTwice = rows.filter { $0["state"] as? String == "failed" }.count
        let mails = try ParsedMail.parse(sink.waitForMessages(total, timeout: 30), scratch: try TemporaryDirectory("parse"))
        let distinct = Set(mails.map(\.messageID)).count
        print(
            "crash test: \(kills) SIGKILLs, \(distinct) distinct messages delivered of \(total), \(mails.count - distinct) duplicates, "
                + "\(failedTwice) failed after two interruptions")
        // Nothing lost: every message reached the server, those failed after two interruptions too.
        #expect(distinct == total)
        // Each kill may catch one batch whose outcomes were not recorded yet: [outbox] commit_every, 64.
        #expect(mails.count - distinct <= kills * 64, "more duplicates than one unrecorded batch per kill")
        let copies = Dictionary(grouping: mails, by: \.messageID).mapValues(\.count)
        #expect(copies.values.max() ?? 0 <= 2, "a message went more than twice: \(copies.filter { $0.value > 2 })")
        let integrity = try workspace.run("/usr/bin/sqlite3", [workspace.database, "PRAGMA integrity_check"])
        #expect(integrity.output == "ok\n")
    }

    @Test func eightKillsWhileTheServerHoldsItsReplyHandEachMessageOverAtMostTwice() throws {
        // smtp-sink keeps each message, then waits 3 s before answering its end of data: every
        // kill lands while a message is in flight, its outcome unknown to relais.
        let sink = try SMTPSink.start(["-W", ".:3"])
        defer { sink.stop() }
        let workspace = try preparedWorkspace(
            people: 3, channel: "email", configuration: "[email]\ntransport = smtp\nurl = \(sink.url)\n[outbox]\nretry_base_seconds = 1\n")
        var deliveries: [Int] = []
        for _ in 0..<8 {
            let before = sink.messageFiles().count
            let (process, _) = try serve(workspace)
            let handedOver = eventually(timeout: 8) { sink.messageFiles().count > before }
            usleep(300_000)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            deliveries.append(handedOver ? sink.messageFiles().count - before : 0)
        }
        let mails = try ParsedMail.parse(sink.waitForMessages(sink.messageFiles().count), scratch: try TemporaryDirectory("parse"))
        let copies = Dictionary(grouping: mails, by: \.messageID).mapValues(\.count)
        print("8 SIGKILLs with the reply held: copies per Message-ID \(copies.values.sorted()), deliveries per run \(deliveries)")
        #expect(copies.count == 3, "every message was handed over at least once")
        #expect(copies.values.allSatisfy { $0 <= 2 }, "\(copies)")
        let failed = try outbox(workspace, "--state", "failed")
        let all = try outbox(workspace)
        #expect(failed.count == 3, "\(all)")
        #expect(failed.allSatisfy { $0["reason"] as? String == "outcome unknown after interrupted sends" }, "\(failed)")
        let status = try workspace.relais("status")
        #expect(status.output.contains("outcome unknown after interrupted sends"), "\(status.output)")
    }

    @Test func aCalendarEditedWhileServingIsReloadedAndItsRemindersReplanned() throws {
        let workspace = Workspace()
        let folder = workspace.directory.appendingPathComponent("campaigns")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        workspace.configure("[calendars]\ndirectory = \(folder.path)\n")
        let file = folder.appendingPathComponent("test.ics").path
        try calendar(eventWithAlarms(uid: "a@test", start: "20270330T100000", end: "20270330T120000", alarms: ["-P1D"]))
            .write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        _ = try workspace.relais(
            "participants", "add", "--name", "Jeanne", "--commune", "Gex", "--phone", "0612345678", "--consent", "sms", "--consent-source",
            "t")
        _ = try workspace.relais("register", "--participant", "1", "--occurrence", try occurrenceIDs(workspace)["a@test"]!)
        let (process, log) = try serve(workspace)
        defer {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
        #expect(eventually(timeout: 10) { (try? String(contentsOf: log, encoding: .utf8))?.contains("relais serve ready") == true })
        let edited = Date()
        try calendar(
            eventWithAlarms(uid: "a@test", start: "20270331T140000", end: "20270331T160000", alarms: ["-P1D"], extra: "SEQUENCE:1")
        )
        .write(toFile: file, atomically: true, encoding: .utf8)
        let replanned = eventually(timeout: 10) {
            let rows = (try? outbox(workspace)) ?? []
            return rows.contains { $0["kind"] as? String == "moved" } && rows.contains { ($0["key"] as? String)?.hasSuffix(":v2") == true }
        }
        print("calendar edit to replanned reminders: \(String(format: "%.2f", Date().timeIntervalSince(edited))) s")
        #expect(replanned)
    }

    @Test func idleServeUsesAlmostNoCPU() throws {
        let workspace = Workspace()
        let folder = workspace.directory.appendingPathComponent("campaigns")
        try FileManager.default.copyItem(at: Workspace.repository.appendingPathComponent("Campaigns"), to: folder)
        workspace.configure("[calendars]\ndirectory = \(folder.path)\n")
        let (process, log) = try serve(workspace)
        defer {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
        #expect(eventually(timeout: 20) { (try? String(contentsOf: log, encoding: .utf8))?.contains("relais serve ready") == true })
        let before = try cpuSeconds(process.processIdentifier)
        sleep(60)
        let used = try cpuSeconds(process.processIdentifier) - before
        let status = try String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
        let rss = status.split(separator: "\n").first { $0.hasPrefix("VmRSS") } ?? "VmRSS: ?"
        print("idle 60 s: \(String(format: "%.3f", used)) s of CPU, \(rss.replacingOccurrences(of: "\t", with: " "))")
        #expect(used < 0.5)
    }

    /// User plus system CPU time of a process, from /proc/PID/stat (clock ticks of 1/100 s).
    func cpuSeconds(_ pid: Int32) throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        let fields = stat[stat.range(of: ")")!.upperBound...].split(separator: " ")
        return (Double(fields[11])! + Double(fields[12])!) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    @Test func sighupReloadsAndTheDaemonKeepsRunning() throws {
        let workspace = try preparedWorkspace(people: 1, channel: "sms", configuration: "")
        workspace.now = "2026-11-22T10:00"
        let (process, log) = try serve(workspace)
        defer {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
        #expect(eventually(timeout: 10) { (try? String(contentsOf: log, encoding: .utf8))?.contains("relais serve ready") == true })
        kill(process.processIdentifier, SIGHUP)
        #expect(eventually(timeout: 10) { (try? String(contentsOf: log, encoding: .utf8))?.contains("configuration reloaded") == true })
        #expect(process.isRunning)
    }

    @Test func doctorSaysWhatIsWrongAndSendsNothing() throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        let campaigns = Workspace.repository.appendingPathComponent("Campaigns").path
        let workspace = try preparedWorkspace(
            people: 1, channel: "email",
            configuration: "[email]\ntransport = smtp\nurl = \(sink.url)\nfrom = prevention@example.fr\n[calendars]\ndirectory = \(campaigns)\n")
        let healthy = try workspace.relais("doctor")
        #expect(healthy.status == 0, "\(healthy.output)\(healthy.errors)")
        #expect(healthy.output.contains("ok   database") && healthy.output.contains("ok   SMTP server"))
        #expect(healthy.output.contains("SMS reminder.fr.sms.txt: gsm-7"))
        #expect(healthy.output.contains("ok   CCAS desk on 127.0.0.1:8080 listens on loopback only"))
        #expect(healthy.output.contains("CCAS desk accounts: 0 enabled, 0 disabled"))
        sink.stop()
        let broken = try workspace.relais("doctor")
        #expect(broken.status == 1)
        #expect(broken.output.contains("FAIL SMTP server"))
        #expect(sink.messageFiles().isEmpty)
        workspace.configure(
            "[email]\ntransport = smtp\nurl = \(sink.url)\n[calendars]\ndirectory = \(campaigns)\n[web]\naddress = 0.0.0.0\n")
        #expect(
            try workspace.relais("doctor").output.contains(
                "FAIL CCAS desk on 0.0.0.0:8080 listens beyond loopback with secure_cookies = no: sign-in cookies would travel in clear"))
    }

    @Test func aBackupRestoresToTheSameContent() throws {
        let workspace = try preparedWorkspace(people: 20, channel: "sms", configuration: "")
        let copy = workspace.directory.appendingPathComponent("backup.sqlite").path
        let result = try workspace.relais("backup", copy)
        #expect(result.status == 0, "\(result.errors)")
        let restored = try workspace.run("/usr/bin/sqlite3", [copy, ".dump"]).output
        #expect(restored == (try workspace.dump()))
        #expect(restored.contains("Résident 19"))
        #expect(try workspace.relais("backup", copy).status == 73)
    }

    @Test func statusSaysWhetherTheDaemonRunsAndWhatWaits() throws {
        let workspace = try preparedWorkspace(people: 2, channel: "sms", configuration: "")
        let stopped = try workspace.relais("status")
        #expect(stopped.output.contains("relais serve is not running") && stopped.output.contains("queued 2"), "\(stopped.output)")
        workspace.now = "2026-11-22T10:00"
        let (process, log) = try serve(workspace)
        defer {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
        #expect(eventually(timeout: 10) { (try? String(contentsOf: log, encoding: .utf8))?.contains("relais serve ready") == true })
        let running = try workspace.relais("status", "--json")
        let fields = try #require(try workspace.json(running) as? [String: Any])
        #expect(fields["running"] as? Bool == true)
        #expect(fields["next_due"] as? String == "2027-03-30T08:00:00+02:00")
    }
}

@Suite struct SystemdUnitTests {
    static let units = [
        "relais.service", "relais-backup.service", "relais-backup.timer",
        "relais@.service", "relais-backup@.service", "relais-backup@.timer",
    ]
    /// The units systemd-analyze reads: a template is verified through instances of it (the file
    /// relais@.service loaded for relais@pays-de-gex.service), as systemctl would start it.
    static let verified = [
        "relais.service", "relais-backup.service", "relais-backup.timer",
        "relais@pays-de-gex.service", "relais@haut-chablais.service",
        "relais-backup@haut-chablais.service", "relais-backup@haut-chablais.timer",
    ]

    /// The units with ExecStart pointing at the built binary (systemd-analyze checks it exists).
    func unitsInTemporaryFolder() throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory("units")
        for unit in Self.units {
            let text = try String(contentsOf: Workspace.repository.appendingPathComponent("systemd/\(unit)"), encoding: .utf8)
            try text.replacingOccurrences(of: "/usr/local/bin/relais", with: Workspace.binary.path)
                .write(to: folder.file(unit), atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test func systemdAcceptsTheUnits() throws {
        let folder = try unitsInTemporaryFolder()
        for unit in Self.verified {
            let result = try Workspace().run("/usr/bin/systemd-analyze", ["verify", folder.file(unit).path])
            #expect(result.status == 0 && result.errors.isEmpty, "\(unit): \(result.errors)")
        }
    }

    @Test func theServiceIsExposedAtMostTwoOutOfTen() throws {
        let folder = try unitsInTemporaryFolder()
        for unit in ["relais.service", "relais-backup.service", "relais@.service", "relais-backup@.service"] {
            let result = try Workspace().run("/usr/bin/systemd-analyze", ["security", "--offline=true", folder.file(unit).path])
            let line = try #require(result.output.split(separator: "\n").first { $0.contains("Overall exposure level") })
            print(line)
            let score = try #require(Double(line.split(separator: ":")[1].split(separator: " ")[0]))
            #expect(score <= 2.0)
        }
    }

    /// Each instance of the template has its own configuration, state directory, user and credentials:
    /// nothing that names a file is shared between relais@pays-de-gex and relais@haut-chablais.
    @Test func everyPathOfTheTemplateBelongsToItsInstance() throws {
        for unit in ["relais@.service", "relais-backup@.service"] {
            let text = try String(contentsOf: Workspace.repository.appendingPathComponent("systemd/\(unit)"), encoding: .utf8)
            let settings = text.split(separator: "\n").filter {
                !$0.hasPrefix("#") && ($0.contains("/etc/relais") || $0.contains("/var/lib/relais"))
            }
            #expect(!settings.isEmpty)
            for line in settings {
                let paths = line.split(whereSeparator: { " '\"=:".contains($0) }).filter { $0.hasPrefix("/etc/relais") || $0.hasPrefix("/var/lib/relais") }
                for path in paths { #expect(path.hasPrefix("/etc/relais/%i") || path.hasPrefix("/var/lib/relais/%i"), "\(unit): \(line)") }
            }
            for key in ["StateDirectory=relais/%i", "ConfigurationDirectory=relais/%i", "User=relais-%i"] {
                #expect(text.contains("\n\(key)\n"), "\(unit) lacks \(key)")
            }
        }
    }
}
