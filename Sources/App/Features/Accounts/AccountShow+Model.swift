/// `/tai-khoan`: the signed-in person's own account, and the form that changes its password.
enum AccountShow {
    struct Model {
        let user: User

        static func query(session: SessionInfo) -> Model {
            Model(user: session.user)
        }
    }
}
