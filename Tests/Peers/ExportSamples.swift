// ExportSamples: calendars as planners' own applications export them, one per application, with
// each one's quirks, for the calendar tests (they read) and the CLI tests (`campaigns load` takes
// them with its options). None carries a Relais property: that is the point.
//
// The quirks, as the applications write them (Relais's March 2027 screening sessions, in Gex):
// - Google Calendar: `X-WR-CALNAME`, `X-WR-TIMEZONE`, `X-WR-CALDESC:` empty, empty `DESCRIPTION:` and
//   `LOCATION:` (the reported `plain-google.ics:57: libical: No value for DESCRIPTION property`),
//   ATTENDEE with `X-NUM-GUESTS`, `X-GOOGLE-CONFERENCE`, a floating DTSTART, an all-day event.
// - Outlook: `TZID:Romance Standard Time` defined by a 1601-based VTIMEZONE, quoted TZID parameters,
//   `SUMMARY;LANGUAGE=fr-FR`, `X-ALT-DESC;FMTTYPE=text/html`, the `X-MICROSOFT-CDO-*` and
//   `X-MS-OLK-*` properties, `DESCRIPTION:\n` (one newline), an empty `LOCATION:`.
// - Thunderbird: a `/mozilla.org/...`-less Europe/Paris VTIMEZONE with `X-LIC-LOCATION`,
//   `X-MOZ-GENERATION`, `X-MOZ-LASTACK`, `TRIGGER;VALUE=DURATION`, `CATEGORIES:Dépistage`.
// - Nextcloud: RFC 7986's `REFRESH-INTERVAL` and `COLOR`, `X-APPLE-CALENDAR-COLOR`, a fortnightly
//   RRULE without WKST with an EXDATE, a RECURRENCE-ID override moving one session.
// - Apple Calendar: `X-APPLE-STRUCTURED-LOCATION` with quoted parameters holding commas and colons,
//   `X-APPLE-TRAVEL-ADVISORY-BEHAVIOR`, `URL;VALUE=URI:` empty, a default alarm (`ACTION:NONE`,
//   `X-APPLE-DEFAULT-ALARM`), a LOCATION naming the commune on its second line.

/// One application's export.
public struct ExportSample: Sendable {
    /// The application, e.g. "Google Calendar".
    public let application: String
    /// A file name as the application would give it.
    public let fileName: String
    /// The events it holds (masters), by UID, in file order.
    public let uids: [String]
    /// The file, CRLF line ends.
    public let text: String
}

public enum ExportSamples {
    /// Every sample, one per application.
    public static let all: [ExportSample] = [google, outlook, thunderbird, nextcloud, apple]

    static func crlf(_ lines: [String]) -> String { lines.joined(separator: "\r\n") + "\r\n" }

    /// The Europe/Paris VTIMEZONE as Google, Thunderbird, Nextcloud and Apple write it.
    static let parisZone = [
        "BEGIN:VTIMEZONE", "TZID:Europe/Paris", "X-LIC-LOCATION:Europe/Paris", "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT", "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
        "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE",
    ]

    public static let google = ExportSample(
        application: "Google Calendar", fileName: "plain-google.ics",
        uids: ["5hv2c1q0m1u3b7kq2s0b8d1t3g@google.com", "1a2b3c4d5e6f7g8h9i0j@google.com", "0allday9x8w7v6u5t4s3@google.com"],
        text: crlf(
            [
                "BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0", "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH", "X-WR-CALNAME:Dépistages mars 2027", "X-WR-TIMEZONE:Europe/Paris", "X-WR-CALDESC:",
            ] + parisZone + [
                "BEGIN:VEVENT", "DTSTART;TZID=Europe/Paris:20270302T140000", "DTEND;TZID=Europe/Paris:20270302T170000",
                "RRULE:FREQ=WEEKLY;UNTIL=20270330T130000Z;BYDAY=TU", "DTSTAMP:20270201T101500Z",
                "UID:5hv2c1q0m1u3b7kq2s0b8d1t3g@google.com",
                "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=planning@paysdegex-agglo.fr;X-NUM-GU",
                " ESTS=0:mailto:planning@paysdegex-agglo.fr", "X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij",
                "CREATED:20270115T090000Z", "DESCRIPTION:", "LAST-MODIFIED:20270201T101500Z", "LOCATION:", "SEQUENCE:0",
                "STATUS:CONFIRMED", "SUMMARY:Dépistage du cancer colorectal", "TRANSP:OPAQUE", "BEGIN:VALARM",
                "ACTION:DISPLAY", "DESCRIPTION:This is an event reminder", "TRIGGER:-P0DT0H30M0S", "END:VALARM",
                "END:VEVENT",
                "BEGIN:VEVENT", "DTSTART:20270310T090000", "DTEND:20270310T120000", "DTSTAMP:20270201T101500Z",
                "UID:1a2b3c4d5e6f7g8h9i0j@google.com", "CREATED:20270115T090000Z", "DESCRIPTION:",
                "LAST-MODIFIED:20270201T101500Z", "LOCATION:Salle des fêtes\\, Gex", "SEQUENCE:1", "STATUS:CONFIRMED",
                "SUMMARY:Permanence dépistage", "TRANSP:OPAQUE", "END:VEVENT",
                "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270320", "DTEND;VALUE=DATE:20270321", "DTSTAMP:20270201T101500Z",
                "UID:0allday9x8w7v6u5t4s3@google.com", "CLASS:PUBLIC", "CREATED:20270115T090000Z", "DESCRIPTION:",
                "LAST-MODIFIED:20270201T101500Z", "LOCATION:", "SEQUENCE:0", "STATUS:CONFIRMED",
                "SUMMARY:Journée de sensibilisation", "TRANSP:TRANSPARENT", "END:VEVENT", "END:VCALENDAR",
            ]))

    public static let outlook = ExportSample(
        application: "Outlook", fileName: "Calendrier Outlook.ics",
        uids: ["040000008200E00074C5B7101A82E00800000000D0A1B2C3D4E5F601000000000000000010000000"],
        text: crlf([
            "BEGIN:VCALENDAR", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", "VERSION:2.0",
            "METHOD:PUBLISH", "X-CALSTART:20270304T080000Z", "X-WR-RELCALID:{0000002E-5E5B-0C7A-1B2A-6F1C2E3D4A5B}",
            "X-WR-CALNAME:Calendrier", "X-MS-OLK-FORCEINSPECTOROPEN:TRUE", "BEGIN:VTIMEZONE",
            "TZID:Romance Standard Time", "BEGIN:STANDARD", "DTSTART:16011028T030000",
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:16010325T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
            "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "END:DAYLIGHT", "END:VTIMEZONE",
            "BEGIN:VEVENT", "CLASS:PUBLIC", "CREATED:20270110T083000Z", "DESCRIPTION:\\n",
            "DTEND;TZID=\"Romance Standard Time\":20270304T120000", "DTSTAMP:20270110T083000Z",
            "DTSTART;TZID=\"Romance Standard Time\":20270304T090000", "LAST-MODIFIED:20270110T083000Z", "LOCATION:",
            "PRIORITY:5", "RRULE:FREQ=WEEKLY;COUNT=4;BYDAY=TH", "SEQUENCE:0",
            "SUMMARY;LANGUAGE=fr-FR:Vaccination grippe – centre social", "TRANSP:OPAQUE",
            "UID:040000008200E00074C5B7101A82E00800000000D0A1B2C3D4E5F601000000000000000010000000",
            "X-ALT-DESC;FMTTYPE=text/html:<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2//EN\">\\n<HTML><BODY><P>",
            " Séance</P></BODY></HTML>", "X-MICROSOFT-CDO-BUSYSTATUS:BUSY", "X-MICROSOFT-CDO-IMPORTANCE:1",
            "X-MICROSOFT-DISALLOW-COUNTER:FALSE", "X-MS-OLK-AUTOFILLLOCATION:FALSE", "X-MS-OLK-CONFTYPE:0",
            "BEGIN:VALARM", "TRIGGER:-PT15M", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "END:VALARM", "END:VEVENT",
            "END:VCALENDAR",
        ]))

    public static let thunderbird = ExportSample(
        application: "Thunderbird", fileName: "depistages.ics",
        uids: ["8f0c2b1e-6d3a-4c55-9a77-0e1d2c3b4a59"],
        text: crlf(
            ["BEGIN:VCALENDAR", "PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN", "VERSION:2.0"] + parisZone
                + [
                    "BEGIN:VEVENT", "CREATED:20270105T101010Z", "LAST-MODIFIED:20270106T111111Z",
                    "DTSTAMP:20270106T111111Z", "UID:8f0c2b1e-6d3a-4c55-9a77-0e1d2c3b4a59",
                    "SUMMARY:Mammobile – dépistage du cancer du sein", "STATUS:CONFIRMED", "CATEGORIES:Dépistage",
                    "DTSTART;TZID=Europe/Paris:20270325T093000", "DTEND;TZID=Europe/Paris:20270325T163000",
                    "X-MOZ-GENERATION:3", "X-MOZ-LASTACK:20270106T111111Z", "TRANSP:OPAQUE",
                    "LOCATION:Parking de la mairie, Divonne-les-Bains", "DESCRIPTION:", "BEGIN:VALARM",
                    "ACTION:DISPLAY", "TRIGGER;VALUE=DURATION:-P1D", "DESCRIPTION:Default Mozilla Description",
                    "END:VALARM", "END:VEVENT", "END:VCALENDAR",
                ]))

    public static let nextcloud = ExportSample(
        application: "Nextcloud", fileName: "prevention-personal-2027-03-01.ics",
        uids: ["2c3a1d7e-0b8f-4e6a-9c1d-5f4e3d2c1b0a"],
        text: crlf(
            [
                "BEGIN:VCALENDAR", "VERSION:2.0", "CALSCALE:GREGORIAN", "PRODID:-//SabreDAV//SabreDAV//EN",
                "X-WR-CALNAME:Prévention (Agglo)", "X-APPLE-CALENDAR-COLOR:#0082C9", "REFRESH-INTERVAL;VALUE=DURATION:PT4H",
                "X-PUBLISHED-TTL:PT4H", "COLOR:teal",
            ] + parisZone + [
                "BEGIN:VEVENT", "CREATED:20270103T100000Z", "DTSTAMP:20270103T100000Z", "LAST-MODIFIED:20270103T100000Z",
                "SEQUENCE:2", "UID:2c3a1d7e-0b8f-4e6a-9c1d-5f4e3d2c1b0a", "DTSTART;TZID=Europe/Paris:20270301T100000",
                "DTEND;TZID=Europe/Paris:20270301T120000", "STATUS:CONFIRMED", "SUMMARY:Atelier tabac",
                "CATEGORIES:Tabac", "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
                "EXDATE;TZID=Europe/Paris:20270329T100000", "LOCATION:Espace Perdtemps, Gex", "DESCRIPTION:",
                "END:VEVENT",
                "BEGIN:VEVENT", "CREATED:20270103T100000Z", "DTSTAMP:20270103T100000Z", "LAST-MODIFIED:20270110T100000Z",
                "SEQUENCE:3", "UID:2c3a1d7e-0b8f-4e6a-9c1d-5f4e3d2c1b0a", "DTSTART;TZID=Europe/Paris:20270316T140000",
                "DTEND;TZID=Europe/Paris:20270316T160000", "RECURRENCE-ID;TZID=Europe/Paris:20270315T100000",
                "STATUS:CONFIRMED", "SUMMARY:Atelier tabac", "LOCATION:Espace Perdtemps, Gex", "END:VEVENT",
                "END:VCALENDAR",
            ]))

    public static let apple = ExportSample(
        application: "Apple Calendar", fileName: "Santé.ics",
        uids: ["A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF"],
        text: crlf(
            [
                "BEGIN:VCALENDAR", "METHOD:PUBLISH", "VERSION:2.0", "X-WR-CALNAME:Santé", "PRODID:-//Apple Inc.//macOS 14.4//EN",
                "X-APPLE-CALENDAR-COLOR:#34AADC", "X-WR-TIMEZONE:Europe/Paris", "CALSCALE:GREGORIAN",
            ] + parisZone + [
                "BEGIN:VEVENT", "TRANSP:OPAQUE", "DTEND;TZID=Europe/Paris:20270318T170000",
                "UID:A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF", "DTSTAMP:20270201T080000Z",
                "LOCATION:Mairie\\n12 rue de Genève\\, 01210 Ferney-Voltaire\\, France", "URL;VALUE=URI:",
                "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC", "SEQUENCE:0", "X-APPLE-CREATOR-IDENTITY:com.apple.calendar",
                "SUMMARY:Vaccination HPV", "LAST-MODIFIED:20270201T080000Z", "CREATED:20270201T075900Z",
                "DTSTART;TZID=Europe/Paris:20270318T140000",
                "X-APPLE-STRUCTURED-LOCATION;VALUE=URI;X-ADDRESS=\"12 rue de Genève, 01210 Ferney-Voltaire, France\";X-APP",
                " LE-RADIUS=70.58;X-TITLE=\"Mairie: salle du conseil\":geo:46.255,6.108", "BEGIN:VALARM",
                "X-WR-ALARMUID:5D1E2F3A-4B5C-4D6E-8F70-8192A3B4C5D6", "UID:5D1E2F3A-4B5C-4D6E-8F70-8192A3B4C5D6",
                "TRIGGER;VALUE=DATE-TIME:19760401T005545Z", "ACTION:NONE", "X-APPLE-DEFAULT-ALARM:TRUE", "END:VALARM",
                "END:VEVENT", "END:VCALENDAR",
            ]))
}
