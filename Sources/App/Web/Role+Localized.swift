import NguonCore

// Names of roles and departments in the interface language, for every page that shows them.

extension Role {
    func name(_ language: Language) -> String {
        language == .vi ? vietnameseName : englishName
    }
}

extension Department {
    func name(_ language: Language) -> String {
        language == .vi ? vietnameseName : englishName
    }
}
