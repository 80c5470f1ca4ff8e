// Configuration: Relais's settings, read from an INI-style file (Config/relais.conf).
//
// Every setting has an embedded default, so Relais runs with no file at all. A file overrides
// what it names; an unknown section or key is refused with its line (a typo must not silently
// leave a default in place). Syntax: `[section]`, `key = value`, `#` or `;` comments, read by
// INIText as the territory files are (TerritoryFile).

import Foundation

/// The settings Relais runs with.
public struct Configuration: Sendable, Equatable {
    /// `[store] database`: the SQLite file.
    public var databasePath = "relais.sqlite"
    /// `[store] busy_timeout_ms`: how long a command waits for another writer before giving up.
    public var busyTimeoutMilliseconds = 30_000
    /// The zone of every wall-clock time Relais reads or writes: the territory file's
    /// (``applying(territory:)``), unless `[territory] time_zone` overrides it.
    public var timeZone = "Europe/Paris"
    /// `[territory] time_zone`: a zone that overrides the territory file's; nil when not set.
    public var timeZoneOverride: String?
    /// `[territory] file`: the territory file (Config/territories/NAME.conf); nil when not set, and
    /// then RELAIS_TERRITORY or ``defaultTerritoryFile``.
    public var territoryFile: String?
    /// The territory file read when neither the configuration nor RELAIS_TERRITORY names one.
    /// The shipped default.conf is a link to the territory Relais was first built for.
    public static let defaultTerritoryFile = "Config/territories/default.conf"
    /// `[calendars] directory`: where campaign calendars live.
    public var calendarsDirectory = "Campaigns"
    /// `[calendars] horizon_days`: how far ahead a recurrence without an end is expanded.
    public var horizonDays = 730
    /// `[calendars] max_file_mb`: the largest calendar or CSV file accepted.
    public var maximumFileMegabytes = 20
    /// `maximumFileMegabytes` in bytes: the limit every file, upload and feed is read under.
    public var maximumFileBytes: Int { maximumFileMegabytes * 1024 * 1024 }
    /// `[calendars] feed`, one line per feed: calendars fetched from an address (CalendarFeed.swift).
    public var feeds: [CalendarFeed] = []
    /// `[calendars] feed_minutes`: how often relais serve fetches each feed.
    public var feedMinutes = 15
    /// `[calendars] feed_timeout_seconds`: the most one fetch of a feed may take, redirects included.
    public var feedTimeoutSeconds = 60

    /// `[reminders] sms_hours, sms_sundays, sms_holidays`: when SMS may be sent.
    public var smsWindow = SendingWindow.sms
    /// `[reminders] email_hours, email_sundays, email_holidays`: when e-mail may be sent.
    public var emailWindow = SendingWindow.email
    /// `[reminders] default_alarms`: the reminder schedule of events that carry no VALARM.
    public var defaultAlarms = [CalendarAlarm(trigger: .fromStart(seconds: -86_400))]
    /// `[reminders] max_advance_hours`: how much earlier a reminder may move to avoid quiet hours.
    public var maximumAdvanceHours = 12
    /// `[reminders] waitlist_deadline_hours`: how long before a session a waitlisted person is told
    /// that no place came up (1 to 336).
    public var waitlistDeadlineHours = 24
    /// `[reminders] confirmations`: whether a confirmed registration is confirmed to the person
    /// (a `confirmation` notice, whose e-mail carries the calendar invitation).
    public var confirmations = true
    /// `[reminders] per_day, per_week`: the most reminders one person receives, all campaigns together.
    public var remindersPerDay = 1
    public var remindersPerWeek = 3
    /// `[reminders] templates`: the folder of message templates.
    public var templatesDirectory = "Config/templates"
    /// `[reminders] contact_fr, contact_en`: whom residents call, for events whose calendar names
    /// no X-RELAIS-CONTACT (the reminders' {{contact}}).
    public var contacts: [Language: String] = [
        .french: "le CCAS de votre commune",
        .english: "the social services (CCAS) of your commune",
    ]
    /// `[reminders] stop_sms_fr, stop_sms_en, stop_email_fr, stop_email_en`: how each message says to stop.
    public var stopText: [String: String] = [
        "sms.fr": "STOP : répondez STOP", "sms.en": "Reply STOP to opt out",
        "email.fr": "Pour ne plus recevoir ces messages, répondez STOP à ce courriel.",
        "email.en": "To stop these messages, reply STOP to this e-mail.",
    ]

    /// `[email] transport`: `file` (write .eml files into [outbox] directory) or `smtp`.
    public var emailTransport = "file"
    /// `[email] url`: `smtp://host:port` or `smtps://host:port`.
    public var smtpURL = "smtp://localhost:25"
    /// `[email] require_tls`: refuse to send unless STARTTLS succeeds.
    public var smtpRequireTLS = false
    /// `[email] username, password_file`: SMTP AUTH; the password is read from the file
    /// (under systemd, a credential in $CREDENTIALS_DIRECTORY).
    public var smtpUsername: String?
    public var smtpPasswordFile: String?
    /// `[email] from`: the sender's address. The default, in the reserved `.invalid` domain, only
    /// serves the file transport and tests: an installation that sends names its own.
    public var emailFrom = Configuration.placeholderEmailFrom
    /// `[email] from_name`: the sender's display name; nil: the territory's (``emailFromName(in:)``).
    public var emailFromName: String?
    /// `[email] unsubscribe_mailto, unsubscribe_url`: List-Unsubscribe targets; the mailto follows
    /// `from` unless set (empty: none).
    public var unsubscribeMailto: String? = Configuration.placeholderEmailFrom
    public var unsubscribeURL: String?
    /// `[email] rate_per_second`.
    public var emailRate = 20.0
    /// `[email] connections`: how many SMTP sessions a sending pass uses at once (1...32).
    public var emailConnections = 4

    /// `[sms] transport`: `file`, `kannel` (sendsms HTTP interface) or `webhook` (JSON POST).
    public var smsTransport = "file"
    /// `[sms] url`: Kannel's sendsms URL or the webhook's URL.
    public var smsURL = "http://127.0.0.1:13013/cgi-bin/sendsms"
    /// `[sms] username, password_file`: Kannel's sendsms user; for a webhook, password_file holds the bearer token.
    public var smsUsername = "relais"
    public var smsPasswordFile: String?
    /// `[sms] sender`: the sender name or number shown on phones; nil: the territory's
    /// (``smsSender(in:)``).
    public var smsSender: String?
    /// `[sms] delivery_report_url`: Kannel's dlr-url, when delivery reports are collected.
    public var smsDeliveryReportURL: String?
    /// `[sms] rate_per_second`.
    public var smsRate = 5.0
    /// `[sms] connections`: how many requests to Kannel or the webhook a sending pass has in flight at once (1...32).
    public var smsConnections = 4
    /// `[sms] alphabet`: `gsm` (transliterated into GSM 03.38, the default) or `ucs2` (every accent kept).
    public var smsAlphabet = SMSAlphabet.gsm

    /// `[outbox] directory`: where the file transport writes messages.
    public var outboxDirectory = "outbox"
    /// `[outbox] retry_base_seconds, max_age_hours`: the retry schedule (RetrySchedule).
    public var retryBaseSeconds = 60
    public var maximumAgeHours = 48
    /// `[outbox] lease_seconds`: how long a sender holds a message it is sending.
    public var leaseSeconds = 120
    /// `[outbox] commit_every`: how many messages a sender claims at once and whose outcomes it
    /// records in one transaction (group commit); after a crash at most these go twice.
    public var commitEvery = 64
    /// `[outbox] commit_interval_ms`: outcomes known for this long are recorded even before
    /// `commit_every` of them are.
    public var commitIntervalMilliseconds = 200
    /// `[outbox] timeout_seconds`: a gateway's total time for one message.
    public var deliveryTimeoutSeconds = 30

    /// `[service] retention_days`: people with no registration to an occurrence that ended less
    /// than this many days ago are forgotten by the daemon's housekeeping (anonymous counts stay).
    public var retentionDays = 730
    /// `[service] outbox_keep_days`: settled outbox rows older than this are pruned.
    public var outboxKeepDays = 400
    /// `[service] stop_timeout_seconds`: on SIGTERM, how long sends in flight may take to finish.
    public var stopTimeoutSeconds = 20
    /// `[service] reload_check_seconds`: how often the daemon looks for edited calendar files.
    public var reloadCheckSeconds = 2

    /// `[transport]`: the shuttle's booking rules (GTFS-Flex semantics), fares by family-quotient
    /// band, and the defaults of runs (ShuttleSettings).
    public var shuttle = ShuttleSettings()

    /// `[web]`: the HTTP server of `relais serve` and the gateway callbacks (WebSettings).
    public var web = WebSettings()

    public init() {}

    /// The keys each section accepts, with the setter for each.
    public static func parse(_ text: String, fileName: String) throws(ConfigurationError) -> Configuration {
        var configuration = Configuration()
        var written = WrittenKeys()
        for line in INIText.lines(text) {
            switch line {
            case .malformed(let reason, let number):
                throw ConfigurationError(fileName: fileName, line: number, reason: reason)
            case .section(let name, let number):
                guard keys[name] != nil else {
                    throw ConfigurationError(
                        fileName: fileName, line: number,
                        reason: "unknown section [\(name)] (known: \(keys.keys.sorted().joined(separator: ", ")))")
                }
            case .entry(let section, let key, let value, let number):
                guard let section else {
                    throw ConfigurationError(fileName: fileName, line: number, reason: "\(key) must come after a [section]")
                }
                guard let setter = keys[section]?[key] else {
                    let known = keys[section]!.keys.sorted().joined(separator: ", ")
                    throw ConfigurationError(
                        fileName: fileName, line: number, reason: "unknown key \(key) in [\(section)] (known: \(known))")
                }
                do {
                    try setter(&configuration, value)
                } catch {
                    throw ConfigurationError(fileName: fileName, line: number, reason: "\(section).\(key): \(error.reason)")
                }
                written.lines["\(section).\(key)"] = number
            }
        }
        if let refusal = configuration.keysRefusedTogether(written) {
            throw ConfigurationError(fileName: fileName, line: refusal.line, reason: refusal.reason)
        }
        return configuration
    }

}
