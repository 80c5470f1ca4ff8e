// JSONBytes: writes a report's JSON straight into bytes, as Foundation's JSONSerialization writes it
// with [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes], without Foundation's objects.
//
// A report over a season of ten thousand events is some 85,000 lines of JSON; building it as
// [String: Any] dictionaries, bridging them to NSDictionary and sorting every row's keys with
// NSString.compare cost about a fifth of `relais report all --format json`. Here the report is a
// small tree of JSONNode values, written in one pass into a byte array. The bytes are the same as
// JSONSerialization's (ReportGoldenCLITests compares them with reports made before this writer):
// two-space indentation, `"key" : value`, an empty array as `[`, an empty line and `]`; keys in the
// order of `compare(_:options: [.numeric, .caseInsensitive, .forcedOrdering])` (the same call,
// made once per set of keys rather than once per object); strings escaped per scalar (quote,
// backslash, control characters; slashes and non-ASCII letters as they are); a double as its
// `description` without a trailing ".0".

import Foundation
import RelaisCore

/// A JSON value to write.
indirect enum JSONNode {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONNode])
    /// Members in any order: they are written sorted by key.
    case object([(key: String, value: JSONNode)])

    /// `text`, or null.
    static func string(or text: String?) -> JSONNode { text.map { .string($0) } ?? .null }
}

/// Writes JSONNode trees into UTF-8 bytes, pretty-printed with sorted keys.
struct JSONBytes {
    private(set) var bytes: [UInt8] = []
    private var indent = 0
    /// The order of each set of keys met, by position: rows of a table share their keys.
    private var orders: [[String]: [Int]] = [:]

    init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    /// The text of `node`.
    static func text(_ node: JSONNode) -> String {
        var writer = JSONBytes()
        writer.write(node)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    mutating func write(_ node: JSONNode) {
        switch node {
        case .string(let text): string(text)
        case .int(let number): ascii(number.description)
        case .double(let number): double(number)
        case .bool(let flag): ascii(flag ? "true" : "false")
        case .null: ascii("null")
        case .array(let elements): array(elements)
        case .object(let members): object(members)
        }
    }

    private mutating func array(_ elements: [JSONNode]) {
        bytes.append(UInt8(ascii: "["))
        bytes.append(UInt8(ascii: "\n"))
        indent += 2
        for (index, element) in elements.enumerated() {
            if index > 0 { ascii(",\n") }
            writeIndent()
            write(element)
        }
        bytes.append(UInt8(ascii: "\n"))
        indent -= 2
        writeIndent()
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func object(_ members: [(key: String, value: JSONNode)]) {
        bytes.append(UInt8(ascii: "{"))
        bytes.append(UInt8(ascii: "\n"))
        indent += 2
        if !members.isEmpty { writeIndent() }
        for (position, index) in order(of: members.map(\.key)).enumerated() {
            if position > 0 {
                ascii(",\n")
                writeIndent()
            }
            string(members[index].key)
            ascii(" : ")
            write(members[index].value)
        }
        bytes.append(UInt8(ascii: "\n"))
        indent -= 2
        writeIndent()
        bytes.append(UInt8(ascii: "}"))
    }

    /// The positions of `keys` in the order JSONSerialization's .sortedKeys writes them.
    private mutating func order(of keys: [String]) -> [Int] {
        if let known = orders[keys] { return known }
        let sorted = keys.indices.sorted { a, b in
            let options: NSString.CompareOptions = [.numeric, .caseInsensitive, .forcedOrdering]
            let (left, right) = (keys[a], keys[b])
            return left.compare(right, options: options, range: left.startIndex..<left.endIndex, locale: NSLocale.system)
                == .orderedAscending
        }
        orders[keys] = sorted
        return sorted
    }

    private mutating func string(_ text: String) { JSONText.append(text, to: &bytes) }

    private mutating func double(_ number: Double) {
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        ascii(text)
    }

    private mutating func ascii(_ text: String) { bytes.append(contentsOf: text.utf8) }

    private mutating func writeIndent() {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }
}
