// FormRefusal: a request whose values a front reads itself and could not (see Refusal.swift for
// how fronts word it): a value that must be given, a JSON property that must be a plain value, or
// one that must be an object of plain values (a walk-in's `walk_in`).
// Values with a meaning (a quotient, a time, a journey) are refused by their domain's enum.

/// Why the values of a request could not be read.
public enum FormRefusal: Sendable, Equatable {
    /// A value the operation needs is missing (a resident to book for...).
    case missing(RefusalField)
    /// A JSON property the operation reads is an object or an array (`property` as sent).
    case notScalar(property: String)
    /// A JSON property the operation reads as an object is not an object of plain values (`walk_in`).
    case notAnObject(property: String)

    /// The API's `error`.
    public var code: String {
        switch self {
        case .missing: "value-missing"
        case .notScalar: "value-not-scalar"
        case .notAnObject: "value-not-an-object"
        }
    }

    /// The field at fault.
    public var field: RefusalField? {
        switch self {
        case .missing(let field): field
        case .notScalar(let property), .notAnObject(let property): RefusalField(rawValue: property)
        }
    }
}
