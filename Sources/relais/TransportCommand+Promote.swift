// relais transport promote: the coordinator (or a CCAS, its residents only) gives a waitlisted
// booking a seat, also after the booking deadline when a seat was freed late (automatic promotion
// stops at the deadline). The store checks what the desk's "promote" checks: a free seat and, on an
// on-demand run, a route that still carries everyone within their ride limit; a refusal is worded
// with the option names (RefusalText) and changes nothing.

import Foundation
import RelaisCore
import RelaisStore

extension TransportBookings {
    static func promote(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(words, options: TransportCommand.scopeOptions, flags: TransportCommand.scopeFlags.union(["json"]))
        let usage = "relais transport promote BOOKING (--ccas COMMUNE | --coordinator) [--json]"
        try arguments.expectPositional(atMost: 1, usage: usage)
        let scope = try TransportCommand.scope(arguments, context)
        let id = try TransportCommand.identifier(arguments.positional.first, what: "booking", usage: usage)
        let promotion = try context.store().promoteShuttleBooking(id, scope: scope, context: TransportCommand.shuttleContext(context))
        if arguments.flag("json") {
            Output.json(PromotionJSON(promotion))
            return
        }
        let late = promotion.afterDeadline ? " after the booking deadline" : ""
        let notice = promotion.noticeQueued ? "the passenger will be told" : "no notice can reach the passenger in time"
        print("booking \(id) confirmed on run \(promotion.run)\(late); \(notice)")
    }
}

/// `transport promote --json`.
struct PromotionJSON: Encodable {
    var booking: Int64
    var run: Int64
    var afterDeadline: Bool
    var noticeQueued: Bool

    init(_ promotion: ShuttlePromotion) {
        booking = promotion.booking
        run = promotion.run
        afterDeadline = promotion.afterDeadline
        noticeQueued = promotion.noticeQueued
    }

    enum CodingKeys: String, CodingKey {
        case booking, run
        case afterDeadline = "after_deadline"
        case noticeQueued = "notice_queued"
    }
}
