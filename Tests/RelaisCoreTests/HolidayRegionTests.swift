import Foundation
import Testing

@testable import RelaisCore

/// The expected days are literal dates taken from an independent computation (python-dateutil's
/// `easter`, plus 1, 39 and 50 days, minus 2 for Good Friday) and the decree's fixed days, not from
/// the code under test.
@Suite struct HolidayRegionTests {
    /// The eleven national days of each year, as "month-day".
    static let national: [Int: Set<String>] = [
        2026: ["1-1", "4-6", "5-1", "5-8", "5-14", "5-25", "7-14", "8-15", "11-1", "11-11", "12-25"],
        2027: ["1-1", "3-29", "5-1", "5-6", "5-8", "5-17", "7-14", "8-15", "11-1", "11-11", "12-25"],
        2028: ["1-1", "4-17", "5-1", "5-8", "5-25", "6-5", "7-14", "8-15", "11-1", "11-11", "12-25"],
        2029: ["1-1", "4-2", "5-1", "5-8", "5-10", "5-21", "7-14", "8-15", "11-1", "11-11", "12-25"],
        2030: ["1-1", "4-22", "5-1", "5-8", "5-30", "6-10", "7-14", "8-15", "11-1", "11-11", "12-25"],
    ]

    /// Good Friday of each year (Easter Sunday minus two days).
    static let goodFriday: [Int: String] = [2026: "4-3", 2027: "3-26", 2028: "4-14", 2029: "3-30", 2030: "4-19"]

    /// The days each region adds to the national ones, whatever the year (Good Friday aside).
    static let extras: [HolidayRegion: Set<String>] = [
        .metropole: [], .alsaceMoselle: ["12-26"], .guadeloupe: ["5-27"], .martinique: ["5-22"], .guyane: ["6-10"],
        .reunion: ["12-20"], .mayotte: ["4-27"],
    ]

    @Test(arguments: HolidayRegion.allCases, 2026...2030)
    func eachRegionHasTheNationalDaysAndItsOwn(region: HolidayRegion, year: Int) throws {
        var expected = try #require(Self.national[year]).union(try #require(Self.extras[region]))
        if region == .alsaceMoselle { expected.insert(try #require(Self.goodFriday[year])) }
        let days = region.holidays(year: year).map { "\($0.month)-\($0.day)" }
        #expect(Set(days) == expected)
        for day in expected {
            let parts = day.split(separator: "-").compactMap { Int($0) }
            #expect(region.isHoliday(year: year, month: parts[0], day: parts[1]), "\(region) \(year)-\(day)")
        }
    }

    @Test func alsaceMosellesThirteenDaysOf2027InOrderWithTheirNames() {
        let days = HolidayRegion.alsaceMoselle.holidays(year: 2027).map(\.description)
        #expect(
            days == [
                "1-1 Jour de l'an", "3-26 Vendredi saint", "3-29 Lundi de Pâques", "5-1 Fête du Travail",
                "5-6 Ascension", "5-8 Victoire 1945", "5-17 Lundi de Pentecôte", "7-14 Fête nationale",
                "8-15 Assomption", "11-1 Toussaint", "11-11 Armistice 1918", "12-25 Noël", "12-26 Saint-Étienne",
            ])
    }

    @Test func goodFridayAndSaintStephenAreHolidaysOnlyInAlsaceMoselle() {
        #expect(HolidayRegion.alsaceMoselle.holidayName(year: 2027, month: 3, day: 26) == "Vendredi saint")
        #expect(HolidayRegion.alsaceMoselle.holidayName(year: 2029, month: 3, day: 30) == "Vendredi saint")
        #expect(HolidayRegion.alsaceMoselle.isHoliday(year: 2026, month: 12, day: 26))
        for region in HolidayRegion.allCases where region != .alsaceMoselle {
            #expect(!region.isHoliday(year: 2027, month: 3, day: 26), "\(region)")
            #expect(!region.isHoliday(year: 2026, month: 12, day: 26), "\(region)")
        }
    }

    @Test func eachOverseasDepartementHasOnlyItsOwnAbolitionDay() {
        let days: [(HolidayRegion, Int, Int)] = [
            (.guadeloupe, 5, 27), (.martinique, 5, 22), (.guyane, 6, 10), (.reunion, 12, 20), (.mayotte, 4, 27),
        ]
        for (region, month, day) in days {
            #expect(region.holidayName(year: 2027, month: month, day: day) == "Abolition de l'esclavage")
            for other in HolidayRegion.allCases where other != region {
                #expect(!other.isHoliday(year: 2027, month: month, day: day), "\(other) \(month)-\(day)")
            }
        }
    }

    @Test func whitMonday2030AndGuyanesAbolitionDayShareTenJune() {
        let tenJune = HolidayRegion.guyane.holidays(year: 2030).filter { $0.month == 6 && $0.day == 10 }
        #expect(tenJune.map(\.name) == ["Lundi de Pentecôte", "Abolition de l'esclavage"])
        #expect(HolidayRegion.guyane.holidays(year: 2030).count == 12)
    }

    @Test func metropolitanFranceMatchesFrenchHolidays() {
        for year in 2026...2030 {
            let old = FrenchHolidays.holidays(year: year).map { "\($0.month)-\($0.day) \($0.name)" }
            #expect(HolidayRegion.metropole.holidays(year: year).map(\.description) == old)
        }
    }

    @Test func aDayIsAHolidayInTheRegionsOwnTimeZone() throws {
        let utc = try #require(LocalTime(identifier: "UTC"))
        // 20 December 2027 in Indian/Reunion (UTC+4) runs from 19 December 20:00 to 20 December 20:00 UTC.
        #expect(HolidayRegion.reunion.isHoliday(try #require(utc.parse("2027-12-19T20:00:00Z"))))
        #expect(HolidayRegion.reunion.isHoliday(try #require(utc.parse("2027-12-20T19:59:00Z"))))
        #expect(!HolidayRegion.reunion.isHoliday(try #require(utc.parse("2027-12-19T19:59:00Z"))))
        #expect(!HolidayRegion.reunion.isHoliday(try #require(utc.parse("2027-12-20T20:00:00Z"))))
        // 22 May 2027 in America/Martinique (UTC-4) runs from 04:00 UTC that day to 04:00 UTC the next.
        #expect(!HolidayRegion.martinique.isHoliday(try #require(utc.parse("2027-05-22T03:59:00Z"))))
        #expect(HolidayRegion.martinique.isHoliday(try #require(utc.parse("2027-05-23T03:59:00Z"))))
    }

    @Test func eachRegionHasItsTimeZone() {
        let zones: [HolidayRegion: String] = [
            .metropole: "Europe/Paris", .alsaceMoselle: "Europe/Paris", .guadeloupe: "America/Guadeloupe",
            .martinique: "America/Martinique", .guyane: "America/Cayenne", .reunion: "Indian/Reunion",
            .mayotte: "Indian/Mayotte",
        ]
        for region in HolidayRegion.allCases {
            #expect(region.timeZoneIdentifier == zones[region])
            #expect(region.localTime.timeZone.identifier == zones[region])
        }
        #expect(HolidayRegion.reunion.localTime.timeZone.secondsFromGMT() == 4 * 3600)
        #expect(HolidayRegion.guyane.localTime.timeZone.secondsFromGMT() == -3 * 3600)
    }

    @Test func configurationWordsAreStable() {
        let words = HolidayRegion.allCases.map(\.configurationWord)
        #expect(words == ["metropole", "alsace-moselle", "guadeloupe", "martinique", "guyane", "reunion", "mayotte"])
        for region in HolidayRegion.allCases {
            #expect(HolidayRegion(configurationWord: region.configurationWord) == region)
        }
        #expect(HolidayRegion(configurationWord: " Alsace-Moselle ") == .alsaceMoselle)
        #expect(HolidayRegion(configurationWord: "la-reunion") == nil)
        #expect(HolidayRegion(configurationWord: "") == nil)
    }

    @Test(arguments: [
        ("01", HolidayRegion.metropole), ("74", .metropole), ("95", .metropole), ("2A", .metropole), ("2b", .metropole),
        ("57", .alsaceMoselle), ("67", .alsaceMoselle), ("68", .alsaceMoselle), ("971", .guadeloupe),
        ("972", .martinique), ("973", .guyane), ("974", .reunion), ("976", .mayotte),
    ])
    func aDepartementGivesItsRegion(code: String, region: HolidayRegion) {
        #expect(HolidayRegion(departement: code) == region)
    }

    @Test(arguments: ["", "0", "1", "00", "20", "96", "99", "975", "977", "978", "2C", "+1", "１２", "Ain", "0１"])
    func aCodeThatIsNoDepartementHasNoRegion(code: String) {
        #expect(HolidayRegion(departement: code) == nil)
    }
}
