// SMSCharacters: the one question about SMS text that delivery answers itself: can this text go in
// the GSM 7-bit alphabet (3GPP TS 23.038 §6.2.1: the default alphabet plus its extension table), or
// must it go as UCS-2? The answer picks Kannel's `coding`. Deliberately internal and minimal:
// segment counting and costs belong to RelaisCore's SMSText, which this could defer to once settled.

import Foundation

enum SMSCharacters {
    /// TS 23.038's default alphabet, in table order (0x1B, the escape to the extension table, left out).
    private static let basic: Set<Unicode.Scalar> = Set(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
            .unicodeScalars
    )
    /// TS 23.038's extension table (each costs two septets): form feed, ^ { } \ [ ~ ] | €.
    private static let extensionTable: Set<Unicode.Scalar> = Set("\u{0C}^{}\\[~]|€".unicodeScalars)

    /// The text as it is sent: Unicode NFC, so that an "é" typed as "e" + combining accent is one
    /// character the GSM alphabet has.
    static func normalised(_ text: String) -> String { text.precomposedStringWithCanonicalMapping }

    /// Whether every character of the (normalised) text is in the GSM 7-bit alphabet or its
    /// extension table. French often is (é è à ù É Ç), but ê, â, î, ô, û, ç, œ, the typographic
    /// apostrophe ’ and the dash — are not.
    static func fitGSMAlphabet(_ text: String) -> Bool {
        // Scalars, not Characters: Swift reads "\r\n" as one Character, which no table lists.
        normalised(text).unicodeScalars.allSatisfy { basic.contains($0) || extensionTable.contains($0) }
    }
}
