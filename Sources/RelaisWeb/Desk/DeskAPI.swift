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
        ("GET", "/api/v1/runs"), ("GET", "/api/v1/runs/{id}"), ("GET", "/api/v1/runs/{id}/manifest"),
        ("POST", "/api/v1/runs/{id}/bookings"),
        ("GET", "/api/v1/bookings/{id}"), ("POST", "/api/v1/bookings/{id}/cancel"),
        ("GET", "/api/v1/calendar"),
    ]

    /// The properties each operation with a body reads, as its OpenAPI request body names them
    /// (DeskFormsTests checks them against the file).
    public static let bodyProperties: [String: Set<String>] = [
        "POST /api/v1/session": ["login", "password"],
        "POST /api/v1/residents": ["name", "phone", "email", "commune", "birth_year", "language", "consent_sms", "consent_email"],
        "POST /api/v1/runs/{id}/bookings": ["resident", "stop", "legs", "companion", "wheelchair", "appointment", "quotient"],
    ]

    /// Adds `/api/v1` to `router`, for every method: a path's own methods are known here.
    public func install(in router: inout Router) {
        router.add(.all, prefix: "/api/v1") { request in respond(to: request) }
    }

    func respond(to request: Request) -> Response {
        do {
            // One spelling per route: no trailing slash, no empty segment (a limit in front must see every sign-in).
            guard !request.path.hasSuffix("/"), !request.path.contains("//"), let template = Self.template(of: request.path) else {
                throw APIRefusal.notFound
            }
            let allowed = Set(Self.routes.filter { $0.path == template }.map(\.method))
            // HEAD is answered as GET; libmicrohttpd leaves the body out.
            let method = request.method == "HEAD" ? "GET" : request.method
            guard allowed.contains(method) else {
                var response = refused(APIRefusal.methodNotAllowed)
                response.headers.append(("Allow", allowed.sorted().joined(separator: ", ")))
                return response
            }
            let operation = "\(method) \(template)"
            if operation == "POST /api/v1/session" { return try signIn(request) }
            let token = Self.bearer(request.headers["authorization"])
            guard let agent = try authenticator.agent(token: token, kind: .api) else { throw APIRefusal.signInRequired }
            let fields = try Self.bodyProperties[operation].map { try Self.fields(of: request, reading: $0) } ?? FormFields()
            let segments = request.pathSegments.dropFirst(2).map(String.init)
            return try route(method, segments, agent: agent, fields: fields, query: request.query)
        } catch let refusal as APIRefusal {
            return refused(refusal)
        } catch DeskError.notFound {
            return refused(APIRefusal.notFound)
        } catch DeskError.forbidden {
            return refused(APIRefusal.forbidden)
        } catch DeskError.invalid(let field, let reason) {
            return Self.json(422, ErrorJSON(error: "value-invalid", field: field, message: reason))
        } catch DeskError.refusal(let refusal) {
            return refused(refusal)
        } catch let refusal as Refusal {
            return refused(refusal)
        } catch {
            log("api request failed", ["path": request.path, "error": Redaction.scrub("\(error)")])
            return refused(APIRefusal.unavailable)
        }
    }

    private func route(_ method: String, _ path: [String], agent: Agent, fields: FormFields, query: [String: String]) throws -> Response {
        let id = path.count >= 2 ? Int64(path[1]).flatMap { $0 > 0 ? $0 : nil } : nil
        switch (method, path.first ?? "", path.count) {
        case ("DELETE", "session", 1):
            try authenticator.signOut(agent)
            return Response(status: 204)
        case ("GET", "residents", 1): return Self.json(200, try desk.residents(agent, matching: query["q"]).map(resident))
        case ("POST", "residents", 1):
            let created = try desk.addResident(agent, fields)
            return Self.json(201, resident(try desk.resident(agent, id: created)))
        case ("GET", "residents", 2): return Self.json(200, resident(try desk.resident(agent, id: try require(id))))
        case ("GET", "runs", 1): return Self.json(200, try desk.upcomingRuns(agent).map(run))
        case ("GET", "runs", 2):
            let (record, bookings, waitlist) = try desk.run(agent, id: try require(id))
            var object = run(record)
            object["bookings"] = bookings.map(booking)
            object["waitlist"] = waitlist.map { entry in booking(entry.booking).merging(["position": entry.position]) { $1 } }
            return Self.json(200, object)
        case ("GET", "runs", 3) where path[2] == "manifest":
            let (record, passengers) = try desk.manifest(agent, run: try require(id))
            return Self.json(200, ["run": run(record), "passengers": passengers.map(booking)])
        case ("POST", "runs", 3) where path[2] == "bookings":
            let outcome = try desk.book(agent, run: try require(id), fields)
            return Self.json(
                201,
                booking(try desk.booking(agent, id: outcome.id)).merging(["waitlist_position": outcome.waitlistPosition ?? NSNull()]) { $1 }
            )
        case ("GET", "bookings", 2): return Self.json(200, booking(try desk.booking(agent, id: try require(id))))
        case ("POST", "bookings", 3) where path[2] == "cancel":
            let cancellation = try desk.cancel(agent, booking: try require(id))
            return Self.json(
                200,
                ["late": cancellation.late, "deadline": desk.localTime.iso8601(cancellation.deadline), "promoted": cancellation.promoted])
        case ("GET", "calendar", 1): return Self.json(200, try desk.calendar(agent).map(occurrence))
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
                [
                    "token": agent.token, "expires_at": desk.localTime.iso8601(agent.expiresAt), "login": agent.login,
                    "role": agent.role.rawValue, "commune": (agent.commune?.slug).map { $0 as Any } ?? NSNull(),
                ])
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

    // MARK: - JSON shapes

    private func resident(_ person: ParticipantRecord) -> [String: Any] {
        [
            "id": person.id, "name": person.name, "phone": person.phone ?? NSNull(), "email": person.email ?? NSNull(),
            "commune": person.commune, "birth_year": person.birthYear ?? NSNull(), "language": person.language.rawValue,
            "consents": person.consents.filter(\.granted).map(\.channel.rawValue),
        ]
    }

    private func run(_ run: ShuttleRunRecord) -> [String: Any] {
        let time = desk.localTime
        return [
            "id": run.id, "label": run.label, "status": run.status, "departure": time.iso8601(run.departure),
            "arrival": time.iso8601(run.arrival), "return_departure": time.iso8601(run.returnDeparture), "destination": run.destination,
            "seats": run.vehicle.seats, "seats_left_outbound": run.vehicle.seats - run.outboundSeats,
            "seats_left_return": run.vehicle.seats - run.returnSeats,
            "wheelchair_places_left": run.vehicle.wheelchairPlaces - run.wheelchairs,
            "waitlisted": run.waitlisted, "ccas_quota": run.ccasQuota ?? NSNull(), "my_commune_seats": run.scopeSeats ?? NSNull(),
            "stops": run.stops.map {
                ["number": $0.position, "commune": $0.commune, "place": $0.place, "pickup": time.iso8601($0.pickup)]
            },
        ]
    }

    private func booking(_ booking: ShuttleBookingListing) -> [String: Any] {
        let time = desk.localTime
        return [
            "id": booking.id, "run": booking.run, "resident": booking.participant ?? NSNull(), "name": booking.name ?? NSNull(),
            "commune": booking.commune, "stop": booking.stop.position, "pickup": time.iso8601(booking.stop.pickup),
            "legs": booking.legs.rawValue, "companion": booking.companion, "wheelchair": booking.wheelchair, "seats": booking.seats,
            "appointment": booking.appointment.map(time.iso8601) ?? NSNull(), "quotient": booking.quotient ?? NSNull(),
            "fare_band": booking.fareBand, "fare_cents": booking.fareCents, "status": booking.status.rawValue,
            "waitlist_reason": booking.waitlistReason?.rawValue ?? NSNull(), "booked_by": booking.bookedBy, "warning": booking.warning ?? NSNull(),
        ]
    }

    private func occurrence(_ occurrence: OccurrenceListing) -> [String: Any] {
        [
            "id": occurrence.id, "campaign": occurrence.campaign, "summary": occurrence.summary,
            "start": desk.localTime.iso8601(occurrence.start), "end": desk.localTime.iso8601(occurrence.end),
            "commune": occurrence.commune ?? NSNull(), "status": occurrence.status.rawValue, "registered": occurrence.registered,
            "capacity": occurrence.capacity ?? NSNull(),
        ]
    }

    // MARK: - Helpers

    /// The fields of a JSON body: refused when not sent as JSON (415) or not a JSON object (400); a
    /// property the operation reads (`properties`) whose value is an object or an array is refused
    /// (422), others are ignored.
    static func fields(of request: Request, reading properties: Set<String>) throws -> FormFields {
        guard (request.headers["content-type"] ?? "").lowercased().hasPrefix("application/json") else { throw APIRefusal.bodyNotJSON }
        guard let fields = FormFields.json(request.body) else { throw APIRefusal.bodyNotAnObject }
        if let name = fields.nested.intersection(properties).sorted().first { throw Refusal.form(.notScalar(property: name)) }
        return fields
    }

    /// The template of `routes` that `path` matches (`{id}` standing for any one segment), or nil.
    static func template(of path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return routes.first { route in
            let pattern = route.path.split(separator: "/", omittingEmptySubsequences: false)
            return pattern.count == segments.count && zip(pattern, segments).allSatisfy { $0 == "{id}" || $0 == $1 }
        }?.path
    }

    private func require(_ id: Int64?) throws -> Int64 {
        guard let id else { throw APIRefusal.notFound }
        return id
    }

    static func bearer(_ header: String?) -> String? {
        guard let header, header.lowercased().hasPrefix("bearer ") else { return nil }
        return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }

    static func json(_ status: Int, _ object: Any) -> Response {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return Response(status: status, contentType: "application/json", text: String(decoding: data, as: UTF8.self))
    }

    /// `value` in its JSON shape (RelaisJSON).
    static func json(_ status: Int, _ value: some Encodable) -> Response {
        Response(status: status, contentType: "application/json", text: JSONShape.text(value))
    }
}
