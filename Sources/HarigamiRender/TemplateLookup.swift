// How the templates read the site's view models: by name, without reflection.
//
// Without this, swift-mustache finds every `{{name}}` through a Mirror of the whole view model, which was
// over a third of a large build. Each view answers its stored properties by name (TemplateValue.swift), for the
// compiled plans and for swift-mustache alike; a test compares every answer with the Mirror's, so a property added
// to a view and forgotten here fails the tests.

extension PageView: TemplateView {
    package func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "lang": return lang.asTemplateValue
        case "ui": return ui.asTemplateValue
        case "siteTitle": return siteTitle.asTemplateValue
        case "organisation": return organisation.asTemplateValue
        case "title": return title.asTemplateValue
        case "htmlTitle": return htmlTitle.asTemplateValue
        case "description": return description.asTemplateValue
        case "canonical": return canonical.asTemplateValue
        case "alternates": return alternates.asTemplateValue
        case "xDefault": return xDefault.asTemplateValue
        case "stylesheet": return stylesheet.asTemplateValue
        case "homeHref": return homeHref.asTemplateValue
        case "languages": return languages.asTemplateValue
        case "nav": return nav.asTemplateValue
        case "breadcrumbs": return breadcrumbs.asTemplateValue
        case "hasBreadcrumbs": return hasBreadcrumbs.asTemplateValue
        case "contact": return contact.asTemplateValue
        case "staff": return staff.asTemplateValue
        case "updated": return updated.asTemplateValue
        case "updatedText": return updatedText.asTemplateValue
        case "body": return body.asTemplateValue
        case "contentLang": return contentLang.asTemplateValue
        case "categories": return categories.asTemplateValue
        case "example": return example.asTemplateValue
        case "posters": return posters.asTemplateValue
        case "links": return links.asTemplateValue
        case "accessibilityHref": return accessibilityHref.asTemplateValue
        case "accessibility": return accessibility.asTemplateValue
        default: return nil
        }
    }
}

extension LinkView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "label": return label.asTemplateValue
        case "href": return href.asTemplateValue
        case "current": return current.asTemplateValue
        case "labelLang": return labelLang.asTemplateValue
        default: return nil
        }
    }
}

extension LanguageLinkView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "label": return label.asTemplateValue
        case "lang": return lang.asTemplateValue
        case "href": return href.asTemplateValue
        case "current": return current.asTemplateValue
        default: return nil
        }
    }
}

extension AlternateView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "hreflang": return hreflang.asTemplateValue
        case "href": return href.asTemplateValue
        default: return nil
        }
    }
}

extension CrumbView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "label": return label.asTemplateValue
        case "href": return href.asTemplateValue
        case "last": return last.asTemplateValue
        case "labelLang": return labelLang.asTemplateValue
        default: return nil
        }
    }
}

extension ContactView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "department": return department.asTemplateValue
        case "phone": return phone.asTemplateValue
        case "phoneHref": return phoneHref.asTemplateValue
        case "email": return email.asTemplateValue
        case "hours": return hours.asTemplateValue
        default: return nil
        }
    }
}

extension ExampleLinkView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "title": return title.asTemplateValue
        case "summary": return summary.asTemplateValue
        case "href": return href.asTemplateValue
        case "channels": return channels.asTemplateValue
        case "titleLang": return titleLang.asTemplateValue
        default: return nil
        }
    }
}

extension CategoryView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "id": return id.asTemplateValue
        case "name": return self.name.asTemplateValue
        case "summary": return summary.asTemplateValue
        case "examples": return examples.asTemplateValue
        default: return nil
        }
    }
}

extension ExampleView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "categoryName": return categoryName.asTemplateValue
        case "categoryHref": return categoryHref.asTemplateValue
        case "categorySummary": return categorySummary.asTemplateValue
        case "channels": return channels.asTemplateValue
        default: return nil
        }
    }
}

extension AccessibilityView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "statement": return statement.asTemplateValue
        case "scope": return scope.asTemplateValue
        case "policyDate": return policyDate.asTemplateValue
        case "policyDateText": return policyDateText.asTemplateValue
        case "results": return results.asTemplateValue
        default: return nil
        }
    }
}

extension AccessibilityResultsView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "date": return date.asTemplateValue
        case "dateText": return dateText.asTemplateValue
        case "summary": return summary.asTemplateValue
        case "tools": return tools.asTemplateValue
        case "pages": return pages.asTemplateValue
        case "criteria": return criteria.asTemplateValue
        case "furtherCriteria": return furtherCriteria.asTemplateValue
        default: return nil
        }
    }
}

extension AccessibilityToolView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "name": return self.name.asTemplateValue
        case "version": return version.asTemplateValue
        default: return nil
        }
    }
}

extension AccessibilityPageRowView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "label": return label.asTemplateValue
        case "labelLang": return labelLang.asTemplateValue
        case "href": return href.asTemplateValue
        case "path": return path.asTemplateValue
        case "titled": return titled.asTemplateValue
        case "outcome": return outcome.asTemplateValue
        case "outcomeText": return outcomeText.asTemplateValue
        case "failed": return failed.asTemplateValue
        case "testedOn": return testedOn.asTemplateValue
        default: return nil
        }
    }
}

extension AccessibilityCriterionView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "number": return number.asTemplateValue
        case "level": return level.asTemplateValue
        case "status": return status.asTemplateValue
        case "statusText": return statusText.asTemplateValue
        default: return nil
        }
    }
}

extension RootView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "lang": return lang.asTemplateValue
        case "htmlTitle": return htmlTitle.asTemplateValue
        case "description": return description.asTemplateValue
        case "canonical": return canonical.asTemplateValue
        case "alternates": return alternates.asTemplateValue
        case "xDefault": return xDefault.asTemplateValue
        case "stylesheet": return stylesheet.asTemplateValue
        case "staff": return staff.asTemplateValue
        case "languages": return languages.asTemplateValue
        default: return nil
        }
    }
}

extension RootView.Language: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "lang": return lang.asTemplateValue
        case "siteTitle": return siteTitle.asTemplateValue
        case "description": return description.asTemplateValue
        case "href": return href.asTemplateValue
        case "ui": return ui.asTemplateValue
        case "first": return first.asTemplateValue
        case "accessibilityHref": return accessibilityHref.asTemplateValue
        default: return nil
        }
    }
}

extension PosterView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "title": return title.asTemplateValue
        case "subtitle": return subtitle.asTemplateValue
        case "previewHref": return previewHref.asTemplateValue
        case "landscape": return landscape.asTemplateValue
        case "files": return files.asTemplateValue
        default: return nil
        }
    }
}

extension PosterFileView: TemplateView {
    func templateValue(named name: String) -> TemplateValue? {
        switch name {
        case "label": return label.asTemplateValue
        case "href": return href.asTemplateValue
        case "downloadHref": return downloadHref.asTemplateValue
        case "downloadType": return downloadType.asTemplateValue
        case "downloadText": return downloadText.asTemplateValue
        case "downloadName": return downloadName.asTemplateValue
        default: return nil
        }
    }
}
