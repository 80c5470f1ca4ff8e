// SMSAlphabet: in which alphabet SMS are written (`[sms] alphabet`), applied once to the whole
// rendered text, template and values alike, just before it is sent.
//
// `gsm` (the default) writes every SMS in the GSM 03.38 alphabet: a single ê, ç, œ or ’ would
// otherwise send the whole text as UCS-2, at 67 characters a segment instead of 153, so a 300-
// character reminder costs five segments instead of two. The characters French and English texts
// commonly use are transliterated (ê → e, ç → c, œ → oe, ’ → '); any other letter loses its accent
// when it has one (ł, ő, ș). What has no GSM spelling (an emoji, a name or a place in another
// script) is kept as written and that one SMS goes as UCS-2: a "?" would lose what the person has to
// read, which costs more than a segment. `ucs2` keeps every character as written.

import Foundation

/// The alphabet SMS are written in.
public enum SMSAlphabet: String, Sendable, Equatable, CaseIterable {
    /// GSM 03.38, transliterating what is outside it and has a GSM spelling.
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
    /// `text` in the GSM 03.38 alphabet as far as it has a GSM spelling: ``gsmTransliterated(_:)``,
    /// then each remaining character outside the alphabet without its accents when that puts it in,
    /// else as it is (the text then goes as UCS-2).
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
                result.append(scalar)
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
