import Foundation
import Testing

@testable import RelaisCore

@Suite struct LocalDateWordingTests {
    let paris = LocalTime.paris
    var calendar: Calendar { paris.calendar }

    func at(_ text: String) -> Date { paris.parse(text)! }

    @Test(arguments: [
        ("2027-03-30T09:00", "mardi 30 mars à 9 h 00", "Tuesday 30 March at 9:00"),
        ("2027-11-01T14:30", "lundi 1er novembre à 14 h 30", "Monday 1 November at 14:30"),
        ("2026-08-15T00:05", "samedi 15 août à 0 h 05", "Saturday 15 August at 0:05"),
        ("2027-02-01T23:59", "lundi 1er février à 23 h 59", "Monday 1 February at 23:59"),
        ("2026-12-31T18:00", "jeudi 31 décembre à 18 h 00", "Thursday 31 December at 18:00"),
        ("2026-01-04T10:15", "dimanche 4 janvier à 10 h 15", "Sunday 4 January at 10:15"),
        ("2026-09-30T14:30", "mercredi 30 septembre à 14 h 30", "Wednesday 30 September at 14:30"),
    ])
    func datesAreWordedInBothLanguages(time: String, french: String, english: String) {
        #expect(LocalDateWording.dateAndTime(at(time), language: .french, calendar: calendar) == french)
        #expect(LocalDateWording.dateAndTime(at(time), language: .english, calendar: calendar) == english)
    }

    @Test func clockChangeDaysAreWordedInLocalTime() {
        // 28 March 2027: 00:30Z is 01:30 CET, 01:30Z is 03:30 CEST.
        #expect(
            LocalDateWording.dateAndTime(at("2027-03-28T00:30:00Z"), language: .french, calendar: calendar) == "dimanche 28 mars à 1 h 30")
        #expect(
            LocalDateWording.dateAndTime(at("2027-03-28T01:30:00Z"), language: .french, calendar: calendar) == "dimanche 28 mars à 3 h 30")
        // 31 October 2027: 00:30Z and 01:30Z are both 02:30 on the wall clock.
        #expect(LocalDateWording.time(at("2027-10-31T00:30:00Z"), language: .english, calendar: calendar) == "2:30")
        #expect(LocalDateWording.time(at("2027-10-31T01:30:00Z"), language: .english, calendar: calendar) == "2:30")
        // 22:30Z on 31 October 2027 is already Toussaint in Paris; 22:30Z on 28 March 2027 is 00:30 on the 29th.
        #expect(LocalDateWording.day(at("2027-10-31T23:30:00Z"), language: .french, calendar: calendar) == "lundi 1er novembre")
        #expect(LocalDateWording.day(at("2027-03-28T22:30:00Z"), language: .english, calendar: calendar) == "Monday 29 March")
    }

    @Test func dayAndTimeAlone() {
        let time = at("2027-03-30T09:05")
        #expect(LocalDateWording.day(time, language: .french, calendar: calendar) == "mardi 30 mars")
        #expect(LocalDateWording.day(time, language: .english, calendar: calendar) == "Tuesday 30 March")
        #expect(LocalDateWording.time(time, language: .french, calendar: calendar) == "9 h 05")
        #expect(LocalDateWording.time(time, language: .english, calendar: calendar) == "9:05")
    }

    @Test func frenchWordingStaysInTheGSMAlphabetExceptInAugust() {
        for month in 1...12 {
            let date = calendar.date(from: DateComponents(year: 2027, month: month, day: 1, hour: 9))!
            let text = LocalDateWording.dateAndTime(date, language: .french, calendar: calendar)
            #expect(SMSText.encoding(of: text) == (month == 8 ? .ucs2 : .gsm7), "\(text)")
        }
    }
}
