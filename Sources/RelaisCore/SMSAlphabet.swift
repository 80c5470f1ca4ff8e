// SMSAlphabet: in which alphabet SMS are written (`[sms] alphabet`), applied once to the whole
// rendered text, template and values alike, just before it is sent.
//
// `gsm` (the default) writes every SMS in the GSM 03.38 alphabet: a single ê, ç, œ or ’ would
// otherwise send the whole text as UCS-2, at 67 characters a segment instead of 153, so a 300-
// character reminder costs five segments instead of two. The characters French and English texts
// commonly use are transliterated (ê → e, ç → c, œ → oe, ’ → '); any other letter loses its accent
// when it has one (ł, ő, ș), and what remains outside the alphabet (an emoji, another script)
// becomes "?". `ucs2` keeps every character as written, at UCS-2's price when one is outside GSM.

import Foundation

/// The alphabet SMS are written in.
public enum SMSAlphabet: String, Sendable, Equatable, CaseIterable {
    /// GSM 03.38 only, transliterating what is outside it.
    case gsm
    /// Every character as written (UCS-2 when one is outside GSM 03.38).
    case ucs2

    /// `text` as it is sent in this alphabet.
    public func written(_ text: String) -> String {
        switch self {
        case .gsm: return SMSText.gsmOnly(text)
        case .ucs2: return text.precomposedStringWithCanonicalMapping
        }
    }
}

extension SMSText {
    /// `text` in the GSM 03.38 alphabet: ``gsmTransliterated(_:)``, then each remaining character
    /// outside the alphabet without its accents when that puts it in, else "?".
    public static func gsmOnly(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in gsmTransliterated(text).unicodeScalars {
            if isGSM(scalar) {
                result.append(scalar)
                continue
            }
            // Canonical decomposition puts the base letter first and its combining marks after.
            let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.filter { !isCombiningMark($0) }
            if !base.isEmpty, base.allSatisfy(isGSM) {
                result.append(contentsOf: base)
            } else {
                result.append("?")
            }
        }
        return String(result)
    }

    static func isGSM(_ scalar: Unicode.Scalar) -> Bool {
        basicAlphabet.contains(scalar) || extensionTable.contains(scalar)
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .nonspacingMark
    }
}
