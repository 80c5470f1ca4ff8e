// Migrations+Reports: the indexes the participation reports read through (Store+Indicators.swift,
// Store+IndicatorOutbox.swift), so that a report reads each registration once, from a small index in
// session order, instead of the whole table, a sort and the outbox's rows.
//
// Indexes only: no row changes, and a database opened by this relais gets them at open like any step.
// Step 27 (Migrations+ReportCounts.swift) drops both: reports now read counts kept by triggers.
//
//   - registration_confirmed: the confirmed registrations (the only ones a report counts) by session,
//     with the age group and the presence, so that "registered and present per session and age group"
//     is one scan of this index in its own order, grouped without sorting;
//   - outbox_outcome: the messages sent or failed (what the outreach tables count) by session, kind,
//     channel and state, with the SMS segments. Partial, so a message enters it once, when its outcome
//     is recorded, and the queue's own writes (queued, sending, deferred) never touch it.

extension Migrations {
    static let reportIndexesStep = """
        CREATE INDEX registration_confirmed ON registration(occurrence, age_group, attended_at) WHERE status = 'confirmed';
        CREATE INDEX outbox_outcome ON outbox(occurrence, kind, channel, state, sms_segments) WHERE state IN ('sent', 'failed');
        """
}
