import GutskinCore
import GutskinKit
import SwiftUI

/// The app: opens the diary in Application Support, then shows Today and History.
@main
struct GutskinApp: App {
    @StateObject private var opener = DiaryOpener()
    @Environment(\.scenePhase) private var scenePhase

    var body: some Scene {
        WindowGroup {
            content
        }
        // Reminders: record what was shown while the app slept and re-plan whenever it comes to the front.
        .onChange(of: scenePhase) { phase in
            if phase == .active { opener.reminders?.sceneBecameActive() }
        }
    }

    @ViewBuilder private var content: some View {
        switch opener.phase {
        case .opening:
            ProgressView("Opening your diary…")
                .task { await opener.open() }
        case let .open(client):
            RootView(client: client)
        case let .failed(problem):
            VStack(spacing: 16) {
                Text("Gutskin could not open your diary").font(.headline)
                Text(problem.message).multilineTextAlignment(.center)
                Button("Try again") { opener.retry() }
            }
            .padding()
        }
    }
}

/// Opens `Application Support/Gutskin/diary.sqlite` (created on first launch), off the main thread.
@MainActor
final class DiaryOpener: ObservableObject {
    enum Phase {
        case opening
        case open(DiaryClient)
        case failed(Problem)
    }

    @Published private(set) var phase = Phase.opening
    /// Schedules the reminders' notifications (Reminders.swift); set once the diary is open.
    private(set) var reminders: ReminderCoordinator?

    func open() async {
        do {
            let url = try DiaryClient.applicationSupportURL()
            let client = try await DiaryClient.open(at: url)
            let coordinator = reminders ?? ReminderCoordinator(client: client)
            reminders = coordinator
            phase = .open(client)
            coordinator.sceneBecameActive() // the scene was active before the diary was open
        } catch {
            phase = .failed(Problem(error))
        }
    }

    func retry() {
        phase = .opening
    }
}

struct RootView: View {
    let client: DiaryClient

    var body: some View {
        TabView {
            NavigationStack { TodayView(client: client) }
                .tabItem { Label("Today", systemImage: "sun.max") }
            NavigationStack { HistoryView(client: client) }
                .tabItem { Label("History", systemImage: "calendar") }
        }
    }
}
