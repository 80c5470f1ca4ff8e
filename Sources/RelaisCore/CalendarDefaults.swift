// CalendarDefaults: what a campaign calendar does not say about itself, and where else it is said.
//
// No calendar application can write X-RELAIS-CAMPAIGN, X-RELAIS-FA or a Relais category, so a file
// exported from Google, Outlook, Thunderbird, Nextcloud or Apple lacks them. They come, in this
// order, from:
//   1. the calendar itself (its X-RELAIS-* properties and CATEGORIES always win);
//   2. the command: `relais campaigns load FILE --campaign ID --fa 7,12 --category screening`;
//   3. a sidecar `FILE.relais` kept beside the .ics (`campaign = ID`, `fa = 7,12`,
//      `category = screening`; the syntax of relais.conf, without sections);
//   4. the campaign already loaded from the same file (its id, and the defaults it was loaded with).
// CampaignCalendar.judgeAll applies them; CalendarLoader gathers them for the command line, the
// daemon's folder and the desk's upload alike.

import Foundation

/// Defaults for what a calendar does not say.
public struct CalendarDefaults: Sendable, Equatable {
    /// The campaign id, when the VCALENDAR has no X-RELAIS-CAMPAIGN.
    public var campaign: String?
    /// The action sheets of events that give none, when the VCALENDAR has no X-RELAIS-FA.
    public var actionSheets: [Int]?
    /// The categories of events whose CATEGORIES name no Relais category.
    public var categories: [EventCategory]

    public init(campaign: String? = nil, actionSheets: [Int]? = nil, categories: [EventCategory] = []) {
        self.campaign = campaign
        self.actionSheets = actionSheets
        self.categories = categories
    }

    /// True when nothing is given.
    public var isEmpty: Bool { campaign == nil && actionSheets == nil && categories.isEmpty }

    /// These defaults, with what they leave unsaid taken from `other`.
    public func filling(from other: CalendarDefaults) -> CalendarDefaults {
        CalendarDefaults(
            campaign: campaign ?? other.campaign, actionSheets: actionSheets ?? other.actionSheets,
            categories: categories.isEmpty ? other.categories : categories)
    }

    /// The three names, as the command's options and the sidecar's keys say them.
    public static let keys = ["campaign", "fa", "category"]

    /// Sets `key` (one of `keys`) from `value`; throws naming the key.
    public mutating func set(_ key: String, _ value: String) throws(FieldError) {
        let text = value.trimmingSpacesAndTabs()
        switch key {
        case "campaign":
            guard Campaign.isValidID(text) else {
                throw FieldError(field: key, reason: "\"\(text)\" must be lower-case letters, digits and hyphens, e.g. mars-bleu-2027")
            }
            campaign = text
        case "fa":
            guard !text.isEmpty else { throw FieldError(field: key, reason: "is empty") }
            do { actionSheets = try CampaignCalendar.actionSheets(text) } catch {
                throw FieldError(field: key, reason: error.reason)
            }
        case "category":
            var found: [EventCategory] = []
            for word in text.split(separator: ",") {
                guard let category = EventCategory(word: String(word)) else {
                    let known = EventCategory.allCases.map(\.rawValue).joined(separator: ", ")
                    throw FieldError(field: key, reason: "\"\(word.trimmingSpacesAndTabs())\" is not a category (known: \(known))")
                }
                if !found.contains(category) { found.append(category) }
            }
            guard !found.isEmpty else { throw FieldError(field: key, reason: "is empty") }
            categories = found.sorted()
        default:
            throw FieldError(field: key, reason: "unknown (known: \(Self.keys.joined(separator: ", ")))")
        }
    }

    /// Reads a sidecar file: `key = value` lines (`campaign`, `fa`, `category`), `#` or `;` comments.
    /// Every problem is returned with its line, beside what could be read.
    public static func sidecar(_ text: String, fileName: String) -> (defaults: CalendarDefaults, problems: [FileError]) {
        var defaults = CalendarDefaults()
        var problems: [FileError] = []
        // Lines end with LF or CRLF ("\r\n" is one Character in Swift, hence isNewline).
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingSpacesAndTabs()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                problems.append(FileError(fileName: fileName, line: index + 1, reason: "expected key = value (campaign, fa or category)"))
                continue
            }
            let key = line[..<equals].trimmingSpacesAndTabs().lowercased()
            do { try defaults.set(key, String(line[line.index(after: equals)...])) } catch {
                problems.append(FileError(fileName: fileName, line: index + 1, reason: "\(error.field): \(error.reason)"))
            }
        }
        return (defaults, problems)
    }

    /// The sidecar text that says these defaults (for the record of a campaign's defaults).
    public var sidecarText: String {
        var lines: [String] = []
        if let campaign { lines.append("campaign = \(campaign)") }
        if let actionSheets { lines.append("fa = \(actionSheets.map(String.init).joined(separator: ","))") }
        if !categories.isEmpty { lines.append("category = \(categories.map(\.rawValue).joined(separator: ","))") }
        return lines.joined(separator: "\n")
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpacesAndTabs() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
