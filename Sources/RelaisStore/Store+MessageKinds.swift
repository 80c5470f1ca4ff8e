// Store+MessageKinds: the `message_kind` table the outbox refers to (Migrations+Outbox.swift) holds
// every kind this relais knows (MessageKind.allCases, with what each is about), recorded when the
// store opens. A kind added to RelaisCore is thus known to the database without a migration, and
// an outbox row of a kind nobody declared is refused by its foreign key.

import Foundation
import RelaisCore

extension Store {
    /// Records the kinds of MessageKind that `message_kind` does not hold yet (none is ever removed:
    /// outbox rows refer to them).
    func recordMessageKinds() throws {
        let known = try database.row("SELECT count(*) AS n FROM message_kind")?.int("n") ?? 0
        guard known < MessageKind.allCases.count else { return }
        try database.write { database in
            for kind in MessageKind.allCases {
                try database.run(
                    "INSERT OR IGNORE INTO message_kind (name, subject) VALUES (?, ?)",
                    [.text(kind.rawValue), .text(kind.descriptor.subject.rawValue)])
            }
        }
    }

    /// The kinds the database knows, by name.
    public func messageKinds() throws -> [String] {
        try database.rows("SELECT name FROM message_kind ORDER BY name").compactMap { $0.string("name") }
    }
}
