// SessionToken: the secret a signed-in browser or API client holds, and what the database keeps
// of it. A token is 32 random bytes from OpenSSL (RAND_bytes), written as 64 hex digits; the
// database keeps only its SHA-256 (EVP_Digest), so a copy of the database opens no session.
//
// The CSRF token of a form is derived from the session's token (SHA-256 of a fixed label and the
// token): a page can print it, the server recomputes it, nothing extra is stored, and a site that
// cannot read the cookie cannot make it.

import COpenSSL

/// Why a token could not be made.
public struct SessionTokenError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// Session tokens and their digests.
public enum SessionToken {
    /// A new random token: 64 lower-case hex digits.
    public static func make() throws -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        guard RAND_bytes(&bytes, Int32(bytes.count)) == 1 else {
            throw SessionTokenError(description: "cannot read random bytes for a session token (OpenSSL RAND_bytes failed)")
        }
        return hex(bytes)
    }

    /// What the database keeps of `token`: its SHA-256 in hex.
    public static func digest(_ token: String) -> String {
        hex(sha256(Array(token.utf8)))
    }

    /// The CSRF token of the forms shown to the holder of `token`.
    public static func csrf(for token: String) -> String {
        hex(sha256(Array("relais-csrf\u{0}".utf8) + Array(token.utf8)))
    }

    /// True when `candidate` is the CSRF token of `token`, compared in constant time.
    public static func checkCSRF(_ candidate: String, for token: String) -> Bool {
        ConstantTime.equal(Array(candidate.utf8), Array(csrf(for: token).utf8))
    }

    /// True for text shaped like a token (64 hex digits), before any lookup.
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    // MARK: - libcrypto

    private static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = EVP_Digest(bytes, bytes.count, &digest, &length, EVP_sha256(), nil)
        precondition(ok == 1 && length == 32, "OpenSSL EVP_Digest(SHA-256) failed")
        return Array(digest.prefix(Int(length)))
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
