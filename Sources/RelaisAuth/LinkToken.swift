// LinkToken: the secret in a message's link (`/u/<token>`, `/r/<token>`, LinkPurpose). 12 bytes
// from OpenSSL (RAND_bytes) in URL-safe base64 without padding: 16 characters of A-Z a-z 0-9 - _,
// all in the GSM 03.38 basic alphabet, so the link costs an SMS no accent. The database keeps only
// the SHA-256 (SessionToken.digest), looked up by equality in an index: the comparison is of
// digests, not of the secret, so there is no timing to learn from about the token itself.

import COpenSSL

/// Link tokens.
public enum LinkToken {
    /// A new random token: 16 URL-safe base64 characters (96 bits).
    public static func make() throws -> String {
        var bytes = [UInt8](repeating: 0, count: 12)
        guard RAND_bytes(&bytes, Int32(bytes.count)) == 1 else {
            throw SessionTokenError(description: "cannot read random bytes for a link token (OpenSSL RAND_bytes failed)")
        }
        return base64URL(bytes)
    }

    /// What the database keeps of `token`: its SHA-256 in hex.
    public static func digest(_ token: String) -> String { SessionToken.digest(token) }

    /// URL-safe base64 (RFC 4648 §5) of a multiple of 3 bytes, without padding.
    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var text = [UInt8]()
        var index = 0
        while index + 2 < bytes.count {
            let group = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { text.append(alphabet[Int((group >> UInt32(shift)) & 0x3f)]) }
            index += 3
        }
        return String(decoding: text, as: UTF8.self)
    }
}
