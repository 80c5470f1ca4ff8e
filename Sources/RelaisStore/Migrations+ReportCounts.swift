// Migrations+ReportCounts: schema step 27, what the participation reports count kept by triggers where
// a report reads it at once, instead of being counted from the registrations and the outbox at each
// report; and so that it outlives the outbox's pruning.
//
// Why. A report read every confirmed registration (a million for a large territory's season) and, twice,
// every reminder of the outbox: "registrations reminded" by checking each registration against the set of
// reminders sent, "reminders sent and failed per channel, SMS segments" by a grouped scan of the outbox.
// Those reads were most of `report all`'s time. And the outbox rows are deleted by housekeeping after
// `[service] outbox_keep_days` (400 by default): a year's report made in February of the next year lost
// the reminders of the previous January. Now:
//
//   - registration.reminded (0 or 1): 1 once a reminder of this registration was sent. Set when an
//     outbox row of kind `reminder` is inserted or updated as `sent`; never reset (a sent message stays
//     sent; pruning it does not unsend it).
//   - registration_count: per session, age group ('' for none), reminded and present, the confirmed
//     registrations. A registration inserted confirmed adds one; one deleted while confirmed takes one
//     away; an UPDATE of its session, status, age group, reminder or presence takes one from where it was
//     counted (if it was confirmed) and adds one where it now is (if it is): the same rules as the place
//     counter of step 21 (Migrations+PlaceCounter.swift), with the same limit (a REPLACE of a registration,
//     which relais never writes, deletes the old row without a trigger). A report reads these rows, a few
//     per session, in place of the registrations; the registration_confirmed index of step 19, read by
//     nothing else, is dropped, so an intake writes a counter instead of an index entry.
//   - outbox_outcome_count: per session, kind, channel and state (sent or failed) the messages, those of
//     them with a recorded SMS size, and their segments. A row entering `sent` or `failed` (inserted so,
//     or updated to it) adds itself; one leaving it (an operator's retry of a failed message) takes itself
//     away; a change of its session, kind, channel or size moves it. Deleting an outbox row changes nothing:
//     pruning keeps the counts. outbox_outcome, the index the grouped scan read, is dropped: nothing else
//     read it, and each message sent or failed no longer writes an entry in it.
//   - Deleting a session deletes its counts (its id could be given again). Counts that fall to 0 stay as
//     rows; readers skip them.
//
// The step fills all three from the rows already there. A later step that rebuilds `registration` or
// `outbox` (CREATE, copy, DROP, RENAME) drops their triggers with the old table and must create them again.

extension Migrations {
    /// 27: the registrations and the outbox's outcomes the reports count, kept by triggers.
    static let reportCountsStep = """
        ALTER TABLE registration ADD COLUMN reminded INTEGER NOT NULL DEFAULT 0 CHECK (reminded IN (0, 1));
        UPDATE registration SET reminded = 1
        WHERE id IN (SELECT registration FROM outbox WHERE kind = 'reminder' AND state = 'sent' AND registration IS NOT NULL);

        CREATE TABLE registration_count (
            occurrence INTEGER NOT NULL,
            age_group TEXT NOT NULL,
            reminded INTEGER NOT NULL CHECK (reminded IN (0, 1)),
            present INTEGER NOT NULL CHECK (present IN (0, 1)),
            registrations INTEGER NOT NULL CHECK (registrations >= 0),
            PRIMARY KEY (occurrence, age_group, reminded, present)
        ) STRICT, WITHOUT ROWID;
        INSERT INTO registration_count (occurrence, age_group, reminded, present, registrations)
        SELECT occurrence, coalesce(age_group, ''), reminded, attended_at IS NOT NULL, count(*)
        FROM registration WHERE status = 'confirmed'
        GROUP BY occurrence, coalesce(age_group, ''), reminded, attended_at IS NOT NULL;
        DROP INDEX registration_confirmed;
        CREATE TRIGGER registration_inserted_in_report AFTER INSERT ON registration
        WHEN NEW.status = 'confirmed'
        BEGIN
            INSERT INTO registration_count (occurrence, age_group, reminded, present, registrations)
            VALUES (NEW.occurrence, coalesce(NEW.age_group, ''), NEW.reminded, NEW.attended_at IS NOT NULL, 1)
            ON CONFLICT DO UPDATE SET registrations = registrations + 1;
        END;
        CREATE TRIGGER registration_deleted_from_report AFTER DELETE ON registration
        WHEN OLD.status = 'confirmed'
        BEGIN
            UPDATE registration_count SET registrations = registrations - 1
            WHERE occurrence = OLD.occurrence AND age_group = coalesce(OLD.age_group, '') AND reminded = OLD.reminded
                AND present = (OLD.attended_at IS NOT NULL);
        END;
        CREATE TRIGGER registration_moved_in_report AFTER UPDATE OF occurrence, status, age_group, reminded, attended_at ON registration
        WHEN (OLD.status = 'confirmed' OR NEW.status = 'confirmed')
            AND (NEW.occurrence IS NOT OLD.occurrence OR NEW.status IS NOT OLD.status OR NEW.age_group IS NOT OLD.age_group
                OR NEW.reminded IS NOT OLD.reminded OR (NEW.attended_at IS NULL) <> (OLD.attended_at IS NULL))
        BEGIN
            UPDATE registration_count SET registrations = registrations - 1
            WHERE OLD.status = 'confirmed' AND occurrence = OLD.occurrence AND age_group = coalesce(OLD.age_group, '')
                AND reminded = OLD.reminded AND present = (OLD.attended_at IS NOT NULL);
            INSERT INTO registration_count (occurrence, age_group, reminded, present, registrations)
            SELECT NEW.occurrence, coalesce(NEW.age_group, ''), NEW.reminded, NEW.attended_at IS NOT NULL, 1
            WHERE NEW.status = 'confirmed'
            ON CONFLICT DO UPDATE SET registrations = registrations + 1;
        END;

        CREATE TABLE outbox_outcome_count (
            occurrence INTEGER NOT NULL,
            kind TEXT NOT NULL,
            channel TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('sent', 'failed')),
            messages INTEGER NOT NULL CHECK (messages >= 0),
            sized INTEGER NOT NULL CHECK (sized >= 0),
            segments INTEGER NOT NULL CHECK (segments >= 0),
            PRIMARY KEY (occurrence, kind, channel, state)
        ) STRICT, WITHOUT ROWID;
        INSERT INTO outbox_outcome_count (occurrence, kind, channel, state, messages, sized, segments)
        SELECT occurrence, kind, channel, state, count(*), count(sms_segments), coalesce(sum(sms_segments), 0)
        FROM outbox WHERE state IN ('sent', 'failed') AND occurrence IS NOT NULL
        GROUP BY occurrence, kind, channel, state;
        DROP INDEX outbox_outcome;

        CREATE TRIGGER outbox_reminder_sent_inserted AFTER INSERT ON outbox
        WHEN NEW.kind = 'reminder' AND NEW.state = 'sent' AND NEW.registration IS NOT NULL
        BEGIN UPDATE registration SET reminded = 1 WHERE id = NEW.registration AND reminded = 0; END;
        CREATE TRIGGER outbox_reminder_sent AFTER UPDATE OF state, kind, registration ON outbox
        WHEN NEW.kind = 'reminder' AND NEW.state = 'sent' AND NEW.registration IS NOT NULL
        BEGIN UPDATE registration SET reminded = 1 WHERE id = NEW.registration AND reminded = 0; END;

        CREATE TRIGGER outbox_outcome_inserted AFTER INSERT ON outbox
        WHEN NEW.state IN ('sent', 'failed') AND NEW.occurrence IS NOT NULL
        BEGIN
            INSERT INTO outbox_outcome_count (occurrence, kind, channel, state, messages, sized, segments)
            VALUES (NEW.occurrence, NEW.kind, NEW.channel, NEW.state, 1, NEW.sms_segments IS NOT NULL, coalesce(NEW.sms_segments, 0))
            ON CONFLICT DO UPDATE SET messages = messages + 1, sized = sized + excluded.sized, segments = segments + excluded.segments;
        END;
        CREATE TRIGGER outbox_outcome_changed AFTER UPDATE OF state, occurrence, kind, channel, sms_segments ON outbox
        WHEN (OLD.state IN ('sent', 'failed') OR NEW.state IN ('sent', 'failed'))
            AND (NEW.state IS NOT OLD.state OR NEW.occurrence IS NOT OLD.occurrence OR NEW.kind IS NOT OLD.kind
                OR NEW.channel IS NOT OLD.channel OR NEW.sms_segments IS NOT OLD.sms_segments)
        BEGIN
            UPDATE outbox_outcome_count
            SET messages = messages - 1, sized = sized - (OLD.sms_segments IS NOT NULL), segments = segments - coalesce(OLD.sms_segments, 0)
            WHERE OLD.state IN ('sent', 'failed')
                AND occurrence = OLD.occurrence AND kind = OLD.kind AND channel = OLD.channel AND state = OLD.state;
            INSERT INTO outbox_outcome_count (occurrence, kind, channel, state, messages, sized, segments)
            SELECT NEW.occurrence, NEW.kind, NEW.channel, NEW.state, 1, NEW.sms_segments IS NOT NULL, coalesce(NEW.sms_segments, 0)
            WHERE NEW.state IN ('sent', 'failed') AND NEW.occurrence IS NOT NULL
            ON CONFLICT DO UPDATE SET messages = messages + 1, sized = sized + excluded.sized, segments = segments + excluded.segments;
        END;
        CREATE TRIGGER occurrence_deleted_from_report AFTER DELETE ON occurrence
        BEGIN
            DELETE FROM registration_count WHERE occurrence = OLD.id;
            DELETE FROM outbox_outcome_count WHERE occurrence = OLD.id;
        END;
        """
}
