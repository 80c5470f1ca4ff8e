// The API's whole answers kept per connection (DeskAPI+CachedReads) on a real database file, with
// a clock the test moves: a run read again is the same answer; it is given only within the
// token's session (after its end, 401, though nothing was committed); answers that failed are not
// kept; and each token gets its own. Also the pieces on the way: the bearer header read as RFC
// 6750 writes it, a path with an empty segment, and a read kept inside a kept read using the
// connection the outer one holds.

import Foundation
import RelaisAuth
import RelaisCore
import RelaisStore
import Testing

@testable import RelaisWeb

/// A clock a test moves by hand.
final class MovingClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now: Date

    init(_ start: Date) { now = start }

    func read() -> Date { lock.withLock { now } }
    func advance(hours: Double) { lock.withLock { now.addTimeInterval(hours * 3600) } }
}

/// A database with one run on Tuesday 30 March 2027 and two CCAS accounts (Gex, Cessy), served by
/// a DeskAPI on a moving clock, with sessions of one hour.
struct KeptAnswerSite {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("relais-kept-\(UUID().uuidString)")
    let clock = MovingClock(LocalTime.paris.parse("2027-03-01T10:00")!)
    let api: DeskAPI
    let run: Int64
    static let password = "kept answers 123"

    init() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("relais.sqlite").path
        let store = try Store.open(path: path, territory: .paysDeGex)
        let context = ShuttleContext(
            settings: ShuttleSettings(), outreach: OutreachRules(), now: clock.read(), localTime: .paris, territory: .paysDeGex)
        let stops = try ShuttleStopText.list(
            ["07:30 Gex, Parking de l'agglo", "07:45 Cessy, Mairie"], field: "--stop", territory: .paysDeGex)
        run = try store.addShuttleRun(
            ShuttleRunForm(
                label: "Navette EPS", day: LocalTime.paris.parse("2027-03-30")!, stops: stops, arrivalMinute: 540, returnMinute: 690,
                vehicle: ShuttleVehicle(seats: 8, wheelchairPlaces: 1, seatsPerWheelchair: 2), destination: "CH Fleyriat", ccasQuota: nil),
            context: context)
        let hash = try PasswordHash.make(Self.password)
        for (login, commune) in [("agent-gex", "01173"), ("agent-cessy", "01071")] {
            try store.addAccount(login: login, role: .ccas, commune: commune, passwordHash: hash, now: clock.read())
        }
        let pool = StorePool(path: path, busyTimeoutMilliseconds: 1000, territory: .paysDeGex, maximumIdle: 1)
        let clock = self.clock
        let desk = Desk(pool: pool, territory: .paysDeGex, localTime: .paris, clock: { clock.read() }) { now, _ in
            ShuttleContext(settings: ShuttleSettings(), outreach: OutreachRules(), now: now, localTime: .paris, territory: .paysDeGex)
        }
        let authenticator = Authenticator(pool: pool, territory: .paysDeGex, sessionHours: 1, clock: { clock.read() })
        api = DeskAPI(desk: desk, authenticator: authenticator, log: { _, _ in })
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// A bearer token of `login`, signed in through the API.
    func token(_ login: String) throws -> String {
        let body = #"{"login": "\#(login)", "password": "\#(Self.password)"}"#
        let answer = api.respond(
            to: Request(method: "POST", path: "/api/v1/session", headers: ["content-type": "application/json"], body: Array(body.utf8)))
        #expect(answer.status == 201, "\(String(decoding: answer.body, as: UTF8.self))")
        let json = try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any]
        return try #require(json?["token"] as? String)
    }

    /// GET `path` with `authorization` as the Authorization header.
    func get(_ path: String, authorization: String) -> Response {
        api.respond(to: Request(method: "GET", path: path, headers: ["authorization": authorization]))
    }
}

@Suite struct KeptAnswerTests {
    @Test func aKeptRunIsGivenAgainOnlyWithinItsTokensSession() throws {
        let site = try KeptAnswerSite()
        defer { site.remove() }
        let token = try site.token("agent-gex")
        let path = "/api/v1/runs/\(site.run)"
        let first = site.get(path, authorization: "Bearer \(token)")
        #expect(first.status == 200, "\(String(decoding: first.body, as: UTF8.self))")
        let again = site.get(path, authorization: "Bearer \(token)")
        #expect(again == first && again.sentAgain != nil && again.sentAgain === first.sentAgain, "read again: the kept answer")
        site.clock.advance(hours: 0.5)
        #expect(site.get(path, authorization: "Bearer \(token)").sentAgain === first.sentAgain, "within the hour's session")
        site.clock.advance(hours: 0.6)
        let late = site.get(path, authorization: "Bearer \(token)")
        #expect(late.status == 401, "the session ended, nothing was committed: \(String(decoding: late.body, as: UTF8.self))")
    }

    @Test func eachTokenGetsItsOwnAnswerAndAFailureIsNotKept() throws {
        let site = try KeptAnswerSite()
        defer { site.remove() }
        let gex = try site.token("agent-gex")
        let cessy = try site.token("agent-cessy")
        let path = "/api/v1/runs/\(site.run)"
        #expect(site.get(path, authorization: "Bearer \(gex)").status == 200)
        #expect(site.get(path, authorization: "Bearer \(String(gex.reversed()))").status == 401, "another token is not the kept one's")
        #expect(site.get(path, authorization: "Bearer \(cessy)").status == 200)
        #expect(site.get("/api/v1/runs/\(site.run + 1)", authorization: "Bearer \(gex)").status == 404)
        let missing = site.get("/api/v1/runs/\(site.run + 1)", authorization: "Bearer \(gex)")
        #expect(missing.status == 404 && missing.sentAgain == nil, "a 404 is answered again, not kept")
        // Signing out is a commit: the kept answer goes with it.
        let signOut = Request(method: "DELETE", path: "/api/v1/session", headers: ["authorization": "Bearer \(gex)"])
        #expect(site.api.respond(to: signOut).status == 204)
        #expect(site.get(path, authorization: "Bearer \(gex)").status == 401)
        #expect(site.get(path, authorization: "Bearer \(cessy)").status == 200)
    }

    @Test func onlyAGetOfTheRunItselfWithoutQueryIsGivenTheKeptAnswer() throws {
        let site = try KeptAnswerSite()
        defer { site.remove() }
        let token = try site.token("agent-gex")
        let path = "/api/v1/runs/\(site.run)"
        let kept = site.get(path, authorization: "Bearer \(token)")
        #expect(kept.status == 200 && site.get(path, authorization: "Bearer \(token)").sentAgain === kept.sentAgain)
        let head = site.api.respond(to: Request(method: "HEAD", path: path, headers: ["authorization": "Bearer \(token)"]))
        #expect(head.status == 200 && head.sentAgain == nil, "HEAD is answered anew")
        let withQuery = Request(method: "GET", path: path, query: ["x": "1"], headers: ["authorization": "Bearer \(token)"])
        let query = site.api.respond(to: withQuery)
        #expect(query.status == 200 && query.sentAgain == nil, "a query is answered anew")
        // A decoded path may hold a space: it is not the key of another path and header.
        let spaced = site.get("\(path) Bearer", authorization: token)
        #expect(spaced.status == 401 && spaced.sentAgain == nil, "\(spaced.status)")
    }

    @Test func theBearerTokenIsReadInAnyCaseWithoutTheBlanksAroundIt() {
        #expect(DeskAPI.bearer("Bearer abc") == "abc")
        #expect(DeskAPI.bearer("bearer \t abc \t") == "abc")
        #expect(DeskAPI.bearer("BEARER abc") == "abc")
        #expect(DeskAPI.bearer("Bearer ") == nil && DeskAPI.bearer("Bearer") == nil && DeskAPI.bearer(nil) == nil)
        #expect(DeskAPI.bearer("Basic abc") == nil && DeskAPI.bearer("Bearerabc") == nil)
    }

    @Test func aPathWithAnEmptySegmentIsToldApart() {
        #expect(Request(method: "GET", path: "/api/v1//runs").hasEmptySegment)
        #expect(Request(method: "GET", path: "//").hasEmptySegment)
        #expect(!Request(method: "GET", path: "/api/v1/runs/1").hasEmptySegment && !Request(method: "GET", path: "/").hasEmptySegment)
    }
}
