import Foundation
import Testing

@testable import RelaisCore

@Suite struct FrenchHolidaysTests {
    let paris = LocalTime.paris

    @Test(arguments: [
        (2008, 3, 23), (2011, 4, 24), (2019, 4, 21), (2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2027, 3, 28),
        (2028, 4, 16), (2038, 4, 25), (2285, 3, 22), (1818, 3, 22), (2000, 4, 23),
    ])
    func easterSundayFollowsTheGregorianComputus(year: Int, month: Int, day: Int) {
        #expect(FrenchHolidays.easterSunday(year: year) == DateComponents(year: year, month: month, day: day))
    }

    @Test func theElevenHolidaysOf2026() {
        let days = FrenchHolidays.holidays(year: 2026).map { "\($0.month)-\($0.day) \($0.name)" }
        #expect(
            days == [
                "1-1 Jour de l'an", "4-6 Lundi de Pâques", "5-1 Fête du Travail", "5-8 Victoire 1945", "5-14 Ascension",
                "5-25 Lundi de Pentecôte", "7-14 Fête nationale", "8-15 Assomption", "11-1 Toussaint", "11-11 Armistice 1918",
                "12-25 Noël",
            ])
    }

    @Test func in2027EasterMondayFollowsTheClockChange() {
        let days = FrenchHolidays.holidays(year: 2027).map { "\($0.month)-\($0.day)" }
        #expect(days == ["1-1", "3-29", "5-1", "5-6", "5-8", "5-17", "7-14", "8-15", "11-1", "11-11", "12-25"])
    }

    @Test func ascensionMayFallOnMayDay() {
        // Easter 2008 was 23 March: Ascension on 1 May, Whit Monday on 12 May.
        let days = FrenchHolidays.holidays(year: 2008)
        #expect(days.count == 11)
        #expect(days.filter { $0.month == 5 && $0.day == 1 }.map(\.name).sorted() == ["Ascension", "Fête du Travail"])
        #expect(FrenchHolidays.holidayName(year: 2008, month: 5, day: 12) == "Lundi de Pentecôte")
    }

    @Test func aHolidayIsTheWholeLocalDay() throws {
        // Easter Monday 2027 in Paris runs from 28 March 22:00Z to 29 March 22:00Z.
        let calendar = paris.calendar
        #expect(FrenchHolidays.isHoliday(try #require(paris.parse("2027-03-29T00:00")), calendar: calendar))
        #expect(FrenchHolidays.isHoliday(try #require(paris.parse("2027-03-29T23:59")), calendar: calendar))
        #expect(FrenchHolidays.isHoliday(try #require(paris.parse("2027-03-28T22:30:00Z")), calendar: calendar))
        #expect(!FrenchHolidays.isHoliday(try #require(paris.parse("2027-03-28T21:30:00Z")), calendar: calendar))
        #expect(!FrenchHolidays.isHoliday(try #require(paris.parse("2027-03-30T00:00")), calendar: calendar))
        // Toussaint 2027 is the Monday after the autumn change.
        #expect(FrenchHolidays.isHoliday(try #require(paris.parse("2027-11-01T09:00")), calendar: calendar))
        #expect(FrenchHolidays.isHoliday(try #require(paris.parse("2027-10-31T23:00:00Z")), calendar: calendar))
        #expect(!FrenchHolidays.isHoliday(try #require(paris.parse("2027-10-31T22:59:00Z")), calendar: calendar))
    }

    @Test func ordinaryDaysAreNotHolidays() {
        #expect(!FrenchHolidays.isHoliday(year: 2027, month: 3, day: 28))  // Easter Sunday is a Sunday, not a holiday
        #expect(!FrenchHolidays.isHoliday(year: 2026, month: 12, day: 26))  // only in Alsace-Moselle
        #expect(FrenchHolidays.isHoliday(year: 2027, month: 5, day: 17))
    }
}
