// PasswordHashTests: yescrypt hashes from libxcrypt, made and verified.

import RelaisAuth
import Testing

@Suite struct PasswordHashTests {
    @Test func aHashVerifiesItsPasswordAndNoOther() throws {
        let hash = try PasswordHash.make("correct horse battery")
        #expect(hash.hasPrefix("$y$"))
        #expect(!hash.contains("correct horse battery"))
        #expect(PasswordHash.verify("correct horse battery", against: hash))
        #expect(!PasswordHash.verify("correct horse batterY", against: hash))
        #expect(!PasswordHash.verify("", against: hash))
    }

    @Test func twoHashesOfOnePasswordDiffer() throws {
        let first = try PasswordHash.make("correct horse battery")
        let second = try PasswordHash.make("correct horse battery")
        #expect(first != second)
        #expect(PasswordHash.verify("correct horse battery", against: second))
    }

    @Test func aMalformedHashVerifiesNothing() {
        #expect(!PasswordHash.verify("anything", against: ""))
        #expect(!PasswordHash.verify("anything", against: "*0"))
        #expect(!PasswordHash.verify("anything", against: "$1$abc$def"))
    }
}
