// CampaignCalendar: judges a CalendarDocument against what Relais needs of a campaign calendar.
//
// The properties Relais reads beyond RFC 5545 (documented in README.md, "The calendar format"):
//
//   on VCALENDAR  X-RELAIS-CAMPAIGN  campaign id (required)     X-WR-CALNAME  campaign name
//                 X-RELAIS-FA        default action sheets, e.g. "7" or "7,12"
//                 X-RELAIS-CONTACT   whom residents call, for events that name none
//   on VEVENT     X-RELAIS-FA, X-RELAIS-COMMUNE, X-RELAIS-QPV, X-RELAIS-CAPACITY,
//                 X-RELAIS-PROFESSIONALS, X-RELAIS-AUDIENCE, X-RELAIS-NOTE, X-RELAIS-CONTACT
//                 (CampaignCalendar+Practical.swift), and the shuttle's (ShuttleCalendarProperties):
//                 X-RELAIS-STOPS, X-RELAIS-VEHICLE, X-RELAIS-ARRIVAL, X-RELAIS-RETURN,
//                 X-RELAIS-DESTINATION, X-RELAIS-CCAS-QUOTA
//
// What the calendar does not say (campaign, action sheets, categories) comes from CalendarDefaults:
// the command's options, a sidecar FILE.relais, or the campaign already loaded from the file. An
// event without X-RELAIS-COMMUNE is in the commune its LOCATION names, when it names exactly one.
//
// An unknown X-RELAIS-* property is refused rather than ignored: it is almost always a typo, and
// a silently ignored capacity is a overbooked room. Every problem is gathered (the calendar's,
// then each event's first), so that a planner fixes the file in one pass.

import Foundation

public enum CampaignCalendar {
    /// The X-RELAIS-* properties a VEVENT may carry.
    public static let eventProperties: Set<String> =
        ([
            "X-RELAIS-FA", "X-RELAIS-COMMUNE", "X-RELAIS-QPV", "X-RELAIS-CAPACITY",
            "X-RELAIS-PROFESSIONALS", "X-RELAIS-AUDIENCE",
        ] as Set<String>).union(ShuttleCalendarProperties.names).union(practicalEventProperties)
    /// The X-RELAIS-* properties a VCALENDAR may carry.
    public static let calendarProperties: Set<String> = ["X-RELAIS-CAMPAIGN", "X-RELAIS-FA", "X-RELAIS-CONTACT"]

    /// Checks the document and returns the campaign it describes; throws every problem found.
    public static func judge(
        _ document: CalendarDocument, fileName: String, territory: Territory, defaults: CalendarDefaults = CalendarDefaults()
    ) throws(CalendarValidationError) -> CampaignCalendarContent {
        let judgement = judgeAll(document, fileName: fileName, territory: territory, defaults: defaults)
        guard judgement.problems.isEmpty, let content = judgement.content else {
            throw CalendarValidationError(judgement.problems)
        }
        return content
    }

    /// Checks the document, going on after a problem: the calendar's own properties, then every
    /// event on its own (its first problem). `content` holds the events without a problem; it is
    /// nil when neither the calendar nor `defaults` names a valid campaign.
    public static func judgeAll(
        _ document: CalendarDocument, fileName: String, territory: Territory, defaults: CalendarDefaults = CalendarDefaults()
    ) -> (content: CampaignCalendarContent?, problems: [FileError]) {
        var problems: [FileError] = []
        func refuse(_ line: Int, _ reason: String) { problems.append(FileError(fileName: fileName, line: line, reason: reason)) }
        for key in document.properties.keys.sorted() where key.hasPrefix("X-RELAIS-") && !calendarProperties.contains(key) {
            refuse(0, "unknown calendar property \(key) (known: \(calendarProperties.sorted().joined(separator: ", ")))")
        }
        var campaign: Campaign?
        let named = document.properties["X-RELAIS-CAMPAIGN"]?.trimmingCharacters(in: .whitespaces)
        if let id = named.flatMap({ $0.isEmpty ? nil : $0 }) ?? defaults.campaign {
            if Campaign.isValidID(id) {
                let name = document.properties["X-WR-CALNAME"]?.trimmingCharacters(in: .whitespaces)
                campaign = Campaign(id: id, name: name.flatMap { $0.isEmpty ? nil : $0 } ?? id)
            } else {
                refuse(0, "X-RELAIS-CAMPAIGN \"\(id)\" must be lower-case letters, digits and hyphens")
            }
        } else {
            refuse(
                0,
                "the calendar does not say which campaign it is: give it with --campaign ID, with campaign = ID in \(fileName).relais, "
                    + "or as X-RELAIS-CAMPAIGN:ID in the file")
        }
        // A malformed default is said once; the events that would use it are then not also said to lack one.
        var defaultSheets: [Int]?
        if let text = document.properties["X-RELAIS-FA"], !text.trimmingCharacters(in: .whitespaces).isEmpty {
            do { defaultSheets = try actionSheets(text) } catch { refuse(0, "X-RELAIS-FA: \(error.reason)") }
        } else {
            defaultSheets = defaults.actionSheets ?? []
        }
        var calendarContact: String?
        do {
            calendarContact = try practicalText(document.properties["X-RELAIS-CONTACT"], field: "X-RELAIS-CONTACT", limit: contactLimit)
        } catch { refuse(0, "X-RELAIS-CONTACT: \(error.reason)") }
        var seen: Set<String> = []
        var events: [CampaignEvent] = []
        for event in document.events {
            guard seen.insert(event.uid).inserted else {
                refuse(event.line, "UID \(event.uid) appears twice")
                continue
            }
            do {
                var judged = try judge(event, defaultSheets: defaultSheets, defaultCategories: defaults.categories, territory: territory)
                judged.practical.contact = judged.practical.contact ?? calendarContact
                events.append(judged)
            } catch {
                refuse(event.line, "event \(event.uid): \(error.description)")
            }
        }
        let content = campaign.map { campaign in
            var content = CampaignCalendarContent(campaign: campaign, events: events)
            content.defaults = CalendarDefaults(actionSheets: defaults.actionSheets, categories: defaults.categories)
            return content
        }
        return (content, FileProblems.ordered(problems))
    }

    private static func judge(
        _ event: CalendarEvent, defaultSheets: [Int]?, defaultCategories: [EventCategory], territory: Territory
    ) throws(FieldError) -> CampaignEvent {
        for key in event.extensions.keys where !eventProperties.contains(key) {
            throw FieldError(field: key, reason: "unknown property (known: \(eventProperties.sorted().joined(separator: ", ")))")
        }
        let properties = event.extensions.mapValues { $0.trimmingCharacters(in: .whitespaces) }
        try ShuttleCalendarProperties.check(properties, territory: territory)
        var sheets = defaultSheets ?? []
        if let text = properties["X-RELAIS-FA"] {
            do { sheets = try actionSheets(text) } catch { throw FieldError(field: "X-RELAIS-FA", reason: error.reason) }
        }
        guard !sheets.isEmpty || defaultSheets == nil else {
            throw FieldError(
                field: "X-RELAIS-FA",
                reason: "no action sheet: give them with --fa 7,12, with fa = 7,12 in the .relais file, or as X-RELAIS-FA in the file")
        }
        var commune: Commune?
        if let text = properties["X-RELAIS-COMMUNE"], !text.isEmpty {
            guard let found = territory.commune(named: text) else {
                throw FieldError(field: "X-RELAIS-COMMUNE", reason: "\"\(text)\" is not a commune of \(territory.name)")
            }
            commune = found
        }
        let namesQPV = !(properties["X-RELAIS-QPV"] ?? "").isEmpty
        if commune == nil, !namesQPV, properties["X-RELAIS-COMMUNE"] == nil, let location = event.location {
            commune = territory.commune(mentionedIn: location)
        }
        var neighbourhood: PriorityNeighbourhood?
        if let text = properties["X-RELAIS-QPV"], !text.isEmpty {
            guard let found = territory.neighbourhood(named: text) else {
                let known = territory.neighbourhoods.map(\.name).joined(separator: ", ")
                throw FieldError(field: "X-RELAIS-QPV", reason: "\"\(text)\" is not a QPV of the territory (\(known))")
            }
            if let commune, commune.code != territory.communeCode(of: found) {
                throw FieldError(field: "X-RELAIS-QPV", reason: "\(found.name) is not in \(commune.name)")
            }
            neighbourhood = found
            if commune == nil { commune = territory.communeCode(of: found).flatMap { territory.commune(code: $0) } }
        }
        let capacity = try count(properties["X-RELAIS-CAPACITY"], field: "X-RELAIS-CAPACITY", minimum: 1)
        let professionals = try count(properties["X-RELAIS-PROFESSIONALS"], field: "X-RELAIS-PROFESSIONALS", minimum: 0) ?? 0
        var categories = Set(event.categories.compactMap(EventCategory.init(word:))).sorted()
        if categories.isEmpty { categories = defaultCategories }
        guard !categories.isEmpty else {
            let known = EventCategory.allCases.map(\.rawValue).joined(separator: ", ")
            throw FieldError(
                field: "CATEGORIES",
                reason: "no Relais category (\(known)): give one with --category, with category = in the .relais file, or in CATEGORIES")
        }
        let summary = event.summary.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !summary.isEmpty else { throw FieldError(field: "SUMMARY", reason: "is empty") }
        var judged = CampaignEvent(
            uid: event.uid, summary: summary, description: event.description, location: event.location,
            categories: categories, labels: event.categories.filter { EventCategory(word: $0) == nil },
            commune: commune?.code, neighbourhood: neighbourhood?.slug, capacity: capacity,
            professionals: professionals, actionSheets: sheets,
            audience: properties["X-RELAIS-AUDIENCE"].flatMap { $0.isEmpty ? nil : $0 },
            status: event.status, sequence: event.sequence, timeZone: event.timeZone, allDay: event.allDay,
            alarms: event.alarms, occurrences: event.occurrences)
        judged.truncation = event.truncation
        judged.practical = try practicalWords(properties, description: event.description)
        return judged
    }

    /// Reads "7", "7,12" or "FA 7, FA 12" into sorted action-sheet numbers.
    static func actionSheets(_ text: String) throws(FieldError) -> [Int] {
        var sheets: Set<Int> = []
        for part in text.split(separator: ",") {
            var word = part.trimmingCharacters(in: .whitespaces).uppercased()
            if word.hasPrefix("FA") { word = String(word.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
            guard let number = Int(word), (1...99).contains(number) else {
                throw FieldError(field: "X-RELAIS-FA", reason: "\"\(part)\" is not an action-sheet number")
            }
            sheets.insert(number)
        }
        return sheets.sorted()
    }

    private static func count(_ text: String?, field: String, minimum: Int) throws(FieldError) -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard let value = Int(text), value >= minimum, value <= 100_000 else {
            throw FieldError(field: field, reason: "\"\(text)\" is not a whole number from \(minimum) to 100000")
        }
        return value
    }
}
