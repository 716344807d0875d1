package app.gutskin.app

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.Checkbox
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Slider
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
import app.gutskin.core.model.BodyArea
import app.gutskin.diary.DiaryFormat
import app.gutskin.screens.ConditionInput
import app.gutskin.screens.SkinCheckInViewModel
import kotlin.math.roundToInt

@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun SkinCheckInScreen(model: SkinCheckInViewModel, onDone: () -> Unit) {
    val state by model.state.collectAsStateWithLifecycle()
    LaunchedEffect(state.saved) {
        if (state.saved != null) {
            model.consumeSaved()
            onDone()
        }
    }

    Scaffold(
        topBar = {
            TopAppBar(
                title = { Text("Skin check-in") },
                navigationIcon = { TextButton(onClick = onDone) { Text("Cancel") } },
                actions = { TextButton(onClick = { model.save() }, enabled = !state.saving) { Text("Save") } },
            )
        },
    ) { padding ->
        LazyColumn(contentPadding = padding, verticalArrangement = Arrangement.spacedBy(8.dp)) {
            items(state.conditions, key = { it.condition.name }) { input ->
                ConditionCard(
                    input = input,
                    isError = state.errorCondition == input.condition,
                    model = model,
                )
            }
            item {
                Text(
                    "Over the last week, on how many days was your skin…",
                    style = MaterialTheme.typography.titleSmall,
                    modifier = Modifier.padding(16.dp),
                )
            }
            items(SkinCheckInViewModel.POEM_QUESTIONS.size) { question ->
                PoemQuestion(question, state.poem[question], model)
            }
            item {
                Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
                    state.poemScore?.let { Text(it, style = MaterialTheme.typography.titleMedium) }
                    OutlinedTextField(
                        value = state.note,
                        onValueChange = { model.setNote(it) },
                        label = { Text("Note") },
                        modifier = Modifier.fillMaxWidth(),
                    )
                    state.error?.let { ErrorCard(it, onDismiss = { model.dismissError() }) }
                    Button(onClick = { model.save() }, enabled = !state.saving, modifier = Modifier.fillMaxWidth()) {
                        Text(if (state.saving) "Saving…" else "Save")
                    }
                }
            }
        }
    }
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun ConditionCard(input: ConditionInput, isError: Boolean, model: SkinCheckInViewModel) {
    val format = remember { DiaryFormat() }
    val colors = if (isError) {
        CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.errorContainer)
    } else {
        CardDefaults.cardColors()
    }
    Card(colors = colors, modifier = Modifier.fillMaxWidth().padding(horizontal = 16.dp)) {
        Column(Modifier.padding(12.dp)) {
            Row(verticalAlignment = Alignment.CenterVertically) {
                Checkbox(checked = input.rated, onCheckedChange = { model.setRated(input.condition, it) })
                Text(input.label, style = MaterialTheme.typography.titleMedium)
            }
            if (input.rated) {
                Text("How bad: ${input.severity}/10")
                Slider(
                    value = input.severity.toFloat(),
                    onValueChange = { model.setSeverity(input.condition, it.roundToInt()) },
                    valueRange = 0f..10f,
                    steps = 9,
                )
                Row(verticalAlignment = Alignment.CenterVertically) {
                    Checkbox(
                        checked = input.itch != null,
                        onCheckedChange = { model.setItch(input.condition, if (it) 0 else null) },
                    )
                    Text(input.itch?.let { "Itch: $it/10" } ?: "Itch")
                }
                input.itch?.let { itch ->
                    Slider(
                        value = itch.toFloat(),
                        onValueChange = { model.setItch(input.condition, it.roundToInt()) },
                        valueRange = 0f..10f,
                        steps = 9,
                    )
                }
                FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                    BodyArea.entries.forEach { area ->
                        FilterChip(
                            selected = area in input.areas,
                            onClick = { model.toggleArea(input.condition, area) },
                            label = { Text(format.area(area)) },
                        )
                    }
                }
            }
        }
    }
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun PoemQuestion(question: Int, answer: Int?, model: SkinCheckInViewModel) {
    Column(Modifier.padding(horizontal = 16.dp)) {
        Text("${question + 1}. ${SkinCheckInViewModel.POEM_QUESTIONS[question]}")
        FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            SkinCheckInViewModel.POEM_ANSWERS.forEachIndexed { value, label ->
                FilterChip(
                    selected = answer == value,
                    onClick = { model.setPoemAnswer(question, if (answer == value) null else value) },
                    label = { Text(label) },
                )
            }
        }
    }
}
