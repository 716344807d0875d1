package app.gutskin.app

import androidx.compose.runtime.Composable
import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import androidx.lifecycle.viewmodel.compose.viewModel
import kotlinx.coroutines.CoroutineScope

/**
 * The only androidx glue the view models need: an androidx ViewModel that keeps one plain-Kotlin
 * screen model (from :core) across configuration changes and gives it `viewModelScope`.
 */
class ScreenModelHolder<T : Any>(create: (CoroutineScope) -> T) : ViewModel() {
    val model: T = create(viewModelScope)
}

/** The screen model of type [T] for this screen, created once with [create]. */
@Composable
inline fun <reified T : Any> rememberScreenModel(noinline create: (CoroutineScope) -> T): T =
    viewModel(key = T::class.java.name) { ScreenModelHolder(create) }.model
