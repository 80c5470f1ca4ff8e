// FrenchHolidays: the eleven national public holidays (jours fériés) of metropolitan France.
//
// Reminders by SMS are not sent on public holidays, so the sending windows need to know them. The
// list is the Code du travail's (art. L3133-1): eight fixed days, and three that follow Easter
// (Easter Monday, Ascension Thursday 39 days after Easter, Whit Monday 50 days after). Easter
// Sunday is computed with the anonymous Gregorian algorithm (Meeus/Jones/Butcher). Alsace-Moselle's
// two extra days (Good Friday, 26 December) do not apply in the Ain and are left out here; the
// regions that add days (Alsace-Moselle, the overseas départements) are in ``HolidayRegion``.

import Foundation

/// The national public holidays of metropolitan France.
public enum FrenchHolidays {
    /// Easter Sunday of a Gregorian year, as year, month and day (e.g. 2027 → 28 March).
    public static func easterSunday(year: Int) -> DateComponents {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return DateComponents(year: year, month: month, day: day)
    }

    /// The eleven public holidays of `year`, in date order, with their French names.
    public static func holidays(year: Int) -> [(month: Int, day: Int, name: String)] {
        let easter = easterSunday(year: year)
        func afterEaster(_ days: Int, _ name: String) -> (month: Int, day: Int, name: String) {
            let (month, day) = shift(month: easter.month!, day: easter.day!, by: days, year: year)
            return (month, day, name)
        }
        let all: [(month: Int, day: Int, name: String)] = [
            (1, 1, "Jour de l'an"),
            afterEaster(1, "Lundi de Pâques"),
            (5, 1, "Fête du Travail"),
            (5, 8, "Victoire 1945"),
            afterEaster(39, "Ascension"),
            afterEaster(50, "Lundi de Pentecôte"),
            (7, 14, "Fête nationale"),
            (8, 15, "Assomption"),
            (11, 1, "Toussaint"),
            (11, 11, "Armistice 1918"),
            (12, 25, "Noël"),
        ]
        // Ascension can fall on 1 or 8 May (it did on 1 May 2008); the order is by date, both kept.
        return all.sorted { ($0.month, $0.day) < ($1.month, $1.day) }
    }

    /// The name of the public holiday on this calendar day, or nil on an ordinary day.
    public static func holidayName(year: Int, month: Int, day: Int) -> String? {
        holidays(year: year).first { $0.month == month && $0.day == day }?.name
    }

    /// Whether this calendar day is a public holiday.
    public static func isHoliday(year: Int, month: Int, day: Int) -> Bool {
        holidayName(year: year, month: month, day: day) != nil
    }

    /// Whether the local day of `date`, in `calendar`'s time zone, is a public holiday.
    public static func isHoliday(_ date: Date, calendar: Calendar) -> Bool {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return isHoliday(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// The calendar day `days` after a day of `year` (pure arithmetic, no time zone involved).
    private static func shift(month: Int, day: Int, by days: Int, year: Int) -> (month: Int, day: Int) {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var month = month
        var day = day + days
        while day > lengths[month - 1] {
            day -= lengths[month - 1]
            month += 1
        }
        return (month, day)
    }
}
