import GutskinCore
import GutskinKit
import SwiftUI

/// History: the diary day by day, newest first, a page at a time; filter by kind, show deleted entries.
struct HistoryView: View {
    @StateObject private var screen: Screen<HistoryState, HistoryViewModel>

    init(client: DiaryClient) {
        _screen = StateObject(wrappedValue: Screen(HistoryViewModel(client: client)))
    }

    var body: some View {
        let state = screen.state
        let model = screen.model
        List {
            ForEach(state.sections) { section in
                Section {
                    ForEach(section.rows) { row in
                        EntryRowView(row: row)
                            .swipeActions {
                                if row.deleted {
                                    Button("Restore") { Task { await model.restore(id: row.id) } }.tint(.green)
                                } else {
                                    Button("Delete", role: .destructive) { Task { await model.delete(id: row.id) } }
                                }
                            }
                    }
                } header: {
                    Text(section.title)
                } footer: {
                    Text(section.summary.highlights.joined(separator: " · "))
                }
            }
            if state.canLoadMore {
                Button(state.isLoading ? "Loading…" : "Show older days") { Task { await model.loadOlder() } }
                    .disabled(state.isLoading)
            }
        }
        .navigationTitle("History")
        .toolbar {
            Menu {
                Picker("Kind", selection: Binding(get: { state.kind }, set: { kind in Task { await model.setKind(kind) } })) {
                    Text("Everything").tag(EntryKind?.none)
                    ForEach(EntryKind.all, id: \.self) { Text($0.title).tag(EntryKind?.some($0)) }
                }
                Toggle("Show deleted", isOn: Binding(get: { state.includeDeleted }, set: { on in Task { await model.setIncludeDeleted(on) } }))
            } label: {
                Image(systemName: "line.3.horizontal.decrease.circle")
            }
        }
        .overlay { if state.isLoading && state.sections.isEmpty { ProgressView() } }
        .problemAlert(state.problem) { model.dismissProblem() }
        .task { await model.load() }
        .refreshable { await model.load() }
    }
}
