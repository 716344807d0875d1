import Foundation

/// The base of every screen's view model: one `State` value, replaced as a whole on each change, and a
/// callback that receives it. Plain Swift (no SwiftUI, Combine or Observation), so the view models compile
/// and are tested on Linux; the app wraps one in an `ObservableObject` in a few lines.
///
/// View models live on the main actor. Their actions are `async`: the core runs on the `DiaryClient`'s
/// queue and the state is updated back on the main actor. Errors never escape an action; they become a
/// `Problem` in the state, or per-field messages in a form.
@MainActor
public class StateModel<State: Equatable & Sendable> {
    public internal(set) var state: State {
        didSet {
            if state != oldValue { onChange?(state) }
        }
    }

    /// Called on the main actor after each change of `state`, with the new state.
    public var onChange: ((State) -> Void)?

    init(state: State) {
        self.state = state
    }

    /// Several changes as one (one callback).
    func update(_ change: (inout State) -> Void) {
        var next = state
        change(&next)
        state = next
    }
}
