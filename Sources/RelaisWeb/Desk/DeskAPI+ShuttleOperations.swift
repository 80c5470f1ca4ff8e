// DeskAPI+ShuttleOperations: the coordinator's shuttle operations in the API (a CCAS account gets
// 403): POST /api/v1/bookings/{id}/no-show and /completed after the run, answering the booking as
// it is now; POST /api/v1/bookings/{id}/promote before the pickup, also after the booking
// deadline, answering the booking with `after_deadline` and `notice_queued`.

import Foundation
import RelaisCore
import RelaisJSON
import RelaisStore

extension DeskAPI {
    func shuttleOperation(_ agent: Agent, booking id: Int64, _ operation: String, context: ShuttleContext) throws -> Response {
        switch operation {
        case "no-show": return Self.json(200, BookingJSON(try desk.settle(agent, booking: id, as: .noShow), context: context))
        case "completed": return Self.json(200, BookingJSON(try desk.settle(agent, booking: id, as: .completed), context: context))
        default:
            let promotion = try desk.promote(agent, booking: id)
            log("api booking promoted", ["booking": String(id), "after_deadline": String(promotion.afterDeadline)])
            return Self.json(200, PromotedBookingJSON(BookingJSON(try desk.booking(agent, id: id), context: context), promotion))
        }
    }
}
