// SMSText: how many segments an SMS text takes, which is what it costs and whether it arrives whole.
//
// An SMS carries 140 octets. In the GSM 7-bit default alphabet (3GPP TS 23.038 §6.2.1) that is 160
// characters; characters of the extension table (form feed ^ { } \ [ ~ ] | €) take two septets
// (an escape, then the character). Any character outside both tables sends the whole text as
// UCS-2: 70 UTF-16 code units. A longer text is split into concatenated segments whose user-data
// header takes 6 octets: 153 septets or 67 code units each, and a segment never splits an escape
// pair or a surrogate pair (an emoji).
//
// French is mostly GSM: é è à ù É Ç are in the alphabet, but ç, â ê î ô û, ë ï, œ, À, the
// typographic apostrophe ’, « » and the no-break space are not; one "fête" or "à bientôt" turns a
// whole message into UCS-2 and halves what fits. Texts are read in Unicode NFC, as they are sent.

import Foundation

/// How an SMS text is encoded on the air.
public enum SMSEncoding: String, Sendable, Equatable, Codable {
    /// The GSM 7-bit default alphabet with its extension table.
    case gsm7 = "gsm-7"
    /// UCS-2 (UTF-16 code units), for any text with a character outside the GSM alphabet.
    case ucs2 = "ucs-2"
}

/// The size of SMS texts.
public enum SMSText {
    /// TS 23.038's default alphabet, in table order (0x1B, the escape to the extension table, left out).
    static let basicAlphabet: Set<Unicode.Scalar> = Set(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
            .unicodeScalars)
    /// TS 23.038's extension table: each costs two septets.
    static let extensionTable: Set<Unicode.Scalar> = Set("\u{0C}^{}\\[~]|€".unicodeScalars)

    /// Characters per segment: a single message, and each part of a concatenated one.
    static func limits(_ encoding: SMSEncoding) -> (single: Int, concatenated: Int) {
        switch encoding {
        case .gsm7: return (160, 153)
        case .ucs2: return (70, 67)
        }
    }

    /// `.gsm7` when every character is in the GSM alphabet or its extension table, else `.ucs2`.
    public static func encoding(of text: String) -> SMSEncoding {
        // Scalars, not Characters: Swift reads "\r\n" as one Character, which no table lists.
        let fits = text.precomposedStringWithCanonicalMapping.unicodeScalars.allSatisfy {
            basicAlphabet.contains($0) || extensionTable.contains($0)
        }
        return fits ? .gsm7 : .ucs2
    }

    /// The encoding, the units it counts (septets for GSM-7, UTF-16 code units for UCS-2) and the
    /// number of segments. An empty text still takes one segment.
    public static func segments(of text: String) -> (encoding: SMSEncoding, units: Int, segments: Int) {
        let encoding = encoding(of: text)
        let costs: [Int] = text.precomposedStringWithCanonicalMapping.unicodeScalars.map { scalar in
            switch encoding {
            case .gsm7: return extensionTable.contains(scalar) ? 2 : 1
            case .ucs2: return scalar.utf16.count
            }
        }
        let units = costs.reduce(0, +)
        let limits = limits(encoding)
        guard units > limits.single else { return (encoding, units, 1) }
        // Fill each part without cutting an escape or a surrogate pair in two.
        var segments = 1
        var used = 0
        for cost in costs {
            if used + cost > limits.concatenated {
                segments += 1
                used = 0
            }
            used += cost
        }
        return (encoding, units, segments)
    }

    /// The text with the characters that French and English messages commonly use outside the GSM
    /// alphabet replaced by their nearest GSM spelling (ê → e, ç → c, œ → oe, ’ → ', « » → ",
    /// no-break spaces → space), so that it can go as GSM-7. Other characters are kept as they are.
    /// Applied, with ``gsmOnly(_:)``, by `[sms] alphabet = gsm` (SMSAlphabet.swift) to every SMS as written.
    public static func gsmTransliterated(_ text: String) -> String {
        // French guillemets hold their text with spaces inside: « Octobre rose » becomes "Octobre rose".
        var text = text.precomposedStringWithCanonicalMapping
        for space in [" ", "\u{A0}", "\u{202F}"] {
            text = text.replacingOccurrences(of: "«" + space, with: "«").replacingOccurrences(of: space + "»", with: "»")
        }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if basicAlphabet.contains(scalar) || extensionTable.contains(scalar) {
                result.append(scalar)
            } else if let replacement = transliterations[scalar] {
                result.append(contentsOf: replacement.unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static let transliterations: [Unicode.Scalar: String] = {
        let pairs: [(String, String)] = [
            ("âáã", "a"), ("ÂÁÃÀ", "A"), ("êë", "e"), ("ÊËÈ", "E"), ("îïí", "i"), ("ÎÏÍÌ", "I"), ("ôóõ", "o"),
            ("ÔÓÕÒ", "O"), ("ûú", "u"), ("ÛÚÙ", "U"), ("ç", "c"), ("ÿ", "y"), ("Ÿ", "Y"),
            ("’‘‚′", "'"), ("«»“”„″", "\""), ("\u{A0}\u{202F}\u{2009}", " "), ("–—‐", "-"), ("…", "..."),
        ]
        var table: [Unicode.Scalar: String] = ["œ": "oe", "Œ": "OE"]
        for (characters, replacement) in pairs {
            for scalar in characters.unicodeScalars { table[scalar] = replacement }
        }
        return table
    }()
}
