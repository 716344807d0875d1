import Foundation
import GutskinCore

public struct TodayState: Equatable, Sendable {
    /// The day shown; today when the screen opens.
    public var day: Day
    /// Whether `day` is the user's today (then there is no "next day").
    public var isToday: Bool
    /// The day's entries, oldest first.
    public var rows: [EntryRow] = []
    /// The day's summary, as the core keeps it; nil until loaded.
    public var summary: DaySummary?
    /// The summary in a few lines (`DaySummary.highlights`).
    public var highlights: [String] = []
    public var isLoading = false
    public var problem: Problem?
    /// The entry just deleted, while the screen offers to undo that.
    public var undoable: EntryRow?
}

/// The Today screen: one day's entries and summary (one core call), moving between days, deleting with
/// undo, and quick logging (water, stress, anything built with the `NewEntry` builders).
public final class TodayViewModel: StateModel<TodayState> {
    private let client: DiaryClient
    private let timeZone: TimeZone
    private let now: @Sendable () -> Date
    /// Bumped by each load; a load that finishes after a newer one started is dropped.
    private var generation = 0

    /// `now` and `timeZone` say what "today" is (tests pass fixed ones).
    public init(client: DiaryClient, timeZone: TimeZone = .current, now: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.timeZone = timeZone
        self.now = now
        super.init(state: TodayState(day: Day.today(in: timeZone, now: now()), isToday: true))
    }

    private var today: Day { Day.today(in: timeZone, now: now()) }

    /// Loads (again) the day shown.
    public func load() async {
        await show(state.day)
    }

    public func show(_ day: Day) async {
        generation += 1
        let mine = generation
        let isToday = day == today
        update {
            if $0.day != day { ($0.rows, $0.summary, $0.highlights) = ([], nil, []) }
            ($0.day, $0.isToday, $0.isLoading, $0.problem) = (day, isToday, true, nil)
        }
        do {
            let view = try await client.today(day)
            guard mine == generation else { return }
            update {
                $0.rows = view.entries.map(EntryRow.init)
                $0.summary = view.summary
                $0.highlights = view.summary.highlights
                $0.isLoading = false
            }
        } catch {
            guard mine == generation else { return }
            update { ($0.problem, $0.isLoading) = (Problem(error), false) }
        }
    }

    public func showToday() async { await show(today) }
    public func showPreviousDay() async { await show(state.day.adding(days: -1)) }

    /// Does nothing on today: the future holds no diary.
    public func showNextDay() async {
        guard state.day < today else { return }
        await show(state.day.adding(days: 1))
    }

    /// Deletes an entry and offers to undo that.
    public func delete(id: String) async {
        do {
            let deleted = try await client.deleteEntry(id: id)
            update { $0.undoable = EntryRow(deleted) }
            await load()
        } catch {
            update { $0.problem = Problem(error) }
        }
    }

    public func undoDelete() async {
        guard let row = state.undoable else { return }
        do {
            _ = try await client.undeleteEntry(id: row.id)
            update { $0.undoable = nil }
            await load()
        } catch {
            update { $0.problem = Problem(error) }
        }
    }

    public func dismissUndo() {
        update { $0.undoable = nil }
    }

    public func dismissProblem() {
        update { $0.problem = nil }
    }

    /// Logs a glass (or bottle) of water now.
    @discardableResult
    public func logWater(ml: Int) async -> Bool {
        await quickLog { now, zone in try .water(ml: ml, at: now, in: zone) }
    }

    /// Logs a stress level 0-10 now.
    @discardableResult
    public func logStress(level: Int) async -> Bool {
        await quickLog { now, zone in try .stress(level: level, at: now, in: zone) }
    }

    /// Logs what `build` makes for this instant and zone, then shows today. False (and a problem in the
    /// state) if the core refused it.
    @discardableResult
    public func quickLog(_ build: (Date, TimeZone) throws -> NewEntry) async -> Bool {
        do {
            let entry = try build(now(), timeZone)
            _ = try await client.logEntry(entry)
            await showToday()
            return true
        } catch {
            update { $0.problem = Problem(error) }
            return false
        }
    }
}
