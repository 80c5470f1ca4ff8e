// HTMLText: text made safe for the HTML pages relais writes (the report, the manifest, the CCAS desk).

public enum HTMLText {
    /// Text made safe for HTML element content and attribute values. It works on Unicode scalars,
    /// not characters: a quote followed by a combining accent is one Swift Character, and must
    /// still be escaped.
    public static func escape(_ text: String) -> String {
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped.append(contentsOf: "&amp;".unicodeScalars)
            case "<": escaped.append(contentsOf: "&lt;".unicodeScalars)
            case ">": escaped.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": escaped.append(contentsOf: "&quot;".unicodeScalars)
            case "'": escaped.append(contentsOf: "&#39;".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }
}
