// RequestFraming: how a request says where its body ends (RFC 9112, section 6), checked once its
// headers are read and before any of its body is, so that a request whose body relais would wait
// for in vain, or could read two ways, is refused at once instead of holding its connection.
//
// What libmicrohttpd 0.9.75 does by itself (connection.c, parse_connection_headers and
// process_request_body): a Content-Length that is not digits gets 400, one above 2^64 - 1 gets 413.
// What it lets through, and what is refused here:
//
//   Content-Length above the body limit (up to 2^64 - 1)   413  it would be waited for
//   Content-Length fields that disagree                    400  libmicrohttpd reads the first one
//   Transfer-Encoding with Content-Length                  400  the classic request-smuggling pair
//   Transfer-Encoding other than a lone `chunked`          400  libmicrohttpd would read to the end
//                                                               of the connection (`identity, chunked`)
//   Transfer-Encoding: chunked                             411  see below
//
// A chunked body announces its size chunk by chunk, and libmicrohttpd does not show chunk sizes to
// the application: a chunk of 2^64 - 1 bytes would be waited for until the deadline. Nothing relais
// serves needs one: browsers, Kannel's callbacks (GET) and nginx in front (which sends the
// Content-Length of the body it has buffered) all give a Content-Length, and RFC 9112 (6.3) lets a
// server ask for one with 411 Length Required.

import Foundation

/// A request refused for its framing, before its body is read.
public enum FramingRefusal: Error, Equatable, Sendable {
    /// Content-Length announces more than the body limit.
    case bodyTooLarge
    /// The body is chunked; relais wants its Content-Length.
    case lengthRequired
    /// Content-Length and Transfer-Encoding together, or Content-Length fields that disagree.
    case ambiguousLength
    /// A transfer coding other than a lone `chunked`.
    case unsupportedTransferCoding

    /// The status of the answer: 413, 411 or 400.
    public var status: Int {
        switch self {
        case .bodyTooLarge: 413
        case .lengthRequired: 411
        case .ambiguousLength, .unsupportedTransferCoding: 400
        }
    }

    /// The answer: the reason phrase, and the connection closed after it (its remaining bytes
    /// cannot be told from a next request).
    public var response: Response {
        var response = Response.plain(status)
        response.headers.append(("Connection", "close"))
        return response
    }

    /// Whether a header's `name`, in any case, is `lowercased` (its length compared first: most
    /// headers are not lowered at all).
    private static func named(_ name: String, _ lowercased: String) -> Bool {
        name.utf8.count == lowercased.utf8.count && name.lowercased() == lowercased
    }

    /// The refusal the framing headers call for, or nil when the body can be read. `headers` are
    /// as sent: names in any case, a repeated name once per field.
    public static func check(_ headers: [(name: String, value: String)], maximumBodyBytes: Int) -> FramingRefusal? {
        let lengths = headers.filter { named($0.name, "content-length") }.map { $0.value.trimmingCharacters(in: .whitespaces) }
        let codings = headers.filter { named($0.name, "transfer-encoding") }.map(\.value)
        if !codings.isEmpty {
            if !lengths.isEmpty { return .ambiguousLength }
            guard codings.count == 1, codings[0].trimmingCharacters(in: .whitespaces).lowercased() == "chunked" else {
                return .unsupportedTransferCoding
            }
            return .lengthRequired
        }
        guard let length = lengths.first else { return nil }
        guard lengths.allSatisfy({ $0 == length }), !length.isEmpty, length.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            return .ambiguousLength
        }
        // Up to 2^64 - 1 (libmicrohttpd refused more): beyond Int's 18 safe digits, beyond any limit too.
        let digits = length.drop { $0 == "0" }
        guard digits.utf8.count <= 18, let bytes = Int(digits.isEmpty ? "0" : String(digits)) else { return .bodyTooLarge }
        return bytes > maximumBodyBytes ? .bodyTooLarge : nil
    }
}
