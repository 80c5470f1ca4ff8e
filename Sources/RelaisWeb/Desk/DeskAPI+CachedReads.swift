// DeskAPI+CachedReads: the API's reads whose answers a connection keeps until the database
// changes (StorePool.cachedRead), because they are read far more often than anything is written:
// a run's page of seats, polled by each commune's software. Their answers depend on the database,
// the agent's scope and the configuration only, never on the clock.
//
// Two levels are kept:
// - the whole answer (status, headers, body) to a GET of `keptTemplates` with the same path and
//   the same Authorization header: given again without routing, signing in or rendering, while
//   nothing is committed and the token's session lasts (checked against the clock every time; once
//   it has ended, the request is answered anew: 401). A sign-out, a disabled account or a role
//   changed is a commit, so it drops every kept answer;
// - the run's JSON per scope (runDetail), shared by the agents of one commune; the role's
//   capability and the scope are checked before it is looked at.

import Foundation
import RelaisCore
import RelaisJSON
import RelaisStore

extension DeskAPI {
    /// What the API answered, and until when it may be given again to the same request.
    struct Answer {
        var response: Response
        /// The end of the agent's session behind a successful answer (200); nil for any other. Only
        /// a request `keptAnswerKey` gives a key is kept, and only until then.
        var sessionEnds: Date?

        init(_ response: Response, sessionEnds: Date? = nil) {
            self.response = response
            self.sessionEnds = sessionEnds
        }
    }

    /// The templates whose successful GET answer is kept whole for the same path and token.
    static let keptTemplates = ["/api/v1/runs/{id}"]

    /// The patterns of `keptTemplates` (DeskAPI.routePatterns): only these are tried before a kept
    /// answer is looked up (`template(of:)` tries every route).
    private static let keptPatterns = routePatterns.filter { keptTemplates.contains($0.path) }.map(\.segments)

    /// The answer to `request`: the one kept on the connection for the same GET and token when it
    /// may be, otherwise routed (`answer(to:)`).
    func respond(to request: Request) -> Response {
        guard let key = Self.keptAnswerKey(request) else { return answer(to: request).response }
        do {
            let answer = try desk.pool.cachedRead(key: key, keeping: { $0.sessionEnds != nil }) {
                var answer = self.answer(to: request)
                if answer.sessionEnds != nil { answer.response = answer.response.keptForSendingAgain() }
                return answer
            }
            if let ends = answer.sessionEnds, ends <= desk.clock() { return self.answer(to: request).response }
            return answer.response
        } catch {
            // No connection, or its data version could not be read: answered without keeping.
            return answer(to: request).response
        }
    }

    /// The key a whole answer to `request` is kept under: a GET without query of one of
    /// `keptTemplates`' paths, with its Authorization header (apart by a NUL, which neither holds:
    /// a decoded path may hold a space); nil for any other request.
    static func keptAnswerKey(_ request: Request) -> String? {
        guard request.method == "GET", request.query.isEmpty, let authorization = request.headers["authorization"] else { return nil }
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: false)
        guard keptPatterns.contains(where: { fits(segments, $0) }) else { return nil }
        return "answer\u{0}\(request.path)\u{0}\(authorization)"
    }

    /// GET /api/v1/runs/{id}: the run, the agent's bookings on it and the waitlist the agent may see.
    func runDetail(_ agent: Agent, id: Int64, context: ShuttleContext) throws -> Response {
        try agent.require(.shuttle)
        let scope = try agent.scope
        return try desk.pool.cachedRead(key: "GET /api/v1/runs/\(id) commune=\(scope.commune ?? "all")") {
            let (record, bookings, waitlist) = try desk.run(agent, id: id)
            return Self.json(200, RunDetailJSON(record, bookings: bookings, waitlist: waitlist, context: context))
        }
    }
}
