// CalendarFeed: a campaign calendar that Relais fetches from the address a planner's own calendar
// application publishes (Google Calendar's "secret address in iCal format", Outlook's "publish a
// calendar", Nextcloud's public link), instead of a file copied into the calendars folder.
//
// One `feed = ...` line of relais.conf's [calendars] section per feed:
//
//     feed = https://calendar.example.org/mars-bleu.ics campaign=mars-bleu-2027 fa=7 category=screening
//
// The address comes first; the words after it are the campaign's defaults, used for what the
// calendar itself does not say (a calendar application cannot write X-RELAIS-CAMPAIGN,
// X-RELAIS-FA or a Relais category): `campaign=` is X-RELAIS-CAMPAIGN, `fa=` X-RELAIS-FA and
// `category=` the Relais category of every event that names none. What the calendar says wins.
//
// Addresses: `https://`, and `webcal://` (what calendar applications hand out for subscriptions),
// read as https. Plain `http://` only on loopback (127.0.0.0/8, ::1, localhost): that is for tests
// and a proxy on the same machine; across a network a calendar travels encrypted or not at all.
// No user or password in the address: it would show in `relais status`; publish the calendar with
// a secret link instead. A redirect's target is checked against the same rules and, from an address
// that is not loopback, must not lead to loopback, private or link-local IP literals
// (FeedAddress.following, FeedAddress+Internal).

import Foundation

/// A feed's address, checked and normalised (`webcal://` read as `https://`, no fragment).
public struct FeedAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address fetched, `https://...` or a loopback `http://...`.
    public let url: String
    /// The host, lower-case, without brackets.
    public let host: String

    /// Whether `text` is meant as an address rather than a file name (`https://`, `http://` or `webcal://`).
    public static func looksLikeAddress(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["https://", "http://", "webcal://"].contains { lower.hasPrefix($0) }
    }

    /// Reads an address; refuses, naming the field `feed`, what Relais will not fetch.
    public init(parsing text: String) throws(FieldError) {
        guard var components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let host = components.host?.lowercased(), !host.isEmpty
        else {
            throw FieldError(field: "feed", reason: "\"\(text)\" is not an address such as https://example.org/calendar.ics")
        }
        guard components.user == nil && components.password == nil else {
            throw FieldError(
                field: "feed", reason: "a user or password in the address is not accepted (it would show in relais status)")
        }
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        switch scheme {
        case "https": break
        case "webcal", "webcals": components.scheme = "https"
        case "http":
            guard Self.isLoopback(bare) else {
                throw FieldError(
                    field: "feed", reason: "plain http:// is accepted on loopback only (tests); use https:// for \(bare)")
            }
        default:
            throw FieldError(field: "feed", reason: "\(scheme):// is not fetched: give an https:// or webcal:// address")
        }
        components.fragment = nil
        if components.path.isEmpty { components.path = "/" }
        guard let url = components.string else {
            throw FieldError(field: "feed", reason: "\"\(text)\" is not an address such as https://example.org/calendar.ics")
        }
        self.url = url
        self.host = bare
    }

    /// The address a redirect's `Location` leads to (relative to this one), under the same rules;
    /// from an address that is not loopback, never to this machine or a private or link-local
    /// network (`isInternal`): a public server must not make Relais call the services beside it.
    public func following(_ location: String) throws(FieldError) -> FeedAddress {
        guard let base = URL(string: url), let target = URL(string: location, relativeTo: base)?.absoluteString else {
            throw FieldError(field: "feed", reason: "redirected to \"\(location)\", which is not an address")
        }
        let next: FeedAddress
        do { next = try FeedAddress(parsing: target) } catch {
            throw FieldError(field: "feed", reason: "redirected to \(target): \(error.reason)")
        }
        guard Self.isLoopback(host) || !Self.isInternal(next.host) else {
            throw FieldError(
                field: "feed",
                reason: "\(host) redirected to \(next.host), a loopback, private or link-local address: not followed")
        }
        return next
    }

    /// How logs name the feed: `displayName` (a feed's path or query often holds its secret).
    public var logName: String { displayName }

    public var description: String { url }

    /// Whether `host` is this machine: `localhost`, `::1` or 127.0.0.0/8 written as four numbers.
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}

/// One feed of `[calendars]`: its address and its campaign's defaults.
public struct CalendarFeed: Sendable, Equatable {
    public var address: FeedAddress
    public var defaults: CalendarDefaults

    public init(address: FeedAddress, defaults: CalendarDefaults = CalendarDefaults()) {
        self.address = address
        self.defaults = defaults
    }

    /// Reads `URL [campaign=ID] [fa=7,12] [category=screening]`.
    public init(parsing line: String) throws(FieldError) {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first else {
            throw FieldError(
                field: "feed", reason: "give the address, e.g. feed = https://example.org/calendar.ics campaign=mars-bleu-2027")
        }
        address = try FeedAddress(parsing: first)
        defaults = CalendarDefaults()
        var seen: Set<String> = []
        for word in words.dropFirst() {
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else {
                throw FieldError(field: "feed", reason: "\"\(word)\" is not key=value (campaign=, fa=, category=)")
            }
            let key = String(word[..<equals])
            guard seen.insert(key).inserted else { throw FieldError(field: key, reason: "is given twice") }
            guard CalendarDefaults.keys.contains(key) else {
                throw FieldError(field: key, reason: "unknown setting of a feed (known: campaign=, fa=, category=)")
            }
            do { try defaults.set(key, String(word[word.index(after: equals)...])) } catch {
                throw FieldError(field: key, reason: "\(key)=: \(error.reason)")
            }
        }
    }

    /// How the feed is named where its address must not go (logs, the problems of a refusal):
    /// `feed <campaign> (<displayName>)`, or `feed <displayName>`.
    public var name: String {
        defaults.campaign.map { "feed \($0) (\(address.displayName))" } ?? "feed \(address.displayName)"
    }
}
