// WindowsZones: the Olson zone a Windows time-zone name stands for, so that Outlook's exports load.
//
// Outlook and Exchange name zones the Windows way (`TZID:Romance Standard Time`), and some exports
// (Outlook.com, Exchange calendars published as ICS, Teams) write that TZID without the VTIMEZONE
// that RFC 5545 §3.2.19 expects to define it, or put it in `X-WR-TIMEZONE`. libical knows only Olson
// names. This table is CLDR's windowsZones mapping (common/supplemental/windowsZones.xml, the
// "001" territory: the zone each Windows name means by default) for the zones that matter here:
// every zone of Europe and of the French overseas territories, and the main ones elsewhere, where
// partners and visiting professionals may keep their calendars. A Windows name missing from it is
// refused as an unknown zone, naming the TZID, as before: never guessed.

enum WindowsZones {
    /// The Olson zone of a Windows zone name (compared without regard to case), or nil.
    static func olson(_ windowsName: String) -> String? {
        table[windowsName.trimmingSpaces().lowercased()]
    }

    private static let table: [String: String] = Dictionary(
        uniqueKeysWithValues: pairs.map { ($0.0.lowercased(), $0.1) })

    private static let pairs: [(String, String)] = [
        // Europe
        ("Romance Standard Time", "Europe/Paris"),
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("Central Europe Standard Time", "Europe/Budapest"),
        ("Central European Standard Time", "Europe/Warsaw"),
        ("GMT Standard Time", "Europe/London"),
        ("Greenwich Standard Time", "Atlantic/Reykjavik"),
        ("E. Europe Standard Time", "Europe/Chisinau"),
        ("FLE Standard Time", "Europe/Kiev"),
        ("GTB Standard Time", "Europe/Bucharest"),
        ("Kaliningrad Standard Time", "Europe/Kaliningrad"),
        ("Russian Standard Time", "Europe/Moscow"),
        ("Belarus Standard Time", "Europe/Minsk"),
        ("Turkey Standard Time", "Europe/Istanbul"),
        ("Azores Standard Time", "Atlantic/Azores"),
        ("Cape Verde Standard Time", "Atlantic/Cape_Verde"),
        ("UTC", "UTC"),
        ("Coordinated Universal Time", "UTC"),
        // France overseas
        ("SA Western Standard Time", "America/La_Paz"),
        ("SA Eastern Standard Time", "America/Cayenne"),
        ("Mauritius Standard Time", "Indian/Mauritius"),
        ("E. Africa Standard Time", "Africa/Nairobi"),
        ("New Caledonia Standard Time", "Pacific/Noumea"),
        ("Hawaiian Standard Time", "Pacific/Honolulu"),
        ("Saint Pierre Standard Time", "America/Miquelon"),
        // Africa and the Middle East
        ("Morocco Standard Time", "Africa/Casablanca"),
        ("W. Central Africa Standard Time", "Africa/Lagos"),
        ("South Africa Standard Time", "Africa/Johannesburg"),
        ("Egypt Standard Time", "Africa/Cairo"),
        ("Israel Standard Time", "Asia/Jerusalem"),
        ("Arabian Standard Time", "Asia/Dubai"),
        ("Arab Standard Time", "Asia/Riyadh"),
        // The Americas
        ("Eastern Standard Time", "America/New_York"),
        ("Central Standard Time", "America/Chicago"),
        ("Mountain Standard Time", "America/Denver"),
        ("Pacific Standard Time", "America/Los_Angeles"),
        ("Atlantic Standard Time", "America/Halifax"),
        ("Canada Central Standard Time", "America/Regina"),
        ("SA Pacific Standard Time", "America/Bogota"),
        ("E. South America Standard Time", "America/Sao_Paulo"),
        ("Argentina Standard Time", "America/Buenos_Aires"),
        // Asia and Oceania
        ("India Standard Time", "Asia/Kolkata"),
        ("China Standard Time", "Asia/Shanghai"),
        ("Singapore Standard Time", "Asia/Singapore"),
        ("Tokyo Standard Time", "Asia/Tokyo"),
        ("Korea Standard Time", "Asia/Seoul"),
        ("AUS Eastern Standard Time", "Australia/Sydney"),
        ("New Zealand Standard Time", "Pacific/Auckland"),
    ]
}
