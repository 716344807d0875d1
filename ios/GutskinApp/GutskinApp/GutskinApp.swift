import GutskinCore
import GutskinKit
import SwiftUI

/// The app: opens the diary in Application Support, then shows Today and History.
@main
struct GutskinApp: App {
    @StateObject private var opener = DiaryOpener()

    var body: some Scene {
        WindowGroup {
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

    func open() async {
        do {
            let url = try DiaryClient.applicationSupportURL()
            phase = .open(try await DiaryClient.open(at: url))
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
