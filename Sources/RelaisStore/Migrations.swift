// Migrations: the schema, as an append-only list of raw-SQL steps.
//
// Each step runs in its own BEGIN IMMEDIATE transaction and is recorded in `schema_migration`.
// A shipped step is never edited: a change to the schema is a new step at the end. A database
// that records more steps than this program knows was written by a newer relais and is refused.
// Tables are STRICT, and the rules that must hold whatever code writes (capacity, no registration
// to a cancelled occurrence, one registration per person and occurrence) are constraints and
// triggers, not application checks.

import CSQLite
import Foundation

/// A database written by a newer relais than this one.
public struct DatabaseTooNew: Error, CustomStringConvertible {
    public var path: String
    public var databaseVersion: Int
    public var knownVersion: Int

    public var description: String {
        "\(path) was written by a newer relais (schema \(databaseVersion), this relais knows up to \(knownVersion)); upgrade relais or use a backup"
    }
}

enum Migrations {
    /// The steps, in order. Append only.
    static let steps: [String] = [
        // 1: places, campaigns, events, occurrences, participants, consent, registrations.
        """
        CREATE TABLE commune (
            slug TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        ) STRICT;
        CREATE TABLE neighbourhood (
            slug TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            commune TEXT NOT NULL REFERENCES commune(slug)
        ) STRICT;
        CREATE TABLE campaign (
            id TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
            name TEXT NOT NULL,
            source_file TEXT NOT NULL,
            loaded_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE event (
            uid TEXT PRIMARY KEY,
            campaign TEXT NOT NULL REFERENCES campaign(id),
            summary TEXT NOT NULL CHECK (summary <> ''),
            description TEXT,
            location TEXT,
            categories TEXT NOT NULL,
            labels TEXT NOT NULL DEFAULT '',
            commune TEXT REFERENCES commune(slug),
            neighbourhood TEXT REFERENCES neighbourhood(slug),
            capacity INTEGER CHECK (capacity IS NULL OR capacity > 0),
            professionals INTEGER NOT NULL DEFAULT 0 CHECK (professionals >= 0),
            audience TEXT,
            status TEXT NOT NULL CHECK (status IN ('confirmed', 'tentative', 'cancelled')),
            sequence INTEGER NOT NULL DEFAULT 0,
            time_zone TEXT NOT NULL,
            all_day INTEGER NOT NULL CHECK (all_day IN (0, 1)),
            in_calendar INTEGER NOT NULL DEFAULT 1 CHECK (in_calendar IN (0, 1))
        ) STRICT;
        CREATE INDEX event_by_campaign ON event(campaign);
        CREATE TABLE event_action_sheet (
            event TEXT NOT NULL REFERENCES event(uid) ON DELETE CASCADE,
            sheet INTEGER NOT NULL CHECK (sheet BETWEEN 1 AND 99),
            PRIMARY KEY (event, sheet)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE event_alarm (
            event TEXT NOT NULL REFERENCES event(uid) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            related TEXT NOT NULL CHECK (related IN ('start', 'end', 'absolute')),
            offset_seconds INTEGER,
            at INTEGER,
            action TEXT NOT NULL,
            PRIMARY KEY (event, position),
            CHECK ((related = 'absolute') = (at IS NOT NULL AND offset_seconds IS NULL))
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE occurrence (
            id INTEGER PRIMARY KEY,
            event TEXT NOT NULL REFERENCES event(uid),
            recurrence_key TEXT NOT NULL,
            starts_at INTEGER NOT NULL,
            ends_at INTEGER NOT NULL CHECK (ends_at >= starts_at),
            summary TEXT,
            location TEXT,
            status TEXT NOT NULL CHECK (status IN ('scheduled', 'moved', 'cancelled')),
            previous_starts_at INTEGER,
            changed_at INTEGER,
            UNIQUE (event, recurrence_key)
        ) STRICT;
        CREATE INDEX occurrence_by_start ON occurrence(starts_at);
        CREATE TABLE participant (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
            phone TEXT CHECK (phone IS NULL OR (phone GLOB '+[1-9]*' AND phone NOT GLOB '+*[^0-9]*')),
            email TEXT CHECK (email IS NULL OR email LIKE '%_@_%._%'),
            commune TEXT NOT NULL REFERENCES commune(slug),
            birth_year INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1880 AND 2200),
            language TEXT NOT NULL CHECK (language IN ('fr', 'en')),
            created_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX participant_by_phone ON participant(phone);
        CREATE INDEX participant_by_email ON participant(email);
        CREATE TABLE consent (
            participant INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
            channel TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
            granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
            recorded_at INTEGER NOT NULL,
            source TEXT NOT NULL CHECK (source <> ''),
            PRIMARY KEY (participant, channel)
        ) STRICT, WITHOUT ROWID;
        -- A registration outlives the person's data: forgetting a person sets participant to NULL
        -- and keeps the anonymous commune and age group that the contract's counts need.
        CREATE TABLE registration (
            id INTEGER PRIMARY KEY,
            occurrence INTEGER NOT NULL REFERENCES occurrence(id),
            participant INTEGER REFERENCES participant(id) ON DELETE SET NULL,
            commune TEXT NOT NULL REFERENCES commune(slug),
            age_group TEXT,
            registered_at INTEGER NOT NULL,
            attended_at INTEGER,
            source TEXT NOT NULL,
            UNIQUE (occurrence, participant)
        ) STRICT;
        CREATE INDEX registration_by_participant ON registration(participant);
        CREATE TRIGGER registration_refuses_cancelled BEFORE INSERT ON registration
        WHEN (SELECT status FROM occurrence WHERE id = NEW.occurrence) = 'cancelled'
        BEGIN SELECT RAISE(ABORT, 'relais: occurrence cancelled'); END;
        CREATE TRIGGER registration_within_capacity BEFORE INSERT ON registration
        WHEN (SELECT e.capacity FROM occurrence o JOIN event e ON e.uid = o.event WHERE o.id = NEW.occurrence)
             <= (SELECT count(*) FROM registration WHERE occurrence = NEW.occurrence)
        BEGIN SELECT RAISE(ABORT, 'relais: occurrence full'); END;
        CREATE TRIGGER registration_stays_within_capacity BEFORE UPDATE OF occurrence ON registration
        WHEN NEW.occurrence <> OLD.occurrence
             AND (SELECT e.capacity FROM occurrence o JOIN event e ON e.uid = o.event WHERE o.id = NEW.occurrence)
                 <= (SELECT count(*) FROM registration WHERE occurrence = NEW.occurrence)
        BEGIN SELECT RAISE(ABORT, 'relais: occurrence full'); END;
        """,
        // 2: the outbox of reminders and notices, and opt-outs by address.
        """
        ALTER TABLE occurrence ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
        CREATE TABLE opt_out (
            address TEXT NOT NULL,
            channel TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
            recorded_at INTEGER NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY (address, channel)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('reminder', 'moved', 'cancelled')),
            channel TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
            registration INTEGER REFERENCES registration(id),
            participant INTEGER REFERENCES participant(id) ON DELETE SET NULL,
            occurrence INTEGER NOT NULL REFERENCES occurrence(id),
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
            CHECK ((state = 'sending') = (lease_until IS NOT NULL)),
            CHECK (state <> 'sent' OR sent_at IS NOT NULL)
        ) STRICT;
        CREATE INDEX outbox_due ON outbox(state, due_at) WHERE state IN ('queued', 'deferred', 'sending');
        CREATE INDEX outbox_by_participant ON outbox(participant, due_at);
        CREATE INDEX outbox_by_occurrence ON outbox(occurrence);
        """,
        // 3: what the daemon tells other processes (heartbeat, pid, next wake-up), by key.
        """
        CREATE TABLE service_state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT, WITHOUT ROWID;
        """,
        // 4: the shuttle to Bourg-en-Bresse: lines (the shape of a transport event's runs), runs,
        // stops, bookings; capacity, wheelchair places and CCAS quotas enforced by triggers. The
        // outbox is rebuilt (https://sqlite.org/lang_altertable.html#otheralter: create, copy,
        // drop, rename) so that a row may concern a booking instead of an occurrence, and to admit
        // the shuttle message kinds in its CHECK.
        """
        CREATE TABLE shuttle_line (
            event TEXT PRIMARY KEY REFERENCES event(uid),
            seats INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 100),
            wheelchair_places INTEGER NOT NULL CHECK (wheelchair_places BETWEEN 0 AND 10),
            seats_per_wheelchair INTEGER NOT NULL CHECK (seats_per_wheelchair BETWEEN 1 AND 10),
            arrival_minutes INTEGER NOT NULL CHECK (arrival_minutes > 0),
            return_minutes INTEGER NOT NULL CHECK (return_minutes >= arrival_minutes),
            destination TEXT NOT NULL CHECK (destination <> ''),
            ccas_quota INTEGER CHECK (ccas_quota IS NULL OR ccas_quota > 0),
            loaded_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE shuttle_line_stop (
            event TEXT NOT NULL REFERENCES shuttle_line(event) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 1),
            commune TEXT NOT NULL REFERENCES commune(slug),
            place TEXT NOT NULL CHECK (place <> ''),
            offset_minutes INTEGER NOT NULL CHECK (offset_minutes >= 0),
            PRIMARY KEY (event, position)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE shuttle_run (
            id INTEGER PRIMARY KEY,
            occurrence INTEGER UNIQUE REFERENCES occurrence(id),
            occurrence_version INTEGER,
            label TEXT NOT NULL CHECK (label <> ''),
            departs_at INTEGER NOT NULL,
            arrives_at INTEGER NOT NULL,
            returns_at INTEGER NOT NULL,
            destination TEXT NOT NULL CHECK (destination <> ''),
            seats INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 100),
            wheelchair_places INTEGER NOT NULL CHECK (wheelchair_places BETWEEN 0 AND 10),
            seats_per_wheelchair INTEGER NOT NULL CHECK (seats_per_wheelchair BETWEEN 1 AND 10),
            ccas_quota INTEGER CHECK (ccas_quota IS NULL OR ccas_quota > 0),
            status TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
            version INTEGER NOT NULL DEFAULT 1,
            created_at INTEGER NOT NULL,
            cancelled_at INTEGER,
            cancel_reason TEXT,
            CHECK (departs_at < arrives_at AND arrives_at <= returns_at),
            CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
        ) STRICT;
        CREATE INDEX shuttle_run_by_departure ON shuttle_run(departs_at);
        CREATE TABLE shuttle_stop (
            run INTEGER NOT NULL REFERENCES shuttle_run(id),
            position INTEGER NOT NULL CHECK (position >= 1),
            commune TEXT NOT NULL REFERENCES commune(slug),
            place TEXT NOT NULL CHECK (place <> ''),
            pickup_at INTEGER NOT NULL,
            PRIMARY KEY (run, position)
        ) STRICT, WITHOUT ROWID;
        -- A booking outlives the person's data (participant set to NULL when forgotten); commune is
        -- the resident's at booking time: whose CCAS sees the booking, and whose quota it counts in.
        -- Seats held: `seats` on each leg it covers (outbound, inbound) while confirmed, completed or no_show;
        -- a wheelchair place is held for the whole run, whatever the legs.
        CREATE TABLE shuttle_booking (
            id INTEGER PRIMARY KEY,
            run INTEGER NOT NULL REFERENCES shuttle_run(id),
            participant INTEGER REFERENCES participant(id) ON DELETE SET NULL,
            commune TEXT NOT NULL REFERENCES commune(slug),
            stop INTEGER NOT NULL,
            outbound INTEGER NOT NULL CHECK (outbound IN (0, 1)),
            inbound INTEGER NOT NULL CHECK (inbound IN (0, 1)),
            companion INTEGER NOT NULL CHECK (companion IN (0, 1)),
            wheelchair INTEGER NOT NULL CHECK (wheelchair IN (0, 1)),
            seats INTEGER NOT NULL CHECK (seats >= 1),
            appointment_at INTEGER,
            quotient INTEGER CHECK (quotient IS NULL OR quotient >= 0),
            fare_band TEXT NOT NULL,
            fare_cents INTEGER NOT NULL CHECK (fare_cents >= 0),
            status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled', 'completed', 'no_show')),
            waitlist_reason TEXT,
            booked_at INTEGER NOT NULL,
            booked_by TEXT NOT NULL,
            confirmed_at INTEGER,
            promoted_at INTEGER,
            cancelled_at INTEGER,
            cancelled_late INTEGER NOT NULL DEFAULT 0 CHECK (cancelled_late IN (0, 1)),
            cancel_reason TEXT,
            settled_at INTEGER,
            warning TEXT,
            CHECK (outbound + inbound >= 1),
            CHECK (status NOT IN ('confirmed', 'completed', 'no_show') OR confirmed_at IS NOT NULL),
            CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
            FOREIGN KEY (run, stop) REFERENCES shuttle_stop(run, position)
        ) STRICT;
        CREATE UNIQUE INDEX shuttle_booking_once ON shuttle_booking(run, participant) WHERE status IN ('confirmed', 'waitlisted');
        CREATE INDEX shuttle_booking_by_run ON shuttle_booking(run, status);
        CREATE INDEX shuttle_booking_by_participant ON shuttle_booking(participant);
        CREATE TRIGGER shuttle_booking_seats_match_the_vehicle BEFORE INSERT ON shuttle_booking
        WHEN NEW.seats <> NEW.companion + CASE WHEN NEW.wheelchair = 1
            THEN (SELECT seats_per_wheelchair FROM shuttle_run WHERE id = NEW.run) ELSE 1 END
        BEGIN SELECT RAISE(ABORT, 'relais: booking seats do not match the vehicle'); END;
        CREATE TRIGGER shuttle_booking_seats_stay_matched BEFORE UPDATE OF seats, companion, wheelchair, run ON shuttle_booking
        WHEN NEW.seats <> NEW.companion + CASE WHEN NEW.wheelchair = 1
            THEN (SELECT seats_per_wheelchair FROM shuttle_run WHERE id = NEW.run) ELSE 1 END
        BEGIN SELECT RAISE(ABORT, 'relais: booking seats do not match the vehicle'); END;
        CREATE TRIGGER shuttle_booking_within_capacity BEFORE INSERT ON shuttle_booking
        WHEN NEW.status IN ('confirmed', 'completed', 'no_show')
        BEGIN
            SELECT RAISE(ABORT, 'relais: shuttle run cancelled') FROM shuttle_run WHERE id = NEW.run AND status = 'cancelled';
            SELECT RAISE(ABORT, 'relais: no wheelchair place left') FROM shuttle_run r WHERE r.id = NEW.run AND NEW.wheelchair = 1
                AND 1 + (SELECT count(*) FROM shuttle_booking b WHERE b.run = NEW.run AND b.wheelchair = 1
                    AND b.status IN ('confirmed', 'completed', 'no_show') AND b.id IS NOT NEW.id) > r.wheelchair_places;
            SELECT RAISE(ABORT, 'relais: shuttle full') FROM shuttle_run r WHERE r.id = NEW.run AND (
                (NEW.outbound = 1 AND NEW.seats + (SELECT coalesce(sum(b.seats), 0) FROM shuttle_booking b WHERE b.run = NEW.run
                    AND b.outbound = 1 AND b.status IN ('confirmed', 'completed', 'no_show') AND b.id IS NOT NEW.id) > r.seats)
                OR (NEW.inbound = 1 AND NEW.seats + (SELECT coalesce(sum(b.seats), 0) FROM shuttle_booking b WHERE b.run = NEW.run
                    AND b.inbound = 1 AND b.status IN ('confirmed', 'completed', 'no_show') AND b.id IS NOT NEW.id) > r.seats));
            SELECT RAISE(ABORT, 'relais: CCAS quota reached') FROM shuttle_run r WHERE r.id = NEW.run AND r.ccas_quota IS NOT NULL
                AND NEW.seats + (SELECT coalesce(sum(b.seats), 0) FROM shuttle_booking b WHERE b.run = NEW.run AND b.commune = NEW.commune
                    AND b.status IN ('confirmed', 'completed', 'no_show') AND b.id IS NOT NEW.id) > r.ccas_quota;
        END;
        CREATE TRIGGER shuttle_booking_stays_within_capacity
        BEFORE UPDATE OF status, seats, outbound, inbound, wheelchair, run, commune ON shuttle_booking
        WHEN NEW.status IN ('confirmed', 'completed', 'no_show')
        BEGIN
            SELECT RAISE(ABORT, 'relais: shuttle run cancelled') FROM shuttle_run WHERE id = NEW.run AND status = 'cancelled'
                AND OLD.status NOT IN ('confirmed', 'completed', 'no_show');
            SELECT RAISE(ABORT, 'relais: no wheelchair place left') FROM shuttle_run r WHERE r.id = NEW.run AND NEW.wheelchair = 1
                AND 1 + (SELECT count(*) FROM shuttle_booking b WHERE b.run = NEW.run AND b.wheelchair = 1
                    AND b.status IN ('confirmed', 'completed', 'no_show') AND b.id IS NOT NEW.id) > r.wheelchair_places;
            SELECT RAISE(ABORT, 'relais: shuttle full') FROM shuttle_run r WHERE r.id = NEW.run AND (
                (NEW.outbound = 1 AND NEW.seats + (SELECT coalesce(sum(b.seats), 0) FROM shuttle_booking b WHERE b.run = NEW.run
                    AND b.outbound = 1 AND b.status IN ('confirmed', 'completed', 'no_show') AND b.id IS NOT NEW.id) > r.seats)
                OR (NEW.inbound = 1 AND NEW.seats + (SELECT coalesce(sum(b.seats), 0) FROM shuttle_booking b WHERE b.run = NEW.run
                    AND b.inbound = 1 AND b.status IN ('confirmed', 'completed', 'no_show') AND b.id IS NOT NEW.id) > r.seats));
            SELECT RAISE(ABORT, 'relais: CCAS quota reached') FROM shuttle_run r WHERE r.id = NEW.run AND r.ccas_quota IS NOT NULL
                AND NEW.seats + (SELECT coalesce(sum(b.seats), 0) FROM shuttle_booking b WHERE b.run = NEW.run AND b.commune = NEW.commune
                    AND b.status IN ('confirmed', 'completed', 'no_show') AND b.id IS NOT NEW.id) > r.ccas_quota;
        END;
        CREATE TRIGGER shuttle_run_keeps_its_passengers BEFORE UPDATE OF seats, wheelchair_places, seats_per_wheelchair ON shuttle_run
        BEGIN
            SELECT RAISE(ABORT, 'relais: shuttle full') WHERE
                (SELECT coalesce(sum(seats), 0) FROM shuttle_booking WHERE run = NEW.id AND outbound = 1
                    AND status IN ('confirmed', 'completed', 'no_show')) > NEW.seats
                OR (SELECT coalesce(sum(seats), 0) FROM shuttle_booking WHERE run = NEW.id AND inbound = 1
                    AND status IN ('confirmed', 'completed', 'no_show')) > NEW.seats;
            SELECT RAISE(ABORT, 'relais: no wheelchair place left') WHERE
                (SELECT count(*) FROM shuttle_booking WHERE run = NEW.id AND wheelchair = 1
                    AND status IN ('confirmed', 'completed', 'no_show')) > NEW.wheelchair_places;
            SELECT RAISE(ABORT, 'relais: booking seats do not match the vehicle') WHERE NEW.seats_per_wheelchair <> OLD.seats_per_wheelchair
                AND EXISTS (SELECT 1 FROM shuttle_booking WHERE run = NEW.id AND wheelchair = 1 AND status <> 'cancelled');
        END;
        CREATE TABLE outbox_rebuilt (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('reminder', 'moved', 'cancelled', 'shuttle-reminder', 'shuttle-promoted', 'shuttle-cancelled')),
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
            CHECK ((state = 'sending') = (lease_until IS NOT NULL)),
            CHECK (state <> 'sent' OR sent_at IS NOT NULL),
            CHECK ((kind LIKE 'shuttle-%') = (booking IS NOT NULL)),
            CHECK (booking IS NOT NULL OR occurrence IS NOT NULL)
        ) STRICT;
        INSERT INTO outbox_rebuilt (id, key, kind, channel, registration, participant, occurrence, occurrence_version, alarm,
            state, due_at, nominal_at, not_after, attempts, first_attempt_at, lease_owner, lease_until, reason, reply,
            created_at, updated_at, sent_at)
        SELECT id, key, kind, channel, registration, participant, occurrence, occurrence_version, alarm,
            state, due_at, nominal_at, not_after, attempts, first_attempt_at, lease_owner, lease_until, reason, reply,
            created_at, updated_at, sent_at FROM outbox;
        DROP TABLE outbox;
        ALTER TABLE outbox_rebuilt RENAME TO outbox;
        CREATE INDEX outbox_due ON outbox(state, due_at) WHERE state IN ('queued', 'deferred', 'sending');
        CREATE INDEX outbox_by_participant ON outbox(participant, due_at);
        CREATE INDEX outbox_by_occurrence ON outbox(occurrence);
        CREATE INDEX outbox_by_booking ON outbox(booking) WHERE booking IS NOT NULL;
        """,
        // 5: the SMS gateway's delivery reports (Kannel dlr-url): the latest state of each SMS, the
        // gateway's code (1 delivered, 2 not delivered, 4 buffered, 8 accepted by the SMSC,
        // 16 refused by the SMSC) and when it came. Store+DeliveryReports.swift writes them.
        """
        ALTER TABLE outbox ADD COLUMN delivery TEXT CHECK (delivery IN ('buffered', 'accepted', 'delivered', 'failed'));
        ALTER TABLE outbox ADD COLUMN delivery_code INTEGER;
        ALTER TABLE outbox ADD COLUMN delivery_at INTEGER;
        """,
    ]

    /// Brings the database up to the last step, one transaction per step.
    static func apply(to database: Database) throws {
        let exists = try database.row("SELECT 1 AS found FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migration'")
        if exists == nil {
            try database.write { database in
                try database.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT")
            }
        }
        let applied = try database.row("SELECT coalesce(max(version), 0) AS version FROM schema_migration")?.int("version") ?? 0
        if applied > steps.count {
            throw DatabaseTooNew(path: database.path, databaseVersion: applied, knownVersion: steps.count)
        }
        for (index, sql) in steps.enumerated() where index + 1 > applied {
            try database.write { database in
                // Another process may have applied this step while this one waited for the lock.
                let done = try database.row("SELECT 1 AS done FROM schema_migration WHERE version = ?", [.integer(Int64(index + 1))])
                if done != nil { return }
                try database.execute(sql)
                try database.run(
                    "INSERT INTO schema_migration (version, applied_at) VALUES (?, ?)",
                    [.integer(Int64(index + 1)), .date(Date())])
            }
        }
    }
}
