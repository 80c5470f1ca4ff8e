// LocalTime writes its times by counting (issue 16: the calendar's own computation took a lock on
// every field); this checks the count against what it wrote before, the calendar's fields through
// String(format:), for instants spread over 1900-2199 (leap years, the epoch, clock changes) in
// zones with whole, half and three-quarter hour offsets, behind and ahead of UTC.

import Foundation
import Testing

@testable import RelaisCore

@Suite struct LocalTimeWallClockTests {
    /// What iso8601, short and day wrote when they asked the calendar for each field.
    func expected(_ local: LocalTime, _ date: Date) -> (iso: String, short: String, day: String) {
        let parts = local.calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = local.timeZone.secondsFromGMT(for: date)
        let day = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        let short = day + String(format: " %02d:%02d", parts.hour!, parts.minute!)
        let iso =
            day
            + String(
                format: "T%02d:%02d:%02d%@%02d:%02d", parts.hour!, parts.minute!, parts.second!, offset < 0 ? "-" : "+", abs(offset) / 3600,
                abs(offset) % 3600 / 60)
        return (iso, short, day)
    }

    @Test(arguments: ["Europe/Paris", "UTC", "America/St_Johns", "Asia/Kathmandu", "Pacific/Kiritimati", "America/Los_Angeles"])
    func countedFieldsAreTheCalendarsOwn(zone: String) throws {
        let local = try #require(LocalTime(identifier: zone))
        var generator = SystemRandomNumberGenerator()
        var instants: [Date] = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
            Date(timeIntervalSince1970: 4_107_542_399), Date(timeIntervalSince1970: -2_208_988_799),  // 2099-12-31 23:59:59, 1900
        ]
        // Every quarter hour within two hours of the clock changes of 2027 (01:00 UTC), and random instants.
        for base in [1_806_195_600, 1_824_944_400] {
            instants += stride(from: -7200, through: 7200, by: 900).map { Date(timeIntervalSince1970: TimeInterval(base + $0)) }
        }
        instants += (0..<2_000).map { _ in
            Date(timeIntervalSince1970: TimeInterval(Int.random(in: -2_208_988_000...7_258_000_000, using: &generator)))
        }
        for date in instants {
            let wanted = expected(local, date)
            #expect(local.iso8601(date) == wanted.iso, "\(date.timeIntervalSince1970)")
            #expect(local.short(date) == wanted.short, "\(date.timeIntervalSince1970)")
            #expect(local.day(date) == wanted.day, "\(date.timeIntervalSince1970)")
        }
    }

    /// The e-mail `Date` header's text, counted, against the DateFormatter that wrote it before.
    @Test(arguments: ["Europe/Paris", "UTC", "America/St_Johns", "Asia/Kathmandu", "Indian/Reunion", "America/Los_Angeles"])
    func countedRFC5322DatesAreTheFormattersOwn(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        var generator = SystemRandomNumberGenerator()
        var instants = [0, -1, 951_782_400, 1_806_195_600, 1_824_944_400, -2_208_988_799].map { Date(timeIntervalSince1970: $0) }
        instants += (0..<2_000).map { _ in
            Date(timeIntervalSince1970: TimeInterval(Int.random(in: -2_208_988_000...7_258_000_000, using: &generator)))
        }
        for date in instants {
            #expect(LocalTime.rfc5322(date, timeZone: timeZone) == formatter.string(from: date), "\(date.timeIntervalSince1970)")
        }
    }
}
