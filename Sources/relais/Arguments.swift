// Arguments: the small parser behind every command's options.
//
// A command declares the options that take a value and the flags; anything else starting with
// "--" is refused by name. `--option value` and `--option=value` are both accepted; an option
// given twice keeps every value (`--consent sms --consent email`).

/// A mistake the user can fix: a message and the exit status (sysexits.h).
struct UserError: Error, CustomStringConvertible {
    var description: String
    var exitCode: Int32

    /// Wrong command line (EX_USAGE).
    static func usage(_ message: String) -> UserError { UserError(description: message, exitCode: 64) }
    /// Input data refused (EX_DATAERR).
    static func data(_ message: String) -> UserError { UserError(description: message, exitCode: 65) }
    /// A file that cannot be read (EX_NOINPUT).
    static func noInput(_ message: String) -> UserError { UserError(description: message, exitCode: 66) }
    /// A file that cannot be written (EX_CANTCREAT).
    static func cannotCreate(_ message: String) -> UserError { UserError(description: message, exitCode: 73) }
}

/// A command line split into positional words, option values and flags.
struct Arguments {
    var positional: [String] = []
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []

    /// Splits `words` knowing which options take a value and which are flags.
    init(_ words: [String], options: Set<String>, flags known: Set<String>) throws(UserError) {
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("--"), word.count > 2 else {
                positional.append(word)
                continue
            }
            var name = String(word.dropFirst(2))
            var inline: String?
            if let equals = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if known.contains(name) {
                guard inline == nil else { throw .usage("--\(name) takes no value") }
                flags.insert(name)
            } else if options.contains(name) {
                if let inline {
                    values[name, default: []].append(inline)
                } else {
                    guard index < words.count else { throw .usage("--\(name) needs a value") }
                    values[name, default: []].append(words[index])
                    index += 1
                }
            } else {
                let known = (options.union(known)).sorted().map { "--\($0)" }.joined(separator: ", ")
                throw .usage("unknown option --\(name)" + (known.isEmpty ? "" : " (this command takes \(known))"))
            }
        }
    }

    /// The value of an option given at most once.
    func value(_ name: String) throws(UserError) -> String? {
        let given = values[name] ?? []
        guard given.count <= 1 else { throw .usage("--\(name) is given \(given.count) times") }
        return given.first
    }

    /// Every value of an option.
    func all(_ name: String) -> [String] { values[name] ?? [] }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// A whole-number identifier given as an option, e.g. `--participant 12`.
    func identifier(_ name: String) throws(UserError) -> Int64? {
        guard let text = try value(name) else { return nil }
        guard let number = Int64(text), number > 0 else { throw .usage("--\(name) takes a number such as 12, not \"\(text)\"") }
        return number
    }

    /// Refuses positional words beyond `count`.
    func expectPositional(atMost count: Int, usage: String) throws(UserError) {
        if positional.count > count {
            throw .usage("unexpected \"\(positional[count])\"; usage: \(usage)")
        }
    }
}
