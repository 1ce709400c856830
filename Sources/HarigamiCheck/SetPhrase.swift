// Courtesy formulas that staff wording and public pages share by habit, not by copying: "よろしくお願いいたします。",
// "ご理解とご協力をお願いいたします。", "Thank you for your understanding and cooperation." A staff sentence made
// only of such material says nothing of its own, so the leak scan does not look for it.


/// The set phrases of Japanese and English correspondence, as pieces a sentence can be cut into.
enum SetPhrase {
    /// The pieces: greetings and requests, the ご理解・ご協力・ご了承 formulas, apologies, invitations to ask, and the
    /// particles that join them. A noun of substance (a department, a number, a step of a procedure) is none of them.
    static let pieces: [String] = [
        // Requests and greetings.
        "よろしく", "宜しく", "何卒", "なにとぞ", "どうぞ", "どうか", "引き続き", "今後とも", "今後も", "重ねて", "改めて",
        "お願いいたします", "お願い致します", "お願いします", "お願い申し上げます", "お願いいたしております", "お願い", "くださいませ",
        "ください", "くださいますよう", "いただきますよう", "いただけますよう", "賜りますよう", "いただけますと幸いです", "幸いです",
        "のほど", "ほど",
        // Understanding, cooperation, consent.
        "ご理解", "ご協力", "ご了承", "ご支援", "ご配慮", "ご容赦", "ご理解いただき", "ご協力いただき", "ご了承いただき",
        "ありがとうございます", "ありがとうございました", "感謝申し上げます", "感謝いたします",
        // Apologies.
        "恐れ入りますが", "恐れ入ります", "恐縮ですが", "お手数ですが", "お手数をおかけしますが", "申し訳ございません",
        "申し訳ありません", "申し訳ございませんが", "申し訳ありませんが", "お詫び申し上げます", "おわび申し上げます",
        "ご不便", "ご迷惑", "ご心配", "おかけして", "おかけしますが", "おかけいたしますが", "おかけいたします", "おかけします",
        "大変", "誠に", "心より", "深く",
        // Invitations to ask.
        "ご不明な点", "ご質問", "お問い合わせ", "お問合せ", "お問い合せ", "お気軽に", "がございましたら", "がありましたら",
        "皆様", "皆さま", "みなさま", "お客様", "お客さま",
        // Particles that join them.
        "と", "を", "の", "に", "は", "が", "へ", "も", "や",
        // English.
        "thank", "thanks", "you", "for", "your", "understanding", "cooperation", "patience", "support", "kind", "kindly",
        "and", "we", "appreciate", "greatly", "sincerely", "truly", "very", "much", "please", "contact", "us", "do", "not",
        "hesitate", "to", "if", "have", "any", "questions", "question", "sorry", "the", "inconvenience", "this", "may",
        "cause", "caused", "are", "apologise", "apologize", "apologies", "our", "in", "advance", "regards", "best",
        "feel", "free", "would", "be", "grateful", "it", "is", "all",
    ]

    /// The pieces, normalised, by their first character: at each position only the few that can start there are tried.
    private static let piecesByFirst: [UInt32: [[UInt32]]] = Dictionary(grouping: pieces.map(AudienceLeakScan.normalise), by: { $0[0] })

    /// True when `normalised` (as `AudienceLeakScan.normalise` gives it) can be cut into set-phrase pieces and
    /// nothing else: a sentence with a digit, or with any word of its own, is not a set phrase.
    static func contains(_ normalised: [UInt32]) -> Bool {
        guard !normalised.isEmpty else { return false }
        // reachable[i]: the first i characters are pieces, end to end.
        var reachable = [Bool](repeating: false, count: normalised.count + 1)
        reachable[0] = true
        for start in normalised.indices where reachable[start] {
            for piece in piecesByFirst[normalised[start]] ?? [] where start + piece.count <= normalised.count && !reachable[start + piece.count] {
                if normalised[start..<(start + piece.count)].elementsEqual(piece) { reachable[start + piece.count] = true }
            }
        }
        return reachable[normalised.count]
    }
}
