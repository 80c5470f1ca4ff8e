// Output: how commands print, tables for people and JSON for programs (the resources in their
// shapes from RelaisJSON, the same as the desk's API).

import Foundation
import RelaisJSON

enum Output {
    /// Prints a value in its JSON shape (RelaisJSON: keys sorted, nils as null, local times).
    static func json(_ value: some Encodable) {
        print(JSONShape.text(value, pretty: true))
    }

    /// Prints the summary of an action as JSON (keys sorted, so output is stable): counts and ids
    /// with every key present (`{"run": 3}`, `{"sent": 2, ...}`), never a resource, which has its
    /// RelaisJSON type.
    static func json(_ value: Any) {
        let data =
            (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
            ?? Data("null".utf8)
        print(String(decoding: data, as: UTF8.self))
    }

    /// Prints rows as aligned columns under a header.
    static func table(_ header: [String], _ rows: [[String]]) {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        print(line(header))
        for row in rows { print(line(row)) }
    }

    /// A message on standard error, prefixed with the program's name.
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("relais: \(message)\n".utf8))
    }
}
