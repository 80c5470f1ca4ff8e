// Migrations+Registrations: schema step 12, registrations with a status (confirmed, waitlisted,
// cancelled) and the notice of a waitlisted registration that got a place, kept beside the other
// steps' list in Migrations.swift (append-only, never edited once shipped).
//
// What a status changes, and what this step chose:
//
// - Only a confirmed registration holds a place. The capacity triggers of step 1 (a registration
//   inserted or moved) and of step 8 (an event's capacity, an occurrence's event, status or start
//   changed) are replaced by ones that count confirmed registrations only; a registration that
//   becomes confirmed (promoted from the waitlist, ticked at the door) is judged like an insert.
//   I5 of step 8 becomes: no session to come holds more confirmed registrations than its capacity.
// - A waitlisted or cancelled registration is not a registration for the counts: reports, listings
//   (`registered`), reminders and the capacity check of a reload read confirmed ones only. A
//   presence is only ever a confirmed registration's (CHECK). Forgetting a person deletes their
//   upcoming registrations, whatever their status, and their cancelled ones: none is a count.
// - A cancelled registration stays cancelled (a trigger refuses to revive it): registering again is
//   a new row, so the history of who gave up a place is kept, and the UNIQUE (occurrence,
//   participant) of step 1 becomes a unique index over the registrations that are not cancelled.
// - No registration becomes confirmed or waitlisted on a cancelled occurrence (step 1 refused only
//   inserts), and none is moved onto one.
//
// How. SQLite changes a table's constraints only by rebuilding it
// (https://www.sqlite.org/lang_altertable.html#otheralter: "create new table, copy data, drop old
// table, rename new into old"); this step runs with foreign keys off (`foreignKeysOffSteps`), so
// that dropping the old table neither fails for the outbox rows that refer to it nor deletes
// anything, and `PRAGMA foreign_key_check` then proves every reference still holds. Since SQLite
// 3.26, renaming a table checks every trigger of the schema, and one that names a table that does
// not exist fails the rename ("error in trigger ...: no such table"), so the triggers of step 8 that
// read `registration` are dropped first and created again after the rename (with the new counts).
// The outbox is rebuilt the same way to admit the new message kind in its CHECK.

extension Migrations {
    /// 12: registrations confirmed, waitlisted or cancelled; capacity counts confirmed ones only.
    static let registrationsStep = """
        DROP TRIGGER event_capacity_holds_its_registrations;
        DROP TRIGGER event_inserted_holds_its_registrations;
        DROP TRIGGER occurrence_holds_its_registrations;
        DROP TRIGGER occurrence_inserted_holds_its_registrations;
        DROP TRIGGER occurrence_replaced_keeps_its_registrations;
        DROP TRIGGER occurrence_keeps_its_id;

        CREATE TABLE registration_with_status (
            id INTEGER PRIMARY KEY,
            occurrence INTEGER NOT NULL REFERENCES occurrence(id),
            participant INTEGER REFERENCES participant(id) ON DELETE SET NULL,
            commune TEXT NOT NULL REFERENCES commune(slug),
            age_group TEXT,
            registered_at INTEGER NOT NULL,
            attended_at INTEGER,
            source TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
            promoted_at INTEGER,
            cancelled_at INTEGER,
            cancel_reason TEXT,
            CHECK (attended_at IS NULL OR status = 'confirmed'),
            CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
            CHECK (promoted_at IS NULL OR status <> 'waitlisted')
        ) STRICT;
        INSERT INTO registration_with_status (id, occurrence, participant, commune, age_group, registered_at, attended_at, source)
            SELECT id, occurrence, participant, commune, age_group, registered_at, attended_at, source FROM registration;
        DROP TABLE registration;
        ALTER TABLE registration_with_status RENAME TO registration;
        CREATE UNIQUE INDEX registration_once ON registration(occurrence, participant) WHERE status <> 'cancelled';
        CREATE INDEX registration_by_occurrence ON registration(occurrence, status);
        CREATE INDEX registration_by_participant ON registration(participant);

        CREATE TRIGGER registration_refuses_cancelled BEFORE INSERT ON registration
        WHEN NEW.status <> 'cancelled' AND (SELECT status FROM occurrence WHERE id = NEW.occurrence) = 'cancelled'
        BEGIN SELECT RAISE(ABORT, 'relais: occurrence cancelled'); END;
        CREATE TRIGGER registration_stays_off_cancelled BEFORE UPDATE OF occurrence, status ON registration
        WHEN NEW.status <> 'cancelled' AND (NEW.occurrence IS NOT OLD.occurrence OR NEW.status IS NOT OLD.status)
            AND (SELECT status FROM occurrence WHERE id = NEW.occurrence) = 'cancelled'
        BEGIN SELECT RAISE(ABORT, 'relais: occurrence cancelled'); END;
        CREATE TRIGGER registration_stays_cancelled BEFORE UPDATE OF status ON registration
        WHEN OLD.status = 'cancelled' AND NEW.status <> 'cancelled'
        BEGIN SELECT RAISE(ABORT, 'relais: a cancelled registration stays cancelled'); END;
        CREATE TRIGGER registration_within_capacity BEFORE INSERT ON registration
        WHEN NEW.status = 'confirmed'
            AND (SELECT e.capacity FROM occurrence o JOIN event e ON e.uid = o.event WHERE o.id = NEW.occurrence)
                <= (SELECT count(*) FROM registration WHERE occurrence = NEW.occurrence AND status = 'confirmed')
        BEGIN SELECT RAISE(ABORT, 'relais: occurrence full'); END;
        CREATE TRIGGER registration_stays_within_capacity BEFORE UPDATE OF occurrence, status ON registration
        WHEN NEW.status = 'confirmed' AND (NEW.occurrence IS NOT OLD.occurrence OR OLD.status <> 'confirmed')
            AND (SELECT e.capacity FROM occurrence o JOIN event e ON e.uid = o.event WHERE o.id = NEW.occurrence)
                <= (SELECT count(*) FROM registration WHERE occurrence = NEW.occurrence AND status = 'confirmed' AND id IS NOT NEW.id)
        BEGIN SELECT RAISE(ABORT, 'relais: occurrence full'); END;

        CREATE TRIGGER event_capacity_holds_its_registrations AFTER UPDATE OF capacity ON event
        WHEN NEW.capacity IS NOT NULL
        BEGIN
            SELECT RAISE(ABORT, 'relais: capacity below the people registered') WHERE EXISTS (
                SELECT 1 FROM occurrence o WHERE o.event = NEW.uid AND o.status <> 'cancelled'
                    AND o.starts_at > CAST(strftime('%s', 'now') AS INTEGER)
                    AND (SELECT count(*) FROM registration WHERE occurrence = o.id AND status = 'confirmed') > NEW.capacity);
        END;
        CREATE TRIGGER event_inserted_holds_its_registrations AFTER INSERT ON event
        WHEN NEW.capacity IS NOT NULL
        BEGIN
            SELECT RAISE(ABORT, 'relais: capacity below the people registered') WHERE EXISTS (
                SELECT 1 FROM occurrence o WHERE o.event = NEW.uid AND o.status <> 'cancelled'
                    AND o.starts_at > CAST(strftime('%s', 'now') AS INTEGER)
                    AND (SELECT count(*) FROM registration WHERE occurrence = o.id AND status = 'confirmed') > NEW.capacity);
        END;
        CREATE TRIGGER occurrence_holds_its_registrations AFTER UPDATE OF event, status, starts_at ON occurrence
        WHEN NEW.status <> 'cancelled' AND NEW.starts_at > CAST(strftime('%s', 'now') AS INTEGER)
        BEGIN
            SELECT RAISE(ABORT, 'relais: occurrence full') WHERE
                (SELECT count(*) FROM registration WHERE occurrence = NEW.id AND status = 'confirmed')
                    > (SELECT capacity FROM event WHERE uid = NEW.event);
        END;
        CREATE TRIGGER occurrence_inserted_holds_its_registrations AFTER INSERT ON occurrence
        WHEN NEW.status <> 'cancelled' AND NEW.starts_at > CAST(strftime('%s', 'now') AS INTEGER)
        BEGIN
            SELECT RAISE(ABORT, 'relais: occurrence full') WHERE
                (SELECT count(*) FROM registration WHERE occurrence = NEW.id AND status = 'confirmed')
                    > (SELECT capacity FROM event WHERE uid = NEW.event);
        END;
        CREATE TRIGGER occurrence_replaced_keeps_its_registrations BEFORE INSERT ON occurrence
        BEGIN
            SELECT RAISE(ABORT, 'relais: an occurrence people registered to cannot be replaced') FROM occurrence o
            WHERE o.event = NEW.event AND o.recurrence_key = NEW.recurrence_key AND o.id IS NOT NEW.id
                AND EXISTS (SELECT 1 FROM registration WHERE occurrence = o.id);
        END;
        CREATE TRIGGER occurrence_keeps_its_id BEFORE UPDATE OF id ON occurrence
        WHEN NEW.id IS NOT OLD.id AND EXISTS (SELECT 1 FROM registration WHERE occurrence = OLD.id)
        BEGIN SELECT RAISE(ABORT, 'relais: an occurrence people registered to cannot change id'); END;

        CREATE TABLE outbox_with_promotions (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('reminder', 'moved', 'cancelled', 'registration-promoted',
                'shuttle-reminder', 'shuttle-promoted', 'shuttle-cancelled')),
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
        INSERT INTO outbox_with_promotions (id, key, kind, channel, registration, participant, occurrence, occurrence_version, alarm,
            state, due_at, nominal_at, not_after, attempts, first_attempt_at, lease_owner, lease_until, reason, reply,
            created_at, updated_at, sent_at, booking, delivery, delivery_code, delivery_at, in_flight, interrupted)
        SELECT id, key, kind, channel, registration, participant, occurrence, occurrence_version, alarm,
            state, due_at, nominal_at, not_after, attempts, first_attempt_at, lease_owner, lease_until, reason, reply,
            created_at, updated_at, sent_at, booking, delivery, delivery_code, delivery_at, in_flight, interrupted FROM outbox;
        DROP TABLE outbox;
        ALTER TABLE outbox_with_promotions RENAME TO outbox;
        CREATE INDEX outbox_due ON outbox(state, due_at) WHERE state IN ('queued', 'deferred', 'sending');
        CREATE INDEX outbox_by_participant ON outbox(participant, due_at);
        CREATE INDEX outbox_by_occurrence ON outbox(occurrence);
        CREATE INDEX outbox_by_booking ON outbox(booking) WHERE booking IS NOT NULL;
        CREATE INDEX outbox_by_registration ON outbox(registration) WHERE registration IS NOT NULL;
        """
}
