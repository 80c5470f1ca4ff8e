// Store+ShuttleNotices: passenger messages of the shuttle, planned into the outbox in the
// transaction of their cause, and what a sender needs to write them.
//
// Three kinds (MessageKind): `shuttle-reminder` (the pickup, the day before: time and stop),
// `shuttle-promoted` (a waitlisted booking got a seat), `shuttle-cancelled` (the run will not
// take place). Each goes once per booking on the person's first reachable channel (SMS first):
// the outbox key `<kind>:b<booking>:<channel>` (and `:v<run version>` for reminders, planned
// again when the run moves) is UNIQUE, so planning twice queues nothing new. Timing is the
// core's (ShuttleNoticeTiming, within the channel's sending window, before the pickup); a
// message with no allowed time before the pickup is recorded as dropped, with its reason.
//
// At claim time (Store+Outbox), a reminder or promotion whose booking is no longer confirmed,
// or whose run was cancelled, is cancelled instead of sent.

import Foundation
import RelaisCore

/// What a shuttle message says beyond the common placeholders (worded by the message writer).
public struct ShuttleMessageFacts: Sendable, Equatable {
    public var destination: String
    public var arrival: Date
    public var returnDeparture: Date
    public var fareCents: Int
}

/// What a shuttle message says, read when it is claimed for sending.
struct ShuttleMessageDetail {
    var event: String
    var organiser: String
    var location: String
    var pickup: Date
    var facts: ShuttleMessageFacts
    /// Whether the run is cancelled, and the booking's status: what may make a message stale
    /// (its kind's descriptor says which, MessageKindDescriptor.staleReason).
    var runCancelled: Bool
    var status: ShuttleBookingStatus?
}

extension Store {
    /// Queues one passenger message about a booking, unless it was queued already; true when a
    /// message was recorded (queued, or dropped for want of an allowed time).
    @discardableResult
    func queueShuttleMessage(
        _ kind: MessageKind, booking: Int64, context: ShuttleContext, in database: Database, version: Int? = nil
    ) throws -> Bool {
        guard
            let row = try database.row(
                """
                SELECT b.participant, b.outbound, r.version, r.occurrence, r.returns_at, s.pickup_at
                FROM shuttle_booking b JOIN shuttle_run r ON r.id = b.run JOIN shuttle_stop s ON s.run = b.run AND s.position = b.stop
                WHERE b.id = ? AND b.participant IS NOT NULL
                """, [.integer(booking)]),
            let channel = try reachableChannels(of: row.int64("participant")!, in: database).first
        else { return false }
        let pickup = row.int("outbound") == 1 ? row.date("pickup_at")! : row.date("returns_at")!
        let window = context.outreach.policy.window(for: channel)
        let key = kind.descriptor.key(subject: booking, channel: channel, version: version ?? row.int("version") ?? 1)
        var due: Date?
        var nominal = context.now
        switch kind {
        case .shuttleReminder:
            let timing = ShuttleNoticeTiming.reminder(
                pickup: pickup, reminderMinute: context.settings.reminderMinute, window: window, now: context.now,
                calendar: context.calendar)
            due = timing?.due
            nominal = timing?.nominal ?? pickup
        case .shuttlePickup:
            // At the booking deadline, or at once when it has passed (a seat given late).
            nominal = max(context.settings.rules.bookingDeadline(pickup: pickup, calendar: context.calendar), context.now)
            due = window.earliestAllowed(atOrAfter: nominal, calendar: context.calendar).flatMap { $0 < pickup ? $0 : nil }
        case .shuttleWaitlistDeadline:
            // At the booking deadline, when no seat can come up any more (nothing to say if it has passed).
            nominal = context.settings.rules.bookingDeadline(pickup: pickup, calendar: context.calendar)
            guard nominal > context.now else { return false }
            due = window.earliestAllowed(atOrAfter: nominal, calendar: context.calendar).flatMap { $0 < pickup ? $0 : nil }
        default:
            due = ShuttleNoticeTiming.notice(pickup: pickup, window: window, now: context.now, calendar: context.calendar)
        }
        let state = (due == nil ? OutboxState.dropped : .queued).rawValue
        return try database.run(
            """
            INSERT INTO outbox (key, kind, channel, participant, occurrence, occurrence_version, booking,
                state, due_at, nominal_at, not_after, reason, created_at, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)
            ON CONFLICT (key) DO NOTHING
            """,
            [
                .text(key), .text(kind.rawValue), .text(channel.rawValue), .integer(row.int64("participant")!),
                row.int64("occurrence").map { .integer($0) } ?? .null, .int(row.int("version") ?? 1), .integer(booking),
                .text(state), .date(due ?? nominal), .date(nominal), .date(pickup),
                .string(due == nil ? DropReason.noAllowedTime.rawValue : nil),
                .date(context.now),
            ]) == 1
    }

    /// Cancels the messages of a booking that have not left and that its end makes pointless
    /// (reminders, promotion and waitlist notices).
    func cancelShuttleMessages(of booking: Int64, reason: String, in database: Database, now: Date) throws {
        try database.run(
            """
            UPDATE outbox SET state = 'cancelled', reason = ?, updated_at = ?
            WHERE booking = ? AND kind IN (\(Self.sqlList(MessageKind.endingWith(.booking)))) AND state IN (\(Self.sqlList(OutboxState.waiting)))
            """, [.text(reason), .date(now), .integer(booking)])
    }

    /// Kinds or states as an SQL list of literals (`'reminder', 'moved'`): their raw values are the
    /// code's own constants.
    static func sqlList<Value: RawRepresentable>(_ values: [Value]) -> String where Value.RawValue == String {
        values.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }

    /// The text of a shuttle message about `booking`, in `language`.
    func shuttleMessageDetail(booking: Int64, in database: Database) throws -> ShuttleMessageDetail? {
        guard
            let row = try database.row(
                """
                SELECT b.status, b.outbound, b.fare_cents, r.label, r.destination, r.arrives_at, r.returns_at, r.status AS run_status,
                    coalesce(k.point, k.door, s.place) AS place, coalesce(k.pickup_at, s.pickup_at) AS pickup_at, c.name AS commune,
                    (SELECT cp.name FROM occurrence o JOIN event e ON e.uid = o.event JOIN campaign cp ON cp.id = e.campaign
                        WHERE o.id = r.occurrence) AS campaign
                FROM shuttle_booking b JOIN shuttle_run r ON r.id = b.run JOIN shuttle_stop s ON s.run = b.run AND s.position = b.stop
                LEFT JOIN shuttle_pickup k ON k.booking = b.id JOIN commune c ON c.code = coalesce(k.commune, s.commune)
                WHERE b.id = ?
                """, [.integer(booking)])
        else { return nil }
        let outbound = row.int("outbound") == 1
        let destination = row.string("destination")!
        let facts = ShuttleMessageFacts(
            destination: destination, arrival: row.date("arrives_at")!, returnDeparture: row.date("returns_at")!,
            fareCents: row.int("fare_cents") ?? 0)
        return ShuttleMessageDetail(
            event: row.string("label")!, organiser: row.string("campaign") ?? territory.organiser,
            location: outbound ? "\(row.string("place")!), \(row.string("commune")!)" : destination,
            pickup: outbound ? row.date("pickup_at")! : row.date("returns_at")!, facts: facts,
            runCancelled: row.string("run_status") == "cancelled",
            status: row.string("status").flatMap(ShuttleBookingStatus.init(rawValue:)))
    }
}
