// LinkPurpose: the links a message carries to pages of `relais serve` (`[web] public_url`), and the
// rule that keeps strangers from guessing them.
//
// A link is `<public_url>/u/<token>` (unsubscribe, RFC 8058 one-click) or `<public_url>/r/<token>`
// (the person's registration or shuttle booking, which they may cancel). A token is 12 random bytes
// written in URL-safe base64: 16 characters, 96 bits, short enough for an SMS. Each token serves one
// purpose; the database keeps only its SHA-256, so a copy of the database opens no page; a
// registration token expires when its event ends, an unsubscribe token never does. No URL carries a
// name, a number or an address.
//
// Why 96 bits is enough: a client address may try `LinkGuessThrottle.wrongTokens` (30) wrong
// tokens per 10 minutes, 4 320 a day. With a million live tokens, one guess finds one with
// probability 10^6 / 2^96 ≈ 1.3 × 10^-23; a botnet of a million addresses guessing for a year
// (1.6 × 10^12 guesses) finds one with probability about 2 × 10^-11.

import Foundation

/// What a link in a message lets its holder do.
public enum LinkPurpose: String, Sendable, Equatable, CaseIterable {
    /// Stop receiving e-mail (and, with a second button, SMS): `/u/<token>`.
    case unsubscribe
    /// See and cancel one registration or shuttle booking: `/r/<token>`.
    case registration

    /// The path's first segment: `u` or `r`.
    public var pathSegment: String { self == .unsubscribe ? "u" : "r" }

    /// The purpose whose links start with `/<segment>/`.
    public init?(pathSegment: Substring) {
        switch pathSegment {
        case "u": self = .unsubscribe
        case "r": self = .registration
        default: return nil
        }
    }

    /// The link to `token` under `publicURL` (no trailing slash needed).
    public func url(publicURL: String, token: String) -> String {
        let base = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        return "\(base)/\(pathSegment)/\(token)"
    }

    /// The length of a token in characters (12 bytes in URL-safe base64, unpadded).
    public static let tokenLength = 16

    /// True for text shaped like a token (16 URL-safe base64 characters), before any lookup.
    public static func isWellFormed(_ token: Substring) -> Bool {
        token.utf8.count == tokenLength
            && token.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || $0 == 45 || $0 == 95 }
    }
}

/// How many wrong tokens one client address may try on `/u/` and `/r/` before it must wait.
///
/// The SignInThrottle locks an account; a link has no account to lock, so the count is per client
/// address, in a fixed window: the first wrong token opens a window of `windowSeconds`; past
/// `wrongTokens` wrong tokens in it, every request from that address (right token or not) is
/// answered 429 until the window closes. A right token does not clear the count: a guesser holding
/// one real token must not be able to reset their window with it.
public struct LinkGuessThrottle: Sendable, Equatable {
    public var wrongTokens = 30
    public var windowSeconds = 10 * 60

    public init() {}

    /// One address's count.
    public struct Window: Sendable, Equatable {
        public var opened: Date
        public var wrong: Int

        public init(opened: Date, wrong: Int) {
            self.opened = opened
            self.wrong = wrong
        }
    }

    /// The window after one more wrong token at `now`.
    public func counting(_ window: Window?, now: Date) -> Window {
        guard let window, !isOver(window, now: now) else { return Window(opened: now, wrong: 1) }
        return Window(opened: window.opened, wrong: window.wrong + 1)
    }

    /// The seconds to wait before trying again, or nil when the address may try now.
    public func retryAfter(_ window: Window?, now: Date) -> Int? {
        guard let window, !isOver(window, now: now), window.wrong >= wrongTokens else { return nil }
        return max(1, Int((window.opened.addingTimeInterval(TimeInterval(windowSeconds)).timeIntervalSince(now)).rounded(.up)))
    }

    /// True when the window has closed at `now`.
    public func isOver(_ window: Window, now: Date) -> Bool {
        now.timeIntervalSince(window.opened) >= TimeInterval(windowSeconds)
    }
}
