// LinkPages: the pages the links in messages open on `relais serve` (LinkPurpose.swift), with no
// sign-in: the token in the path is the only key, so it is also what stops a forged form (a site
// that does not know the token cannot post to it).
//
//   GET  /u/<token>   the first name and two buttons: stop e-mails, stop e-mails and SMS
//   POST /u/<token>   `List-Unsubscribe=One-Click` (RFC 8058, what mailbox providers post) withdraws
//                     e-mail consent at once, source "lien de désabonnement", as STOP does for SMS;
//                     `also=sms` withdraws SMS consent too; 200
//   GET  /r/<token>   the first name, the event (title, date, place) and a button to cancel
//   POST /r/<token>   cancels the registration as the desk does (the place frees, the waitlist
//                     moves, reminders cancelled), or the shuttle booking under its deadline rules
//
// A GET changes nothing (mail scanners follow links). An unknown, malformed or expired token is a
// bare 404 and counts against the client address (LinkGuesses); past the limit every answer is 429
// with Retry-After, before any lookup. Tokens are looked up by their SHA-256 in an index, so there
// is no comparison of secrets whose timing could leak. Logs name no person, token or address.
// Pages are French, or English with `?lang=en` or an English Accept-Language.

import Foundation
import RelaisAuth
import RelaisCore
import RelaisStore

/// The pages behind the links in messages.
public struct LinkPages: Sendable {
    /// Writes a log line: a fixed message and metadata without personal data.
    public typealias Logger = @Sendable (_ message: StaticString, _ metadata: [String: String]) -> Void

    let pool: StorePool
    let localTime: LocalTime
    let clock: @Sendable () -> Date
    /// The rules and context the desk cancels with (outreach rules, shuttle deadlines), at a time.
    let makeContext: @Sendable (_ now: Date) -> ShuttleContext
    let guesses: LinkGuesses
    let log: Logger

    /// Pages on the database behind `pool`, refusing more than `guesses`' throttle allows from one
    /// address (`relais serve` keeps one `guesses` across reloads).
    public init(
        pool: StorePool, localTime: LocalTime, clock: @escaping @Sendable () -> Date = Date.init,
        guesses: LinkGuesses = LinkGuesses(), context: @escaping @Sendable (_ now: Date) -> ShuttleContext,
        log: @escaping Logger
    ) {
        self.pool = pool
        self.localTime = localTime
        self.clock = clock
        self.makeContext = context
        self.guesses = guesses
        self.log = log
    }

    /// Adds `/u` and `/r` to `router`.
    public func install(in router: inout Router) {
        for purpose in LinkPurpose.allCases {
            router.add(["GET", "POST"], prefix: "/" + purpose.pathSegment) { request in respond(to: request, purpose: purpose) }
        }
    }

    /// The answer to a request under `/u` or `/r`.
    func respond(to request: Request, purpose: LinkPurpose) -> Response {
        let now = clock()
        let address = LinkGuesses.address(of: request)
        if let wait = guesses.retryAfter(address, now: now) {
            var answer = Response.plain(429)
            answer.headers.append(("Retry-After", String(wait)))
            return answer
        }
        let segments = request.pathSegments
        guard segments.count == 2, LinkPurpose.isWellFormed(segments[1]) else {
            guesses.countWrong(address, now: now)
            return .plain(404)
        }
        let digest = LinkToken.digest(String(segments[1]))
        do {
            guard let holder = try pool.withStore({ try $0.linkHolder(digest: digest, purpose: purpose, now: now) }) else {
                guesses.countWrong(address, now: now)
                log("link with an unknown or expired token", ["link.purpose": purpose.rawValue])
                return .plain(404)
            }
            let page = LinkPage(wording: LinkWording(Self.language(of: request)), localTime: localTime, holder: holder)
            switch (purpose, request.method) {
            case (.unsubscribe, "POST"): return try unsubscribe(request, digest: digest, page: page, now: now)
            case (.registration, "POST"):
                guard Self.fields(of: request)["cancel"] == "yes" else { return page.registration(status: 400) }
                return try cancel(holder, page: page, now: now)
            case (.unsubscribe, _): return page.unsubscribeForm()
            case (.registration, _): return page.registration()
            }
        } catch {
            log("link page failed", ["link.purpose": purpose.rawValue, "error": Redaction.scrub("\(error)")])
            return .plain(503)
        }
    }

    // MARK: - Actions

    private func unsubscribe(_ request: Request, digest: String, page: LinkPage, now: Date) throws -> Response {
        let fields = Self.fields(of: request)
        guard fields["List-Unsubscribe"] == "One-Click" else { return page.unsubscribeForm(status: 400) }
        let alsoSMS = fields["also"] == "sms"
        let summaries = try pool.withStore { try $0.unsubscribe(digest: digest, alsoSMS: alsoSMS, now: now) } ?? [:]
        log(
            "unsubscribed by link",
            [
                "channels": summaries.keys.map(\.rawValue).sorted().joined(separator: ","),
                "outbox.cancelled": String(summaries.values.reduce(0) { $0 + $1.messagesCancelled }),
            ])
        return page.unsubscribed(alsoSMS: alsoSMS)
    }

    private func cancel(_ holder: LinkHolder, page: LinkPage, now: Date) throws -> Response {
        let context = makeContext(now)
        do {
            if let registration = holder.registration {
                let rules = RegistrationContext(
                    actor: "link", commune: nil, rules: context.outreach, now: now, calendar: localTime.calendar)
                let done = try pool.withStore { try $0.cancelRegistration(registration, reason: "cancelled by link", context: rules) }
                log("registration cancelled by link", ["promoted": String(done.promoted.count)])
            } else if let booking = holder.booking {
                var shuttle = context
                shuttle.actor = "link"
                let done = try pool.withStore {
                    try $0.cancelShuttleBooking(booking, scope: .coordinator, reason: "cancelled by link", context: shuttle)
                }
                log("booking cancelled by link", ["late": String(done.late), "promoted": String(done.promoted)])
                return page.cancelled(late: done.late)
            }
        } catch let refusal as Refusal {
            return page.refused(refusal, status: DeskAPI.answer(to: refusal, localTime: localTime).0)
        }
        return page.cancelled(late: false)
    }

    /// A POST's fields: RFC 8058 §3.1 says the one-click POST "SHOULD be sent as multipart/form-data
    /// and MAY be sent as application/x-www-form-urlencoded"; the page's own forms send the latter.
    static func fields(of request: Request) -> [String: String] {
        let type = request.headers["content-type"]
        if let multipart = MultipartForm.parse(request.body, contentType: type), MultipartForm.boundary(contentType: type) != nil {
            var fields: [String: String] = [:]
            for part in multipart.parts where fields[part.name] == nil { fields[part.name] = multipart.text(part.name) }
            return fields
        }
        return FormFields.urlencoded(request.body)?.values ?? [:]
    }

    /// English for `?lang=en` or an Accept-Language whose first tag is English; French otherwise.
    static func language(of request: Request) -> Language {
        if let asked = request.query["lang"] { return asked == "en" ? .english : .french }
        let first = (request.headers["accept-language"] ?? "").split(separator: ",").first ?? ""
        return first.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("en") ? .english : .french
    }
}
