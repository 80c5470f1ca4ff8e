// Store+MessageFacts: what the loaded calendars give the placeholders of messages — each occurrence's
// summary, place, campaign and start, and each shuttle run's legs (every stop outbound, the
// destination on the way back) — read the way the claim reads them (Store+Outbox.swift,
// Store+ShuttleNotices.swift), so that `relais doctor` can estimate SMS sizes from real values.

import Foundation
import RelaisCore

extension Store {
    /// The facts of every occurrence and of every leg of every run (cancelled ones too: their
    /// notices are sent), each shuttle leg once at each of `fares` (in cents: what a message may say).
    public func messageFacts(fares: [Int]) throws -> [MessageFacts] {
        let events = try database.rows(
            """
            SELECT coalesce(oc.summary, e.summary) AS event, coalesce(oc.location, e.location, '') AS location, oc.starts_at,
                cp.name AS campaign, e.note, e.description, e.contact
            FROM occurrence oc JOIN event e ON e.uid = oc.event JOIN campaign cp ON cp.id = e.campaign
            """
        ).map { row in
            var facts = MessageFacts(
                event: row.string("event")!, organiser: row.string("campaign")!, location: row.string("location")!,
                start: row.date("starts_at")!)
            facts.practical = Store.practicalWords(row)
            return facts
        }
        var legs: [MessageFacts] = []
        for row in try database.rows(
            """
            SELECT r.label, r.destination, r.arrives_at, r.returns_at, s.place, s.pickup_at, c.name AS commune,
                cp.name AS campaign, e.note, e.description, e.contact
            FROM shuttle_run r JOIN shuttle_stop s ON s.run = r.id JOIN commune c ON c.code = s.commune
                LEFT JOIN occurrence o ON o.id = r.occurrence LEFT JOIN event e ON e.uid = o.event
                LEFT JOIN campaign cp ON cp.id = e.campaign
            """)
        {
            let destination = row.string("destination")!
            let organiser = row.string("campaign") ?? territory.organiser
            // As a claim reads them: the transport event's words, when the run has one.
            let practical = Store.practicalWords(row)
            for fareCents in fares {
                let shuttle = (destination, row.date("arrives_at")!, row.date("returns_at")!, fareCents)
                var outbound = MessageFacts(
                    event: row.string("label")!, organiser: organiser, location: "\(row.string("place")!), \(row.string("commune")!)",
                    start: row.date("pickup_at")!, shuttle: shuttle)
                var back = MessageFacts(
                    event: row.string("label")!, organiser: organiser, location: destination, start: row.date("returns_at")!,
                    shuttle: shuttle)
                outbound.practical = practical
                back.practical = practical
                legs += [outbound, back]
            }
        }
        return events + legs
    }

    /// An event's words for residents, from a row that selects `e.note, e.description, e.contact`.
    static func practicalWords(_ row: Row) -> PracticalWords {
        PracticalWords(note: row.string("note"), description: row.string("description"), contact: row.string("contact"))
    }
}
