// DeskAPI+ShuttleOperations: the coordinator's shuttle operations in the API (a CCAS account gets
// 403): POST /api/v1/bookings/{id}/no-show and /completed after the run, answering the booking as
// it is now; POST /api/v1/bookings/{id}/promote before the pickup, also after the booking
// deadline, answering the booking with `after_deadline` and `notice_queued`.

import Foundation
import RelaisCore
import RelaisStore

extension DeskAPI {
    func shuttleOperation(_ agent: Agent, booking id: Int64, _ operation: String) throws -> Response {
        switch operation {
        case "no-show": return Self.json(200, booking(try desk.settle(agent, booking: id, as: .noShow)))
        case "completed": return Self.json(200, booking(try desk.settle(agent, booking: id, as: .completed)))
        default:
            let promotion = try desk.promote(agent, booking: id)
            log("api booking promoted", ["booking": String(id), "after_deadline": String(promotion.afterDeadline)])
            var object = booking(try desk.booking(agent, id: id))
            object["after_deadline"] = promotion.afterDeadline
            object["notice_queued"] = promotion.noticeQueued
            return Self.json(200, object)
        }
    }
}
