// How the templates read the site's view models: by name, without reflection.
//
// Without this, swift-mustache finds every `{{name}}` through a Mirror of the whole view model, which was
// over a third of a large build. Each view answers its stored properties by name; a test compares every
// answer with the Mirror's, so a property added to a view and forgotten here fails the tests.

import Mustache

extension PageView: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "lang": lang
        case "ui": ui
        case "siteTitle": siteTitle
        case "organisation": organisation
        case "title": title
        case "htmlTitle": htmlTitle
        case "description": description
        case "canonical": canonical
        case "alternates": alternates
        case "xDefault": xDefault
        case "stylesheet": stylesheet
        case "homeHref": homeHref
        case "languages": languages
        case "nav": nav
        case "breadcrumbs": breadcrumbs
        case "hasBreadcrumbs": hasBreadcrumbs
        case "contact": contact
        case "staff": staff
        case "updated": updated
        case "updatedText": updatedText
        case "body": body
        case "contentLang": contentLang
        case "categories": categories
        case "example": example
        case "posters": posters
        case "links": links
        case "accessibilityHref": accessibilityHref
        case "accessibility": accessibility
        default: nil
        }
    }
}

extension LinkView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "href": href
        case "current": current
        case "labelLang": labelLang
        default: nil
        }
    }
}

extension LanguageLinkView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "lang": lang
        case "href": href
        case "current": current
        default: nil
        }
    }
}

extension AlternateView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "hreflang": hreflang
        case "href": href
        default: nil
        }
    }
}

extension CrumbView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "href": href
        case "last": last
        case "labelLang": labelLang
        default: nil
        }
    }
}

extension ContactView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "department": department
        case "phone": phone
        case "phoneHref": phoneHref
        case "email": email
        case "hours": hours
        default: nil
        }
    }
}

extension ExampleLinkView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "summary": summary
        case "href": href
        case "channels": channels
        case "titleLang": titleLang
        default: nil
        }
    }
}

extension CategoryView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "name": self.name
        case "summary": summary
        case "examples": examples
        default: nil
        }
    }
}

extension ExampleView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "categoryName": categoryName
        case "categoryHref": categoryHref
        case "categorySummary": categorySummary
        case "channels": channels
        default: nil
        }
    }
}

extension AccessibilityView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "statement": statement
        case "scope": scope
        case "policyDate": policyDate
        case "policyDateText": policyDateText
        case "results": results
        default: nil
        }
    }
}

extension AccessibilityResultsView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "date": date
        case "dateText": dateText
        case "summary": summary
        case "tools": tools
        case "pages": pages
        case "criteria": criteria
        case "furtherCriteria": furtherCriteria
        default: nil
        }
    }
}

extension AccessibilityToolView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "version": version
        default: nil
        }
    }
}

extension AccessibilityPageRowView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "labelLang": labelLang
        case "href": href
        case "path": path
        case "titled": titled
        case "outcome": outcome
        case "outcomeText": outcomeText
        case "failed": failed
        case "testedOn": testedOn
        default: nil
        }
    }
}

extension AccessibilityCriterionView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "level": level
        case "status": status
        case "statusText": statusText
        default: nil
        }
    }
}
