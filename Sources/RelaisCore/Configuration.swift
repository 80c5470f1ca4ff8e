// Configuration: Relais's settings, read from an INI-style file (Config/relais.conf).
//
// Every setting has an embedded default, so Relais runs with no file at all. A file overrides
// what it names; an unknown section or key is refused with its line (a typo must not silently
// leave a default in place). Syntax: `[section]`, `key = value`, `#` or `;` comments.

import Foundation

/// Why a configuration file was refused.
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    public var fileName: String
    public var line: Int
    public var reason: String

    public var description: String { line > 0 ? "\(fileName):\(line): \(reason)" : "\(fileName): \(reason)" }
}

/// The settings Relais runs with.
public struct Configuration: Sendable, Equatable {
    /// `[store] database`: the SQLite file.
    public var databasePath = "relais.sqlite"
    /// `[store] busy_timeout_ms`: how long a command waits for another writer before giving up.
    public var busyTimeoutMilliseconds = 30_000
    /// `[territory] time_zone`: the zone of every wall-clock time Relais reads or writes.
    public var timeZone = "Europe/Paris"
    /// `[calendars] directory`: where campaign calendars live.
    public var calendarsDirectory = "Campaigns"
    /// `[calendars] horizon_days`: how far ahead a recurrence without an end is expanded.
    public var horizonDays = 730
    /// `[calendars] max_file_mb`: the largest calendar or CSV file accepted.
    public var maximumFileMegabytes = 20

    public init() {}

    /// The keys each section accepts, with the setter for each.
    private typealias Setter = @Sendable (inout Configuration, String) throws(FieldError) -> Void
    private static let keys: [String: [String: Setter]] = [
        "store": [
            "database": { configuration, value throws(FieldError) in configuration.databasePath = try nonEmpty(value) },
            "busy_timeout_ms": { configuration, value throws(FieldError) in
                configuration.busyTimeoutMilliseconds = try number(value, in: 100...600_000)
            },
        ],
        "territory": [
            "time_zone": { configuration, value throws(FieldError) in
                guard TimeZone(identifier: value) != nil else {
                    throw FieldError(field: "time_zone", reason: "\"\(value)\" is not a known time zone (e.g. Europe/Paris)")
                }
                configuration.timeZone = value
            }
        ],
        "calendars": [
            "directory": { configuration, value throws(FieldError) in configuration.calendarsDirectory = try nonEmpty(value) },
            "horizon_days": { configuration, value throws(FieldError) in configuration.horizonDays = try number(value, in: 1...3_660) },
            "max_file_mb": { configuration, value throws(FieldError) in
                configuration.maximumFileMegabytes = try number(value, in: 1...1_000)
            },
        ],
    ]

    /// Reads a configuration file's text over the embedded defaults.
    public static func parse(_ text: String, fileName: String) throws(ConfigurationError) -> Configuration {
        var configuration = Configuration()
        var section: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            let number = index + 1
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw ConfigurationError(fileName: fileName, line: number, reason: "a section is written [name]") }
                let name = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                guard keys[name] != nil else {
                    throw ConfigurationError(fileName: fileName, line: number, reason: "unknown section [\(name)] (known: \(keys.keys.sorted().joined(separator: ", ")))")
                }
                section = name
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw ConfigurationError(fileName: fileName, line: number, reason: "expected key = value")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard let section else {
                throw ConfigurationError(fileName: fileName, line: number, reason: "\(key) must come after a [section]")
            }
            guard let setter = keys[section]?[key] else {
                let known = keys[section]!.keys.sorted().joined(separator: ", ")
                throw ConfigurationError(fileName: fileName, line: number, reason: "unknown key \(key) in [\(section)] (known: \(known))")
            }
            do {
                try setter(&configuration, value)
            } catch {
                throw ConfigurationError(fileName: fileName, line: number, reason: "\(section).\(key): \(error.reason)")
            }
        }
        return configuration
    }

    private static func nonEmpty(_ value: String) throws(FieldError) -> String {
        guard !value.isEmpty else { throw FieldError(field: "value", reason: "is empty") }
        return value
    }

    private static func number(_ value: String, in range: ClosedRange<Int>) throws(FieldError) -> Int {
        guard let number = Int(value), range.contains(number) else {
            throw FieldError(field: "value", reason: "\"\(value)\" is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}
