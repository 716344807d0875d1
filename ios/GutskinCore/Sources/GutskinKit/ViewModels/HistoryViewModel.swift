import Foundation
import GutskinCore

/// One day of History: its entries and its summary.
public struct HistorySection: Equatable, Sendable, Identifiable {
    public let day: Day
    /// "Wed 25 Nov 2026".
    public let title: String
    /// The day's entries (of the chosen kind), oldest first.
    public let rows: [EntryRow]
    public let summary: DaySummary
    public var id: Day { day }
}

public struct HistoryState: Equatable, Sendable {
    /// Days with entries, newest first.
    public var sections: [HistorySection] = []
    /// Only entries of this kind; nil shows all.
    public var kind: EntryKind?
    /// Whether deleted entries are listed too (greyed out, with Restore).
    public var includeDeleted = false
    /// The oldest day loaded so far.
    public var loadedFrom: Day?
    /// False once the pages reach the diary's earliest possible day.
    public var canLoadMore = true
    public var isLoading = false
    public var problem: Problem?
}

/// The History screen: the diary a page of days at a time, newest first, filtered by kind, with deleted
/// entries on request. A page is one hop to the core's queue (the entries and the summaries of its days).
public final class HistoryViewModel: StateModel<HistoryState> {
    /// No entry is older than this (the core refuses instants before 2000).
    public static let earliestDay = Day(year: 2000, month: 1, day: 1)!

    private let client: DiaryClient
    private let timeZone: TimeZone
    private let now: @Sendable () -> Date
    private let pageDays: Int
    private var generation = 0

    /// `pageDays`: how many days one page covers (1-366).
    public init(
        client: DiaryClient, pageDays: Int = 14, timeZone: TimeZone = .current,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.pageDays = min(max(pageDays, 1), 366)
        self.timeZone = timeZone
        self.now = now
        super.init(state: HistoryState())
    }

    /// Loads the newest page again, dropping older pages.
    public func load() async {
        // Entries may be logged up to a day ahead of the clock (time zones): the first page ends tomorrow.
        let last = Day.today(in: timeZone, now: now()).adding(days: 1)
        await loadPage(through: last, replacing: true)
    }

    /// Loads the page of days before the oldest one loaded.
    public func loadOlder() async {
        guard state.canLoadMore, !state.isLoading, let from = state.loadedFrom else { return }
        await loadPage(through: from.adding(days: -1), replacing: false)
    }

    public func setKind(_ kind: EntryKind?) async {
        guard kind != state.kind else { return }
        update { $0.kind = kind }
        await load()
    }

    public func setIncludeDeleted(_ include: Bool) async {
        guard include != state.includeDeleted else { return }
        update { $0.includeDeleted = include }
        await load()
    }

    public func delete(id: String) async {
        await setDeleted(true, id: id)
    }

    public func restore(id: String) async {
        await setDeleted(false, id: id)
    }

    public func dismissProblem() {
        update { $0.problem = nil }
    }

    private func loadPage(through last: Day, replacing: Bool) async {
        generation += 1
        let mine = generation
        let first = max(last.adding(days: 1 - pageDays), HistoryViewModel.earliestDay)
        let (kind, includeDeleted) = (state.kind, state.includeDeleted)
        update { ($0.isLoading, $0.problem) = (true, nil) }
        do {
            let (entries, summaries) = try await client.perform { diary in
                (
                    try diary.entriesBetween(from: first.iso, to: last.iso, kind: kind, includeDeleted: includeDeleted),
                    try diary.daySummaries(from: first.iso, to: last.iso)
                )
            }
            guard mine == generation else { return }
            let page = HistoryViewModel.sections(entries: entries, summaries: summaries)
            update {
                $0.sections = replacing ? page : $0.sections + page
                $0.loadedFrom = first
                $0.canLoadMore = first > HistoryViewModel.earliestDay
                $0.isLoading = false
            }
        } catch {
            guard mine == generation else { return }
            update { ($0.problem, $0.isLoading) = (Problem(error), false) }
        }
    }

    /// Deletes or restores an entry, then puts the stored version in its row (or drops the row when deleted
    /// entries are hidden) and the day's new summary in its section: one hop to the core.
    private func setDeleted(_ deleted: Bool, id: String) async {
        do {
            let (entry, summary) = try await client.perform { diary in
                let entry = deleted ? try diary.deleteEntry(id: id) : try diary.undeleteEntry(id: id)
                return (entry, try diary.daySummaries(from: entry.localDate, to: entry.localDate).first)
            }
            let keep = state.includeDeleted || !entry.deleted
            update {
                $0.sections = $0.sections.compactMap { section in
                    guard section.rows.contains(where: { $0.id == id }) else { return section }
                    let rows = section.rows.compactMap { row in row.id == id ? (keep ? EntryRow(entry) : nil) : row }
                    guard !rows.isEmpty else { return nil }
                    return HistorySection(
                        day: section.day, title: section.title, rows: rows, summary: summary ?? section.summary)
                }
            }
        } catch {
            update { $0.problem = Problem(error) }
        }
    }

    /// Entries grouped by day, newest day first, each with its summary; days without entries are left out.
    static func sections(entries: [Entry], summaries: [DaySummary]) -> [HistorySection] {
        let byDay = Dictionary(grouping: entries, by: \.localDate)
        return summaries.reversed().compactMap { summary in
            guard let entries = byDay[summary.date], !entries.isEmpty, let day = Day(summary.date) else { return nil }
            return HistorySection(day: day, title: day.title, rows: entries.map(EntryRow.init), summary: summary)
        }
    }
}
