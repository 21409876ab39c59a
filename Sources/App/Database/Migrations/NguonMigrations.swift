import FluentKit

/// Every migration, in the order it runs. Append only: a migration that has landed is never
/// edited, renamed or reordered, because deployed databases remember them by name.
enum NguonMigrations {
    static let all: [any Migration] = [
        CreateSettings(),
        CreateEPCISRepository(),
        CreateAccounts(),
        SeedProvinces(),
        AddMasterDataOwner(),
        AddEventILMDAndMemberRoles(),
        CanonicalUUIDEventIDs(),
        CreateGS1Codes(),
        CreateRegistry(),
        SeedAdminUnits2025(),
        CreateSearchTerms(),
        CreateSearchDocuments(),
        CreatePendingImportParts(),
        CreateCertificates(),
        CreateInspections(),
        CreateSamples(),
        CreateRecalls(),
    ]

    static func register(in migrations: Migrations) {
        migrations.add(all)
    }
}
