// DeskAPI+Errors: every error the API answers, in one shape, ErrorJSON:
// `{"error": code, "field": name or null, "message": English words, "existing": id or null}`
// (`existing`: the resident a duplicate shares its phone or address with, when the agent may see them).
//
// What the core or the store refuses (Refusal) is 404 when the record does not exist or is not the
// agent's, 409 when a later request may succeed (a session not started yet, a duplicate, a record
// already there), 422 otherwise; its code and field are the Refusal's, its message DeskWording's
// English. What the desk itself refuses before any operation (APIRefusal: no token, a locked
// account, a body that is not JSON...) has its own codes, listed here and in openapi.json.

import Foundation
import RelaisCore
import RelaisJSON

/// What the API refuses before, or instead of, an operation.
enum APIRefusal: Error, Equatable {
    /// No valid bearer token (401).
    case signInRequired
    /// A wrong login or password, or a disabled account: one answer for all (401).
    case wrongLoginOrPassword
    /// Too many wrong passwords: the account is locked until then (429, with Retry-After).
    case accountLocked(until: Date)
    /// A sign-in body without a login and a password (400).
    case signInUnreadable
    /// The account's role may not do this (403).
    case forbidden
    /// No such route (404).
    case notFound
    /// A method the path does not take (405, with Allow).
    case methodNotAllowed
    /// A body not sent as application/json (415).
    case bodyNotJSON
    /// A calendar upload not sent as text/calendar (415).
    case bodyNotCalendar
    /// The calendars folder cannot be written: nothing was loaded (503).
    case calendarsFolderNotWritable
    /// A body that is not a JSON object (400).
    case bodyNotAnObject
    /// The database cannot answer now (503).
    case unavailable

    /// The HTTP status.
    var status: Int {
        switch self {
        case .signInRequired, .wrongLoginOrPassword: 401
        case .accountLocked: 429
        case .signInUnreadable, .bodyNotAnObject: 400
        case .forbidden: 403
        case .notFound: 404
        case .methodNotAllowed: 405
        case .bodyNotJSON, .bodyNotCalendar: 415
        case .unavailable, .calendarsFolderNotWritable: 503
        }
    }

    /// The stable code of `error`.
    var code: String {
        switch self {
        case .signInRequired: "sign-in-required"
        case .wrongLoginOrPassword: "wrong-login-or-password"
        case .accountLocked: "account-locked"
        case .signInUnreadable: "sign-in-unreadable"
        case .forbidden: "forbidden"
        case .notFound: "not-found"
        case .methodNotAllowed: "method-not-allowed"
        case .bodyNotJSON: "body-not-json"
        case .bodyNotCalendar: "body-not-calendar"
        case .calendarsFolderNotWritable: "calendars-folder-not-writable"
        case .bodyNotAnObject: "body-not-an-object"
        case .unavailable: "unavailable"
        }
    }

    /// What is wrong, in English; times in `localTime`.
    func message(_ localTime: LocalTime) -> String {
        switch self {
        case .signInRequired: "sign in first: POST /api/v1/session"
        case .wrongLoginOrPassword: "wrong login or password"
        case .accountLocked(let until): "too many attempts; try again after \(localTime.iso8601(until))"
        case .signInUnreadable: "send {\"login\": ..., \"password\": ...} as JSON"
        case .forbidden: "this account may not do that"
        case .notFound: "not found"
        case .methodNotAllowed: "this path does not take this method; Allow names the ones it takes"
        case .bodyNotJSON: "send the body as application/json"
        case .bodyNotCalendar: "send the calendar as text/calendar"
        case .calendarsFolderNotWritable: "relais cannot write the calendars folder; nothing was loaded"
        case .bodyNotAnObject: "the body is not a JSON object"
        case .unavailable: "the service cannot answer now; try again"
        }
    }
}

extension DeskAPI {
    /// The status and body of a refusal of the core or the store.
    static func answer(to refusal: Refusal, localTime: LocalTime) -> (status: Int, body: ErrorJSON) {
        let status: Int
        switch refusal {
        case .notFound: status = 404
        case .registration(.sessionNotStarted), .registration(.alreadyRegistered), .registration(.alreadyPresent),
            .resident(.duplicate), .resident(.duplicateInAnotherCommune), .shuttle(.alreadyBooked), .account(.loginTaken):
            status = 409
        default: status = 422
        }
        let message = DeskWording(.english).words(for: refusal, localTime)
        // The resident a duplicate shares its phone or address with, when the agent may see them.
        var existing: Int64?
        if case .resident(.duplicate(let id, _)) = refusal { existing = id }
        return (status, ErrorJSON(error: refusal.code, field: refusal.field?.rawValue, message: message, existing: existing))
    }

    /// A refusal of the core or the store as the API answers it.
    func refused(_ refusal: Refusal) -> Response {
        let (status, body) = Self.answer(to: refusal, localTime: desk.localTime)
        return Self.json(status, body)
    }

    /// A refusal of the desk as the API answers it.
    func refused(_ refusal: APIRefusal) -> Response {
        Self.json(refusal.status, ErrorJSON(error: refusal.code, field: nil, message: refusal.message(desk.localTime)))
    }
}
