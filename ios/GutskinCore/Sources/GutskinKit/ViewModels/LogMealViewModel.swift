import Foundation
import GutskinCore

/// The parts of the meal form a message can belong to.
public enum MealField: Hashable, Sendable {
    case meal
    /// The list as a whole (e.g. too many items).
    case items
    /// One item, by its position in `LogMealState.items`.
    case item(Int)
    case time
    case note
    case tags
}

public struct LogMealState: Equatable, Sendable {
    public var meal: MealKind
    /// The items typed in, in order.
    public var items: [String] = []
    /// Items of an edited meal that this form shows but does not edit (anything but free text, e.g. foods
    /// from the food table); saved back unchanged, after the typed ones.
    public var keptItems: [MealItem] = []
    /// What is being typed into the "add an item" field.
    public var draftItem = ""
    public var note = ""
    /// Tags as typed: separated by commas.
    public var tagsText = ""
    public var occurredAt: Date
    /// True when this form edits an existing meal (Save updates it).
    public var isEditing = false
    public var isSaving = false
    /// Messages from the core, next to the field they are about.
    public var fieldErrors: [MealField: String] = [:]
    /// A failure no one field is about (storage, a deleted entry...).
    public var problem: Problem?
    /// The meal as stored, once saved: the screen closes.
    public var saved: Entry?

    /// A meal needs something in it: an item, or one still being typed (Save adds it).
    public var canSave: Bool {
        !isSaving && !(items.isEmpty && keptItems.isEmpty && draftItem.trimmingCharacters(in: .whitespaces).isEmpty)
    }
}

/// The Log meal screen: pick the meal, add items, maybe a note and tags, save. Also edits a logged meal.
public final class LogMealViewModel: StateModel<LogMealState> {
    private let client: DiaryClient
    private let timeZone: TimeZone
    private let editing: Entry?

    /// A new meal at `now`, its kind guessed from the time of day (`MealKind.typical(at:)`).
    public init(client: DiaryClient, timeZone: TimeZone = .current, now: Date = Date()) {
        self.client = client
        self.timeZone = timeZone
        editing = nil
        super.init(state: LogMealState(meal: .typical(at: now, in: timeZone), occurredAt: now))
    }

    /// Edits a logged meal; nil if `entry` is not a meal.
    public init?(client: DiaryClient, editing entry: Entry) {
        guard case let .meal(meal, items) = entry.details else { return nil }
        self.client = client
        timeZone = TimeZone(identifier: entry.timeZone) ?? TimeZone(secondsFromGMT: Int(entry.utcOffsetMinutes) * 60) ?? .current
        editing = entry
        var state = LogMealState(meal: meal, occurredAt: entry.occurredAt)
        for item in items {
            if case let .freeText(text) = item {
                state.items.append(text)
            } else {
                state.keptItems.append(item)
            }
        }
        state.note = entry.note ?? ""
        state.tagsText = entry.tags.joined(separator: ", ")
        state.isEditing = true
        super.init(state: state)
    }

    public func setMeal(_ meal: MealKind) { update { ($0.meal, $0.fieldErrors[.meal]) = (meal, nil) } }
    public func setDraftItem(_ text: String) { update { $0.draftItem = text } }
    public func setNote(_ note: String) { update { ($0.note, $0.fieldErrors[.note]) = (note, nil) } }
    public func setTagsText(_ text: String) { update { ($0.tagsText, $0.fieldErrors[.tags]) = (text, nil) } }
    public func setOccurredAt(_ date: Date) { update { ($0.occurredAt, $0.fieldErrors[.time]) = (date, nil) } }

    /// Adds the draft item (trimmed) to the list, if it has any text.
    public func addDraftItem() {
        let text = state.draftItem.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return }
        update {
            $0.items.append(text)
            $0.draftItem = ""
            $0.fieldErrors[.items] = nil
        }
    }

    public func removeItem(at index: Int) {
        guard state.items.indices.contains(index) else { return }
        update {
            $0.items.remove(at: index)
            // Messages about items refer to positions that just moved.
            $0.fieldErrors = $0.fieldErrors.filter { key, _ in
                if case .item = key { return false }
                return true
            }
        }
    }

    /// Saves the meal (logs it, or updates the one being edited). True when saved; otherwise the state
    /// holds the reasons, per field where the core named one.
    @discardableResult
    public func save() async -> Bool {
        addDraftItem()
        guard canStartSaving else { return false }
        update { ($0.isSaving, $0.fieldErrors, $0.problem) = (true, [:], nil) }
        let s = state
        let tags = s.tagsText.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let note = s.note.trimmingCharacters(in: .whitespacesAndNewlines)
        var entry = NewEntry.meal(s.meal, items: s.items, at: s.occurredAt, in: timeZone, note: note.isEmpty ? nil : note, tags: tags)
        if case let .meal(meal, typed) = entry.details, !s.keptItems.isEmpty {
            entry.details = .meal(meal: meal, items: typed + s.keptItems)
        }
        do {
            let saved: Entry
            if let editing {
                // It stays logged where it was; an unchanged time keeps its recorded offset.
                entry.timeZone = editing.timeZone
                if s.occurredAt == editing.occurredAt { entry.utcOffsetMinutes = editing.utcOffsetMinutes }
                saved = try await client.updateEntry(id: editing.id, with: entry)
            } else {
                saved = try await client.logEntry(entry)
            }
            update { ($0.saved, $0.isSaving) = (saved, false) }
            return true
        } catch {
            update {
                $0.isSaving = false
                let problem = Problem(error)
                if let field = problem.field.flatMap(LogMealViewModel.field) {
                    $0.fieldErrors[field] = problem.message
                } else {
                    $0.problem = problem
                }
            }
            return false
        }
    }

    private var canStartSaving: Bool { !state.isSaving && !(state.items.isEmpty && state.keptItems.isEmpty) }

    /// The form field a core field path belongs to, e.g. "meal.items[2].text" -> `.item(2)`.
    static func field(_ path: String) -> MealField? {
        if let i = FieldPath.index(in: path, after: "meal.items") { return .item(i) }
        if path == "meal.items" { return .items }
        if path == "occurred_at" { return .time }
        if path == "note" { return .note }
        if path == "tags" || path.hasPrefix("tags[") { return .tags }
        return nil
    }
}

extension MealKind {
    /// The meal people usually have at this hour: breakfast 4-10, lunch 11-14, dinner 17-21, else a snack.
    public static func typical(at date: Date, in timeZone: TimeZone) -> MealKind {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        switch calendar.component(.hour, from: date) {
        case 4...10: return .breakfast
        case 11...14: return .lunch
        case 17...21: return .dinner
        default: return .snack
        }
    }
}
