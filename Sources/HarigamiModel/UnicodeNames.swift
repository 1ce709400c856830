// Names compared as the content knows them: Unicode NFC, whatever form a file system or an editor stored them in.

import Foundation

extension String {
    /// The string in Unicode Normalization Form C (composed), the form the web and most systems use.
    package var nfc: String { isASCII ? self : precomposedStringWithCanonicalMapping }

    /// Whether the string is stored in NFC already (Swift's `==` would say so of any form).
    package var isNFC: Bool { isASCII || unicodeScalars.elementsEqual(precomposedStringWithCanonicalMapping.unicodeScalars) }

    /// Most names and links are ASCII, which every form spells alike; a site has thousands of them.
    private var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }
}

extension String {
    /// Whether the text is empty or only white space.
    package var isBlank: Bool {
        // A visible ASCII character settles it without Foundation, which most texts have early on.
        if utf8.contains(where: { $0 > 0x20 && $0 < 0x7F }) { return false }
        return trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}
