// GTFSFlexWriter: a FlexFeed as the files of a GTFS feed with its GTFS-Flex parts: agency.txt,
// feed_info.txt, routes.txt, stops.txt, locations.geojson, booking_rules.txt, trips.txt,
// stop_times.txt and calendar_dates.txt (https://gtfs.org/schedule/reference/).
//
// Choices the reference leaves open, made here once:
// - One service per run day (`day-20270330` in calendar_dates.txt, exception_type 1); no calendar.txt.
// - Booking rules are exact per day: the `[transport]` rule "by 17:00 on the previous working day"
//   counts working days, and GTFS would count every day of a prior_notice_service_id in
//   prior_notice_start_day too (Relais counts calendar days there). So each distinct distance from
//   a run day back to its deadline day, in calendar days (1 for a Tuesday, 3 for a Monday, 4 for the
//   Tuesday after Easter Monday), is its own rule `prior-1d`, `prior-3d`... with no service id.
// - Door-to-door pickups are the zone's call with a window and pickup_type 2 (book with the agency);
//   the destination is a stop with its arrival (outbound) or departure (return) time. A fixed-stop
//   return's drop-off times mirror the outbound's and are written as estimates (timepoint 0).
// Fields are RFC 4180 (quoted only when needed); the files are UTF-8 with LF line ends.

import Foundation

/// Writes a FlexFeed as GTFS files.
public enum GTFSFlexWriter {
    /// The files by name, in the order the reference lists them.
    public static func files(_ feed: FlexFeed) -> [(name: String, text: String)] {
        let rules = bookingRules(feed)
        return [
            ("agency.txt", agency(feed)), ("stops.txt", stops(feed)), ("routes.txt", routes(feed)), ("trips.txt", trips(feed)),
            ("stop_times.txt", stopTimes(feed, rules: rules)), ("calendar_dates.txt", calendarDates(feed)),
            ("feed_info.txt", feedInfo(feed)), ("booking_rules.txt", bookingRulesText(feed, rules: rules)),
            ("locations.geojson", GTFSFlexZones.geoJSON(feed.zones)),
        ]
    }

    /// The route every trip belongs to.
    static let routeID = "shuttle"

    private static func agency(_ feed: FlexFeed) -> String {
        table(
            ["agency_id", "agency_name", "agency_url", "agency_timezone", "agency_lang"],
            [[feed.agency.id, feed.agency.name, feed.agency.url, feed.agency.timeZone, feed.agency.language]])
    }

    private static func feedInfo(_ feed: FlexFeed) -> String {
        let dates = feed.trips.map(\.date).sorted()
        return table(
            ["feed_publisher_name", "feed_publisher_url", "feed_lang", "feed_start_date", "feed_end_date", "feed_version"],
            [[feed.agency.name, feed.agency.url, feed.agency.language, dates.first ?? "", dates.last ?? "", feed.version]])
    }

    private static func routes(_ feed: FlexFeed) -> String {
        let destination = feed.stops.first?.name ?? ""
        return table(
            ["route_id", "agency_id", "route_short_name", "route_long_name", "route_type"],
            [[routeID, feed.agency.id, "", "Navette : \(destination)", "3"]])
    }

    private static func stops(_ feed: FlexFeed) -> String {
        table(
            ["stop_id", "stop_name", "stop_lat", "stop_lon", "location_type"],
            feed.stops.map { [$0.id, $0.name, degrees($0.latitude), degrees($0.longitude), "0"] })
    }

    private static func trips(_ feed: FlexFeed) -> String {
        table(
            ["route_id", "service_id", "trip_id", "trip_headsign", "direction_id"],
            feed.trips.map { [routeID, serviceID($0.date), $0.id, $0.headsign, String($0.direction.rawValue)] })
    }

    private static func calendarDates(_ feed: FlexFeed) -> String {
        table(["service_id", "date", "exception_type"], Set(feed.trips.map(\.date)).sorted().map { [serviceID($0), $0, "1"] })
    }

    /// `day-20270330`.
    static func serviceID(_ date: String) -> String { "day-\(date)" }

    // MARK: - Stop times

    private static func stopTimes(_ feed: FlexFeed, rules: [String: String]) -> String {
        var rows: [[String]] = []
        for trip in feed.trips {
            let rule = rules[trip.date] ?? ""
            for (index, call) in trip.calls.enumerated() {
                rows.append([trip.id] + fields(call, rule: rule, sequence: index + 1))
            }
        }
        return table(
            [
                "trip_id", "arrival_time", "departure_time", "stop_id", "location_id", "stop_sequence", "timepoint",
                "start_pickup_drop_off_window", "end_pickup_drop_off_window", "pickup_type", "drop_off_type",
                "pickup_booking_rule_id", "drop_off_booking_rule_id",
            ], rows)
    }

    /// A call's fields after trip_id. A booked pickup or drop-off is type 2 (arranged with the
    /// agency) with the day's booking rule; the other side of the call is type 1 (none).
    private static func fields(_ call: FlexCall, rule: String, sequence: Int) -> [String] {
        switch call {
        case .stop(let id, let minute, let pickup, let dropOff, let exact):
            let time = clock(minute)
            return [
                time, time, id, "", String(sequence), exact ? "1" : "0", "", "", pickup ? "2" : "1", dropOff ? "0" : "1",
                pickup ? rule : "", "",
            ]
        case .zone(let id, let from, let to, let pickup):
            return [
                "", "", "", id, String(sequence), "", clock(from), clock(to), pickup ? "2" : "1", pickup ? "1" : "2",
                pickup ? rule : "", pickup ? "" : rule,
            ]
        }
    }

    /// `07:45:00`; hours go past 24 for times after midnight of the service day.
    static func clock(_ minute: Int) -> String { String(format: "%02d:%02d:00", minute / 60, minute % 60) }

    // MARK: - Booking rules

    /// The booking rule of each run day: `booking` for real-time and same-day booking, `prior-Nd`
    /// for prior-day booking whose deadline falls N calendar days before.
    static func bookingRules(_ feed: FlexFeed) -> [String: String] {
        var rules: [String: String] = [:]
        for date in Set(feed.trips.map(\.date)) {
            guard feed.booking.bookingType == .priorDays, let days = deadlineDays(date, rules: feed.booking) else {
                rules[date] = "booking"
                continue
            }
            rules[date] = "prior-\(days)d"
        }
        return rules
    }

    /// Calendar days from the run day `20270330` back to the day booking closes.
    static func deadlineDays(_ date: String, rules: ShuttleBookingRules) -> Int? {
        guard date.count == 8, let year = Int(date.prefix(4)), let month = Int(date.dropFirst(4).prefix(2)),
            let day = Int(date.suffix(2))
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let noon = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12)) else { return nil }
        let deadline = rules.bookingDeadline(pickup: noon, calendar: calendar)
        let start = calendar.startOfDay(for: deadline)
        return calendar.dateComponents([.day], from: start, to: calendar.startOfDay(for: noon)).day
    }

    private static func bookingRulesText(_ feed: FlexFeed, rules: [String: String]) -> String {
        let booking = feed.booking
        let header = [
            "booking_rule_id", "booking_type", "prior_notice_duration_min", "prior_notice_last_day", "prior_notice_last_time",
            "prior_notice_start_day", "prior_notice_start_time", "message",
        ]
        let start = booking.priorNoticeStartDay.map(String.init) ?? ""
        let startTime = booking.priorNoticeStartDay == nil ? "" : clock(booking.priorNoticeStartTime)
        let rows: [[String]] = Set(rules.values).sorted().map { id in
            switch booking.bookingType {
            case .realTime: return [id, "0", "", "", "", "", "", feed.bookingMessage]
            case .sameDay: return [id, "1", String(booking.priorNoticeDurationMinimum), "", "", start, startTime, feed.bookingMessage]
            case .priorDays:
                let days = String(id.dropFirst("prior-".count).dropLast())
                return [id, "2", "", days, clock(booking.priorNoticeLastTime), start, startTime, feed.bookingMessage]
            }
        }
        return table(header, rows)
    }

    // MARK: - Text

    /// Degrees with six decimals (about 10 cm).
    static func degrees(_ value: Double) -> String { String(format: "%.6f", value) }

    /// A header and rows, RFC 4180.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") + "\n" }.joined()
    }

    /// A field, quoted when it holds a comma, a quote or a line end.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
