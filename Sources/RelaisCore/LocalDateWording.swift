// LocalDateWording: dates and times as a message says them to a resident, in French or English.
//
// "mardi 30 mars à 9 h 00", "lundi 1er novembre à 14 h 30"; "Tuesday 30 March at 9:00". The
// 24-hour clock is used in both languages, as in Europe; day and month names are written here
// rather than taken from ICU locale data, which a minimal server may not have installed. The
// French forms follow the Imprimerie nationale's usage (lower-case day and month, "1er") with
// ordinary spaces: the no-break space that typography asks for is not in the GSM alphabet and
// would turn an SMS into UCS-2. No year: messages are about the days to come.

import Foundation

/// Wording of local dates and times for messages.
public enum LocalDateWording {
    /// Day and time: "mardi 30 mars à 9 h 00", "Tuesday 30 March at 9:00".
    public static func dateAndTime(_ date: Date, language: Language, calendar: Calendar) -> String {
        switch language {
        case .french: return "\(day(date, language: language, calendar: calendar)) à \(time(date, language: language, calendar: calendar))"
        case .english:
            return "\(day(date, language: language, calendar: calendar)) at \(time(date, language: language, calendar: calendar))"
        }
    }

    /// The local day: "mardi 30 mars", "lundi 1er novembre", "Tuesday 30 March".
    public static func day(_ date: Date, language: Language, calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.weekday, .day, .month], from: date)
        let weekday = parts.weekday! - 1  // Gregorian weekday 1 is Sunday
        let month = parts.month! - 1
        switch language {
        case .french:
            let day = parts.day! == 1 ? "1er" : String(parts.day!)
            return "\(frenchWeekdays[weekday]) \(day) \(frenchMonths[month])"
        case .english:
            return "\(englishWeekdays[weekday]) \(parts.day!) \(englishMonths[month])"
        }
    }

    /// The local time on the 24-hour clock: "9 h 00", "14 h 30"; "9:00", "14:30".
    public static func time(_ date: Date, language: Language, calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let minutes = parts.minute! < 10 ? "0\(parts.minute!)" : String(parts.minute!)
        switch language {
        case .french: return "\(parts.hour!) h \(minutes)"
        case .english: return "\(parts.hour!):\(minutes)"
        }
    }

    private static let frenchWeekdays = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]
    /// The months in French, lower case, January first.
    static let frenchMonths = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ]
    private static let englishWeekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    private static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
}
