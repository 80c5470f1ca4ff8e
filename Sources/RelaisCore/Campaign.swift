// Campaign: a prevention campaign and its events, as Relais keeps them once a calendar is judged.
//
// An event is one VEVENT: a screening day, a vaccination session, a stand, a shuttle run. It counts
// for one or more action sheets (FA) of the health contract, takes place in a commune (and maybe a
// QPV), may have a capacity per occurrence, and mobilises a number of health professionals.

import Foundation

/// What an event is about, as the contract's indicators group them.
public enum EventCategory: String, Sendable, Equatable, Hashable, Codable, CaseIterable, Comparable {
    case screening
    case vaccination
    case tobacco
    case violence
    case transport
    case awareness

    /// Reads a category code, in English or in French ("dépistage", "tabac"...); nil for other words.
    public init?(word: String) {
        let key = Territory.slug(word)
        let french: [String: EventCategory] = [
            "depistage": .screening, "vaccination": .vaccination, "tabac": .tobacco,
            "violences": .violence, "violence": .violence, "transport": .transport,
            "sensibilisation": .awareness, "prevention": .awareness,
        ]
        if let category = EventCategory(rawValue: key) ?? french[key] { self = category } else { return nil }
    }

    public static func < (lhs: EventCategory, rhs: EventCategory) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A campaign: one calendar file.
public struct Campaign: Sendable, Equatable {
    /// Lower-case letters, digits and hyphens, e.g. `mars-bleu-2027`.
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    /// True for a well-formed campaign id.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && !id.hasPrefix("-")
            && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// An event of a campaign, validated, with its occurrences.
public struct CampaignEvent: Sendable, Equatable {
    public var uid: String
    public var summary: String
    public var description: String?
    public var location: String?
    /// The Relais categories among CATEGORIES.
    public var categories: [EventCategory]
    /// CATEGORIES words that are not Relais categories, kept for display and export.
    public var labels: [String]
    /// Slug of the commune where it takes place; nil outside the territory (e.g. a hospital in another town).
    public var commune: String?
    /// Slug of the QPV where it takes place, if any.
    public var neighbourhood: String?
    /// Places per occurrence; nil when unlimited.
    public var capacity: Int?
    /// Health professionals mobilised per occurrence.
    public var professionals: Int
    /// The contract's action sheets (FA numbers) the event counts for, ascending.
    public var actionSheets: [Int]
    /// The target public, as the planner wrote it.
    public var audience: String?
    public var status: EventStatus
    public var sequence: Int
    public var timeZone: String
    public var allDay: Bool
    public var alarms: [CalendarAlarm]
    public var occurrences: [CalendarOccurrence]
    /// Why the recurrence goes on beyond `occurrences`, when it does.
    public var truncation: OccurrenceTruncation.Cause? = nil
    /// What reminders tell residents beyond the date and place (X-RELAIS-NOTE, X-RELAIS-CONTACT).
    public var practical = PracticalWords()

    public init(
        uid: String, summary: String, description: String?, location: String?, categories: [EventCategory],
        labels: [String], commune: String?, neighbourhood: String?, capacity: Int?, professionals: Int,
        actionSheets: [Int], audience: String?, status: EventStatus, sequence: Int, timeZone: String,
        allDay: Bool, alarms: [CalendarAlarm], occurrences: [CalendarOccurrence]
    ) {
        self.uid = uid
        self.summary = summary
        self.description = description
        self.location = location
        self.categories = categories
        self.labels = labels
        self.commune = commune
        self.neighbourhood = neighbourhood
        self.capacity = capacity
        self.professionals = professionals
        self.actionSheets = actionSheets
        self.audience = audience
        self.status = status
        self.sequence = sequence
        self.timeZone = timeZone
        self.allDay = allDay
        self.alarms = alarms
        self.occurrences = occurrences
    }
}

/// A campaign calendar judged good: the campaign and all its events.
public struct CampaignCalendarContent: Sendable, Equatable {
    public var campaign: Campaign
    public var events: [CampaignEvent]
    /// The action sheets and categories given outside the file (CalendarDefaults), kept with the
    /// campaign so that the next load of the same file, by the daemon or the desk, applies them too.
    public var defaults = CalendarDefaults()

    public init(campaign: Campaign, events: [CampaignEvent]) {
        self.campaign = campaign
        self.events = events
    }
}
