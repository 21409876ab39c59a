import NguonCore

/// `/san-xuat`: the producer's home on a phone — what needs doing, its lots, goods arriving,
/// the latest diary entries, and the way to each form.
enum WorkspaceHome {
    struct Model {
        let workspace: ProducerWork.Workspace
        let lots: [Lot]
        let incoming: [IncomingShipment]
        let diary: [DiaryRecord]

        /// What stands between the organisation and a label on the shelf, in order.
        var todo: [LocalizedText] {
            var items: [LocalizedText] = []
            if workspace.facilities.isEmpty {
                items.append(LocalizedText(vi: "Đăng ký cơ sở sản xuất (vùng trồng, ao nuôi, xưởng).", en: "Register a facility."))
            } else if workspace.facilities.contains(where: { $0.gln == nil }) {
                items.append(LocalizedText(vi: "Gán GLN (mã địa điểm) cho các cơ sở chưa có.", en: "Give your facilities a GLN."))
            }
            if workspace.products.isEmpty {
                items.append(LocalizedText(vi: "Đăng ký sản phẩm với GTIN (mã sản phẩm).", en: "Register a product with its GTIN."))
            }
            if !incoming.isEmpty {
                items.append(LocalizedText(vi: "Có \(incoming.count) lô hàng đang chờ nhận.", en: "\(incoming.count) shipments are waiting to be received."))
            }
            return items
        }

        static func query(principal: Principal, work: ProducerWork) async throws -> Model {
            Model(workspace: try await work.workspace(for: principal), lots: try await work.lots(for: principal, limit: 20),
                  incoming: try await work.incoming(for: principal), diary: try await work.diary(for: principal, limit: 5))
        }
    }
}
