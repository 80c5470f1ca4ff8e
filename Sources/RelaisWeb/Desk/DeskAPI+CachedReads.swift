// DeskAPI+CachedReads: the API's reads whose answers a connection keeps until the database
// changes (StorePool.cachedRead), because they are read far more often than anything is written:
// a run's page of seats, polled by each commune's software. Their answers depend on the database,
// the agent's scope and the configuration only, never on the clock; the role's capability and
// the scope are checked on every request, before any kept answer is looked at.

import Foundation
import RelaisCore
import RelaisJSON
import RelaisStore

extension DeskAPI {
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
