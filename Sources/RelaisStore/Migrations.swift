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
        // 4: the shuttle (Migrations+Shuttle.swift).
        shuttleStep,
        // 5: the SMS gateway's delivery reports (Kannel dlr-url): the latest state of each SMS, the
        // gateway's code (1 delivered, 2 not delivered, 4 buffered, 8 accepted by the SMSC,
        // 16 refused by the SMSC) and when it came. Store+DeliveryReports.swift writes them.
        """
        ALTER TABLE outbox ADD COLUMN delivery TEXT CHECK (delivery IN ('buffered', 'accepted', 'delivered', 'failed'));
        ALTER TABLE outbox ADD COLUMN delivery_code INTEGER;
        ALTER TABLE outbox ADD COLUMN delivery_at INTEGER;
        """,
        // 6: accounts of the CCAS desk and the agglo's coordinators (relais users), and the audit
        // log of what each account did (Store+Accounts.swift).
        accountsStep,
        // 7: the sessions of signed-in agents, browser or API, kept as SHA-256 digests of their
        // tokens (Store+Sessions.swift).
        sessionsStep,
        // 8: triggers that keep every place people hold when a run, an event or an occurrence
        // changes, by UPDATE, REPLACE or UPSERT (Migrations+Capacity.swift).
        capacityStep,
        // 9: the daemon's verdict on each calendar file, interrupted sends counted per message,
        // and events whose occurrences were cut (Migrations+Safeguards.swift).
        safeguardsStep,
        // 10: the desk roles `staff` and `planner` (Migrations+Accounts.swift).
        rolesStep,
        // 11: residents found by e-mail address whatever its case, for duplicates (Migrations+Residents.swift).
        residentsStep,
        // 12: registrations confirmed, waitlisted or cancelled, capacity counting confirmed ones
        // only, and the notice of a waitlisted registration that got a place (Migrations+Registrations.swift).
        registrationsStep,
        // 13: what relais serve made of each calendar feed, for relais status (Migrations+Feeds.swift).
        feedsStep,
        // 14: the action sheets and categories a campaign was loaded with from outside its file
        // (Migrations+CalendarDefaults.swift).
        calendarDefaultsStep,
        // 15: message kinds as rows of `message_kind`, which the rebuilt outbox refers to, instead of
        // a CHECK that made each new kind rebuild it (Migrations+Outbox.swift).
        messageKindsStep,
        // 16: each SMS's encoding and segments, recorded when it is written for sending (Migrations+SMSSize.swift).
        smsSizeStep,
        // 17: communes keyed by INSEE code; the slugs are re-keyed at open (Migrations+CommuneCodes.swift).
        communeCodesStep,
        // 18: an event's note and contact for residents (Migrations+Practical.swift).
        practicalWordsStep,
        // 19: the indexes reports read the registrations and the messages' outcomes through (Migrations+Reports.swift).
        reportIndexesStep,
        // 20: the tokens of the links in messages, kept as SHA-256 digests (Migrations+Links.swift).
        linkTokensStep,
        // 21: each session's confirmed registrations in a counter kept by triggers, which the capacity
        // check of a registration reads instead of counting them (Migrations+PlaceCounter.swift).
        placeCounterStep,
        // 22: on-demand shuttle runs and their bookings' pickups, the door address erased once the
        // run is over (Migrations+OnDemand.swift).
        onDemandStep,
        // 23: an SMS "ANNULER" about a shuttle booking waiting for its "OUI" (Migrations+SMSCancelShuttle.swift).
        smsCancelShuttleStep,
        // 24: the on-demand part of a calendar's shuttle line, X-RELAIS-PICKUP:on-demand
        // (Migrations+LineDemand.swift).
        lineDemandStep,
        // 25: a coordinator's outbound pickup order of an on-demand run (Migrations+RouteOrder.swift).
        routeOrderStep,
        // 26: the version of a booking's latest pickup change message, as a number
        // (Migrations+PickupChangeVersion.swift).
        pickupChangeVersionStep,
        // 27: registrations reminded and the outbox's outcomes kept for the reports by triggers, beyond
        // the outbox's pruning (Migrations+ReportCounts.swift).
        reportCountsStep,
        // 28: the counting triggers of steps 21 and 27 merged, one per table and event where they can be
        // (Migrations+CountTriggers.swift).
        countTriggersStep,
        // 29: the partial indexes the claim and the leases are read through, in place of one no query
        // could use (Migrations+OutboxQueue.swift).
        outboxQueueStep,
    ]

    /// The steps (1-based) that rebuild a table others refer to, run with foreign keys off.
    static let foreignKeysOffSteps: Set<Int> = [10, 12, 15, 17]

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
            let version = index + 1
            // PRAGMA foreign_keys is a no-op inside a transaction: it is set around it.
            let keysOff = foreignKeysOffSteps.contains(version)
            if keysOff { try database.execute("PRAGMA foreign_keys = OFF") }
            do { try apply(sql, version: version, checkingReferences: keysOff, to: database) } catch {
                if keysOff { try database.execute("PRAGMA foreign_keys = ON") }
                throw error
            }
            if keysOff { try database.execute("PRAGMA foreign_keys = ON") }
        }
    }

    /// Runs one step in its own transaction and records it.
    private static func apply(_ sql: String, version: Int, checkingReferences: Bool, to database: Database) throws {
        try database.write { database in
            // Another process may have applied this step while this one waited for the lock.
            let done = try database.row("SELECT 1 AS done FROM schema_migration WHERE version = ?", [.integer(Int64(version))])
            if done != nil { return }
            try database.execute(sql)
            if checkingReferences, let broken = try database.rows("PRAGMA foreign_key_check").first {
                throw DatabaseError(
                    code: 787, message: "schema step \(version) left a broken reference in \(broken.string("table") ?? "?")",
                    sql: "PRAGMA foreign_key_check")
            }
            try database.run(
                "INSERT INTO schema_migration (version, applied_at) VALUES (?, ?)", [.integer(Int64(version)), .date(Date())])
        }
    }
}
