// InvitationMail: an e-mail file (smtp-sink's dump, a composed message) read by Python's `email`
// package and its calendar part by `icalendar` (the PyPI project, from Debian's python3-icalendar,
// installed by scripts/install-deps like python3-dateutil): independent readers of what Relais wrote.
// Runs with Debian's /usr/bin/python3, where those packages are installed.

import Foundation

/// One e-mail as `email` and `icalendar` read it.
public struct InvitationMail: Decodable {
    public var file: String
    public var subject: String
    /// Every part's content type, depth first: `multipart/mixed`, `multipart/alternative`, ...
    public var contentTypes: [String]
    /// The text/plain part, decoded.
    public var text: String
    /// The `method` parameter of the text/calendar part's Content-Type; empty without one.
    public var contentMethod: String
    /// The attachment's file name; empty without one.
    public var attachment: String
    /// Whether the attachment holds the same calendar as the text/calendar part.
    public var attachmentMatches: Bool
    /// What icalendar reads in the text/calendar part; empty strings and -1 without one.
    public var method: String
    public var uid: String
    public var sequence: Int
    /// DTSTART as ISO 8601 with its offset (`2027-03-30T10:00:00+02:00`).
    public var start: String
    public var startZone: String
    public var status: String
    public var organiser: String
    public var attendee: String
    public var alarms: [String]
    public var defects: [String]

    /// Reads the files with /usr/bin/python3.
    public static func parse(_ files: [URL], scratch: TemporaryDirectory) throws -> [InvitationMail] {
        let script = scratch.file("parse_invitation.py")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        let run = try runToCompletion("/usr/bin/python3", [script.path] + files.map(\.path))
        guard run.status == 0 else { throw PeerError("parse_invitation.py failed with status \(run.status): \(run.output)") }
        return try JSONDecoder().decode([InvitationMail].self, from: Data(run.output.utf8))
    }

    static let script = #"""
        import email, email.policy, json, sys
        import icalendar

        result = []
        for path in sys.argv[1:]:
            message = email.message_from_bytes(open(path, "rb").read(), policy=email.policy.default)
            entry = {"file": path, "subject": str(message["Subject"] or ""), "contentTypes": [], "text": "",
                     "contentMethod": "", "attachment": "", "attachmentMatches": False, "method": "", "uid": "",
                     "sequence": -1, "start": "", "startZone": "", "status": "", "organiser": "", "attendee": "",
                     "alarms": [], "defects": [type(d).__name__ for d in message.defects]}
            calendar_bytes, attached_bytes = None, None
            for part in message.walk():
                entry["contentTypes"].append(part.get_content_type())
                entry["defects"] += [type(d).__name__ for d in part.defects]
                if part.get_filename():
                    entry["attachment"] = part.get_filename()
                    attached_bytes = part.get_payload(decode=True)
                elif part.get_content_type() == "text/plain":
                    entry["text"] = part.get_content()
                elif part.get_content_type() == "text/calendar":
                    entry["contentMethod"] = part.get_param("method") or ""
                    calendar_bytes = part.get_payload(decode=True)
            if calendar_bytes is not None:
                entry["attachmentMatches"] = calendar_bytes == attached_bytes
                calendar = icalendar.Calendar.from_ical(calendar_bytes)
                entry["method"] = str(calendar.get("METHOD", ""))
                for event in calendar.walk("VEVENT"):
                    entry["uid"] = str(event.get("UID"))
                    entry["sequence"] = int(event.get("SEQUENCE"))
                    start = event.get("DTSTART")
                    entry["start"] = start.dt.isoformat()
                    entry["startZone"] = str(start.params.get("TZID", ""))
                    entry["status"] = str(event.get("STATUS", ""))
                    entry["organiser"] = str(event.get("ORGANIZER", ""))
                    entry["attendee"] = str(event.get("ATTENDEE", ""))
                    for alarm in event.walk("VALARM"):
                        entry["alarms"].append(str(alarm.get("ACTION")) + " " + str(alarm.get("TRIGGER").to_ical().decode()))
            result.append(entry)
        print(json.dumps(result))
        """#
}
