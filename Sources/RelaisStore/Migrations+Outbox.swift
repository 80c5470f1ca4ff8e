// Migrations+Outbox: schema step 15, message kinds as data. Until step 12 the outbox's CHECK listed
// its kinds, so each new kind of message rebuilt the whole outbox (steps 4 and 12 did). Now the kinds
// are rows of `message_kind`, which the outbox refers to; the store records every kind it knows
// (MessageKind.allCases, Store+MessageKinds.swift) when it opens, so a new kind needs no migration.
//
// The outbox is rebuilt one last time, as step 10 rebuilt `account`
// (https://www.sqlite.org/lang_altertable.html#otheralter: create, copy, drop, rename), with foreign
// keys off (`foreignKeysOffSteps`) and `PRAGMA foreign_key_check` after: every row, id and column is
// copied, every index made again, and the CHECKs of steps 9 and 12 kept (`in_flight` only while
// sending, at most two interruptions, a lease exactly while sending, a sending time on every sent
// row, shuttle kinds exactly with a booking, a subject for every message).

extension Migrations {
    static let messageKindsStep = """
        CREATE TABLE message_kind (
            name TEXT PRIMARY KEY CHECK (name GLOB '[a-z]*' AND name NOT GLOB '*[^a-z-]*'),
            subject TEXT NOT NULL CHECK (subject IN ('registration', 'booking')),
            CHECK ((name LIKE 'shuttle-%') = (subject = 'booking'))
        ) STRICT, WITHOUT ROWID;
        INSERT INTO message_kind (name, subject) VALUES
            ('reminder', 'registration'), ('moved', 'registration'), ('cancelled', 'registration'),
            ('registration-promoted', 'registration'), ('shuttle-reminder', 'booking'), ('shuttle-promoted', 'booking'),
            ('shuttle-cancelled', 'booking');
        CREATE TABLE outbox_with_kinds (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL REFERENCES message_kind(name),
            channel TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
            registration INTEGER REFERENCES registration(id),
            participant INTEGER REFERENCES participant(id) ON DELETE SET NULL,
            occurrence INTEGER REFERENCES occurrence(id),
            occurrence_version INTEGER NOT NULL,
            alarm INTEGER,
            state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'deferred', 'failed', 'cancelled', 'dropped')),
            due_at INTEGER NOT NULL,
            nominal_at INTEGER,
            not_after INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            first_attempt_at INTEGER,
            lease_owner TEXT,
            lease_until INTEGER,
            reason TEXT,
            reply TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            sent_at INTEGER,
            booking INTEGER REFERENCES shuttle_booking(id),
            delivery TEXT CHECK (delivery IN ('buffered', 'accepted', 'delivered', 'failed')),
            delivery_code INTEGER,
            delivery_at INTEGER,
            in_flight INTEGER NOT NULL DEFAULT 0 CHECK (in_flight = 0 OR state = 'sending'),
            interrupted INTEGER NOT NULL DEFAULT 0 CHECK (interrupted BETWEEN 0 AND 2),
            CHECK ((state = 'sending') = (lease_until IS NOT NULL)),
            CHECK (state <> 'sent' OR sent_at IS NOT NULL),
            CHECK ((kind LIKE 'shuttle-%') = (booking IS NOT NULL)),
            CHECK (booking IS NOT NULL OR occurrence IS NOT NULL)
        ) STRICT;
        INSERT INTO outbox_with_kinds (id, key, kind, channel, registration, participant, occurrence, occurrence_version, alarm,
            state, due_at, nominal_at, not_after, attempts, first_attempt_at, lease_owner, lease_until, reason, reply,
            created_at, updated_at, sent_at, booking, delivery, delivery_code, delivery_at, in_flight, interrupted)
        SELECT id, key, kind, channel, registration, participant, occurrence, occurrence_version, alarm,
            state, due_at, nominal_at, not_after, attempts, first_attempt_at, lease_owner, lease_until, reason, reply,
            created_at, updated_at, sent_at, booking, delivery, delivery_code, delivery_at, in_flight, interrupted FROM outbox;
        DROP TABLE outbox;
        ALTER TABLE outbox_with_kinds RENAME TO outbox;
        CREATE INDEX outbox_due ON outbox(state, due_at) WHERE state IN ('queued', 'deferred', 'sending');
        CREATE INDEX outbox_by_participant ON outbox(participant, due_at);
        CREATE INDEX outbox_by_occurrence ON outbox(occurrence);
        CREATE INDEX outbox_by_booking ON outbox(booking) WHERE booking IS NOT NULL;
        CREATE INDEX outbox_by_registration ON outbox(registration) WHERE registration IS NOT NULL;
        CREATE INDEX outbox_by_kind ON outbox(kind);
        """
}
