package app.gutskin.app

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.navigationBarsPadding
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Scaffold
import androidx.compose.material3.SnackbarDuration
import androidx.compose.material3.SnackbarHost
import androidx.compose.material3.SnackbarHostState
import androidx.compose.material3.SnackbarResult
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.remember
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.gutskin.core.model.EntryKind
import app.gutskin.screens.TodayViewModel

@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun TodayScreen(
    model: TodayViewModel,
    onLogMeal: () -> Unit,
    onEditMeal: (String) -> Unit,
    onSkinCheckIn: () -> Unit,
    onHistory: () -> Unit,
) {
    val state by model.state.collectAsStateWithLifecycle()
    val snackbar = remember { SnackbarHostState() }
    LaunchedEffect(state.undo) {
        val deleted = state.undo ?: return@LaunchedEffect
        val result = snackbar.showSnackbar("${deleted.title} deleted", "Undo", duration = SnackbarDuration.Short)
        if (result == SnackbarResult.ActionPerformed) model.undoDelete() else model.dismissUndo()
    }

    Scaffold(
        topBar = {
            TopAppBar(
                title = { Text(state.title) },
                navigationIcon = { TextButton(onClick = { model.previousDay() }) { Text("‹") } },
                actions = {
                    if (!state.isToday) {
                        TextButton(onClick = { model.nextDay() }) { Text("›") }
                        TextButton(onClick = { model.showToday() }) { Text("Today") }
                    }
                    TextButton(onClick = onHistory) { Text("History") }
                },
            )
        },
        bottomBar = {
            Row(
                Modifier.fillMaxWidth().navigationBarsPadding().padding(12.dp),
                horizontalArrangement = Arrangement.spacedBy(8.dp),
            ) {
                Button(onClick = onLogMeal) { Text("Meal") }
                Button(onClick = onSkinCheckIn) { Text("Skin") }
                OutlinedButton(onClick = { model.addWater() }) { Text("+ Water") }
            }
        },
        snackbarHost = { SnackbarHost(snackbar) },
    ) { padding ->
        LazyColumn(contentPadding = padding) {
            state.error?.let { error -> item { ErrorCard(error, onDismiss = { model.dismissError() }) } }
            if (state.summary.isNotEmpty()) {
                item {
                    Card(Modifier.fillMaxWidth().padding(16.dp)) {
                        Column(Modifier.padding(12.dp)) {
                            state.summary.forEach { Text(it, style = MaterialTheme.typography.bodyMedium) }
                        }
                    }
                }
            }
            if (!state.loading && state.entries.isEmpty() && state.error == null) {
                item { Text("Nothing logged yet.", Modifier.padding(16.dp)) }
            }
            items(state.entries, key = { it.id }) { row ->
                EntryRowItem(
                    row = row,
                    actionLabel = "Delete",
                    onAction = { model.delete(row.id) },
                    onClick = if (row.kind == EntryKind.MEAL) ({ onEditMeal(row.id) }) else null,
                )
            }
        }
    }
}
