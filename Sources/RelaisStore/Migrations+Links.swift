// Migrations+Links: the tokens of the links in messages (LinkPurpose.swift), kept as SHA-256
// digests. An unsubscribe token names a person and never expires; a registration token names one
// registration or one shuttle booking (exactly one) and expires when its event ends. Deleting a
// person deletes their tokens: nothing is left that opens a page about them. `sms_cancel_request`
// holds an SMS "ANNULER" waiting for its "OUI" (Store+SMSCancel.swift), one per number.

extension Migrations {
    static let linkTokensStep = """
        CREATE TABLE link_token (
            digest TEXT PRIMARY KEY CHECK (length(digest) = 64 AND digest NOT GLOB '*[^0-9a-f]*'),
            purpose TEXT NOT NULL CHECK (purpose IN ('unsubscribe', 'registration')),
            participant INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
            registration INTEGER REFERENCES registration(id) ON DELETE CASCADE,
            booking INTEGER REFERENCES shuttle_booking(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            expires_at INTEGER,
            CHECK ((purpose = 'unsubscribe') = (expires_at IS NULL)),
            CHECK (purpose = 'registration' OR (registration IS NULL AND booking IS NULL)),
            CHECK (purpose = 'unsubscribe' OR ((registration IS NULL) <> (booking IS NULL)))
        ) STRICT;
        CREATE INDEX link_token_by_participant ON link_token(participant);
        CREATE INDEX link_token_by_expiry ON link_token(expires_at) WHERE expires_at IS NOT NULL;
        CREATE TABLE sms_cancel_request (
            phone TEXT PRIMARY KEY CHECK (phone GLOB '+[1-9]*' AND phone NOT GLOB '+*[^0-9]*'),
            registration INTEGER NOT NULL REFERENCES registration(id) ON DELETE CASCADE,
            asked_at INTEGER NOT NULL
        ) STRICT;
        """
}
