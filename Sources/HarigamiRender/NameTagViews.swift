// What Templates/nametags.mustache sees: each sheet's cards with their texts, sizes and places decided here.

import HarigamiPosterLayout

/// One line of a card: its texts side by side, each in its language, at the size the layout chose.
struct NameTagLineView {
    var lang: String
    var style: String
    var texts: [String]

    init(_ line: NameTagLine, lang: String) {
        self.lang = lang
        style = "font-size:\(PosterCSS.length(line.size))"
        texts = line.texts.filter { !$0.isEmpty }
    }
}

struct NameTagCardView {
    var lang: String
    var style: String
    var affiliation: NameTagLineView
    var secondAffiliation: NameTagLineView?
    var reading: NameTagLineView?
    var surname: NameTagLineView
    var secondSurname: NameTagLineView?
    var organisation: NameTagLineView
}

struct NameTagSheetView {
    var label: String
    var cards: [NameTagCardView]
}

/// A cut mark: a line from (x1, y1) to (x2, y2) in millimetres on the sheet.
struct NameTagMarkView {
    var x1: String
    var y1: String
    var x2: String
    var y2: String
}

struct NameTagPageView {
    var lang: String
    var htmlTitle: String
    var heading: String
    var sheetWidth: String
    var sheetHeight: String
    var cardWidth: String
    var cardHeight: String
    var padding: String
    var sheets: [NameTagSheetView]
    var marks: [NameTagMarkView]
}
