// LogField: a value written into a log line so that it cannot forge one.
//
// The daemon's lines go to journald as `<N>message key=value ...`, one line per record, the `<N>`
// prefix giving the priority. A value comes from outside (a request path, a file name, a server's
// reply): a newline in it would start a second line, and `<0>` at its start would make journald
// file that line as an emergency. Here every value is written so that it stays inside its field:
// one that holds nothing but printable characters other than space, quote, backslash and `=` is
// written as it is; any other is quoted, with backslash, quote and every control or
// line-separating character escaped (`\n`, `\r`, `\t`, `\u{85}`...). The line therefore holds
// exactly one LF, at its end, and only the logger writes a `<N>`.

/// Escaping for log values.
public enum LogField {
    /// `value` as it may appear after `key=` in a log line.
    public static func escaped(_ value: String) -> String {
        if value.isEmpty { return "\"\"" }
        guard value.unicodeScalars.contains(where: needsQuoting) else { return value }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": quoted += "\\\\"
            case "\"": quoted += "\\\""
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            case _ where isControl(scalar): quoted += "\\u{\(String(scalar.value, radix: 16))}"
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    private static func needsQuoting(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\"" || scalar == "\\" || scalar == "=" || isControl(scalar)
    }

    /// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}
