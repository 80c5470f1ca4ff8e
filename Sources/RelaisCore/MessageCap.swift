// MessageCap: how many messages one resident may receive per day and per week, all campaigns together.
//
// A resident registered to Mars bleu, the flu vaccination and an EPS shuttle must not receive five
// SMS in a week: past a few messages people stop reading them, or answer STOP and lose the useful
// ones. The cap counts every message already planned or sent to the person on the channel being
// capped, whatever the campaign, on the candidate's local day and in its ISO week (Monday to Sunday,
// local time, week 1 being the one with at least four days of the new year).

import Foundation

/// The most messages one person receives per local day and per ISO week.
public struct MessageCap: Sendable, Equatable {
    /// At most this many messages on one local day.
    public var perDay: Int
    /// At most this many messages in one ISO week (Monday to Sunday, local time).
    public var perWeek: Int

    public init(perDay: Int = 1, perWeek: Int = 3) {
        self.perDay = perDay
        self.perWeek = perWeek
    }

    /// Whether one more message at `candidate` keeps the person within the cap. `alreadyPlanned`
    /// holds the person's other messages (planned or sent, every campaign), not the candidate itself.
    public func allows(_ candidate: Date, alreadyPlanned: [Date], calendar: Calendar) -> Bool {
        let iso = Self.isoWeekCalendar(calendar)
        let day = iso.dateComponents([.year, .month, .day], from: candidate)
        let week = iso.dateComponents([.yearForWeekOfYear, .weekOfYear], from: candidate)
        var sameDay = 0
        var sameWeek = 0
        for other in alreadyPlanned {
            if iso.dateComponents([.yearForWeekOfYear, .weekOfYear], from: other) == week {
                sameWeek += 1
                if iso.dateComponents([.year, .month, .day], from: other) == day { sameDay += 1 }
            }
        }
        return sameDay < perDay && sameWeek < perWeek
    }

    /// `calendar` (its zone) with ISO 8601 weeks: Monday first, four days make week 1.
    static func isoWeekCalendar(_ calendar: Calendar) -> Calendar {
        var iso = calendar
        iso.firstWeekday = 2
        iso.minimumDaysInFirstWeek = 4
        return iso
    }
}
