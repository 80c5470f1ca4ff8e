// CSVTable: RFC 4180 comma-separated values, as spreadsheets export them.
//
// CCAS agents keep lists of residents in spreadsheets; `relais participants import` reads them.
// Fields may be quoted ("Martin, Jeanne"), quotes doubled inside quotes, records end with CRLF or
// LF. A semicolon-separated file (the French Excel default) is recognised by its header line.

/// One record of a CSV file with the physical line it starts on.
public struct CSVRecord: Sendable, Equatable {
    public var line: Int
    public var fields: [String]
}

public enum CSVTable {
    /// Splits the text into records; throws with the line of an unterminated quote.
    public static func parse(_ text: String) throws(TextInputError) -> [CSVRecord] {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let separator: Character = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func endRecord() {
            fields.append(field)
            field = ""
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(CSVRecord(line: recordLine, fields: fields)) }
            fields = []
        }
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            field.append("\"")
                        } else {
                            quoted = false
                            pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character == "\r\n" ? "\n" : character)
                }
            } else if character == "\"" && field.isEmpty {
                quoted = true
            } else if character == separator {
                fields.append(field)
                field = ""
            } else if character == "\n" || character == "\r\n" {
                endRecord()
                line += 1
                recordLine = line
            } else {
                field.append(character)
            }
        }
        if quoted { throw TextInputError(line: recordLine, reason: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}
