// How the templates read the printed documents' view models (posters, notices, the staff card, name tags, the staff
// manual): by name, as TemplateLookup.swift does for the site's; a test compares every answer with reflection.

extension PosterTextView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "lines": return lines.asTemplateValue
        case "lang": return lang.asTemplateValue
        case "style": return style.asTemplateValue
        case "secondary": return secondary.asTemplateValue
        default: return nil
        }
    }
}

extension PosterTextGroupView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "style": return style.asTemplateValue
        case "parts": return parts.asTemplateValue
        default: return nil
        }
    }
}

extension PosterBubbleView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "category": return category.asTemplateValue
        case "tail": return tail.asTemplateValue
        case "balloonStyle": return balloonStyle.asTemplateValue
        case "tagStyle": return tagStyle.asTemplateValue
        case "labels": return labels.asTemplateValue
        case "says": return says.asTemplateValue
        default: return nil
        }
    }
}

extension PosterBehaviourView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "parts": return parts.asTemplateValue
        default: return nil
        }
    }
}

extension PosterListView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "style": return style.asTemplateValue
        case "items": return items.asTemplateValue
        default: return nil
        }
    }
}

extension PosterPageGeometryView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "width": return width.asTemplateValue
        case "height": return height.asTemplateValue
        case "marginX": return marginX.asTemplateValue
        case "marginY": return marginY.asTemplateValue
        case "scale": return scale.asTemplateValue
        default: return nil
        }
    }
}

extension PosterPageView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "lang": return lang.asTemplateValue
        case "htmlTitle": return htmlTitle.asTemplateValue
        case "page": return page.asTemplateValue
        case "sheetStyle": return sheetStyle.asTemplateValue
        case "bandStyle": return bandStyle.asTemplateValue
        case "panelStyle": return panelStyle.asTemplateValue
        case "ruleStyle": return ruleStyle.asTemplateValue
        case "title": return title.asTemplateValue
        case "bubbles": return bubbles.asTemplateValue
        case "subtitle": return subtitle.asTemplateValue
        case "behaviours": return behaviours.asTemplateValue
        case "tagline": return tagline.asTemplateValue
        case "organisation": return organisation.asTemplateValue
        case "phone": return phone.asTemplateValue
        case "email": return email.asTemplateValue
        case "qrStyle": return qrStyle.asTemplateValue
        case "qrSVG": return qrSVG.asTemplateValue
        case "url": return url.asTemplateValue
        default: return nil
        }
    }
}

extension NoticeItemView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "number": return number.asTemplateValue
        case "parts": return parts.asTemplateValue
        default: return nil
        }
    }
}

extension NoticeItemsView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "style": return style.asTemplateValue
        case "items": return items.asTemplateValue
        default: return nil
        }
    }
}

extension NoticePageView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "lang": return lang.asTemplateValue
        case "htmlTitle": return htmlTitle.asTemplateValue
        case "page": return page.asTemplateValue
        case "sheetStyle": return sheetStyle.asTemplateValue
        case "bandStyle": return bandStyle.asTemplateValue
        case "ruleStyle": return ruleStyle.asTemplateValue
        case "title": return title.asTemplateValue
        case "lead": return lead.asTemplateValue
        case "items": return items.asTemplateValue
        case "organisation": return organisation.asTemplateValue
        case "phone": return phone.asTemplateValue
        case "email": return email.asTemplateValue
        case "qr": return qr.asTemplateValue
        default: return nil
        }
    }
}

extension NoticeQRView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "style": return style.asTemplateValue
        case "svg": return svg.asTemplateValue
        case "url": return url.asTemplateValue
        default: return nil
        }
    }
}

extension StaffCardRowView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "category": return category.asTemplateValue
        case "number": return number.asTemplateValue
        case "frameStyle": return frameStyle.asTemplateValue
        case "nameCellStyle": return nameCellStyle.asTemplateValue
        case "dividerStyle": return dividerStyle.asTemplateValue
        case "name": return self.name.asTemplateValue
        case "say": return say.asTemplateValue
        case "handOver": return handOver.asTemplateValue
        default: return nil
        }
    }
}

extension StaffCardPageView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "lang": return lang.asTemplateValue
        case "htmlTitle": return htmlTitle.asTemplateValue
        case "page": return page.asTemplateValue
        case "sheetStyle": return sheetStyle.asTemplateValue
        case "bandStyle": return bandStyle.asTemplateValue
        case "title": return title.asTemplateValue
        case "subtitle": return subtitle.asTemplateValue
        case "sayHead": return sayHead.asTemplateValue
        case "handOverHead": return handOverHead.asTemplateValue
        case "rows": return rows.asTemplateValue
        case "ruleStyle": return ruleStyle.asTemplateValue
        case "tagline": return tagline.asTemplateValue
        default: return nil
        }
    }
}

extension NameTagLineView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "lang": return lang.asTemplateValue
        case "style": return style.asTemplateValue
        case "texts": return texts.asTemplateValue
        default: return nil
        }
    }
}

extension NameTagCardView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "lang": return lang.asTemplateValue
        case "style": return style.asTemplateValue
        case "affiliation": return affiliation.asTemplateValue
        case "secondAffiliation": return secondAffiliation.asTemplateValue
        case "reading": return reading.asTemplateValue
        case "surname": return surname.asTemplateValue
        case "secondSurname": return secondSurname.asTemplateValue
        case "organisation": return organisation.asTemplateValue
        default: return nil
        }
    }
}

extension NameTagSheetView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "label": return label.asTemplateValue
        case "cards": return cards.asTemplateValue
        default: return nil
        }
    }
}

extension NameTagMarkView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "x1": return x1.asTemplateValue
        case "y1": return y1.asTemplateValue
        case "x2": return x2.asTemplateValue
        case "y2": return y2.asTemplateValue
        default: return nil
        }
    }
}

extension NameTagPageView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "lang": return lang.asTemplateValue
        case "htmlTitle": return htmlTitle.asTemplateValue
        case "heading": return heading.asTemplateValue
        case "sheetWidth": return sheetWidth.asTemplateValue
        case "sheetHeight": return sheetHeight.asTemplateValue
        case "cardWidth": return cardWidth.asTemplateValue
        case "cardHeight": return cardHeight.asTemplateValue
        case "padding": return padding.asTemplateValue
        case "sheets": return sheets.asTemplateValue
        case "marks": return marks.asTemplateValue
        default: return nil
        }
    }
}

extension ManualChapterView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "number": return number.asTemplateValue
        case "id": return id.asTemplateValue
        case "pageName": return pageName.asTemplateValue
        case "runningHeadCSS": return runningHeadCSS.asTemplateValue
        case "title": return title.asTemplateValue
        case "chapterSummary": return chapterSummary.asTemplateValue
        case "guidelineBody": return guidelineBody.asTemplateValue
        case "examples": return examples.asTemplateValue
        case "card": return card.asTemplateValue
        case "hasExamples": return hasExamples.asTemplateValue
        default: return nil
        }
    }
}

extension ManualExampleView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "id": return id.asTemplateValue
        case "title": return title.asTemplateValue
        case "exampleSummary": return exampleSummary.asTemplateValue
        case "exampleChannels": return exampleChannels.asTemplateValue
        case "body": return body.asTemplateValue
        default: return nil
        }
    }
}

extension ManualCardView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "cardSubtitle": return cardSubtitle.asTemplateValue
        case "cardTagline": return cardTagline.asTemplateValue
        case "rows": return rows.asTemplateValue
        default: return nil
        }
    }
}

extension ManualCardRowView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "number": return number.asTemplateValue
        case "name": return self.name.asTemplateValue
        case "say": return say.asTemplateValue
        case "handOver": return handOver.asTemplateValue
        default: return nil
        }
    }
}

extension ManualView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "lang": return lang.asTemplateValue
        case "ui": return ui.asTemplateValue
        case "htmlTitle": return htmlTitle.asTemplateValue
        case "description": return description.asTemplateValue
        case "organisation": return organisation.asTemplateValue
        case "title": return title.asTemplateValue
        case "siteTitle": return siteTitle.asTemplateValue
        case "updated": return updated.asTemplateValue
        case "updatedText": return updatedText.asTemplateValue
        case "runningHeadCSS": return runningHeadCSS.asTemplateValue
        case "chapters": return chapters.asTemplateValue
        default: return nil
        }
    }
}
