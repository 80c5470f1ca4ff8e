import RelaisAuth
import Testing

@Suite struct SessionTokenTests {
    @Test func tokensAre64HexDigitsAndNeverRepeat() throws {
        let tokens = try (0..<200).map { _ in try SessionToken.make() }
        #expect(Set(tokens).count == 200)
        #expect(tokens.allSatisfy(SessionToken.isWellFormed))
    }

    @Test func theDigestIsSHA256() {
        // FIPS 180-2 test vector: SHA-256("abc").
        #expect(SessionToken.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func theCSRFTokenBelongsToOneSessionAndIsNeitherTheTokenNorItsDigest() throws {
        let token = try SessionToken.make()
        let other = try SessionToken.make()
        let csrf = SessionToken.csrf(for: token)
        #expect(SessionToken.checkCSRF(csrf, for: token))
        #expect(!SessionToken.checkCSRF(csrf, for: other))
        #expect(!SessionToken.checkCSRF("", for: token))
        #expect(csrf != token && csrf != SessionToken.digest(token))
    }

    @Test func malformedTokensAreRecognisedBeforeAnyLookup() {
        #expect(!SessionToken.isWellFormed(""))
        #expect(!SessionToken.isWellFormed(String(repeating: "A", count: 64)))
        #expect(!SessionToken.isWellFormed(String(repeating: "a", count: 63)))
        #expect(!SessionToken.isWellFormed("' OR 1=1 --" + String(repeating: "a", count: 53)))
    }
}

@Suite struct ConstantTimeTests {
    @Test func equalOnlyForTheSameBytesWhateverTheLengths() {
        #expect(ConstantTime.equal("s3cr3t-callback", "s3cr3t-callback"))
        #expect(!ConstantTime.equal("s3cr3t-callback", "s3cr3t-callbacK"))
        #expect(!ConstantTime.equal("s3cr3t", "s3cr3t-callback"))
        #expect(!ConstantTime.equal("", "x") && ConstantTime.equal("", ""))
    }
}
