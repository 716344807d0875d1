import GutskinCore
import GutskinKit
import SwiftUI

/// Skin check-in: rate each condition (severity, itch, where), optionally answer POEM, save.
struct SkinCheckInView: View {
    @StateObject private var screen: Screen<SkinCheckInState, SkinCheckInViewModel>
    @Environment(\.dismiss) private var dismiss

    init(client: DiaryClient) {
        _screen = StateObject(wrappedValue: Screen(SkinCheckInViewModel(client: client)))
    }

    var body: some View {
        let state = screen.state
        let model = screen.model
        Form {
            ForEach(state.ratings) { draft in
                Section(draft.condition.title) {
                    Picker("Severity", selection: Binding(get: { draft.severity }, set: { if let v = $0 { model.setSeverity(v, for: draft.condition) } })) {
                        Text("Not rated").tag(Int?.none)
                        ForEach(0...10, id: \.self) { Text("\($0)").tag(Int?.some($0)) }
                    }
                    FieldMessage(state.fieldErrors[.severity(draft.condition)])
                    Picker("Itch", selection: Binding(get: { draft.itch }, set: { model.setItch($0, for: draft.condition) })) {
                        Text("—").tag(Int?.none)
                        ForEach(0...10, id: \.self) { Text("\($0)").tag(Int?.some($0)) }
                    }
                    FieldMessage(state.fieldErrors[.itch(draft.condition)])
                    DisclosureGroup("Where (\(draft.areas.count))") {
                        ForEach(BodyArea.all, id: \.self) { area in
                            Toggle(area.title, isOn: Binding(
                                get: { draft.areas.contains(area) },
                                set: { _ in model.toggleArea(area, for: draft.condition) }))
                        }
                    }
                    FieldMessage(state.fieldErrors[.condition(draft.condition)])
                    Button("Remove", role: .destructive) { model.removeCondition(draft.condition) }
                }
            }
            if !state.addableConditions.isEmpty {
                Menu("Rate another condition") {
                    ForEach(state.addableConditions, id: \.self) { condition in
                        Button(condition.title) { model.addCondition(condition) }
                    }
                }
            }
            FieldMessage(state.fieldErrors[.ratings])

            Section("POEM (eczema, past week)") {
                Toggle("Answer POEM", isOn: Binding(get: { state.includesPoem }, set: { model.setIncludesPoem($0) }))
                if state.includesPoem {
                    ForEach(0..<SkinCheckInViewModel.poemQuestions.count, id: \.self) { question in
                        Picker("Skin \(SkinCheckInViewModel.poemQuestions[question])",
                               selection: Binding(get: { state.poemAnswers[question] }, set: { model.setPoemAnswer($0, question: question) })) {
                            Text("—").tag(Int?.none)
                            ForEach(0..<SkinCheckInViewModel.poemChoices.count, id: \.self) { answer in
                                Text(SkinCheckInViewModel.poemChoices[answer]).tag(Int?.some(answer))
                            }
                        }
                        FieldMessage(state.fieldErrors[.poemAnswer(question)])
                    }
                    if let score = state.poemScore {
                        Text("POEM \(score.score) of 28: \(score.band.title)").font(.headline)
                    }
                    FieldMessage(state.fieldErrors[.poem])
                }
            }

            Section("Note") {
                TextField("Optional", text: Binding(get: { state.note }, set: { model.setNote($0) }), axis: .vertical)
                FieldMessage(state.fieldErrors[.note])
                DatePicker("When", selection: Binding(get: { state.occurredAt }, set: { model.setOccurredAt($0) }))
                FieldMessage(state.fieldErrors[.time])
            }
            if let problem = state.problem {
                Section { Text(problem.message).foregroundStyle(.red) }
            }
        }
        .navigationTitle("Skin check-in")
        .toolbar {
            ToolbarItem(placement: .cancellationAction) { Button("Cancel") { dismiss() } }
            ToolbarItem(placement: .confirmationAction) {
                Button("Save") { Task { if await model.save() { dismiss() } } }
                    .disabled(state.isSaving)
            }
        }
        .task { await model.load() }
    }
}
