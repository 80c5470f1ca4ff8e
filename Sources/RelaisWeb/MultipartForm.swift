// MultipartForm: an HTML form posted as `multipart/form-data` (RFC 7578), which is how a browser
// sends a file without a script: the desk's calendar upload. libmicrohttpd hands relais the raw
// body; this reads it whole, once it has arrived within the route's limit.
//
// The body is a series of parts, each introduced by `--BOUNDARY` CRLF, then its headers, an empty
// line, and its bytes up to CRLF `--BOUNDARY`; `--BOUNDARY--` ends the form. Only what a browser
// sends is read: a `Content-Disposition: form-data` header naming the part (and the file), and an
// optional `Content-Type`. Anything else (no boundary, a part without a name, headers that are not
// UTF-8 or run past `maximumHeaderBytes`, more than `maximumParts`, no closing delimiter) makes the
// whole form unreadable (nil), and the handler answers 400.

import Foundation

/// The parts of a `multipart/form-data` body.
public struct MultipartForm: Sendable, Equatable {
    /// One field or file of the form.
    public struct Part: Sendable, Equatable {
        /// The field's name (`name="..."`).
        public var name: String
        /// The file's name as the browser gave it (`filename="..."`), for a file field.
        public var fileName: String?
        /// The part's `Content-Type`, when given.
        public var contentType: String?
        /// The part's bytes, exactly.
        public var data: [UInt8]
    }

    /// The parts, in order.
    public var parts: [Part]

    /// The most parts a form may have (the upload form has two).
    public static let maximumParts = 16
    /// The most bytes of headers one part may have.
    public static let maximumHeaderBytes = 4096

    /// The first part named `name`.
    public func part(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// The value of the field `name` as UTF-8 text, trimmed; nil when absent, blank or not UTF-8.
    public func text(_ name: String) -> String? {
        guard let data = part(name)?.data, let text = String(validating: data, as: UTF8.self) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The boundary of a `multipart/form-data` Content-Type (RFC 2046: 1 to 70 characters), or nil.
    public static func boundary(contentType: String?) -> String? {
        guard let contentType else { return nil }
        let parameters = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parameters.first?.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parameters.dropFirst() {
            guard let equals = parameter.firstIndex(of: "="), parameter[..<equals].lowercased() == "boundary" else { continue }
            var value = String(parameter[parameter.index(after: equals)...])
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return (1...70).contains(value.utf8.count) && value.utf8.allSatisfy({ $0 > 0x20 || $0 == 0x20 }) ? value : nil
        }
        return nil
    }

    /// Reads `body` sent with `contentType`; nil when it is not a well-formed multipart form.
    public static func parse(_ body: [UInt8], contentType: String?) -> MultipartForm? {
        guard let boundary = boundary(contentType: contentType) else { return nil }
        let delimiter = Array("--\(boundary)".utf8)
        let separator = Array("\r\n--\(boundary)".utf8)
        // The first delimiter opens the body, or ends a preamble on its own line.
        guard var position = body.starts(with: delimiter) ? 0 : find(separator, in: body, from: 0).map({ $0 + 2 }) else { return nil }
        var parts: [Part] = []
        while true {
            position += delimiter.count
            if body[position...].starts(with: [0x2D, 0x2D]) { return MultipartForm(parts: parts) }
            // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
            while position < body.count, body[position] == 0x20 || body[position] == 0x09 { position += 1 }
            guard body[position...].starts(with: [0x0D, 0x0A]), parts.count < maximumParts else { return nil }
            position += 2
            guard let headerEnd = find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: position, within: maximumHeaderBytes + 4),
                let end = find(separator, in: body, from: headerEnd + 4),
                var part = self.part(headers: body[position..<headerEnd])
            else { return nil }
            part.data = Array(body[(headerEnd + 4)..<end])
            parts.append(part)
            position = end + 2
        }
    }

    /// A part from its header lines (without the data), or nil when it has no form-data name.
    private static func part(headers bytes: ArraySlice<UInt8>) -> Part? {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        var part: Part?
        var contentType: String?
        for line in text.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name == "content-type" { contentType = value }
            guard name == "content-disposition" else { continue }
            let parameters = dispositionParameters(value)
            guard parameters.type == "form-data", let field = parameters.values["name"] else { return nil }
            part = Part(name: field, fileName: parameters.values["filename"], contentType: nil, data: [])
        }
        part?.contentType = contentType
        return part
    }

    /// `form-data; name="calendar"; filename="mars.ics"` as its type and parameters (quoted values
    /// unquoted, `\"` and `\\` unescaped).
    static func dispositionParameters(_ value: String) -> (type: String, values: [String: String]) {
        var values: [String: String] = [:]
        var characters = Substring(value)
        func word(until stops: Set<Character>) -> String {
            let end = characters.firstIndex { stops.contains($0) } ?? characters.endIndex
            defer { characters = characters[end...] }
            return characters[..<end].trimmingCharacters(in: .whitespaces)
        }
        let type = word(until: [";"]).lowercased()
        while characters.first == ";" {
            characters = characters.dropFirst()
            let name = word(until: ["=", ";"]).lowercased()
            guard characters.first == "=" else { continue }
            characters = characters.dropFirst().drop { $0 == " " }
            var parameter = ""
            if characters.first == "\"" {
                characters = characters.dropFirst()
                var escaped = false
                while let character = characters.first {
                    characters = characters.dropFirst()
                    if escaped {
                        parameter.append(character)
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        break
                    } else {
                        parameter.append(character)
                    }
                }
                _ = word(until: [";"])
            } else {
                parameter = word(until: [";"])
            }
            if values[name] == nil { values[name] = parameter }
        }
        return (type, values)
    }

    /// The index of the first `pattern` in `bytes` at or after `start` (and ending before
    /// `start + within`, when given): memchr finds each candidate first byte, memcmp the rest.
    static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int, within: Int? = nil) -> Int? {
        let end = min(bytes.count, within.map { start + $0 } ?? Int.max)
        guard let first = pattern.first, start >= 0, end - start >= pattern.count else { return nil }
        return bytes.withUnsafeBytes { haystack -> Int? in
            pattern.withUnsafeBytes { needle -> Int? in
                guard let base = haystack.baseAddress, let wanted = needle.baseAddress else { return nil }
                var index = start
                while index <= end - pattern.count {
                    guard let hit = memchr(base + index, Int32(first), end - pattern.count + 1 - index) else { return nil }
                    index = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + index, wanted, pattern.count) == 0 { return index }
                    index += 1
                }
                return nil
            }
        }
    }
}
