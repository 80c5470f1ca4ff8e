// WeeklyRule: a fortnightly (or rarer) weekly rule with BYDAY, split into one rule per weekday so
// that libical 3.0 expands it as RFC 5545 says.
//
// RFC 5545 §3.3.10: with FREQ=WEEKLY, INTERVAL counts weeks that start on WKST, and WKST is Monday
// when the rule does not say; the first week is the one holding DTSTART. libical 3.0.16's weekly
// iterator does not honour that when INTERVAL > 1 and DTSTART is not the first BYDAY day of its
// week: `RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=SU` from Monday 1 March 2027 gives 21 March, 11 April...
// where RFC 5545 (and python-dateutil, Google, Outlook) give 7 March, 28 March... and with WKST=SA,
// TH or FR it is wrong even when DTSTART matches. With one weekday and a DTSTART on that weekday,
// libical only adds INTERVAL weeks, which it does right. So each BYDAY weekday becomes its own rule
// `FREQ=WEEKLY;INTERVAL=n` (no BYDAY, no COUNT), starting on that weekday in the first period week
// (the WKST week holding DTSTART) at DTSTART's wall-clock time, or INTERVAL weeks later when that day
// is before DTSTART; RecurrenceExpander merges what libical generates for each and applies COUNT to
// the merged set. libical still generates every instance: this file only chooses where each starts.
//
// Only rules whose single BY part is a list of plain weekdays are split (the form every calendar
// application writes); with BYSETPOS, BYHOUR, BYMONTH... the rule goes to libical as it is.

import CICal

/// One weekday's rule and the local time of its first instance.
struct WeeklyRulePiece {
    var rule: icalrecurrencetype
    var start: icaltimetype
}

enum WeeklyRule {
    /// The pieces of `rule` from `start` (DTSTART's local time), or nil when libical expands it
    /// right as it is.
    static func pieces(of rule: icalrecurrencetype, from start: icaltimetype) -> [WeeklyRulePiece]? {
        guard rule.freq == ICAL_WEEKLY_RECURRENCE, rule.interval > 1, rule.rscale == nil else { return nil }
        var copy = rule
        let days = values(&copy.by_day)
        guard !days.isEmpty, days.allSatisfy({ icalrecurrencetype_day_position($0) == 0 }) else { return nil }
        for other in [
            values(&copy.by_second), values(&copy.by_minute), values(&copy.by_hour), values(&copy.by_month_day),
            values(&copy.by_year_day), values(&copy.by_week_no), values(&copy.by_month), values(&copy.by_set_pos),
        ] where !other.isEmpty {
            return nil
        }
        // Weekdays as libical numbers them: Sunday 1 ... Saturday 7; no WKST means Monday.
        let weekStart = rule.week_start == ICAL_NO_WEEKDAY ? Int(ICAL_MONDAY_WEEKDAY.rawValue) : Int(rule.week_start.rawValue)
        let startInWeek = (Int(icaltime_day_of_week(start)) - weekStart + 7) % 7
        var pieces: [WeeklyRulePiece] = []
        for day in Set(days.map { Int(icalrecurrencetype_day_day_of_week($0).rawValue) }).sorted() {
            var offset = (day - weekStart + 7) % 7 - startInWeek
            if offset < 0 { offset += 7 * Int(rule.interval) }
            var first = start
            icaltime_adjust(&first, Int32(offset), 0, 0, 0)
            var piece = rule
            piece.count = 0
            withUnsafeMutableBytes(of: &piece.by_day) { bytes in
                bytes.bindMemory(to: Int16.self)[0] = Int16(ICAL_RECURRENCE_ARRAY_MAX.rawValue)
            }
            pieces.append(WeeklyRulePiece(rule: piece, start: first))
        }
        return pieces
    }

    /// The values of one of libical's BY arrays (a C array imported as a tuple of `Int16`), up to
    /// its ICAL_RECURRENCE_ARRAY_MAX end mark.
    static func values<Tuple>(_ array: inout Tuple) -> [Int16] {
        withUnsafeBytes(of: &array) { bytes in
            Array(bytes.bindMemory(to: Int16.self).prefix { $0 != Int16(ICAL_RECURRENCE_ARRAY_MAX.rawValue) })
        }
    }
}
