// ResidentEdit: a change to a resident's record as an agent types it (the desk's edit page, the
// API's PATCH), judged against the record as it stands, and the words a duplicate may be told in.
//
// A field left nil stays as it is; an empty phone, e-mail or birth year clears it. Consents are
// per channel: asking for a channel's consent records it granted, now, with the form's source
// ("CCAS desk (login)"); taking it back records it withdrawn, and the store cancels what waits on
// that channel for that person, as `relais optout` does. A CCAS agent keeps its residents in its
// own commune: it may move no one to another commune, nor edit anyone of another (the store does
// not even find them). Contact details are checked against the consents they serve only where
// one of them changes, so that a name can be corrected on an older record as it is.

import Foundation

/// A resident as stored, as much as an edit is judged against.
public struct ResidentSnapshot: Sendable, Equatable {
    public var name: String
    /// E.164, as stored.
    public var phone: String?
    public var email: String?
    /// The commune's INSEE code.
    public var commune: String
    public var birthYear: Int?
    public var language: Language
    /// The channels whose consent is given now.
    public var consents: Set<Channel>

    public init(
        name: String, phone: String?, email: String?, commune: String, birthYear: Int?, language: Language, consents: Set<Channel>
    ) {
        self.name = name
        self.phone = phone
        self.email = email
        self.commune = commune
        self.birthYear = birthYear
        self.language = language
        self.consents = consents
    }
}

/// A change to a resident, as typed: nil leaves a field as it is.
public struct ResidentEditForm: Sendable, Equatable {
    public var name: String?
    /// An empty text clears the phone.
    public var phone: String?
    /// An empty text clears the e-mail address.
    public var email: String?
    public var commune: String?
    /// An empty text clears the birth year.
    public var birthYear: String?
    public var language: String?
    /// The consent wanted per channel: true given, false withdrawn; a channel absent stays as it is.
    public var consents: [Channel: Bool]
    /// Where a consent given or withdrawn here was expressed ("CCAS desk (agent-1)").
    public var consentSource: String

    public init(
        name: String? = nil, phone: String? = nil, email: String? = nil, commune: String? = nil, birthYear: String? = nil,
        language: String? = nil, consents: [Channel: Bool] = [:], consentSource: String
    ) {
        self.name = name
        self.phone = phone
        self.email = email
        self.commune = commune
        self.birthYear = birthYear
        self.language = language
        self.consents = consents
        self.consentSource = consentSource
    }
}

/// A judged change, ready to be stored.
public struct ResidentChange: Sendable, Equatable {
    public var name: String
    public var phone: PhoneNumber?
    public var email: EmailAddress?
    public var commune: Commune
    public var birthYear: Int?
    public var language: Language
    /// The consents that change state, dated and sourced (granted, or withdrawn).
    public var consents: [Consent]
    /// The fields whose value changes (for the audit log: names, never values), in a fixed order.
    public var changedFields: [RefusalField]

    /// True when the phone or the e-mail address changes: the store looks for duplicates then.
    public func changes(_ field: RefusalField) -> Bool { changedFields.contains(field) }
}

extension ResidentEditForm {
    /// Judges the change against `current`, for an agent of `viewer` (a CCAS agent's commune; nil
    /// for the coordinator or the command line): the new record, or the first field refused.
    public func validated(
        against current: ResidentSnapshot, viewer: Commune?, territory: Territory, now: Date, calendar: Calendar
    ) throws(Refusal) -> ResidentChange {
        let name = try self.name.map { typed throws(Refusal) in try ResidentFields.name(typed) } ?? current.name
        let phone =
            try self.phone.map { typed throws(Refusal) in try ResidentFields.phone(typed, plan: territory.phonePlan) }
            ?? current.phone.flatMap(Self.stored)
        let email =
            try self.email.map { typed throws(Refusal) in try ResidentFields.email(typed) } ?? current.email.flatMap(Self.storedEmail)
        // A resident of a commune the territory no longer lists keeps it while it is not changed.
        let unchanged = territory.commune(code: current.commune) ?? Commune(name: current.commune, code: current.commune)
        let commune =
            try self.commune.map { typed throws(Refusal) in
                typed == current.commune ? unchanged : try ResidentFields.commune(typed, territory: territory)
            } ?? unchanged
        if let viewer, commune.code != viewer.code || current.commune != viewer.code {
            throw .resident(.communeOutsideScope(commune: commune.name))
        }
        let birthYear =
            try self.birthYear.map { typed throws(Refusal) in try ResidentFields.birthYear(typed, now: now, calendar: calendar) }
            ?? current.birthYear
        let language =
            try self.language.map { typed throws(Refusal) in try ResidentFields.language(typed) ?? current.language }
            ?? current.language

        var changed: [RefusalField] = []
        if name != current.name { changed.append(.name) }
        if phone?.e164 != current.phone { changed.append(.phone) }
        if email?.address != current.email { changed.append(.email) }
        if commune.code != current.commune { changed.append(.commune) }
        if birthYear != current.birthYear { changed.append(.birthYear) }
        if language != current.language { changed.append(.language) }

        let source = consentSource.trimmingCharacters(in: .whitespacesAndNewlines)
        var consents: [Consent] = []
        for channel in Channel.allCases.sorted() {
            guard let wanted = self.consents[channel], wanted != current.consents.contains(channel) else { continue }
            guard !source.isEmpty else { throw .resident(.consentSourceMissing) }
            consents.append(Consent(channel: channel, granted: wanted, recordedAt: now, source: source))
        }
        if !consents.isEmpty { changed.append(.consent) }
        // A consent is checked against its address when either is new; an older record is left as it is.
        let granted = current.consents.union(consents.filter(\.granted).map(\.channel)).subtracting(
            consents.filter { !$0.granted }.map(\.channel))
        let newlyGranted = Set(consents.filter(\.granted).map(\.channel))
        var toCheck: Set<Channel> = []
        if granted.contains(.sms) && (newlyGranted.contains(.sms) || changed.contains(.phone)) { toCheck.insert(.sms) }
        if granted.contains(.email) && (newlyGranted.contains(.email) || changed.contains(.email)) { toCheck.insert(.email) }
        try ResidentFields.checkReachable(toCheck, phone: phone, email: email)
        return ResidentChange(
            name: name, phone: phone, email: email, commune: commune, birthYear: birthYear, language: language, consents: consents,
            changedFields: changed)
    }

    /// A stored number, read back (stored numbers were checked on the way in).
    private static func stored(_ e164: String) -> PhoneNumber? { try? PhoneNumber(parsing: e164) }

    /// A stored address, read back.
    private static func storedEmail(_ address: String) -> EmailAddress? { try? EmailAddress(parsing: address) }
}

/// What a resident who shares a phone number or an e-mail address with another may be told.
///
/// Privacy choice: an agent is told the id of the resident it shares them with only when it may
/// see that resident (the coordinator, the command line, or a CCAS agent for its own commune),
/// so that its page can link to the record. For a resident of another commune, a CCAS agent is
/// told only that the number or address is already used by a resident of another commune: no id,
/// no name, no commune. Saying even that much tells the agent that the number is known to Relais;
/// the agent typed that number for a person in front of it, and without it two records of one
/// person in two communes would go unnoticed.
public enum ResidentDuplicates {
    /// The refusal for a record sharing `sharing` (`.phone` or `.email`) with resident `existing`
    /// of `existingCommune` (a slug), as an agent of `viewer` (nil: sees every commune) may be told.
    public static func refusal(existing: Int64, existingCommune: String, sharing: RefusalField, viewer: String?) -> Refusal {
        guard let viewer, viewer != existingCommune else { return .resident(.duplicate(existing: existing, sharing: sharing)) }
        return .resident(.duplicateInAnotherCommune(sharing: sharing))
    }
}
