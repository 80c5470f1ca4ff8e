// Runs the built relais binary as a user would, each test in its own directory and database.

import Foundation
import Testing

/// What one run of relais did.
struct RunResult {
    var status: Int32
    var output: String
    var errors: String
}

extension RunResult {
    /// What a started process printed on `output` and `errors` and exited with, once it has ended
    /// (both pipes read to the end at once before waiting, so that a full pipe cannot hold it: read
    /// one after the other, a process filling `errors` while `output` is read would wait forever).
    init(waitingFor process: Process, output: Pipe, errors: Pipe) {
        let errorData = PipeReading(errors)
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        self.init(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            errors: String(decoding: errorData.data, as: UTF8.self))
    }
}

/// A pipe read to its end on a thread of its own.
final class PipeReading: @unchecked Sendable {
    private var read = Data()
    private let ended = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            read = handle.readDataToEndOfFile()
            ended.signal()
        }
    }

    /// What the pipe gave, once it is closed (the thread's write seen through the semaphore).
    var data: Data {
        ended.wait()
        ended.signal()
        return read
    }
}

/// A working directory with its own database, removed at the end of the test.
final class Workspace {
    let directory: URL
    var database: String { directory.appendingPathComponent("relais.sqlite").path }
    /// The clock relais runs at, so that "upcoming" is the same every day the tests run.
    var now = "2026-11-22T10:00"
    /// The configuration file given with --config, once `configure` wrote one.
    var configuration: String?

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("relais")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return repository.appendingPathComponent(".build/debug/relais")
    }()

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("relais-cli-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // relais reads its territory from Config/territories/default.conf in the directory it runs
        // in, unless the configuration names another: the repository's, as an installation has it.
        let config = directory.appendingPathComponent("Config")
        try! FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try! FileManager.default.createSymbolicLink(
            at: config.appendingPathComponent("territories"),
            withDestinationURL: Workspace.repository.appendingPathComponent("Config/territories"))
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Writes a file in the workspace and returns its path.
    @discardableResult
    func write(_ name: String, _ contents: String) -> String { write(name, Data(contents.utf8)) }

    @discardableResult
    func write(_ name: String, _ data: Data) -> String {
        let url = directory.appendingPathComponent(name)
        try! data.write(to: url)
        return url.path
    }

    /// Runs `relais --db <workspace db> [--config <file>] arguments...` and waits for it.
    @discardableResult
    func relais(_ arguments: String..., environment: [String: String] = [:]) throws -> RunResult {
        try run(Workspace.binary.path, globalArguments + arguments, environment: ["RELAIS_NOW": now].merging(environment) { $1 })
    }

    /// `--db` and, when configured, `--config`.
    var globalArguments: [String] { ["--db", database] + (configuration.map { ["--config", $0] } ?? []) }

    /// Writes a configuration file (sections as in Config/relais.conf) used by every later run.
    /// The repository's templates and an outbox folder in the workspace are filled in unless given.
    /// `confirmations: false` (`[reminders] confirmations = no`) is for tests that count reminders and
    /// notices: the confirmation and its invitation have their own tests (InvitationCLITests).
    func configure(_ text: String, confirmations: Bool = true) {
        var body = text
        if !body.contains("templates =") {
            body = "[reminders]\ntemplates = \(Workspace.repository.appendingPathComponent("Config/templates").path)\n" + body
        }
        if !confirmations, let section = body.range(of: "[reminders]\n") {
            body.replaceSubrange(section, with: "[reminders]\nconfirmations = no\n")
        }
        if !body.contains("[outbox]") {
            body += "\n[outbox]\ndirectory = \(directory.appendingPathComponent("outbox").path)\n"
        }
        configuration = write("relais.conf", body)
    }

    /// Runs any program in the workspace directory.
    func run(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> RunResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        return RunResult(waitingFor: process, output: output, errors: errors)
    }

    /// The whole database as SQL text (sqlite3 .dump), to show that a refused input changed nothing.
    func dump() throws -> String {
        try run("/usr/bin/sqlite3", [database, ".dump"]).output
    }

    /// Parses a run's output as JSON.
    func json(_ result: RunResult) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.output.utf8))
    }
}

/// A VCALENDAR for tests, one campaign, events given as VEVENT bodies (without BEGIN/END).
func calendar(campaign: String = "test-2027", fa: String = "7", _ events: String...) -> String {
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Relais tests//FR", "X-RELAIS-CAMPAIGN:\(campaign)", "X-RELAIS-FA:\(fa)"]
    for event in events {
        lines += ["BEGIN:VEVENT"] + event.split(separator: "\n").map(String.init) + ["END:VEVENT"]
    }
    lines.append("END:VCALENDAR")
    return lines.joined(separator: "\r\n") + "\r\n"
}

/// A VEVENT body: a one-off event in Europe/Paris.
func event(uid: String, start: String, end: String, extra: String = "") -> String {
    """
    UID:\(uid)
    DTSTAMP:20261101T000000Z
    DTSTART;TZID=Europe/Paris:\(start)
    DTEND;TZID=Europe/Paris:\(end)
    SUMMARY:Dépistage Mars bleu
    LOCATION:Salle des fêtes\\, Gex
    CATEGORIES:screening
    X-RELAIS-COMMUNE:Gex
    X-RELAIS-CAPACITY:2
    """ + (extra.isEmpty ? "" : "\n" + extra)
}
