// No front reads another layer's words: a grep over Sources/ for the ways code used to slice or match
// refusal sentences (a `--field:` prefix cut out of a store error, a core sentence matched by its
// first words, SQLite's message searched for a trigger's text). Refusals travel as typed values
// (Refusal, see RefusalVocabularyTests); the one reader of trigger texts is RelaisStore's
// TriggerRefusal, beside the migrations that raise them.

import Foundation
import Testing

@Suite struct RefusalTextMatchingTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every Swift file under Sources/, by its path from the package's root, with its lines.
    static func sources() throws -> [(path: String, lines: [Substring])] {
        let sources = root.appendingPathComponent("Sources")
        let walker = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        return try walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.map { file in
            let path = String(file.path.dropFirst(root.path.count + 1))
            return (path, try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false))
        }.sorted { $0.path < $1.path }
    }

    /// A way of matching text that a front must not use on another layer's message, and where it may appear.
    struct Rule: CustomTestStringConvertible {
        var pattern: String
        var why: String
        /// Files allowed to hold it, and the reason each may.
        var allowed: [String: String] = [:]
        var testDescription: String { pattern }
    }

    static let rules = [
        Rule(pattern: ".description.contains(", why: "an error's sentence searched for words"),
        Rule(pattern: "reason.hasPrefix(", why: "a core sentence recognised by its first words"),
        Rule(pattern: "reason.contains(", why: "a core sentence searched for words"),
        Rule(
            pattern: "hasPrefix(\"--", why: "a `--field:` prefix cut out of a refusal",
            allowed: [
                "Sources/relais/main.swift": "reads the global options of argv", "Sources/relais/Arguments.swift": "reads a command's argv",
            ]),
        Rule(
            pattern: "message.contains(", why: "SQLite's message searched for a trigger's text",
            allowed: ["Sources/RelaisStore/TriggerRefusal.swift": "the one reader of trigger texts"]),
        Rule(
            pattern: "RAISE(ABORT", why: "a trigger's text outside the schema",
            allowed: ["Sources/RelaisStore/TriggerRefusal.swift": "its comment names the SQL function"]),
    ]

    @Test(arguments: rules) func noFrontMatchesAnotherLayersWords(_ rule: Rule) throws {
        for (path, lines) in try Self.sources() where rule.allowed[path] == nil && !Self.isMigration(path) {
            for (number, line) in lines.enumerated() where line.contains(rule.pattern) {
                Issue.record("\(path):\(number + 1): \(rule.why): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
    }

    /// The texts of the triggers' RAISE(ABORT, 'relais: ...') appear in the migrations that raise
    /// them and in TriggerRefusal, which reads them, and nowhere else (their words alone may: a
    /// waitlist reason is "run full" too; searching SQLite's message for them is the rule above).
    @Test func triggerTextsAreReadInOnePlace() throws {
        let files = try Self.sources()
        let raised = Set(
            files.filter { Self.isMigration($0.path) }.flatMap(\.lines).flatMap { line in
                line.split(separator: "'").filter { $0.hasPrefix("relais: ") }.map(String.init)
            })
        #expect(raised.count >= 10, "the migrations raise \(raised.sorted())")
        let reader = try #require(files.first { $0.path == "Sources/RelaisStore/TriggerRefusal.swift" })
        for text in raised.sorted() {
            #expect(reader.lines.contains { $0.contains("\"\(text)\"") }, "TriggerRefusal does not read '\(text)'")
            for (path, lines) in files where !Self.isMigration(path) && path != reader.path {
                for (number, line) in lines.enumerated() where line.contains(text) {
                    Issue.record("\(path):\(number + 1) matches the trigger text '\(text)': ask TriggerRefusal(error)")
                }
            }
        }
    }

    static func isMigration(_ path: String) -> Bool {
        path.hasPrefix("Sources/RelaisStore/Migrations") && path.hasSuffix(".swift")
    }
}
