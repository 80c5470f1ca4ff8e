// Every command's --help against what the command really accepts, asked of the built binary: the
// usage lines of a help (`relais COMMAND [SUBCOMMAND] ...` at the start of a line) name the
// invocations; each is run with an unknown option, and its refusal lists the options its Arguments
// accept. The options a help names must be exactly the options its invocations accept (nothing
// undocumented such as a stray --json, nothing documented that is refused), each usage line may
// name only what its own invocation accepts, and no help says something is not built.

import Foundation
import RelaisTestPeers
import Testing

@Suite struct HelpCLITests {
    static let commands = [
        "campaigns", "events", "calendar", "participants", "register", "unregister", "attend", "transport", "reminders", "outbox",
        "send", "optout", "report", "users", "serve", "status", "doctor", "backup",
    ]

    /// One usage line: the words naming the invocation and the options the line (and its indented
    /// continuation lines) names.
    struct Usage {
        var words: [String]
        var options: Set<String>
    }

    /// The `--name` words of a help, leaving out those of other commands it mentions (`relais
    /// outbox list --state dropped` in the reminders' help): from such a mention to the end of its
    /// parenthesis or line.
    static func options(inHelp help: String, of command: String) -> Set<String> {
        let mention = try! NSRegularExpression(pattern: "relais (?!\(command)\\b)[a-z]+[^)\\n]*")
        let range = NSRange(help.startIndex..., in: help)
        return options(in: mention.stringByReplacingMatches(in: help, range: range, withTemplate: ""))
    }

    /// The `--name` words of a text, global options and --help aside.
    static func options(in text: String) -> Set<String> {
        let pattern = try! NSRegularExpression(pattern: "--[a-z][a-z0-9-]*")
        let range = NSRange(text.startIndex..., in: text)
        let names = pattern.matches(in: text, range: range).map { String(text[Range($0.range, in: text)!]) }
        return Set(names).subtracting(["--help", "--db", "--config"])
    }

    /// The usage lines of a help text: `relais ...` at the start of a line, and the indented lines
    /// that go on with its options.
    static func usages(in help: String, command: String) -> [Usage] {
        var usages: [Usage] = []
        for line in help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("relais ") {
                let plain = line.replacingOccurrences(of: "[--config PATH] ", with: "")
                // Subcommand words are lower case, may hold a hyphen (export-gtfs), never start with one (options).
                let words = plain.split(separator: " ").dropFirst()
                    .prefix { !$0.hasPrefix("-") && $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "|" || $0 == "-" } }
                    .map { String($0.split(separator: "|").first ?? "") }
                usages.append(Usage(words: words, options: options(in: plain)))
            } else if line.hasPrefix(" "), trimmed.hasPrefix("["), !usages.isEmpty {
                usages[usages.count - 1].options.formUnion(options(in: trimmed))
            }
        }
        return usages.filter { $0.words.first == command }
    }

    /// What an invocation accepts, from its refusal of an unknown option.
    static func accepted(_ words: [String], in workspace: Workspace) throws -> Set<String> {
        let result = try workspace.run(Workspace.binary.path, workspace.globalArguments + words + ["--no-such-option"])
        #expect(result.status == 64, "\(words): \(result.errors)")
        #expect(result.errors.contains("unknown option --no-such-option"), "\(words): \(result.errors)")
        guard let start = result.errors.range(of: "(this command takes ") else { return [] }
        return options(in: String(result.errors[start.upperBound...]))
    }

    @Test(arguments: commands) func theHelpNamesExactlyTheOptionsTheCommandAccepts(_ command: String) throws {
        let workspace = Workspace()
        let help = try workspace.relais(command, "--help")
        #expect(help.status == 0)
        #expect(try workspace.relais("help", command).output == help.output)
        #expect(!help.output.lowercased().contains("not built") && !help.output.lowercased().contains("not yet"), "\(help.output)")
        let usages = Self.usages(in: help.output, command: command)
        #expect(!usages.isEmpty, "\(command): no usage line in \(help.output)")
        var acceptedByCommand: Set<String> = []
        for usage in usages {
            let accepted = try Self.accepted(usage.words, in: workspace)
            acceptedByCommand.formUnion(accepted)
            #expect(usage.options.isSubset(of: accepted), "\(usage.words): named but refused \(usage.options.subtracting(accepted))")
        }
        let named = Self.options(inHelp: help.output, of: command)
        #expect(
            acceptedByCommand.subtracting(named).isEmpty,
            "\(command): accepted but not in its help: \(acceptedByCommand.subtracting(named))")
        #expect(
            named.subtracting(acceptedByCommand).isEmpty, "\(command): in its help but refused: \(named.subtracting(acceptedByCommand))")
    }

    @Test func theOverviewNamesEveryCommand() throws {
        let overview = try Workspace().relais("--help").output
        for command in Self.commands {
            #expect(overview.contains("\n  \(command) "), "\(command) is missing from relais --help")
        }
        let lines = overview.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
        let listed = lines.compactMap { $0.split(separator: " ").first.map(String.init) }.filter { !$0.hasPrefix("--") && $0 != "help" }
        #expect(Set(listed) == Set(Self.commands), "\(listed)")
    }
}
