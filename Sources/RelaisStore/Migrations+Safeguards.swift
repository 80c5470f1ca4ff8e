// Migrations+Safeguards: schema step 9, what Relais remembers so that a hostile file or a crash
// cannot break its promises, kept beside the other steps' list in Migrations.swift (append-only,
// never edited once shipped).
//
// - `calendar_file`: the daemon's verdict on each file of the calendars folder, so that
//   `relais status` and `relais doctor` can say which file was refused and why (the last good
//   version of its campaign stays in force). A refused file always has its reason.
// - `outbox.in_flight`, `outbox.interrupted`: the one claimed message a sender is handing to the
//   server, and how many times a sender died (or lost its lease) while handing it over. Such a
//   message may have reached the server; the second interruption ends it (Store+Leases.swift),
//   so that no crash loop can hand one message over more than twice.
// - `event.truncation`, `event.generated_until`: an event whose recurrence goes on beyond what
//   was generated (the horizon, or the cap on occurrences per event), so that listings can say so.

extension Migrations {
    static let safeguardsStep = """
        CREATE TABLE calendar_file (
            path TEXT PRIMARY KEY,
            state TEXT NOT NULL CHECK (state IN ('loaded', 'refused')),
            campaign TEXT,
            reason TEXT,
            checked_at INTEGER NOT NULL,
            CHECK ((state = 'refused') = (reason IS NOT NULL))
        ) STRICT;
        ALTER TABLE outbox ADD COLUMN in_flight INTEGER NOT NULL DEFAULT 0 CHECK (in_flight = 0 OR state = 'sending');
        ALTER TABLE outbox ADD COLUMN interrupted INTEGER NOT NULL DEFAULT 0 CHECK (interrupted BETWEEN 0 AND 2);
        ALTER TABLE event ADD COLUMN truncation TEXT CHECK (truncation IN ('horizon', 'cap'));
        ALTER TABLE event ADD COLUMN generated_until INTEGER CHECK ((truncation IS NULL) = (generated_until IS NULL));
        """
}
