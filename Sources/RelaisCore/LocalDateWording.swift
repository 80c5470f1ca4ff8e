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
        words(date, language: language, calendar: calendar).dateAndTime
    }

    /// The local day: "mardi 30 mars", "lundi 1er novembre", "Tuesday 30 March".
    public static func day(_ date: Date, language: Language, calendar: Calendar) -> String {
        words(date, language: language, calendar: calendar).day
    }

    /// The local time on the 24-hour clock: "9 h 00", "14 h 30"; "9:00", "14:30".
    public static func time(_ date: Date, language: Language, calendar: Calendar) -> String {
        words(date, language: language, calendar: calendar).time
    }

    /// The day, the time and both together, from one reading of the calendar (a message says all
    /// three: issue 16).
    public static func words(_ date: Date, language: Language, calendar: Calendar) -> (dateAndTime: String, day: String, time: String) {
        let parts = calendar.dateComponents([.weekday, .day, .month, .hour, .minute], from: date)
        let weekday = parts.weekday! - 1  // Gregorian weekday 1 is Sunday
        let month = parts.month! - 1
        let minutes = parts.minute! < 10 ? "0\(parts.minute!)" : String(parts.minute!)
        switch language {
        case .french:
            let day = "\(frenchWeekdays[weekday]) \(parts.day! == 1 ? "1er" : String(parts.day!)) \(frenchMonths[month])"
            let time = "\(parts.hour!) h \(minutes)"
            return ("\(day) à \(time)", day, time)
        case .english:
            let day = "\(englishWeekdays[weekday]) \(parts.day!) \(englishMonths[month])"
            let time = "\(parts.hour!):\(minutes)"
            return ("\(day) at \(time)", day, time)
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
