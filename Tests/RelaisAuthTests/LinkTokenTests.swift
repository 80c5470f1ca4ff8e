// LinkTokenTests: link tokens are 16 URL-safe characters, different each time, and stored as the
// same SHA-256 digest as session tokens.

import RelaisAuth
import Testing

@Suite struct LinkTokenTests {
    @Test func tokensAreSixteenURLSafeCharactersAndNeverRepeat() throws {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var seen: Set<String> = []
        for _ in 0..<1000 {
            let token = try LinkToken.make()
            #expect(token.count == 16 && token.allSatisfy { allowed.contains($0) }, "\(token)")
            seen.insert(token)
        }
        #expect(seen.count == 1000)
    }

    @Test func theDigestIsSHA256InHex() {
        #expect(LinkToken.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
