// MailComposer+HeaderCache: the header fields that are the same for many messages of a batch, written
// once (issue 16). A batch is handed over at one `Date`: its `Date` field is formatted once, not per
// message, and formatted again only when a later date falls in another second. A subject is filled
// from its template and is the same for every message of a kind, language and session: its field
// (folded, RFC 2047 encoded when not ASCII) is kept by the subject's text. The bytes are those the
// composer writes without the cache (MailHeaderCacheTests).

import Foundation

/// The `Date` and `Subject` fields already written for a batch. One thread at a time (a value).
public struct MailHeaderCache: Sendable {
    /// The whole second the `Date` field was formatted for, and the field.
    private var second: Int64?
    private var formattedDate = ""
    /// `Subject` fields by the subject's text, and the last one asked for (compared before any hash).
    private var subjects: [String: String] = [:]
    private var last: (subject: String, field: String)?
    /// At most this many subjects are kept; past it the cache starts again (a batch has few).
    static let subjectLimit = 256

    /// An empty cache.
    public init() {}

    /// The `Date:` field for `date` in `timeZone`, formatted again only when the second changed.
    mutating func dateField(_ date: Date, timeZone: TimeZone) -> String {
        let whole = Int64(date.timeIntervalSince1970.rounded(.down))
        if whole != second {
            second = whole
            formattedDate = "Date: " + MailComposer.rfc5322Date(date, timeZone: timeZone)
        }
        return formattedDate
    }

    /// The `Subject:` field for `subject`, written once per text.
    mutating func subjectField(_ subject: String) -> String {
        if let last, last.subject == subject { return last.field }
        let field: String
        if let kept = subjects[subject] {
            field = kept
        } else {
            field = MailComposer.unstructuredHeader(name: "Subject", value: subject)
            if subjects.count >= Self.subjectLimit { subjects.removeAll(keepingCapacity: true) }
            subjects[subject] = field
        }
        last = (subject, field)
        return field
    }

    /// How many subjects are kept (for tests).
    var subjectCount: Int { subjects.count }
}
