import GutskinCore
import GutskinKit
import SwiftUI

/// Log meal: which meal, what was in it, when; or the same form editing a logged meal.
struct LogMealView: View {
    @StateObject private var screen: Screen<LogMealState, LogMealViewModel>
    @Environment(\.dismiss) private var dismiss

    init(client: DiaryClient, editing: Entry? = nil) {
        let model = editing.flatMap { LogMealViewModel(client: client, editing: $0) } ?? LogMealViewModel(client: client)
        _screen = StateObject(wrappedValue: Screen(model))
    }

    var body: some View {
        let state = screen.state
        let model = screen.model
        Form {
            Picker("Meal", selection: Binding(get: { state.meal }, set: { model.setMeal($0) })) {
                ForEach(MealKind.all, id: \.self) { Text($0.title).tag($0) }
            }
            DatePicker("When", selection: Binding(get: { state.occurredAt }, set: { model.setOccurredAt($0) }))
            FieldMessage(state.fieldErrors[.time])

            Section("What was in it") {
                ForEach(Array(state.items.enumerated()), id: \.offset) { index, item in
                    VStack(alignment: .leading) {
                        Text(item)
                        FieldMessage(state.fieldErrors[.item(index)])
                    }
                }
                .onDelete { offsets in for index in offsets.sorted(by: >) { model.removeItem(at: index) } }
                if !state.keptItems.isEmpty {
                    Text(state.keptItems.count == 1 ? "and 1 food from the food table" : "and \(state.keptItems.count) foods from the food table")
                        .foregroundStyle(.secondary)
                }
                HStack {
                    TextField("Add an item, e.g. lentil soup", text: Binding(get: { state.draftItem }, set: { model.setDraftItem($0) }))
                        .onSubmit { model.addDraftItem() }
                    Button("Add") { model.addDraftItem() }
                        .disabled(state.draftItem.trimmingCharacters(in: .whitespaces).isEmpty)
                }
                FieldMessage(state.fieldErrors[.items])
            }

            Section("Note") {
                TextField("Optional", text: Binding(get: { state.note }, set: { model.setNote($0) }), axis: .vertical)
                FieldMessage(state.fieldErrors[.note])
            }
            Section("Tags") {
                TextField("e.g. takeaway, work", text: Binding(get: { state.tagsText }, set: { model.setTagsText($0) }))
                FieldMessage(state.fieldErrors[.tags])
            }
            if let problem = state.problem {
                Section { Text(problem.message).foregroundStyle(.red) }
            }
        }
        .navigationTitle(state.isEditing ? "Edit meal" : "Log meal")
        .toolbar {
            ToolbarItem(placement: .cancellationAction) { Button("Cancel") { dismiss() } }
            ToolbarItem(placement: .confirmationAction) {
                Button("Save") { Task { if await model.save() { dismiss() } } }
                    .disabled(!state.canSave)
            }
        }
    }
}
