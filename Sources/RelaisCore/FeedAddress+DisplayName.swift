// FeedAddress+DisplayName: how a feed is shown to people and in logs (the desk, relais status,
// relais doctor, the daemon's log) without its secret. A published calendar's address is its key:
// Google's "secret address" holds a private token in its path, Nextcloud's public link ends in one,
// others put it in the query. So a feed is shown as its host (with its port), then the last segment
// of its path only when that looks like a file name someone chose, never its query:
//
//     https://calendar.example.org/campagnes/mars-bleu-2027.ics   calendar.example.org/.../mars-bleu-2027.ics
//     https://cloud.example.org/remote.php/dav/public-calendars/Xk3p9QaZ7mWb2LrT?export   cloud.example.org
//
// A segment looks like a file name when it ends in `.ics`, its name before that has at most 40
// characters, at most 4 digits (a year) and no run of 16 letters and digits without a `-`, `_`,
// `.` or space (the shape of a token). Anything else shows the host alone.

import Foundation

extension FeedAddress {
    /// The feed as people and logs see it: host (and port), and the last path segment when it
    /// looks like a file name, never a token nor the query.
    public var displayName: String {
        let components = URLComponents(string: url)
        var shown = host.contains(":") ? "[\(host)]" : host
        if let port = components?.port { shown += ":\(port)" }
        let segments = (components?.path ?? "").split(separator: "/").map(String.init)
        guard let last = segments.last, Self.looksLikeFileName(last) else { return shown }
        return shown + (segments.count > 1 ? "/.../" : "/") + last
    }

    /// A campaign's source as shown outside the configuration: a feed's `displayName`, or a file's
    /// path as it is.
    public static func shownSource(_ source: String) -> String {
        guard looksLikeAddress(source) else { return source }
        return (try? FeedAddress(parsing: source))?.displayName ?? "an address"
    }

    static func looksLikeFileName(_ segment: String) -> Bool {
        guard segment.lowercased().hasSuffix(".ics") else { return false }
        let stem = segment.dropLast(4)
        guard !stem.isEmpty, stem.count <= 40, stem.filter(\.isNumber).count <= 4 else { return false }
        var run = 0
        for character in stem {
            run = character.isLetter || character.isNumber ? run + 1 : 0
            if run >= 16 { return false }
        }
        return true
    }
}
