// 1,500 seeded mutations of the real-world calendars (Tests/Corpora/icalendar) through the built
// relais, as a planner's broken export or an attacker's file would come (issue 11): none may crash
// it, none may take more than 20 s, and the ones refused leave the database exactly as it was.
// The same seed gives the same files on every machine, so a failure names a file that can be
// made again.

import Foundation
import RelaisTestPeers
import Testing

/// Makes broken calendars out of good ones.
struct CalendarMutator {
    var random: SplitMix

    /// Lines a hostile or careless file may hold.
    static let hostileLines = [
        "RRULE:FREQ=SECONDLY", "RRULE:FREQ=HOURLY;COUNT=999999999", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "RRULE:FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=0,30",
        "RRULE:FREQ=WEEKLY;INTERVAL=0", "RRULE:FREQ=MONTHLY;BYSETPOS=-366;BYDAY=MO", "RRULE:FREQ=YEARLY;UNTIL=99991231T235959Z",
        "DTSTART:99991231T235959", "DTSTART:00000101T000000Z", "DTSTART;TZID=Nowhere/City:20270330T090000",
        "DTSTART;VALUE=DATE:20270230", "DTEND:19700101T000000Z", "DURATION:P99999999W", "DURATION:-PT1H",
        "EXDATE:20270330T090000Z,garbage", "RDATE;VALUE=PERIOD:20270330T090000Z/20270329T090000Z",
        "RECURRENCE-ID:20270330T090000Z", "TRIGGER:-P99999999D", "TRIGGER;VALUE=DATE-TIME:20270330T090000Z",
        "X-RELAIS-CAPACITY:-1", "X-RELAIS-CAPACITY:99999999999999999999", "X-RELAIS-FA:7,,12,999999999999",
        "X-RELAIS-COMMUNE:Atlantis", "X-RELAIS-QPV:Levant-Tattes", "X-RELAIS-STOPS:25:99 Gex\\, nowhere\\; 07:45",
        "X-RELAIS-VEHICLE:wheelchair-places=-4 seats-per-wheelchair=99999", "X-RELAIS-ARRIVAL:99:99",
        "CATEGORIES:transport,screening", "STATUS:CANCELLED", "SEQUENCE:-2147483649", "UID:", "SUMMARY:",
        "BEGIN:VEVENT", "END:VEVENT", "BEGIN:VALARM", "END:VALARM", "BEGIN:VTIMEZONE", "END:VCALENDAR",
        "BEGIN:STANDARD", "TZOFFSETFROM:+9999", "TZOFFSETTO:-2400", "DTSTART;TZID=\"quoted\";X=\"a:b\":20270330T090000",
        "A;B=;C=\"unterminated:value", ":", ";;;;", "  folded continuation without a line",
    ]

    /// A mutation of `text`: campaign headers added half the time (so that more files reach the
    /// core and the store), then one to four edits.
    mutating func mutate(_ text: String) -> String {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if Bool.random(using: &random), let calendar = lines.firstIndex(of: "BEGIN:VCALENDAR") {
            lines.insert(contentsOf: ["X-RELAIS-CAMPAIGN:fuzz", "X-RELAIS-FA:7"], at: calendar + 1)
            for index in lines.indices.reversed() where lines[index] == "BEGIN:VEVENT" {
                lines.insert("CATEGORIES:screening", at: index + 1)
            }
        }
        for _ in 0..<Int.random(in: 1...4, using: &random) { edit(&lines) }
        return lines.joined(separator: Bool.random(using: &random) ? "\r\n" : "\n")
    }

    private mutating func edit(_ lines: inout [String]) {
        guard !lines.isEmpty else { return }
        let at = Int.random(in: lines.indices, using: &random)
        switch Int.random(in: 0..<9, using: &random) {
        case 0: lines.remove(at: at)
        case 1: lines.insert(lines[at], at: at)
        case 2: lines.swapAt(at, Int.random(in: lines.indices, using: &random))
        case 3, 4: lines.insert(Self.hostileLines.randomElement(using: &random)!, at: at)
        case 5:  // a byte of the line changed to anything printable or a control
            var bytes = Array(lines[at].utf8)
            guard !bytes.isEmpty else { return }
            bytes[Int.random(in: bytes.indices, using: &random)] = UInt8.random(in: 1...127, using: &random)
            lines[at] = String(decoding: bytes, as: UTF8.self)
        case 6: lines.removeSubrange(at...)
        case 7:  // folded at a random place
            let line = lines[at]
            guard line.count > 1 else { return }
            let cut = line.index(line.startIndex, offsetBy: Int.random(in: 1..<line.count, using: &random))
            lines[at] = String(line[..<cut]) + "\n " + line[cut...]
        default:  // components nested too deep, or the same event many times
            let copies = Int.random(in: 30...90, using: &random)
            lines.insert(contentsOf: Array(repeating: "BEGIN:VALARM", count: copies) + Array(repeating: "END:VALARM", count: copies), at: at)
        }
    }
}

@Suite struct MutatedCorpusCLITests {
    static let count = 1_500

    @Test func fifteenHundredMutatedCalendarsNeverCrashOrHangAndRefusalsChangeNothing() throws {
        let corpus = Workspace.repository.appendingPathComponent("Tests/Corpora/icalendar")
        let sources = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasSuffix(".ics") }.sorted()
        let texts = sources.map { (try? String(contentsOf: corpus.appendingPathComponent($0), encoding: .utf8)) ?? "" }
        let files = try TemporaryDirectory("mutated")
        var mutator = CalendarMutator(random: SplitMix(state: 20_270_330))
        let paths = try (0..<Self.count).map { index in
            let path = files.file(String(format: "m%04d.ics", index)).path
            try Data(mutator.mutate(texts[index % texts.count]).utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        // Each file alone, in its own process with a 20 s limit, two at a time, each worker on its
        // own database.
        let workers = [Workspace(), Workspace()]
        let databases = workers.map(\.database)
        let outcomes = LockedOutcomes()
        DispatchQueue.concurrentPerform(iterations: databases.count) { worker in
            for index in stride(from: worker, to: paths.count, by: databases.count) {
                let started = Date()
                let status = (try? Self.limited(["--db", databases[worker], "campaigns", "load", paths[index]], seconds: 20)) ?? -1
                outcomes.record(index, status: status, seconds: Date().timeIntervalSince(started))
            }
        }
        let results = outcomes.sorted
        let crashes = results.filter { $0.status != 0 && $0.status != 65 }
        let slowest = results.map(\.seconds).max() ?? 0
        let refused = results.filter { $0.status == 65 }.map { paths[$0.index] }
        print(
            "\(Self.count) mutated calendars: \(results.filter { $0.status == 0 }.count) loaded, \(refused.count) refused, "
                + "\(crashes.count) crashed or hung; slowest \(String(format: "%.2f", slowest)) s")
        #expect(results.count == Self.count)
        #expect(crashes.isEmpty, "\(crashes.map { "\(paths[$0.index]): exit \($0.status)" })")
        // Every refused file again, one after the other into one database holding a campaign:
        // it ends exactly as it began.
        let database = Workspace()
        let good = calendar(event(uid: "a@t", start: "20270330T090000", end: "20270330T100000"))
        #expect(try database.relais("campaigns", "load", database.write("good.ics", good)).status == 0)
        let before = try database.dump()
        for batch in stride(from: 0, to: refused.count, by: 200) {
            let result = try database.run(
                Workspace.binary.path, database.globalArguments + ["campaigns", "load"] + refused[batch..<min(batch + 200, refused.count)])
            #expect(result.status == 65, "\(result.errors.suffix(500))")
        }
        #expect(try database.dump() == before)
    }

    /// Runs relais with `arguments`; its exit status (128 + the signal when killed by one), or -1
    /// when stopped after `seconds`.
    static func limited(_ arguments: [String], seconds: Int) throws -> Int32 {
        let process = Process()
        process.executableURL = Workspace.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["RELAIS_NOW": "2026-11-22T10:00"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(TimeInterval(seconds))
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return -1
        }
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }
}

/// Outcomes gathered from several threads.
final class LockedOutcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [(index: Int, status: Int32, seconds: TimeInterval)] = []

    func record(_ index: Int, status: Int32, seconds: TimeInterval) {
        lock.lock()
        defer { lock.unlock() }
        outcomes.append((index, status, seconds))
    }

    var sorted: [(index: Int, status: Int32, seconds: TimeInterval)] {
        lock.lock()
        defer { lock.unlock() }
        return outcomes.sorted { $0.index < $1.index }
    }
}
