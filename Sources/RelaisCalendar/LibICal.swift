// LibICal: the one door to libical, and the small conversions every other file here shares.
//
// libical keeps process-wide state: its error number, whether errors abort, and the cache of
// built-in time zones that `icaltimezone_get_builtin_timezone` fills lazily. None of it is safe to
// touch from two threads at once, and Swift Testing runs tests in parallel, so every libical call in
// this module happens inside `LibICal.locked`, which also switches libical's errors to non-fatal
// exactly once. Nothing that comes out of here carries a C pointer: `Date`, `String` and `Int` only.

import CICal
import Foundation

/// Serialised access to libical, and conversions between its values and Swift's.
enum LibICal {
    private static let lock = NSLock()

    /// Set once, under the lock, before the first libical call: a malformed file must produce an
    /// `X-LIC-ERROR` property, never an `abort()` (libical's default is build-dependent).
    nonisolated(unsafe) private static var configured = false

    /// Runs `body` while holding the module's libical lock. Every libical call goes through here.
    static func locked<Result>(
        _ body: () throws(CalendarReadError) -> Result
    ) throws(CalendarReadError) -> Result {
        lock.lock()
        defer { lock.unlock() }
        prepare()
        return try body()
    }

    /// `locked` for bodies that cannot fail.
    static func lockedInfallibly<Result>(_ body: () -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        prepare()
        return body()
    }

    /// Makes libical's errors non-fatal the first time, and clears its error number. Lock held.
    private static func prepare() {
        if !configured {
            icalerror_set_errors_are_fatal(0)
            configured = true
        }
        icalerror_clear_errno()
    }

    // MARK: - Strings

    /// Copies a C string owned by libical (often a ring buffer it reuses) into a Swift string.
    static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// Copies and frees a C string that libical handed over (the `_r` functions).
    static func takeString(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        defer { icalmemory_free_buffer(pointer) }
        return String(cString: pointer)
    }

    // MARK: - Times

    /// libical's UTC zone.
    static var utc: OpaquePointer { icaltimezone_get_utc_timezone() }

    /// The instant of a wall-clock time read in `zone`. A DATE is taken at local midnight.
    ///
    /// RFC 5545 §3.3.5: a local time that occurs twice (the hour the clocks go back) is the first of
    /// the two; one that does not exist (the hour the clocks go forward) is read with the UTC offset
    /// before the gap, so 02:30 on the last Sunday of March in Paris is 01:30Z (03:30 CEST).
    /// libical 3.0 takes the second of two and the offset after a gap; this reads the zone's
    /// offsets from libical and applies the RFC's rule.
    static func instant(of time: icaltimetype, in zone: OpaquePointer) -> Date {
        var fields = time
        fields.zone = nil
        if fields.is_date != 0 { (fields.hour, fields.minute, fields.second, fields.is_date) = (0, 0, 0, 0) }
        let wall = Int(icaltime_as_timet(fields))
        func offset(atUTC seconds: Int) -> Int {
            var utcTime = icaltime_from_timet_with_zone(time_t(seconds), 0, utc)
            return Int(icaltimezone_get_utc_offset_of_utc_time(zone, &utcTime, nil))
        }
        let before = offset(atUTC: wall - 86_400)
        let after = offset(atUTC: wall + 86_400)
        let readings = Set([before, after]).filter { offset(atUTC: wall - $0) == $0 }.map { wall - $0 }
        return Date(timeIntervalSince1970: TimeInterval(readings.min() ?? wall - before))
    }

    /// The wall-clock time (or date) in `zone` of an instant, with its zone set.
    static func localTime(of instant: Date, in zone: OpaquePointer, isDate: Bool = false) -> icaltimetype {
        icaltime_from_timet_with_zone(time_t(instant.timeIntervalSince1970.rounded(.down)), isDate ? 1 : 0, zone)
    }

    /// True for libical's null time (what its functions return for "none" or "error").
    static func isNull(_ time: icaltimetype) -> Bool {
        icaltime_is_null_time(time) != 0
    }

    /// The built-in zone that libical knows by this Olson name (or by its own prefixed TZID).
    static func builtinZone(named name: String) -> OpaquePointer? {
        icaltimezone_get_builtin_timezone(name) ?? icaltimezone_get_builtin_timezone_from_tzid(name)
    }

    /// The built-in zone a TZID names, and its Olson name: the TZID itself, or, for "globally unique"
    /// TZIDs such as `/mozilla.org/20070129_1/America/New_York` or `/freeassociation.sourceforge.net/
    /// Tzfile/Europe/Paris`, the longest `Area/Location` suffix that libical knows; for a Windows
    /// name (`Romance Standard Time`, Outlook's), the Olson zone CLDR maps it to (WindowsZones).
    static func builtinZone(matching tzid: String) -> (zone: OpaquePointer, location: String)? {
        if let zone = icaltimezone_get_builtin_timezone(tzid) { return (zone, tzid) }
        if let olson = WindowsZones.olson(tzid) {
            if olson == "UTC" { return (utc, "UTC") }
            if let zone = icaltimezone_get_builtin_timezone(olson) { return (zone, olson) }
        }
        if let zone = icaltimezone_get_builtin_timezone_from_tzid(tzid),
            let location = string(icaltimezone_get_location(zone))
        {
            return (zone, location)
        }
        var rest = Substring(tzid)
        while let slash = rest.firstIndex(of: "/") {
            let candidate = String(rest[rest.index(after: slash)...])
            guard candidate.contains("/") else { break }
            if let zone = icaltimezone_get_builtin_timezone(candidate) { return (zone, candidate) }
            rest = rest[rest.index(after: slash)...]
        }
        return nil
    }

    /// `yyyyMMdd'T'HHmmss'Z'`, the form of a recurrence key.
    static func utcStamp(_ instant: Date) -> String {
        let fields = localTime(of: instant, in: utc)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", fields.year, fields.month, fields.day, fields.hour,
            fields.minute, fields.second)
    }

    /// `yyyy-MM-dd HH:mm:ss`, the wall-clock time of an instant in `zone`, for messages.
    static func wallClock(_ instant: Date, in zone: OpaquePointer) -> String {
        let fields = localTime(of: instant, in: zone)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d", fields.year, fields.month, fields.day, fields.hour, fields.minute,
            fields.second)
    }

    // MARK: - Components

    /// The direct children of `component` of one kind, in file order.
    static func children(of component: OpaquePointer, kind: icalcomponent_kind) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = icalcomponent_get_first_component(component, kind)
        while let current = child {
            result.append(current)
            child = icalcomponent_get_next_component(component, kind)
        }
        return result
    }

    /// The properties of `component` of one kind, in file order.
    static func properties(of component: OpaquePointer, kind: icalproperty_kind) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var property = icalcomponent_get_first_property(component, kind)
        while let current = property {
            result.append(current)
            property = icalcomponent_get_next_property(component, kind)
        }
        return result
    }

    /// The TZID parameter of `property`, when present.
    static func tzid(of property: OpaquePointer) -> String? {
        guard let parameter = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER) else { return nil }
        return string(icalparameter_get_tzid(parameter))
    }
}
