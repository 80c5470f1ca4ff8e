// AccountRefusal: why a desk account cannot be added or opened (see Refusal.swift for how fronts
// word it). The login is quoted as typed: it names an account, not a resident.

/// Why an account is refused.
public enum AccountRefusal: Sendable, Equatable {
    /// A CCAS account without a commune, or with one the territory does not have (`typed`, nil when none was given).
    case unknownCommune(typed: String?)
    /// A commune given for a role that works for the whole territory.
    case communeNotForRole(role: AccountRole)
    /// Another account has this login already.
    case loginTaken(login: String)
    /// The account was disabled (between its password check and its session, for instance).
    case disabled(login: String)

    /// The API's `error`.
    public var code: String {
        switch self {
        case .unknownCommune: "account-commune-unknown"
        case .communeNotForRole: "account-commune-not-for-role"
        case .loginTaken: "login-taken"
        case .disabled: "account-disabled"
        }
    }

    /// The field at fault.
    public var field: RefusalField? {
        switch self {
        case .unknownCommune, .communeNotForRole: .commune
        case .loginTaken, .disabled: .login
        }
    }
}
