// Refusal: the one vocabulary of what Relais refuses a person, whichever front they use.
//
// The core and the store throw these values, never sentences: what was refused, the field at
// fault, and the numbers a person needs to act (the capacity, the start, the existing id). Each
// front words them in its own terms: the command line with its option names (relais), the desk's
// pages in French or English (DeskWording), the API as `{"error": code, "field": name, "message":
// text}`. A trigger's refusal is mapped to one of these in one place (RelaisStore's
// TriggerRefusal). No front reads another layer's text.
//
// Each domain has its own enum, in its own file, with its stable `code` (the API's `error`, in
// kebab case, never changed once shipped) and its `field` (the API's and the forms' field name).
// RefusalVocabularyTests walks every case through every front.

import Foundation

/// Something Relais refuses to do, and why.
public enum Refusal: Error, Sendable, Equatable {
    /// The record does not exist, or is outside the asker's scope: the same answer for both.
    case notFound(RecordKind, id: String)
    /// A registration to an event, its cancellation, or an attendance.
    case registration(RegistrationRefusal)
    /// A resident's record: a value, a consent, a duplicate.
    case resident(ResidentRefusal)
    /// A shuttle booking, cancellation or run.
    case shuttle(ShuttleRefusal)
    /// A calendar or a change that would take places away from people holding them.
    case capacity(CapacityRefusal)
    /// A report asked for over a period, a sheet or a format that is not one.
    case report(ReportRefusal)
    /// A desk account: its role, its commune, its login.
    case account(AccountRefusal)
    /// An operator's action on a message of the outbox.
    case outbox(OutboxRefusal)
    /// A campaign calendar that clashes with another campaign.
    case campaign(CampaignRefusal)
    /// A request whose values a front could not read: a value missing, or not of the kind the field takes.
    case form(FormRefusal)

    /// The stable code of the API's `error`.
    public var code: String {
        switch self {
        case .notFound(let kind, _): "\(kind.rawValue)-not-found"
        case .registration(let refusal): refusal.code
        case .resident(let refusal): refusal.code
        case .shuttle(let refusal): refusal.code
        case .report(let refusal): refusal.code
        case .capacity(let refusal): refusal.code
        case .account(let refusal): refusal.code
        case .outbox(let refusal): refusal.code
        case .campaign(let refusal): refusal.code
        case .form(let refusal): refusal.code
        }
    }

    /// The field at fault, as the API and the forms name it; nil when it is the whole request's.
    public var field: RefusalField? {
        switch self {
        case .notFound(let kind, _): kind.field
        case .registration(let refusal): refusal.field
        case .resident(let refusal): refusal.field
        case .shuttle(let refusal): refusal.field
        case .capacity: nil
        case .report(let refusal): refusal.field
        case .account(let refusal): refusal.field
        case .outbox: .message
        case .campaign(let refusal): refusal.field
        case .form(let refusal): refusal.field
        }
    }
}

/// What a `notFound` refusal could not find.
public enum RecordKind: String, Sendable, Equatable, CaseIterable {
    case resident, occurrence, registration, attendance, run, booking, account, campaign, message

    /// The field that named it.
    public var field: RefusalField? {
        switch self {
        case .resident: .resident
        case .occurrence: .occurrence
        case .registration: .registration
        case .run: .run
        case .booking: .booking
        case .account: .login
        case .campaign: .campaign
        case .message: .message
        case .attendance: nil
        }
    }
}

/// The fields a refusal can name, with the name the API and the desk's forms use.
public enum RefusalField: String, Sendable, Equatable, CaseIterable {
    case resident, occurrence, registration, run, booking, stop, legs, wheelchair, companion, appointment, quotient
    case name, phone, email, commune, birthYear = "birth_year", language, consent, consentSource = "consent_source"
    case consentSMS = "consent_sms", consentEmail = "consent_email", allowDuplicate = "allow_duplicate"
    case walkIn = "walk_in", day
    case year, from, to, sheet, format
    /// A run's shape, as `relais transport runs add` takes it.
    case date, stops, seats, wheelchairPlaces = "wheelchair_places", seatsPerWheelchair = "seats_per_wheelchair"
    case arrival, `return`, quota, destination
    /// Where an on-demand run picks its passenger up.
    case pickupPoint = "pickup_point", door
    /// A coordinator's pickup order of an on-demand run (`transport route --order`).
    case order
    /// Accounts, campaigns and the outbox.
    case login, password, role, campaign, uid, message
}
