// DeskAPI: the desk's operations as JSON under /api/v1, for a commune's own software; the same
// Desk, the same scope and audit as the pages. Documented in Sources/RelaisWeb/openapi.json
// (DeskFormsTests checks that every route here is in it, and nothing else).
//
// A client signs in with POST /api/v1/session {"login", "password"} and sends the token it gets
// as `Authorization: Bearer <token>`. Cookies are ignored here, so a page of another site cannot
// use a signed-in browser against the API; a body must be `application/json`. Every error is
// {"error": code, "field": name or null, "message": English words} (DeskAPI+Errors): 400, 401,
// 403, 404 (unknown or out of scope), 409, 415, 422, 429 (account locked, with Retry-After) or
// 503; a method a path does not take gets 405, with `Allow` naming the methods the OpenAPI file
// gives that path.
//
// A request goes through, in order: its path's spelling and template (404), its method (405),
// sign-in (which needs no token), the token (401), the body of an operation that takes one (415,
// 400 when it is not a JSON object, 422 when a property the operation reads is an object or an
// array; other properties are ignored, as the schemas allow), then the operation.

import Foundation
import RelaisCore
import RelaisJSON
import RelaisStore

/// The JSON API of the desk.
public struct DeskAPI: Sendable {
    let desk: Desk
    let authenticator: Authenticator
    let log: DeskPages.Logger

    public init(desk: Desk, authenticator: Authenticator, log: @escaping DeskPages.Logger) {
        self.desk = desk
        self.authenticator = authenticator
        self.log = log
    }

    /// The routes, as the OpenAPI file names them (method and path template).
    public static let routes: [(method: String, path: String)] = [
        ("POST", "/api/v1/session"), ("DELETE", "/api/v1/session"),
        ("GET", "/api/v1/residents"), ("POST", "/api/v1/residents"), ("GET", "/api/v1/residents/{id}"),
        ("PATCH", "/api/v1/residents/{id}"),
        ("GET", "/api/v1/runs"), ("GET", "/api/v1/runs/{id}"), ("GET", "/api/v1/runs/{id}/manifest"),
        ("POST", "/api/v1/runs/{id}/bookings"),
        ("GET", "/api/v1/bookings/{id}"), ("POST", "/api/v1/bookings/{id}/cancel"),
        ("POST", "/api/v1/bookings/{id}/no-show"), ("POST", "/api/v1/bookings/{id}/completed"), ("POST", "/api/v1/bookings/{id}/promote"),
        ("GET", "/api/v1/calendar"),
        ("GET", "/api/v1/events"), ("POST", "/api/v1/events/{id}/registrations"), ("POST", "/api/v1/registrations/{id}/cancel"),
        ("GET", "/api/v1/checkin"), ("GET", "/api/v1/events/{id}/attendance"), ("POST", "/api/v1/events/{id}/attendance"),
        ("DELETE", "/api/v1/attendance/{id}"),
        ("POST", "/api/v1/calendars"), ("GET", "/api/v1/reports"),
    ]

    /// The properties each operation with a body reads, as its OpenAPI request body names them
    /// (DeskFormsTests checks them against the file).
    public static let bodyProperties: [String: Set<String>] = [
        "POST /api/v1/session": ["login", "password"],
        "POST /api/v1/residents": [
            "name", "phone", "email", "commune", "birth_year", "language", "consent_sms", "consent_email", "allow_duplicate",
        ],
        "PATCH /api/v1/residents/{id}": [
            "name", "phone", "email", "commune", "birth_year", "language", "consent_sms", "consent_email", "allow_duplicate",
        ],
        "POST /api/v1/runs/{id}/bookings": [
            "resident", "stop", "legs", "companion", "wheelchair", "appointment", "quotient", "pickup_point", "door",
        ],
        "POST /api/v1/events/{id}/registrations": ["resident"],
        "POST /api/v1/events/{id}/attendance": ["resident", "walk_in"],
    ]

    /// Adds `/api/v1` to `router`, for every method: a path's own methods are known here.
    public func install(in router: inout Router) {
        router.add(.all, prefix: "/api/v1") { request in respond(to: request) }
    }

    /// The answer to `request`, routed (DeskAPI+CachedReads keeps some whole), with the end of the
    /// agent's session when it succeeded.
    func answer(to request: Request) -> Answer {
        do {
            // One spelling per route: no trailing slash, no empty segment (a limit in front must see every sign-in).
            guard !request.path.hasSuffix("/"), !request.hasEmptySegment, let template = Self.template(of: request.path) else {
                throw APIRefusal.notFound
            }
            let allowed = Self.methods[template] ?? []
            // HEAD is answered as GET; libmicrohttpd leaves the body out.
            let method = request.method == "HEAD" ? "GET" : request.method
            guard allowed.contains(method) else {
                var response = refused(APIRefusal.methodNotAllowed)
                response.headers.append(("Allow", allowed.sorted().joined(separator: ", ")))
                return Answer(response)
            }
            let operation = "\(method) \(template)"
            if operation == "POST /api/v1/session" { return Answer(try signIn(request)) }
            let token = Self.bearer(request.headers["authorization"])
            guard let agent = try authenticator.agent(token: token, kind: .api) else { throw APIRefusal.signInRequired }
            if let answer = try planners(operation, request, agent: agent) { return Answer(answer) }
            let fields = try Self.withObjects(
                Self.bodyProperties[operation].map { try Self.fields(of: request, reading: $0) } ?? FormFields(), operation: operation,
                of: request)
            let segments = request.pathSegments.dropFirst(2).map(String.init)
            let response = try route(method, segments, agent: agent, fields: fields, query: request.query)
            return Answer(response, sessionEnds: response.status == 200 ? agent.expiresAt : nil)
        } catch let refusal as APIRefusal {
            return Answer(refused(refusal))
        } catch DeskError.notFound {
            return Answer(refused(APIRefusal.notFound))
        } catch DeskError.forbidden {
            return Answer(refused(APIRefusal.forbidden))
        } catch DeskError.refusal(let refusal) {
            return Answer(refused(refusal))
        } catch let refusal as Refusal {
            return Answer(refused(refusal))
        } catch {
            log("api request failed", ["path": request.path, "error": Redaction.scrub("\(error)")])
            return Answer(refused(APIRefusal.unavailable))
        }
    }

    private func route(_ method: String, _ path: [String], agent: Agent, fields: FormFields, query: [String: String]) throws -> Response {
        let id = path.count >= 2 ? Int64(path[1]).flatMap { $0 > 0 ? $0 : nil } : nil
        let shuttle = desk.makeContext(desk.clock(), agent.login)
        switch (method, path.first ?? "", path.count) {
        case ("DELETE", "session", 1):
            try authenticator.signOut(agent)
            return Response(status: 204)
        case ("GET", "residents", 1): return Self.json(200, try desk.residents(agent, matching: query["q"]).map(resident))
        case ("POST", "residents", 1):
            let created = try desk.addResident(agent, fields)
            return Self.json(201, resident(try desk.resident(agent, id: created)))
        case ("GET", "residents", 2): return Self.json(200, resident(try desk.resident(agent, id: try require(id))))
        case ("PATCH", "residents", 2):
            let edited = try require(id)
            _ = try desk.editResident(agent, id: edited, fields, wholeForm: false)
            return Self.json(200, resident(try desk.resident(agent, id: edited)))
        case ("GET", "runs", 1): return Self.json(200, try desk.upcomingRuns(agent).map { RunJSON($0, context: shuttle) })
        case ("GET", "runs", 2): return try runDetail(agent, id: try require(id), context: shuttle)
        case ("GET", "runs", 3) where path[2] == "manifest":
            let run = try require(id)
            let (record, passengers) = try desk.manifest(agent, run: run)
            if let sheet = try desk.onDemandManifest(agent, run: run) {
                return Self.json(200, OnDemandManifestJSON(record, passengers: passengers, sheet: sheet, context: shuttle))
            }
            return Self.json(200, ManifestJSON(record, passengers: passengers, context: shuttle))
        case ("POST", "runs", 3) where path[2] == "bookings":
            let outcome = try desk.book(agent, run: try require(id), fields)
            let booking = BookingJSON(try desk.booking(agent, id: outcome.id), context: shuttle)
            return Self.json(201, PlacedBookingJSON.booked(booking, waitlistPosition: outcome.waitlistPosition))
        case ("GET", "bookings", 2): return Self.json(200, BookingJSON(try desk.booking(agent, id: try require(id)), context: shuttle))
        case ("POST", "bookings", 3) where path[2] == "cancel":
            let booking = try require(id)
            return Self.json(200, CancellationJSON(booking: booking, try desk.cancel(agent, booking: booking), localTime: desk.localTime))
        case ("POST", "bookings", 3) where ["no-show", "completed", "promote"].contains(path[2]):
            return try shuttleOperation(agent, booking: try require(id), path[2], context: shuttle)
        case ("GET", "calendar", 1):
            return Self.json(200, try desk.calendar(agent).map { OccurrenceJSON($0, territory: desk.territory, localTime: desk.localTime) })
        case (_, let head, _) where Self.eventRouteHeads.contains(head):
            return try eventRoute(method, path, agent: agent, fields: fields, query: query)
        default: throw APIRefusal.notFound
        }
    }

    private func signIn(_ request: Request) throws -> Response {
        guard let fields = FormFields.json(request.body), fields["login"] != nil, let password = fields["password"] else {
            throw APIRefusal.signInUnreadable
        }
        // A blank login is no account's: the answer to a wrong login, without a lookup.
        guard let login = fields.text("login") else {
            log("api sign-in refused", [:])
            throw APIRefusal.wrongLoginOrPassword
        }
        switch try authenticator.signIn(login: login, password: password, kind: .api) {
        case .signedIn(let agent):
            log("api sign-in", ["role": agent.role.rawValue])
            return Self.json(
                201,
                SessionJSON(
                    token: agent.token, expiresAt: agent.expiresAt, login: agent.login, role: agent.role,
                    commune: agent.commune, localTime: desk.localTime))
        case .refused:
            log("api sign-in refused", [:])
            throw APIRefusal.wrongLoginOrPassword
        case .locked(let until):
            log("api sign-in refused: account locked", [:])
            var response = refused(APIRefusal.accountLocked(until: until))
            response.headers.append(("Retry-After", String(max(1, Int(until.timeIntervalSince(desk.clock()).rounded(.up))))))
            return response
        }
    }

    // MARK: - JSON shapes (RelaisJSON)

    private func resident(_ person: ParticipantRecord) -> ResidentJSON {
        ResidentJSON(person, territory: desk.territory, localTime: desk.localTime)
    }

    // MARK: - Helpers

    /// The fields of a JSON body: refused when not sent as JSON (415) or not a JSON object (400); a
    /// property the operation reads (`properties`) whose value is an object or an array is refused
    /// (422), others are ignored.
    static func fields(of request: Request, reading properties: Set<String>) throws -> FormFields {
        guard (request.headers["content-type"] ?? "").lowercased().hasPrefix("application/json") else { throw APIRefusal.bodyNotJSON }
        guard let fields = FormFields.json(request.body) else { throw APIRefusal.bodyNotAnObject }
        // An object property (walk_in) is read whole by withObjects.
        if let name = fields.nested.intersection(properties).subtracting(objectProperties).sorted().first {
            throw Refusal.form(.notScalar(property: name))
        }
        return fields
    }

    /// The template of `routes` that `path` matches (`{id}` standing for any one segment), or nil.
    static func template(of path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return routePatterns.first { fits(segments, $0.segments) }?.path
    }

    /// Whether a path cut at its slashes (`segments`) fits a template cut the same way (`pattern`).
    static func fits(_ segments: [Substring], _ pattern: [Substring]) -> Bool {
        pattern.count == segments.count && zip(pattern, segments).allSatisfy { $0 == "{id}" || $0 == $1 }
    }

    /// The methods each template of `routes` takes, gathered once.
    private static let methods: [String: Set<String>] = Dictionary(
        routes.map { ($0.path, [$0.method]) }, uniquingKeysWith: { $0.union($1) })

    /// The templates of `routes` cut into segments once, not on every request.
    static let routePatterns: [(path: String, segments: [Substring])] = routes.map {
        ($0.path, $0.path.split(separator: "/", omittingEmptySubsequences: false))
    }

    private func require(_ id: Int64?) throws -> Int64 {
        guard let id else { throw APIRefusal.notFound }
        return id
    }

    /// The token of an `Authorization: Bearer <token>` header (RFC 6750: the scheme in any case,
    /// the token without the spaces and tabs around it), or nil.
    static func bearer(_ header: String?) -> String? {
        guard let header, header.utf8.count > 7, header.prefix(7).lowercased() == "bearer " else {
            return nil
        }
        var token = header.dropFirst(7)
        while token.first == " " || token.first == "\t" { token = token.dropFirst() }
        while token.last == " " || token.last == "\t" { token = token.dropLast() }
        return String(token)
    }

    /// `value` in its JSON shape (RelaisJSON).
    static func json(_ status: Int, _ value: some Encodable) -> Response {
        Response(status: status, contentType: "application/json", text: JSONShape.text(value))
    }
}
