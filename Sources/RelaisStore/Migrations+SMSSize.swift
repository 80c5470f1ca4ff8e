// Migrations+SMSSize: the size of each SMS as it was written for sending — its encoding on the air
// (GSM-7 or UCS-2) and its number of segments, which is what the operator bills. Both are set
// together, only on SMS rows, when the sender renders the text (Store+SMSSize.swift); an SMS not yet
// written and every e-mail have neither.

extension Migrations {
    /// Adds `outbox.sms_encoding` and `outbox.sms_segments`.
    static let smsSizeStep = """
        ALTER TABLE outbox ADD COLUMN sms_encoding TEXT
            CHECK (sms_encoding IS NULL OR (channel = 'sms' AND sms_encoding IN ('gsm-7', 'ucs-2')));
        ALTER TABLE outbox ADD COLUMN sms_segments INTEGER
            CHECK ((sms_segments IS NULL) = (sms_encoding IS NULL) AND (sms_segments IS NULL OR sms_segments >= 1));
        """
}
