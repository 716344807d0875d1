package app.gutskin.app

import androidx.compose.foundation.horizontalScroll
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilterChip
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.remember
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.gutskin.core.model.MealKind
import app.gutskin.diary.DiaryFormat
import app.gutskin.screens.LogMealViewModel

@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun LogMealScreen(model: LogMealViewModel, editingId: String?, onDone: () -> Unit) {
    val state by model.state.collectAsStateWithLifecycle()
    val format = remember { DiaryFormat() }
    LaunchedEffect(editingId) {
        when {
            editingId != null && state.editingId != editingId -> model.edit(editingId)
            editingId == null && state.editingId != null -> model.startNew() // leave an abandoned edit
        }
    }
    LaunchedEffect(state.saved) {
        if (state.saved != null) {
            model.consumeSaved()
            onDone()
        }
    }

    Scaffold(
        topBar = {
            TopAppBar(
                title = { Text(if (state.editingId == null) "Log meal" else "Edit meal") },
                navigationIcon = { TextButton(onClick = onDone) { Text("Cancel") } },
                actions = { TextButton(onClick = { model.save() }, enabled = state.canSave) { Text("Save") } },
            )
        },
    ) { padding ->
        Column(
            Modifier.padding(padding).padding(16.dp).verticalScroll(rememberScrollState()),
            verticalArrangement = Arrangement.spacedBy(12.dp),
        ) {
            Row(Modifier.horizontalScroll(rememberScrollState()), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                MealKind.entries.forEach { kind ->
                    FilterChip(
                        selected = state.meal == kind,
                        onClick = { model.setMeal(kind) },
                        label = { Text(format.meal(kind)) },
                    )
                }
            }
            Row(verticalAlignment = Alignment.CenterVertically) {
                Text("${format.shortDate(state.date)}, ${state.time}", Modifier.weight(1f))
                TextButton(onClick = { model.setTime(state.time.minusMinutes(15)) }) { Text("−15 min") }
                TextButton(onClick = { model.setTime(state.time.plusMinutes(15)) }) { Text("+15 min") }
            }
            state.items.forEachIndexed { index, text ->
                OutlinedTextField(
                    value = text,
                    onValueChange = { model.setItem(index, it) },
                    label = { Text("Food or drink ${index + 1}") },
                    isError = state.errorItem == index,
                    singleLine = true,
                    trailingIcon = { TextButton(onClick = { model.removeItem(index) }) { Text("✕") } },
                    modifier = Modifier.fillMaxWidth(),
                )
            }
            TextButton(onClick = { model.addItem() }) { Text("Add another") }
            OutlinedTextField(
                value = state.note,
                onValueChange = { model.setNote(it) },
                label = { Text("Note") },
                modifier = Modifier.fillMaxWidth(),
            )
            OutlinedTextField(
                value = state.tags,
                onValueChange = { model.setTags(it) },
                label = { Text("Tags, separated by commas") },
                singleLine = true,
                modifier = Modifier.fillMaxWidth(),
            )
            state.error?.let { ErrorCard(it, onDismiss = { model.dismissError() }) }
            Button(onClick = { model.save() }, enabled = state.canSave, modifier = Modifier.fillMaxWidth()) {
                Text(if (state.saving) "Saving…" else "Save")
            }
        }
    }
}
