import RelaisCore
import Testing

@Suite struct HTMLTextTests {
    @Test func markupCharactersAreEscapedAndTheRestKept() {
        #expect(HTMLText.escape(#"<b>"Lévêque" & l'autre</b>"#) == "&lt;b&gt;&quot;Lévêque&quot; &amp; l&#39;autre&lt;/b&gt;")
    }

    @Test func aQuoteFollowedByACombiningAccentIsStillEscaped() {
        // `"` + U+0301 is one Swift Character; compared as a character it would slip through.
        let sneaky = "\"\u{301} autofocus onfocus=x"
        #expect(!HTMLText.escape(sneaky).contains("\""))
        #expect(HTMLText.escape(sneaky).hasPrefix("&quot;\u{301}"))
    }
}
