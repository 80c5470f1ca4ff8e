// Postfix's smtp-sink as a test peer: started on a free loopback port with its session counters
// (`-c`) on standard output and every mail transaction kept as a file (`-d DIR/%H%M%S.`), then
// stopped by pid when the test ends. `counters` reads the last "sess=N quit=N mesg=N" line, which
// smtp-sink updates when a session ends, QUIT arrives or a message is accepted; `sess` counts
// sessions that ended. The connection that checked the port was open is one such session: `start`
// waits for it to be counted and `sessionsAfterStart` remembers it, so that after a transport is
// released `sessions - sessionsAfterStart` is the number of connections the transport opened.

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

public final class SMTPSink {
    public let port: UInt16
    public let work: TemporaryDirectory
    public let mailDirectory: URL
    private let process: PeerProcess
    public private(set) var sessionsAfterStart = 0

    public var url: String { "smtp://127.0.0.1:\(port)" }

    private init(port: UInt16, work: TemporaryDirectory, mailDirectory: URL, process: PeerProcess) {
        self.port = port
        self.work = work
        self.mailDirectory = mailDirectory
        self.process = process
    }

    /// Starts smtp-sink with extra `options` (e.g. `["-f", "RCPT"]`), on `port` or a random free one.
    public static func start(_ options: [String] = [], port fixedPort: UInt16? = nil) throws -> SMTPSink {
        let work = try TemporaryDirectory("smtp-sink")
        let mailDirectory = work.file("mail")
        try FileManager.default.createDirectory(at: mailDirectory, withIntermediateDirectories: true)
        chmod(mailDirectory.path, 0o777)
        // As root smtp-sink must drop to an unprivileged user.
        let user = getuid() == 0 ? ["-u", "nobody"] : []
        for attempt in 0..<6 {
            let port = fixedPort ?? LoopbackPort.random()
            let process = try PeerProcess(
                "/usr/sbin/smtp-sink",
                user + ["-c", "-d", mailDirectory.path + "/%H%M%S."] + options + ["127.0.0.1:\(port)", "64"],
                output: work.file("smtp-sink-\(attempt).out"))
            if LoopbackPort.waitUntilAccepting(port, timeout: 5, while: { process.isRunning }) {
                let sink = SMTPSink(port: port, work: work, mailDirectory: mailDirectory, process: process)
                // The probe's session shows in the counters; without it, sessionsAfterStart would be wrong.
                guard eventually(timeout: 5, { (sink.counters()?.sessions ?? 0) >= 1 }) else {
                    process.stop()
                    throw PeerError("smtp-sink did not count the probe's session within 5 s")
                }
                sink.sessionsAfterStart = sink.counters()?.sessions ?? 0
                return sink
            }
            process.stop()
            if fixedPort != nil { usleep(200_000) }
        }
        throw PeerError("smtp-sink did not start")
    }

    /// Stops smtp-sink now (it is stopped at the latest when the test releases it).
    public func stop() { process.stop() }

    /// The kept messages' files, oldest name first.
    public func messageFiles() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: mailDirectory.path)) ?? []
        return names.sorted().map { mailDirectory.appendingPathComponent($0) }
    }

    /// Waits until `count` messages are kept and their files are complete (they end with the empty
    /// line smtp-sink adds after the message); returns the files, fewer than `count` when the wait
    /// timed out (callers assert on the count).
    public func waitForMessages(_ count: Int, timeout: TimeInterval = 10) -> [URL] {
        var files: [URL] = []
        let complete = eventually(timeout: timeout) {
            files = messageFiles()
            return files.count >= count
                && files.allSatisfy { (try? String(contentsOf: $0, encoding: .utf8))?.hasSuffix("\n\n") ?? false }
        }
        return complete ? files : messageFiles()
    }

    /// The last counters smtp-sink printed.
    public func counters() -> (sessions: Int, quits: Int, messages: Int)? {
        let records = process.text.split(whereSeparator: { $0 == "\r" || $0 == "\n" })
        for record in records.reversed() {
            var values: [String: Int] = [:]
            for field in record.split(separator: " ") {
                let pair = field.split(separator: "=")
                if pair.count == 2, let value = Int(pair[1]) { values[String(pair[0])] = value }
            }
            if let sessions = values["sess"], let quits = values["quit"], let messages = values["mesg"] {
                return (sessions, quits, messages)
            }
        }
        return nil
    }
}

/// One kept message as Python's `email` package reads it (Tests/RelaisDeliveryTests/Scripts.swift).
public struct ParsedMail: Decodable {
    public var file: String
    public var recipients: [String]
    public var from: String
    public var to: String
    public var subject: String
    public var date: String
    public var dateHasZone: Bool
    public var messageID: String
    public var listUnsubscribe: String
    public var listUnsubscribePost: String
    public var autoSubmitted: String
    public var contentTransferEncoding: String
    public var body: String
    public var longestLine: Int
    public var defects: [String]

    /// Parses smtp-sink files with python3's `email` package.
    public static func parse(_ files: [URL], scratch: TemporaryDirectory) throws -> [ParsedMail] {
        let script = scratch.file("parse_mail.py")
        try Scripts.parseMail.write(to: script, atomically: true, encoding: .utf8)
        let run = try runToCompletion(python3, [script.path] + files.map(\.path))
        guard run.status == 0 else { throw PeerError("parse_mail.py failed with status \(run.status)") }
        return try JSONDecoder().decode([ParsedMail].self, from: Data(run.output.utf8))
    }
}
