// ShuttleClock.text: wall-clock `HH:MM` of minutes after midnight, including times that fall on the
// day before (a depot departure before midnight for an early arrival) or the day after.

import Testing

@testable import RelaisCore

@Suite struct ShuttleClockTests {
    @Test func minutesOfTheDayAreWrittenAsTheyAre() {
        #expect(ShuttleClock.text(0) == "00:00")
        #expect(ShuttleClock.text(7 * 60 + 5) == "07:05")
        #expect(ShuttleClock.text(23 * 60 + 59) == "23:59")
    }

    @Test func minutesBeforeMidnightOrPastTheDayWrapToTheWallClock() {
        #expect(ShuttleClock.text(-15) == "23:45")
        #expect(ShuttleClock.text(-1440 - 60) == "23:00")
        #expect(ShuttleClock.text(1440) == "00:00")
        #expect(ShuttleClock.text(1440 + 10) == "00:10")
        #expect(ShuttleClock.text(3 * 1440 + 61) == "01:01")
    }

    @Test func everyWrittenTimeReadsBackAsTheSameMinuteOfTheDay() {
        for minutes in stride(from: -3000, through: 3000, by: 7) {
            #expect(ShuttleClock.minutes(ShuttleClock.text(minutes)) == (minutes % 1440 + 1440) % 1440, "\(minutes)")
        }
    }
}
