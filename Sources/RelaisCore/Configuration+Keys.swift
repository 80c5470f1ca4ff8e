// Configuration+Keys: every setting of relais.conf, by section and key, with how its value is
// read and checked. Configuration.parse looks each line up here.

import Foundation

extension Configuration {
    typealias Setter = @Sendable (inout Configuration, String) throws(FieldError) -> Void
    static let keys: [String: [String: Setter]] = [
        "store": [
            "database": { configuration, value throws(FieldError) in configuration.databasePath = try nonEmpty(value) },
            "busy_timeout_ms": { configuration, value throws(FieldError) in
                configuration.busyTimeoutMilliseconds = try number(value, in: 100...600_000)
            },
        ],
        "territory": [
            "time_zone": { configuration, value throws(FieldError) in
                guard TimeZone(identifier: value) != nil else {
                    throw FieldError(field: "time_zone", reason: "\"\(value)\" is not a known time zone (e.g. Europe/Paris)")
                }
                configuration.timeZone = value
                configuration.timeZoneOverride = value
            },
            "file": { configuration, value throws(FieldError) in configuration.territoryFile = try nonEmpty(value) },
        ],
        "calendars": [
            "directory": { configuration, value throws(FieldError) in configuration.calendarsDirectory = try nonEmpty(value) },
            "horizon_days": { configuration, value throws(FieldError) in configuration.horizonDays = try number(value, in: 1...3_660) },
            "max_file_mb": { configuration, value throws(FieldError) in
                configuration.maximumFileMegabytes = try number(value, in: 1...1_000)
            },
            "feed": { configuration, value throws(FieldError) in
                let feed = try CalendarFeed(parsing: value)
                guard !configuration.feeds.contains(where: { $0.address == feed.address }) else {
                    throw FieldError(field: "feed", reason: "\(feed.address) is given twice")
                }
                if let campaign = feed.defaults.campaign,
                    configuration.feeds.contains(where: { $0.defaults.campaign == campaign })
                {
                    throw FieldError(
                        field: "feed", reason: "campaign=\(campaign) is already another feed line's campaign: one feed per campaign")
                }
                configuration.feeds.append(feed)
            },
            "feed_minutes": { configuration, value throws(FieldError) in configuration.feedMinutes = try number(value, in: 1...1_440) },
            "feed_timeout_seconds": { configuration, value throws(FieldError) in
                configuration.feedTimeoutSeconds = try number(value, in: 5...600)
            },
        ],
        "reminders": [
            "sms_hours": { configuration, value throws(FieldError) in try hours(value, into: &configuration.smsWindow) },
            "sms_sundays": { configuration, value throws(FieldError) in configuration.smsWindow.sundays = try flag(value) },
            "sms_holidays": { configuration, value throws(FieldError) in configuration.smsWindow.holidays = try flag(value) },
            "email_hours": { configuration, value throws(FieldError) in try hours(value, into: &configuration.emailWindow) },
            "email_sundays": { configuration, value throws(FieldError) in configuration.emailWindow.sundays = try flag(value) },
            "email_holidays": { configuration, value throws(FieldError) in configuration.emailWindow.holidays = try flag(value) },
            "default_alarms": { configuration, value throws(FieldError) in configuration.defaultAlarms = try alarms(value) },
            "max_advance_hours": { configuration, value throws(FieldError) in
                configuration.maximumAdvanceHours = try number(value, in: 0...72)
            },
            "waitlist_deadline_hours": { configuration, value throws(FieldError) in
                configuration.waitlistDeadlineHours = try number(value, in: 1...336)
            },
            "confirmations": { configuration, value throws(FieldError) in configuration.confirmations = try flag(value) },
            "per_day": { configuration, value throws(FieldError) in configuration.remindersPerDay = try number(value, in: 1...50) },
            "per_week": { configuration, value throws(FieldError) in configuration.remindersPerWeek = try number(value, in: 1...100) },
            "templates": { configuration, value throws(FieldError) in configuration.templatesDirectory = try nonEmpty(value) },
            "contact_fr": { configuration, value throws(FieldError) in configuration.contacts[.french] = try nonEmpty(value) },
            "contact_en": { configuration, value throws(FieldError) in configuration.contacts[.english] = try nonEmpty(value) },
            "stop_sms_fr": { configuration, value throws(FieldError) in configuration.stopText["sms.fr"] = try nonEmpty(value) },
            "stop_sms_en": { configuration, value throws(FieldError) in configuration.stopText["sms.en"] = try nonEmpty(value) },
            "stop_email_fr": { configuration, value throws(FieldError) in configuration.stopText["email.fr"] = try nonEmpty(value) },
            "stop_email_en": { configuration, value throws(FieldError) in configuration.stopText["email.en"] = try nonEmpty(value) },
        ],
        "email": [
            "transport": { configuration, value throws(FieldError) in configuration.emailTransport = try choice(value, ["file", "smtp"]) },
            "url": { configuration, value throws(FieldError) in
                guard value.hasPrefix("smtp://") || value.hasPrefix("smtps://") else {
                    throw FieldError(field: "url", reason: "\"\(value)\" must start with smtp:// or smtps://")
                }
                configuration.smtpURL = value
            },
            "require_tls": { configuration, value throws(FieldError) in configuration.smtpRequireTLS = try flag(value) },
            "username": { configuration, value in configuration.smtpUsername = value.isEmpty ? nil : value },
            "password_file": { configuration, value in configuration.smtpPasswordFile = value.isEmpty ? nil : value },
            "from": { configuration, value throws(FieldError) in
                let address: String
                do { address = try EmailAddress(parsing: value).address } catch { throw FieldError(field: "from", reason: "\(error)") }
                // Unsubscribing goes to the sender unless unsubscribe_mailto says otherwise.
                if configuration.unsubscribeMailto == configuration.emailFrom { configuration.unsubscribeMailto = address }
                configuration.emailFrom = address
            },
            "from_name": { configuration, value throws(FieldError) in configuration.emailFromName = try nonEmpty(value) },
            "unsubscribe_mailto": { configuration, value in configuration.unsubscribeMailto = value.isEmpty ? nil : value },
            "unsubscribe_url": { configuration, value throws(FieldError) in
                guard value.isEmpty || value.hasPrefix("https://") else {
                    throw FieldError(field: "unsubscribe_url", reason: "must be an https:// URL (RFC 8058)")
                }
                configuration.unsubscribeURL = value.isEmpty ? nil : value
            },
            "rate_per_second": { configuration, value throws(FieldError) in configuration.emailRate = try rate(value) },
            "connections": { configuration, value throws(FieldError) in configuration.emailConnections = try number(value, in: 1...32) },
        ],
        "sms": [
            "transport": { configuration, value throws(FieldError) in
                configuration.smsTransport = try choice(value, ["file", "kannel", "webhook"])
            },
            "url": { configuration, value throws(FieldError) in
                guard value.hasPrefix("http://") || value.hasPrefix("https://") else {
                    throw FieldError(field: "url", reason: "\"\(value)\" must start with http:// or https://")
                }
                configuration.smsURL = value
            },
            "username": { configuration, value throws(FieldError) in configuration.smsUsername = try nonEmpty(value) },
            "password_file": { configuration, value in configuration.smsPasswordFile = value.isEmpty ? nil : value },
            "sender": { configuration, value throws(FieldError) in configuration.smsSender = try nonEmpty(value) },
            "delivery_report_url": { configuration, value in configuration.smsDeliveryReportURL = value.isEmpty ? nil : value },
            "rate_per_second": { configuration, value throws(FieldError) in configuration.smsRate = try rate(value) },
            "connections": { configuration, value throws(FieldError) in configuration.smsConnections = try number(value, in: 1...32) },
            "alphabet": { configuration, value throws(FieldError) in
                configuration.smsAlphabet = SMSAlphabet(rawValue: try choice(value, SMSAlphabet.allCases.map(\.rawValue)))!
            },
        ],
        "service": [
            "retention_days": { configuration, value throws(FieldError) in configuration.retentionDays = try number(value, in: 30...3_650)
            },
            "outbox_keep_days": { configuration, value throws(FieldError) in
                configuration.outboxKeepDays = try number(value, in: 7...3_650)
            },
            "stop_timeout_seconds": { configuration, value throws(FieldError) in
                configuration.stopTimeoutSeconds = try number(value, in: 1...300)
            },
            "reload_check_seconds": { configuration, value throws(FieldError) in
                configuration.reloadCheckSeconds = try number(value, in: 1...3_600)
            },
        ],
        "outbox": [
            "directory": { configuration, value throws(FieldError) in configuration.outboxDirectory = try nonEmpty(value) },
            "retry_base_seconds": { configuration, value throws(FieldError) in
                configuration.retryBaseSeconds = try number(value, in: 1...86_400)
            },
            "max_age_hours": { configuration, value throws(FieldError) in configuration.maximumAgeHours = try number(value, in: 1...720) },
            "lease_seconds": { configuration, value throws(FieldError) in configuration.leaseSeconds = try number(value, in: 10...3_600) },
            "commit_every": { configuration, value throws(FieldError) in configuration.commitEvery = try number(value, in: 1...10_000) },
            "commit_interval_ms": { configuration, value throws(FieldError) in
                configuration.commitIntervalMilliseconds = try number(value, in: 1...60_000)
            },
            "timeout_seconds": { configuration, value throws(FieldError) in
                configuration.deliveryTimeoutSeconds = try number(value, in: 1...600)
            },
        ],
        "transport": [
            "booking_type": { configuration, value throws(FieldError) in
                let types = ShuttleBookingType.allCases.map(\.rawValue)
                configuration.shuttle.rules.bookingType = ShuttleBookingType(rawValue: try choice(value, types))!
            },
            "prior_notice_duration_min": { configuration, value throws(FieldError) in
                configuration.shuttle.rules.priorNoticeDurationMinimum = try number(value, in: 0...10_080)
            },
            "prior_notice_last_day": { configuration, value throws(FieldError) in
                configuration.shuttle.rules.priorNoticeLastDay = try number(value, in: 0...60)
            },
            "prior_notice_last_time": { configuration, value throws(FieldError) in
                configuration.shuttle.rules.priorNoticeLastTime = try clock(value)
            },
            "prior_notice_start_day": { configuration, value throws(FieldError) in
                configuration.shuttle.rules.priorNoticeStartDay = value.isEmpty ? nil : try number(value, in: 1...366)
            },
            "prior_notice_start_time": { configuration, value throws(FieldError) in
                configuration.shuttle.rules.priorNoticeStartTime = try clock(value)
            },
            "service_days": { configuration, value throws(FieldError) in
                let days = ShuttleServiceDays.allCases.map(\.rawValue)
                configuration.shuttle.rules.serviceDays = ShuttleServiceDays(rawValue: try choice(value, days))!
            },
            "cancel_last_day": { configuration, value throws(FieldError) in
                configuration.shuttle.rules.cancelLastDay = try number(value, in: 0...60)
            },
            "cancel_last_time": { configuration, value throws(FieldError) in configuration.shuttle.rules.cancelLastTime = try clock(value)
            },
            "fare_bands": { configuration, value throws(FieldError) in configuration.shuttle.fares = try FareBands(parsing: value) },
            "seats": { configuration, value throws(FieldError) in configuration.shuttle.vehicle.seats = try number(value, in: 1...100) },
            "wheelchair_places": { configuration, value throws(FieldError) in
                configuration.shuttle.vehicle.wheelchairPlaces = try number(value, in: 0...10)
            },
            "seats_per_wheelchair": { configuration, value throws(FieldError) in
                configuration.shuttle.vehicle.seatsPerWheelchair = try number(value, in: 1...10)
            },
            "destination": { configuration, value throws(FieldError) in configuration.shuttle.destination = try nonEmpty(value) },
            "travel_minutes": { configuration, value throws(FieldError) in
                configuration.shuttle.travelMinutes = try number(value, in: 0...600)
            },
            "ccas_quota": { configuration, value throws(FieldError) in
                let quota = try number(value, in: 0...100)
                configuration.shuttle.ccasQuota = quota == 0 ? nil : quota
            },
            "appointment_margin_minutes": { configuration, value throws(FieldError) in
                configuration.shuttle.appointmentMarginMinutes = try number(value, in: 0...240)
            },
            "same_commune_minutes": { configuration, value throws(FieldError) in
                configuration.shuttle.sameCommuneMinutes = try number(value, in: 0...120)
            },
            "max_ride_minutes": { configuration, value throws(FieldError) in configuration.shuttle.route.maxRideMinutes = try rideLimit(value) },
            "boarding_minutes": { configuration, value throws(FieldError) in
                configuration.shuttle.route.boardingMinutes = try number(value, in: 0...60)
            },
            "boarding_minutes_wheelchair": { configuration, value throws(FieldError) in
                configuration.shuttle.route.boardingMinutesWheelchair = try number(value, in: 0...60)
            },
            "depot": { configuration, value throws(FieldError) in configuration.shuttle.depot = try communeCode(value) },
            "destination_commune": { configuration, value throws(FieldError) in
                configuration.shuttle.destinationCommune = try communeCode(value)
            },
            "noshow_limit": { configuration, value throws(FieldError) in configuration.shuttle.noShowLimit = try number(value, in: 1...100)
            },
            "noshow_months": { configuration, value throws(FieldError) in configuration.shuttle.noShowMonths = try number(value, in: 1...36)
            },
            "reminder_time": { configuration, value throws(FieldError) in configuration.shuttle.reminderMinute = try clock(value) },
        ],
        "web": [
            "enabled": { configuration, value throws(FieldError) in configuration.web.enabled = try flag(value) },
            "address": { configuration, value throws(FieldError) in
                guard WebSettings.isAddressLiteral(value) else {
                    throw FieldError(field: "address", reason: "\"\(value)\" is not an IP address such as 127.0.0.1 or ::1")
                }
                configuration.web.address = value
            },
            "port": { configuration, value throws(FieldError) in configuration.web.port = try number(value, in: 0...65_535) },
            "callback_secret_file": { configuration, value in configuration.web.callbackSecretFile = value.isEmpty ? nil : value },
            "callback_allow": { configuration, value throws(FieldError) in
                configuration.web.callbackAllow = try WebSettings.addresses(value)
            },
            "max_body_kb": { configuration, value throws(FieldError) in
                configuration.web.maximumBodyKilobytes = try number(value, in: 1...10_240)
            },
            "max_connections": { configuration, value throws(FieldError) in
                configuration.web.maximumConnections = try number(value, in: 1...1_000)
            },
            "timeout_seconds": { configuration, value throws(FieldError) in
                configuration.web.timeoutSeconds = try number(value, in: 1...600)
            },
            "connection_memory_kb": { configuration, value throws(FieldError) in
                configuration.web.connectionMemoryKilobytes = try number(value, in: 8...1_024)
            },
            "per_address_connections": { configuration, value throws(FieldError) in
                configuration.web.perAddressConnections = try number(value, in: 1...1_000)
            },
            "request_deadline_seconds": { configuration, value throws(FieldError) in
                configuration.web.requestDeadlineSeconds = try number(value, in: 1...600)
            },
            "desk": { configuration, value throws(FieldError) in configuration.web.desk = try flag(value) },
            "session_hours": { configuration, value throws(FieldError) in configuration.web.sessionHours = try number(value, in: 1...24) },
            "secure_cookies": { configuration, value throws(FieldError) in configuration.web.secureCookies = try flag(value) },
            "public_url": { configuration, value throws(FieldError) in configuration.web.publicURL = try WebSettings.publicURL(value) },
        ],
    ]

    /// Reads a wall-clock time such as 17:00 into minutes after midnight ([transport]).
    static func clock(_ value: String) throws(FieldError) -> Int {
        guard let minutes = ShuttleClock.minutes(value) else {
            throw FieldError(field: "value", reason: "\"\(value)\" is not a time such as 17:00")
        }
        return minutes
    }

    /// Reads a configuration file's text over the embedded defaults.
    static func nonEmpty(_ value: String) throws(FieldError) -> String {
        guard !value.isEmpty else { throw FieldError(field: "value", reason: "is empty") }
        return value
    }

    static func flag(_ value: String) throws(FieldError) -> Bool {
        switch value.lowercased() {
        case "yes", "true", "on", "1": return true
        case "no", "false", "off", "0": return false
        default: throw FieldError(field: "value", reason: "\"\(value)\" is not yes or no")
        }
    }

    static func choice(_ value: String, _ choices: [String]) throws(FieldError) -> String {
        guard choices.contains(value) else {
            throw FieldError(field: "value", reason: "\"\(value)\" is not one of \(choices.joined(separator: ", "))")
        }
        return value
    }

    static func rate(_ value: String) throws(FieldError) -> Double {
        guard let rate = Double(value), rate > 0, rate <= 10_000 else {
            throw FieldError(field: "value", reason: "\"\(value)\" is not a number of messages per second (e.g. 5 or 0.5)")
        }
        return rate
    }

    /// Reads "08:00-20:00" into a window's opening and closing minutes.
    static func hours(_ value: String, into window: inout SendingWindow) throws(FieldError) {
        let parts = value.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        let minutes = parts.compactMap { part -> Int? in
            let clock = part.split(separator: ":").compactMap { Int($0) }
            guard clock.count == 2, (0...24).contains(clock[0]), (0...59).contains(clock[1]) else { return nil }
            return clock[0] * 60 + clock[1]
        }
        guard parts.count == 2, minutes.count == 2, minutes[0] < minutes[1], minutes[1] <= 24 * 60 else {
            throw FieldError(field: "value", reason: "\"\(value)\" is not hours such as 08:00-20:00")
        }
        window.opens = minutes[0]
        window.closes = minutes[1]
    }

    /// Reads "-P1D, -PT2H" into alarms before the start (RFC 5545 durations).
    static func alarms(_ value: String) throws(FieldError) -> [CalendarAlarm] {
        var alarms: [CalendarAlarm] = []
        for part in value.split(separator: ",") {
            let text = part.trimmingCharacters(in: .whitespaces)
            guard let seconds = durationSeconds(text) else {
                throw FieldError(field: "value", reason: "\"\(text)\" is not a duration such as -P1D or -PT2H")
            }
            alarms.append(CalendarAlarm(trigger: .fromStart(seconds: seconds)))
        }
        return alarms
    }

    /// The seconds of an RFC 5545 duration (`-P1D`, `-PT2H30M`, `P1W`), or nil.
    static func durationSeconds(_ text: String) -> Int? {
        var rest = Substring(text.uppercased())
        var sign = 1
        if rest.first == "-" || rest.first == "+" {
            sign = rest.first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        guard rest.first == "P" else { return nil }
        rest = rest.dropFirst()
        var total = 0
        var number = ""
        var inTime = false
        var units = 0
        for character in rest {
            if character.isNumber {
                number.append(character)
                continue
            }
            if character == "T" && number.isEmpty && !inTime {
                inTime = true
                continue
            }
            guard let value = Int(number) else { return nil }
            let unit: Int? =
                switch (character, inTime) {
                case ("W", false): 604_800
                case ("D", false): 86_400
                case ("H", true): 3_600
                case ("M", true): 60
                case ("S", true): 1
                default: nil
                }
            guard let unit else { return nil }
            total += value * unit
            number = ""
            units += 1
        }
        guard number.isEmpty, units > 0 else { return nil }
        return sign * total
    }

    static func number(_ value: String, in range: ClosedRange<Int>) throws(FieldError) -> Int {
        guard let number = Int(value), range.contains(number) else {
            throw FieldError(field: "value", reason: "\"\(value)\" is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}
