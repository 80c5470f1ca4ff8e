// FormFields: what a browser or an API client sends, read without surprises: an HTML form's
// `application/x-www-form-urlencoded` body, a JSON object body, and the Cookie header. A repeated
// name keeps its first value; bytes that are not UTF-8 make the whole body unreadable (nil), so a
// handler answers 400 instead of storing a mangled name. A JSON property whose value is an object
// or an array is no field; its name is kept apart (`nested`), for the API to refuse it where it
// reads that name and to ignore it elsewhere, as its OpenAPI schemas allow extra properties.

import Foundation

/// The fields of a form or JSON body, by name.
public struct FormFields: Sendable, Equatable {
    public var values: [String: String]
    /// The names of a JSON body's properties whose value is an object or an array.
    public var nested: Set<String>

    public init(_ values: [String: String] = [:], nested: Set<String> = []) {
        self.values = values
        self.nested = nested
    }

    public subscript(_ name: String) -> String? { values[name] }

    /// The trimmed value of `name`, nil when absent or blank.
    public func text(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// True for a ticked checkbox (`on`), or true/yes/1 in JSON.
    public func flag(_ name: String) -> Bool {
        guard let value = values[name]?.lowercased() else { return false }
        return ["on", "true", "yes", "1"].contains(value)
    }

    /// Reads an urlencoded body (`a=1&b=%C3%A9`); nil when it is not UTF-8 once decoded.
    public static func urlencoded(_ body: [UInt8]) -> FormFields? {
        guard let text = String(validating: body, as: UTF8.self) else { return nil }
        var values: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else { return nil }
            if values[name] == nil { values[name] = value }
        }
        return FormFields(values)
    }

    /// Reads a JSON object body: strings, numbers and booleans as fields, null as absent, objects
    /// and arrays in `nested`; nil when the body is not a JSON object.
    public static func json(_ body: [UInt8]) -> FormFields? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return nil }
        var values: [String: String] = [:]
        var nested: Set<String> = []
        for (name, value) in object {
            switch value {
            case let text as String: values[name] = text
            case let number as NSNumber:
                // JSON's true and false come back as NSNumbers of C type "c" (char), numbers never do.
                let isBoolean = String(cString: number.objCType) == "c" || type(of: value) == Bool.self
                values[name] = isBoolean ? (number.boolValue ? "true" : "false") : number.stringValue
            case is NSNull: continue
            case is [Any], is [String: Any]: nested.insert(name)
            default: return nil
            }
        }
        return FormFields(values, nested: nested)
    }

    /// The cookies of a `Cookie` header, by name.
    public static func cookies(_ header: String?) -> [String: String] {
        var cookies: [String: String] = [:]
        for part in (header ?? "").split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = pair[0].trimmingCharacters(in: .whitespaces)
            if cookies[name] == nil { cookies[name] = pair[1].trimmingCharacters(in: .whitespaces) }
        }
        return cookies
    }

    /// `+` is a space, `%XX` a byte; nil for a broken escape or bytes that are not UTF-8.
    private static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next(), let low = iterator.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
