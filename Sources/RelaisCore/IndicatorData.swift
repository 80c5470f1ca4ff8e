// IndicatorData: what the store reads for the contract's indicators, before any counting rule.
//
// One IndicatorEvent per event (VEVENT) with at least one session held in the period: a session
// is an occurrence that is not cancelled and started inside the period (and before the report is
// made). Its people are the registrations to those sessions, anonymous: forgotten people still
// count, by the commune and age group kept on their registration. Reminders are counted per
// channel for the same sessions; shuttle bookings per CCAS for the runs that left in the period.
// The rules that turn this into the contract's indicators are in
// Indicators*.swift; the store only reads (Store+Indicators.swift).

import Foundation

/// The period a report covers: from `start` (inclusive) to `end` (exclusive), local midnights.
public struct ReportPeriod: Sendable, Equatable {
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    /// The calendar year `year` in `calendar`'s time zone.
    public static func year(_ year: Int, calendar: Calendar) -> ReportPeriod? {
        guard let start = calendar.date(from: DateComponents(year: year, month: 1, day: 1)),
            let end = calendar.date(from: DateComponents(year: year + 1, month: 1, day: 1))
        else { return nil }
        return ReportPeriod(start: start, end: end)
    }

    /// The first instant of every month the period touches, in order.
    public func months(calendar: Calendar) -> [Date] {
        let parts = calendar.dateComponents([.year, .month], from: start)
        guard var month = calendar.date(from: parts) else { return [] }
        var months: [Date] = []
        while month < end {
            months.append(month)
            guard let next = calendar.date(byAdding: .month, value: 1, to: month) else { break }
            month = next
        }
        return months
    }
}

/// Registrations to an event's sessions in the period, anonymous.
public struct PeopleTally: Sendable, Equatable {
    /// Registrations (a walk-in is registered on the spot).
    public var registered: Int
    /// Registrations marked present.
    public var attended: Int
    /// Registrations with at least one reminder sent, and those of them present.
    public var registeredReminded: Int
    public var attendedReminded: Int
    /// Registrations and presences by age group ("0-17", "18-25", ... as AgeGroup gives them);
    /// a person without a birth year is in none.
    public var registeredByAgeGroup: [String: Int]
    public var attendedByAgeGroup: [String: Int]

    public init(
        registered: Int = 0, attended: Int = 0, registeredReminded: Int = 0, attendedReminded: Int = 0,
        registeredByAgeGroup: [String: Int] = [:], attendedByAgeGroup: [String: Int] = [:]
    ) {
        self.registered = registered
        self.attended = attended
        self.registeredReminded = registeredReminded
        self.attendedReminded = attendedReminded
        self.registeredByAgeGroup = registeredByAgeGroup
        self.attendedByAgeGroup = attendedByAgeGroup
    }
}

/// An event with at least one session held in the period, and its people.
///
/// Its fields are kept in one shared, immutable box: the report's sections pass sets of thousands of
/// events around (filtered by kind, commune, campaign...), and copying an event is then one reference
/// count instead of one for each of its texts and arrays (those copies were a tenth of `report all`).
public struct IndicatorEvent: Sendable, Equatable {
    private final class Fields: Sendable {
        let uid: String
        let campaign: String
        let summary: String
        let location: String?
        let commune: String?
        let neighbourhood: String?
        let categories: [EventCategory]
        let labels: [String]
        let actionSheets: [Int]
        let professionals: Int
        let sessions: [Date]
        let people: PeopleTally

        init(
            uid: String, campaign: String, summary: String, location: String?, commune: String?, neighbourhood: String?,
            categories: [EventCategory], labels: [String], actionSheets: [Int], professionals: Int, sessions: [Date], people: PeopleTally
        ) {
            self.uid = uid
            self.campaign = campaign
            self.summary = summary
            self.location = location
            self.commune = commune
            self.neighbourhood = neighbourhood
            self.categories = categories
            self.labels = labels
            self.actionSheets = actionSheets
            self.professionals = professionals
            self.sessions = sessions
            self.people = people
        }
    }

    private let fields: Fields
    /// Its number among a report's events (ReportBuilder gives it; -1 before), so that a set of events is
    /// made into numbers without looking each UID up. Not part of what the event is (== ignores it).
    var number = -1

    public var uid: String { fields.uid }
    public var campaign: String { fields.campaign }
    public var summary: String { fields.summary }
    public var location: String? { fields.location }
    /// The commune's INSEE code; nil outside the territory.
    public var commune: String? { fields.commune }
    /// The QPV's slug, if any.
    public var neighbourhood: String? { fields.neighbourhood }
    public var categories: [EventCategory] { fields.categories }
    /// CATEGORIES words that are not Relais categories ("Mois sans tabac", "Espace sans tabac").
    public var labels: [String] { fields.labels }
    public var actionSheets: [Int] { fields.actionSheets }
    /// Health professionals mobilised per session.
    public var professionals: Int { fields.professionals }
    /// The starts of the sessions held in the period, ascending.
    public var sessions: [Date] { fields.sessions }
    public var people: PeopleTally { fields.people }

    public init(
        uid: String, campaign: String, summary: String, location: String? = nil, commune: String? = nil,
        neighbourhood: String? = nil, categories: [EventCategory], labels: [String] = [], actionSheets: [Int],
        professionals: Int = 0, sessions: [Date], people: PeopleTally = PeopleTally()
    ) {
        fields = Fields(
            uid: uid, campaign: campaign, summary: summary, location: location, commune: commune, neighbourhood: neighbourhood,
            categories: categories, labels: labels, actionSheets: actionSheets, professionals: professionals, sessions: sessions,
            people: people)
    }

    public static func == (left: IndicatorEvent, right: IndicatorEvent) -> Bool {
        left.fields === right.fields
            || (left.uid == right.uid && left.campaign == right.campaign && left.summary == right.summary
                && left.location == right.location && left.commune == right.commune && left.neighbourhood == right.neighbourhood
                && left.categories == right.categories && left.labels == right.labels && left.actionSheets == right.actionSheets
                && left.professionals == right.professionals && left.sessions == right.sessions && left.people == right.people)
    }

    /// True when one of the event's labels reads `label`, ignoring case and accents.
    public func isLabelled(_ label: String) -> Bool {
        let wanted = Territory.slug(label)
        return labels.contains { Territory.slug($0) == wanted }
    }
}

/// Reminders for the period's sessions on one channel.
public struct ReminderTally: Sendable, Equatable {
    public var channel: Channel
    public var sent: Int
    public var failed: Int

    public init(channel: Channel, sent: Int, failed: Int) {
        self.channel = channel
        self.sent = sent
        self.failed = failed
    }
}

/// The shuttle bookings of one CCAS (the residents of one commune) on the period's runs, by status.
public struct TransportTally: Sendable, Equatable {
    /// The commune's INSEE code: its CCAS handled these bookings.
    public var commune: String
    /// Travelled (the coordinator recorded the run as done for them).
    public var completed: Int
    /// Booked and confirmed, but did not come.
    public var noShow: Int
    public var cancelled: Int
    /// Never got a seat.
    public var waitlisted: Int
    /// Confirmed and not yet recorded as travelled or absent.
    public var confirmed: Int
    /// Companions who travelled with the completed bookings.
    public var companions: Int

    public init(
        commune: String, completed: Int = 0, noShow: Int = 0, cancelled: Int = 0, waitlisted: Int = 0, confirmed: Int = 0,
        companions: Int = 0
    ) {
        self.commune = commune
        self.completed = completed
        self.noShow = noShow
        self.cancelled = cancelled
        self.waitlisted = waitlisted
        self.confirmed = confirmed
        self.companions = companions
    }

    /// Every booking: the situations the CCAS handled.
    public var situations: Int { completed + noShow + cancelled + waitlisted + confirmed }
}

/// The shuttle to the EPS over the period: runs that left, and bookings per CCAS.
public struct TransportData: Sendable, Equatable {
    /// Runs not cancelled that left in the period.
    public var runs: Int
    /// Of those, the runs with at least one passenger recorded as travelled.
    public var runsWithPassengers: Int
    public var byCommune: [TransportTally]

    public init(runs: Int, runsWithPassengers: Int, byCommune: [TransportTally]) {
        self.runs = runs
        self.runsWithPassengers = runsWithPassengers
        self.byCommune = byCommune
    }
}

/// Everything the indicators are computed from.
public struct IndicatorData: Sendable, Equatable {
    public var events: [IndicatorEvent]
    /// Campaign names by id, for the campaigns of `events`.
    public var campaignNames: [String: String]
    public var reminders: [ReminderTally]
    /// SMS sent and their segments, per campaign (Indicators+SMSSegments.swift).
    public var smsSegments: [SMSSegmentTally] = []
    /// The shuttle's runs and bookings; nil when the store keeps no transport bookings.
    public var transport: TransportData?
    /// The last name the database knew for each commune code, so that a commune the territory no
    /// longer lists (merged away) is still shown by name.
    public var communeNames: [String: String] = [:]

    public init(
        events: [IndicatorEvent], campaignNames: [String: String] = [:], reminders: [ReminderTally] = [], transport: TransportData? = nil
    ) {
        self.events = events
        self.campaignNames = campaignNames
        self.reminders = reminders
        self.transport = transport
    }

    /// True when nothing happened in the period: no session held, no shuttle run, no booking.
    public var isEmpty: Bool {
        events.isEmpty && (transport.map { $0.runs == 0 && $0.byCommune.allSatisfy { $0.situations == 0 } } ?? true)
    }
}
