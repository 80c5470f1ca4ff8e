// Log: lines on standard error for journald, with a syslog priority prefix ("<6>") so that
// journald files each line at its level. Messages are fixed text; the data goes in
// dot.separated metadata keys. Nothing personal is ever passed in: ids and keys, never a name,
// a phone number or an address. Every value is escaped (RelaisCore.LogField): no value can end
// the line, start another, or carry a `<N>` priority of its own.

import Foundation
import RelaisCore

/// Where the service writes what it does.
public struct Log: Sendable {
    /// syslog priorities (RFC 5424 severities).
    public enum Level: Int, Sendable {
        case error = 3
        case warning = 4
        case notice = 5
        case info = 6
        case debug = 7
    }

    /// The least severe level written.
    public var threshold: Level

    public init(threshold: Level = .info) { self.threshold = threshold }

    /// Writes one line if `level` is enabled; the metadata is only built when it is.
    public func write(_ level: Level, _ message: StaticString, _ metadata: @autoclosure () -> [String: String] = [:]) {
        guard level.rawValue <= threshold.rawValue else { return }
        let fields = metadata().sorted { $0.key < $1.key }.map { "\($0.key)=\(LogField.escaped($0.value))" }.joined(separator: " ")
        let line = "<\(level.rawValue)>\(message)" + (fields.isEmpty ? "" : " " + fields) + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    public func error(_ message: StaticString, _ metadata: @autoclosure () -> [String: String] = [:]) { write(.error, message, metadata()) }
    public func warning(_ message: StaticString, _ metadata: @autoclosure () -> [String: String] = [:]) {
        write(.warning, message, metadata())
    }
    public func info(_ message: StaticString, _ metadata: @autoclosure () -> [String: String] = [:]) { write(.info, message, metadata()) }
    public func debug(_ message: StaticString, _ metadata: @autoclosure () -> [String: String] = [:]) { write(.debug, message, metadata()) }
}
