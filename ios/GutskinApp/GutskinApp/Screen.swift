import Combine
import GutskinKit
import SwiftUI

/// A GutskinKit view model as SwiftUI observes it: its state, republished on each change. The view models
/// themselves stay free of SwiftUI and Combine so that they are tested on Linux.
@MainActor
final class Screen<State: Equatable & Sendable, Model: StateModel<State>>: ObservableObject {
    let model: Model
    @Published private(set) var state: State

    init(_ model: Model) {
        self.model = model
        state = model.state
        model.onChange = { [weak self] state in self?.state = state }
    }
}

/// A message from the core under the control it is about.
struct FieldMessage: View {
    let text: String?

    init(_ text: String?) { self.text = text }

    var body: some View {
        if let text {
            Text(text).font(.footnote).foregroundStyle(.red)
        }
    }
}

/// One diary entry in a list.
struct EntryRowView: View {
    let row: EntryRow

    var body: some View {
        HStack(alignment: .firstTextBaseline) {
            Text(row.time).monospacedDigit().foregroundStyle(.secondary)
            VStack(alignment: .leading) {
                Text(row.title).font(.headline)
                if !row.detail.isEmpty { Text(row.detail).font(.subheadline) }
            }
        }
        .opacity(row.deleted ? 0.4 : 1)
    }
}

extension View {
    /// Shows a `Problem` that no one field is about as an alert.
    func problemAlert(_ problem: Problem?, dismiss: @escaping () -> Void) -> some View {
        alert(
            "Something went wrong",
            isPresented: Binding(get: { problem != nil }, set: { if !$0 { dismiss() } }),
            presenting: problem,
            actions: { _ in Button("OK", role: .cancel) {} },
            message: { Text($0.message) })
    }
}
