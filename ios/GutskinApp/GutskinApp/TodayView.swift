import GutskinCore
import GutskinKit
import SwiftUI

/// Today: the day's summary and entries, quick adds, and the way to log a meal or a skin check-in.
struct TodayView: View {
    private enum Logging: String, Identifiable {
        case meal, skin
        var id: String { rawValue }
    }

    let client: DiaryClient
    @StateObject private var screen: Screen<TodayState, TodayViewModel>
    @State private var logging: Logging?
    @State private var editing: Entry?

    init(client: DiaryClient) {
        self.client = client
        _screen = StateObject(wrappedValue: Screen(TodayViewModel(client: client)))
    }

    var body: some View {
        let state = screen.state
        let model = screen.model
        List {
            if !state.highlights.isEmpty {
                Section("Summary") {
                    ForEach(state.highlights, id: \.self) { Text($0) }
                }
            }
            Section("Entries") {
                if state.rows.isEmpty && !state.isLoading {
                    Text("Nothing logged on this day.").foregroundStyle(.secondary)
                }
                ForEach(state.rows) { row in
                    EntryRowView(row: row)
                        .contentShape(Rectangle())
                        .onTapGesture { if row.kind == .meal { editing = row.entry } }
                }
                .onDelete { offsets in
                    let ids = offsets.map { state.rows[$0].id }
                    Task { for id in ids { await model.delete(id: id) } }
                }
            }
            if state.isToday {
                Section("Quick add") {
                    Button("Glass of water (250 ml)") { Task { await model.logWater(ml: 250) } }
                    Button("Stressed (7/10)") { Task { await model.logStress(level: 7) } }
                    Button("Calm (2/10)") { Task { await model.logStress(level: 2) } }
                }
            }
        }
        .navigationTitle(state.isToday ? "Today" : state.day.title)
        .toolbar {
            ToolbarItemGroup(placement: .navigationBarLeading) {
                Button { Task { await model.showPreviousDay() } } label: { Image(systemName: "chevron.left") }
                Button { Task { await model.showNextDay() } } label: { Image(systemName: "chevron.right") }
                    .disabled(state.isToday)
            }
            ToolbarItem(placement: .primaryAction) {
                Menu {
                    Button("Meal") { logging = .meal }
                    Button("Skin check-in") { logging = .skin }
                } label: {
                    Image(systemName: "plus")
                }
            }
        }
        .overlay { if state.isLoading && state.rows.isEmpty { ProgressView() } }
        .safeAreaInset(edge: .bottom) {
            if let undoable = state.undoable {
                HStack {
                    Text("Deleted: \(undoable.title)")
                    Spacer()
                    Button("Undo") { Task { await model.undoDelete() } }
                    Button { model.dismissUndo() } label: { Image(systemName: "xmark") }
                }
                .padding()
                .background(.thinMaterial)
            }
        }
        .problemAlert(state.problem) { model.dismissProblem() }
        .sheet(item: $logging, onDismiss: { Task { await model.showToday() } }) { logging in
            NavigationStack {
                switch logging {
                case .meal: LogMealView(client: client)
                case .skin: SkinCheckInView(client: client)
                }
            }
        }
        .sheet(item: $editing, onDismiss: { Task { await model.load() } }) { entry in
            NavigationStack { LogMealView(client: client, editing: entry) }
        }
        .task { await model.load() }
        .refreshable { await model.load() }
    }
}

extension Entry: @retroactive Identifiable {}
