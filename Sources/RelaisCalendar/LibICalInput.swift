// LibICalInput: the text handed to libical, with what libical 3.0 refuses but RFC 5545 accepts
// normalised away, so that an everyday export from Google, Outlook, Thunderbird, Nextcloud or Apple
// loads as it is.
//
// libical stays the parser; this file only rewrites lines it would otherwise drop with an
// X-LIC-ERROR that Relais must treat as a refusal. Each case, with the RFC that allows it:
//
// - An empty value (`DESCRIPTION:`, `LOCATION:`, `CATEGORIES:`, `X-GOOGLE-...:`). RFC 5545 §3.3.11:
//   `text = *(TSAFE-CHAR / ":" / DQUOTE / ESCAPED-CHAR)`, zero characters allowed, and §3.2 lets any
//   X- or IANA property hold an empty TEXT value. libical says "No value for DESCRIPTION property".
//   An empty text says nothing, so the line is left out of libical's input: the same as absent.
//   Not for the properties whose value type has no empty form and that Relais reads (a date, a
//   rule, a status, a number: `valueRequired`): libical's complaint about those stays a refusal.
//   Nor for Relais's own `X-RELAIS-*` properties: an empty `X-RELAIS-CAPACITY:` read as absent
//   would give the event unlimited places, so it is kept and reported at its line
//   (`emptyRelaisProperties`), whatever libical makes of it.
//
// What is not rewritten here, but read beside libical (CalendarReader, EventParser):
// - `X-WR-TIMEZONE` (Google, Apple, Outlook): the zone of the file's floating times, read by the
//   reader, since RFC 5545 §3.3.5 leaves a floating time's zone to the reader.
// - Windows zone names in TZID (Outlook, RFC 5545 §3.2.19 lets a TZID be any text): WindowsZones.
// - Google's, Outlook's, Apple's and Mozilla's own X- properties (RFC 5545 §3.8.8.2): libical keeps
//   them as X properties, and Relais reads only `X-RELAIS-*` and `X-WR-*`.
//
// The lines keep their order and their components, so the Nth `BEGIN:VEVENT` libical returns is
// still the Nth of SourceText's tree, and every line number said comes from the file as written.

import RelaisCore

enum LibICalInput {
    /// Properties whose empty value is a mistake Relais must report rather than read as absent:
    /// their value type (DATE-TIME, RECUR, DURATION, INTEGER, an enumeration, UTC-OFFSET) has no
    /// empty form, and Relais reads them.
    static let valueRequired: Set<String> = [
        "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "TRIGGER", "STATUS",
        "SEQUENCE", "TZOFFSETFROM", "TZOFFSETTO", "TZID",
    ]

    /// `text` unfolded, one content line per line (CRLF), without the properties whose value is empty
    /// when an empty value is allowed (RFC 5545 §3.3.11).
    static func text(_ text: String) -> String {
        var kept: [String] = []
        for line in SourceText.unfold(text) {
            if isEmptyText(line) { continue }
            kept.append(line.text)
        }
        return kept.joined(separator: "\r\n") + "\r\n"
    }

    /// The `X-RELAIS-*` lines of `lines` whose value is empty, each a problem at its line.
    static func emptyRelaisProperties(_ lines: [SourceLine], fileName: String) -> [FileError] {
        lines.filter { $0.name.hasPrefix("X-RELAIS-") && $0.syntaxProblem == nil && $0.value.trimmingSpaces().isEmpty }
            .map { line in
                FileError(fileName: fileName, line: line.number, reason: "\(line.name) is empty: give its value, or leave the line out")
            }
    }

    /// True for a property line with an empty value that RFC 5545 allows to be empty.
    static func isEmptyText(_ line: SourceLine) -> Bool {
        let name = line.name
        guard name != "BEGIN", name != "END", !valueRequired.contains(name), !name.hasPrefix("X-RELAIS-"),
            line.syntaxProblem == nil
        else {
            return false
        }
        return line.value.trimmingSpaces().isEmpty
    }
}
