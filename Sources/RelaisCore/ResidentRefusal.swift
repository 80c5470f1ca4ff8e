// ResidentRefusal: why a resident's record (a new one, an edit, a consent) is refused (see
// Refusal.swift for how fronts word it). The values are those the person typed, so that each front
// can quote them; a phone number is quoted masked.

/// Why a resident's record is refused.
public enum ResidentRefusal: Sendable, Equatable {
    /// The name is empty.
    case nameEmpty
    /// The name is more than one line, longer than `maximum` characters, or holds control characters.
    case nameMalformed(maximum: Int)
    /// The phone number cannot be read as a French or Swiss (or other accepted) number.
    case phoneUnreadable(typed: String)
    /// The e-mail address is not one.
    case emailUnreadable(typed: String)
    /// The commune is not one of the territory's.
    case unknownCommune(typed: String)
    /// A CCAS agent moving a resident to or from another commune than its own.
    case communeOutsideScope(commune: String)
    /// The birth year is not a year between `earliest` and `latest`.
    case birthYearOutOfRange(typed: String, earliest: Int, latest: Int)
    /// The language is not one Relais writes (fr, en).
    case unknownLanguage(typed: String)
    /// A consent names a channel Relais does not know.
    case unknownChannel(typed: String)
    /// SMS consent without a phone number.
    case smsNeedsPhone
    /// SMS consent for a landline (`masked` is the number with its middle hidden).
    case smsNeedsMobile(masked: String)
    /// E-mail consent without an e-mail address.
    case emailNeedsAddress
    /// A consent given without saying where it was collected.
    case consentSourceMissing
    /// Another resident the asker may see has the same phone number or e-mail address (`sharing`
    /// is `.phone` or `.email`): `existing` is that resident's id, for a link to them.
    case duplicate(existing: Int64, sharing: RefusalField)
    /// A resident of a commune the asker may not see (a CCAS agent, another commune's resident)
    /// has the same phone number or e-mail address. Privacy: no id, no name, no commune; only that
    /// the number or address is used by a resident of another commune (ResidentDuplicates).
    case duplicateInAnotherCommune(sharing: RefusalField)

    /// The API's `error`.
    public var code: String {
        switch self {
        case .nameEmpty: "name-empty"
        case .nameMalformed: "name-malformed"
        case .phoneUnreadable: "phone-unreadable"
        case .emailUnreadable: "email-unreadable"
        case .unknownCommune: "unknown-commune"
        case .communeOutsideScope: "commune-outside-scope"
        case .birthYearOutOfRange: "birth-year-out-of-range"
        case .unknownLanguage: "unknown-language"
        case .unknownChannel: "unknown-channel"
        case .smsNeedsPhone: "sms-needs-phone"
        case .smsNeedsMobile: "sms-needs-mobile"
        case .emailNeedsAddress: "email-needs-address"
        case .consentSourceMissing: "consent-source-missing"
        case .duplicate: "duplicate-resident"
        case .duplicateInAnotherCommune: "duplicate-resident-in-another-commune"
        }
    }

    /// The field at fault.
    public var field: RefusalField? {
        switch self {
        case .nameEmpty, .nameMalformed: .name
        case .phoneUnreadable: .phone
        case .emailUnreadable: .email
        case .unknownCommune, .communeOutsideScope: .commune
        case .birthYearOutOfRange: .birthYear
        case .unknownLanguage: .language
        case .unknownChannel, .smsNeedsPhone, .smsNeedsMobile, .emailNeedsAddress: .consent
        case .consentSourceMissing: .consentSource
        case .duplicate(_, let sharing), .duplicateInAnotherCommune(let sharing): sharing
        }
    }
}
