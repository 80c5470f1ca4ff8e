// Migrations+ReportCounts: schema step 27, what the participation reports count from the outbox kept
// where a report reads it at once, by triggers, so that it outlives the outbox's pruning.
//
// Why. A report counted "registrations reminded" by reading every reminder sent from the outbox into a
// set, and "reminders sent and failed per channel, SMS segments" by a grouped scan of the outbox's
// outcome index: two passes over half a million rows for a season, as long together as the pass over the
// registrations. And both read rows that housekeeping deletes after `[service] outbox_keep_days` (400
// by default): a year's report made in February of the next year lost the reminders of the previous
// January. Now:
//
//   - registration.reminded (0 or 1): 1 once a reminder of this registration was sent. Set when an
//     outbox row of kind `reminder` is inserted or updated as `sent`; never reset (a sent message stays
//     sent; pruning it does not unsend it). registration_confirmed now holds it, so "registered, present
//     and reminded per session and age group" is one GROUP BY scan of that index, in its order.
//   - outbox_outcome_count: per session, kind, channel and state (sent or failed) the messages, those of
//     them with a recorded SMS size, and their segments. A row entering `sent` or `failed` (inserted so,
//     or updated to it) adds itself; one leaving it (an operator's retry of a failed message) takes itself
//     away; a change of its session, kind, channel or size moves it. Deleting an outbox row changes nothing:
//     pruning keeps the counts. Deleting a session deletes its counts (its id could be given again).
//     Counts that fall to 0 stay as rows; readers skip them.
//   - outbox_outcome, the index the grouped scan read, is dropped: nothing else read it, and each
//     message sent or failed no longer writes an entry in it.
//
// The step fills both from the rows already there. A later step that rebuilds `outbox` (CREATE, copy,
// DROP, RENAME) drops these triggers with the old table and must create them again.

extension Migrations {
    /// 27: reminded registrations and the outbox's outcomes kept for the reports by triggers.
    static let reportCountsStep = """
        ALTER TABLE registration ADD COLUMN reminded INTEGER NOT NULL DEFAULT 0 CHECK (reminded IN (0, 1));
        UPDATE registration SET reminded = 1
        WHERE id IN (SELECT registration FROM outbox WHERE kind = 'reminder' AND state = 'sent' AND registration IS NOT NULL);
        DROP INDEX registration_confirmed;
        CREATE INDEX registration_confirmed ON registration(occurrence, age_group, reminded, attended_at) WHERE status = 'confirmed';

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
        CREATE TRIGGER occurrence_deleted_forgets_outcomes AFTER DELETE ON occurrence
        BEGIN DELETE FROM outbox_outcome_count WHERE occurrence = OLD.id; END;
        """
}
