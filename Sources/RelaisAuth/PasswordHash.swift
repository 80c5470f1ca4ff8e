// PasswordHash: the only code that speaks libxcrypt. Passwords become salted yescrypt hashes
// ("$y$..."), and a candidate is checked against a stored hash.
//
// libxcrypt's crypt_gensalt_rn makes a setting (algorithm, cost and a random salt read from the
// kernel); crypt_rn hashes a password with that setting into a `struct crypt_data` that this file
// allocates for each call, so hashing is thread-safe (crypt(3): "crypt_r, crypt_rn, and crypt_ra
// are thread-safe"). Verifying hashes the candidate with the stored hash as its setting (the
// setting is the hash's prefix) and compares the two strings in constant time. Nothing here logs,
// and no error carries a password or a hash.

import CCrypt

/// Why a password could not be hashed (never says which password).
public struct PasswordHashError: Error, CustomStringConvertible, Sendable {
    /// What failed, in words a user can pass on.
    public var description: String
}

/// Salted yescrypt hashes of passwords, from libxcrypt.
public enum PasswordHash {
    /// The prefix every hash made here starts with (yescrypt).
    public static let prefix = "$y$"

    /// Hashes `password` with a new random salt at libxcrypt's default yescrypt cost.
    public static func make(_ password: String) throws -> String {
        var setting = [CChar](repeating: 0, count: Int(CRYPT_GENSALT_OUTPUT_SIZE))
        // Count 0 is the library's default cost; a NULL random buffer lets libxcrypt read the
        // kernel's random source itself.
        guard crypt_gensalt_rn(prefix, 0, nil, 0, &setting, Int32(setting.count)) != nil else {
            throw PasswordHashError(description: "cannot make a yescrypt salt (libxcrypt refused)")
        }
        let settingText = String(decoding: setting.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let hash = hash(password, setting: settingText), hash.hasPrefix(prefix) else {
            throw PasswordHashError(description: "cannot hash the password with yescrypt (libxcrypt refused)")
        }
        return hash
    }

    /// True when `password` hashes to `hash` (a hash `make` returned). False for any malformed hash.
    public static func verify(_ password: String, against hash: String) -> Bool {
        guard hash.hasPrefix(prefix), let candidate = self.hash(password, setting: hash) else { return false }
        return ConstantTime.equal(Array(candidate.utf8), Array(hash.utf8))
    }

    // MARK: - libxcrypt

    /// crypt_rn into a freshly allocated, zeroed `crypt_data`, wiped before it is freed. Nil when
    /// libxcrypt fails (it then returns NULL, or a string starting with "*").
    private static func hash(_ password: String, setting: String) -> String? {
        let data = UnsafeMutablePointer<crypt_data>.allocate(capacity: 1)
        let size = MemoryLayout<crypt_data>.size
        UnsafeMutableRawPointer(data).initializeMemory(as: UInt8.self, repeating: 0, count: size)
        defer {
            UnsafeMutableRawPointer(data).initializeMemory(as: UInt8.self, repeating: 0, count: size)
            data.deallocate()
        }
        guard let result = crypt_rn(password, setting, data, Int32(size)) else { return nil }
        let text = String(cString: result)
        return text.hasPrefix("*") ? nil : text
    }
}
