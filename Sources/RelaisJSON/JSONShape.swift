// JSONShape: how Relais writes JSON, for the command line's `--json` and the desk's API alike.
//
// One Codable type per resource (ResidentJSON, OccurrenceJSON, RunJSON, BookingJSON,
// RegistrationJSON, AccountJSON, OutboxMessageJSON, ...), built from the store's records, so a
// booking has one shape whichever front prints it. The rules, the same for every type:
// - keys in snake_case, sorted (JSONEncoder's .sortedKeys), slashes unescaped;
// - a value that is absent is an explicit `null`, never a missing key (@Nullable);
// - times are ISO 8601 local times with their offset (`2027-03-30T09:00:00+02:00`, LocalTime.iso8601);
// - kinds and states are their stable codes (`confirmed`, `no_show`, `sms`).
//
// This module depends on RelaisStore because the records it shapes are the store's; RelaisCore
// stays free of it (it has no store types), and each front stays free of the other's.

import Foundation

/// Encodes JSON the one way Relais writes it.
public enum JSONShape {
    /// `value` as JSON text: sorted keys, unescaped slashes, indented for people when `pretty`.
    public static func text(_ value: some Encodable, pretty: Bool = false) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        do { return String(decoding: try encoder.encode(value), as: UTF8.self) } catch {
            // Every shape here is made of strings, numbers, booleans, arrays and objects: nothing fails to encode.
            preconditionFailure("JSON shape not encodable: \(error)")
        }
    }
}

/// An optional property written as `null` when absent (Swift's synthesized Encodable leaves the key out).
@propertyWrapper
public struct Nullable<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// A missing key reads as nil, as an explicit `null` does.
    public func decode<Value>(_ type: Nullable<Value>.Type, forKey key: Key) throws -> Nullable<Value> {
        try decodeIfPresent(type, forKey: key) ?? Nullable(wrappedValue: nil)
    }
}

/// A refusal of the API: `{"error": code, "field": name or null, "message": English words,
/// "existing": id or null}`.
public struct ErrorJSON: Codable, Sendable, Equatable {
    /// The stable code (Refusal.code, or the desk's own: `sign-in-required`...).
    public var error: String
    /// The field at fault, as the request named it; null when it is the whole request.
    @Nullable public var field: String?
    /// What is wrong, in English.
    public var message: String
    /// The record a duplicate is refused for (a resident's id), when the asker may see it; null otherwise.
    @Nullable public var existing: Int64?

    public init(error: String, field: String?, message: String, existing: Int64? = nil) {
        self.error = error
        self.field = field
        self.message = message
        self.existing = existing
    }
}
