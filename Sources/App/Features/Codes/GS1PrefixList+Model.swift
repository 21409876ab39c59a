/// `/quan-tri/ma-gs1`: the GS1 company prefixes Nguồn knows, with how much of each pool is given.
enum GS1PrefixList {
    struct Model {
        let rows: [GS1CodeRepository.PrefixUsage]
        /// Administrators add prefixes; auditors only read.
        let canAdd: Bool
    }
}
