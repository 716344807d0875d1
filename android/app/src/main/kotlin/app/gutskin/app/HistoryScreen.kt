package app.gutskin.app

import androidx.compose.foundation.horizontalScroll
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.rememberScrollState
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilterChip
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.remember
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.gutskin.core.model.EntryKind
import app.gutskin.diary.DiaryFormat
import app.gutskin.screens.HistoryViewModel

@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun HistoryScreen(model: HistoryViewModel, onBack: () -> Unit) {
    val state by model.state.collectAsStateWithLifecycle()
    val format = remember { DiaryFormat() }

    Scaffold(
        topBar = {
            TopAppBar(
                title = { Text("History") },
                navigationIcon = { TextButton(onClick = onBack) { Text("‹ Today") } },
            )
        },
    ) { padding ->
        LazyColumn(contentPadding = padding) {
            item {
                Row(
                    Modifier.horizontalScroll(rememberScrollState()).padding(horizontal = 16.dp),
                    horizontalArrangement = Arrangement.spacedBy(8.dp),
                ) {
                    FilterChip(
                        selected = state.kind == null,
                        onClick = { model.setKind(null) },
                        label = { Text("All") },
                    )
                    EntryKind.entries.forEach { kind ->
                        FilterChip(
                            selected = state.kind == kind,
                            onClick = { model.setKind(kind) },
                            label = { Text(format.kind(kind)) },
                        )
                    }
                }
            }
            item {
                Row(Modifier.padding(horizontal = 16.dp), verticalAlignment = Alignment.CenterVertically) {
                    Text("Show deleted", Modifier.weight(1f))
                    Switch(checked = state.showDeleted, onCheckedChange = { model.setShowDeleted(it) })
                }
            }
            state.error?.let { error -> item { ErrorCard(error, onDismiss = { model.dismissError() }) } }
            if (!state.loading && state.days.isEmpty()) {
                item { Text("Nothing logged since ${format.shortDate(state.from)}.", Modifier.padding(16.dp)) }
            }
            state.days.forEach { day ->
                item(key = day.date.toString()) {
                    HorizontalDivider()
                    Column(Modifier.fillMaxWidth().padding(16.dp)) {
                        Text(day.title, style = MaterialTheme.typography.titleMedium)
                        Text(day.summary, style = MaterialTheme.typography.bodySmall)
                    }
                }
                items(day.entries, key = { it.id }) { row ->
                    EntryRowItem(
                        row = row,
                        actionLabel = if (row.deleted) "Restore" else "Delete",
                        onAction = { if (row.deleted) model.undelete(row.id) else model.delete(row.id) },
                    )
                }
            }
            if (state.canLoadOlder) {
                item {
                    OutlinedButton(
                        onClick = { model.loadOlder() },
                        enabled = !state.loading,
                        modifier = Modifier.fillMaxWidth().padding(16.dp),
                    ) { Text(if (state.loading) "Loading…" else "Older") }
                }
            }
        }
    }
}
