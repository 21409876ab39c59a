// Whole-document validation: every event (errors carry the event's index and eventID) plus
// the header, collected in one list.

import Foundation

extension EPCISDocument {
    /// Every problem in the document, in event order; empty when the document is valid.
    /// `now` bounds how far in the future a time may lie.
    public func validate(now: Date = Date()) -> [EPCISError] {
        var errors = validateHeader(now: now)
        for (k, e) in events.enumerated() { errors += e.validate(index: k, now: now, documentContext: context) }
        return errors
    }

    /// Throws all problems at once, or returns the document unchanged.
    public func validated(now: Date = Date()) throws(EPCISErrors) -> EPCISDocument {
        let errors = validate(now: now)
        if !errors.isEmpty { throw EPCISErrors(errors) }
        return self
    }

    func validateHeader(now: Date = Date()) -> [EPCISError] {
        var errors: [EPCISError] = []
        if schemaVersion.isEmpty {
            errors.append(EPCISError(.missingField, field: "schemaVersion", message: "schemaVersion is required (\"2.0\")"))
        } else if !schemaVersion.hasPrefix("2.") {
            errors.append(EPCISError(.invalidValue, field: "schemaVersion", message: "schemaVersion '\(schemaVersion)' is not an EPCIS 2.x version"))
        }
        errors += EPCISDocument.validateCreationDate(creationDate, now: now)
        errors += EPCISDocument.validateVocabularies(epcisHeader?.vocabularyList ?? [], "epcisHeader.epcisMasterData.vocabularyList")
        return errors
    }

    /// A zone, and the same plausible window as event times (EventValidator+Dates).
    static func validateCreationDate(_ c: EPCISTimestamp?, now: Date) -> [EPCISError] {
        guard let c else { return [] }
        var errors: [EPCISError] = []
        if c.offsetSeconds == nil {
            errors.append(EPCISError(.missingTimeZone, field: "creationDate", message: "'\(c.lexical)' has no time zone"))
        }
        if let problem = EventValidator.timeWindowProblem(c, now: now) {
            errors.append(EPCISError(.dateOutOfRange, field: "creationDate", message: problem))
        }
        return errors
    }

    static func validateVocabularies(_ list: [Vocabulary], _ path: String) -> [EPCISError] {
        var errors: [EPCISError] = []
        for (k, v) in list.enumerated() {
            if !EPCISIdentifier.isURI(v.type) {
                errors.append(EPCISError(.invalidURI, field: "\(path)[\(k)].type", message: "'\(v.type)' is not a vocabulary type URI"))
            }
            for (j, el) in v.elements.enumerated() {
                let f = "\(path)[\(k)].vocabularyElementList[\(j)]"
                if !EPCISIdentifier.isURI(el.id) {
                    errors.append(EPCISError(.invalidURI, field: f + ".id", message: "'\(el.id)' is not a URI"))
                }
                for (n, a) in el.attributes.enumerated() where !EPCISIdentifier.isURI(a.id) {
                    errors.append(EPCISError(.invalidURI, field: f + ".attributes[\(n)].id", message: "'\(a.id)' is not an attribute URI"))
                }
            }
        }
        return errors
    }
}

extension EPCISQueryDocument {
    /// Every problem in the query document's events and vocabularies.
    public func validate(now: Date = Date()) -> [EPCISError] {
        var errors = EPCISDocument.validateCreationDate(creationDate, now: now)
        errors += EPCISDocument.validateVocabularies(epcisHeader?.vocabularyList ?? [], "epcisHeader.epcisMasterData.vocabularyList")
        errors += EPCISDocument.validateVocabularies(vocabularyList, "epcisBody.queryResults.resultsBody.vocabularyList")
        for (k, e) in events.enumerated() { errors += e.validate(index: k, now: now, documentContext: context) }
        return errors
    }
}
