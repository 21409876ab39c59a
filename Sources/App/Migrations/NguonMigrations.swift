import FluentKit

/// Every migration, in the order it runs. Append only: a migration that has landed is never
/// edited, renamed or reordered, because deployed databases remember them by name.
enum NguonMigrations {
    static func register(in migrations: Migrations) {
        migrations.add(CreateSettings())
    }
}
