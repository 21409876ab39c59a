/// A stored row the code cannot read as its record (a code it does not know, a date that is not
/// one): the database was changed outside Nguồn. Surfaced as a server error with the row named.
enum RecordError: Error, CustomStringConvertible {
    case damaged(_ table: String, _ id: String)

    var description: String {
        switch self {
        case .damaged(let table, let id): "row \(id) of \(table) cannot be read"
        }
    }
}
