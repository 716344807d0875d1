package app.gutskin.app

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.width
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.text.style.TextDecoration
import androidx.compose.ui.unit.dp
import app.gutskin.diary.UserMessage
import app.gutskin.screens.EntryRow

/** One entry in a list: time, title and detail; an action (Delete or Restore) on the right. */
@Composable
fun EntryRowItem(
    row: EntryRow,
    actionLabel: String,
    onAction: () -> Unit,
    onClick: (() -> Unit)? = null,
) {
    Row(
        modifier = Modifier
            .fillMaxWidth()
            .let { if (onClick != null) it.clickable(onClick = onClick) else it }
            .padding(horizontal = 16.dp, vertical = 8.dp),
        verticalAlignment = Alignment.CenterVertically,
    ) {
        Text(row.time, style = MaterialTheme.typography.labelLarge, modifier = Modifier.width(56.dp))
        Column(Modifier.weight(1f)) {
            val decoration = if (row.deleted) TextDecoration.LineThrough else null
            Text(row.title, style = MaterialTheme.typography.titleSmall, textDecoration = decoration)
            if (row.detail.isNotEmpty()) Text(row.detail, style = MaterialTheme.typography.bodyMedium)
            row.note?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
            if (row.tags.isNotEmpty()) {
                Text(row.tags.joinToString(" ") { "#$it" }, style = MaterialTheme.typography.bodySmall)
            }
        }
        TextButton(onClick = onAction) { Text(actionLabel) }
    }
}

/** An error from the view model's state, with a way to dismiss it. */
@Composable
fun ErrorCard(message: UserMessage, onDismiss: () -> Unit) {
    Card(
        colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.errorContainer),
        modifier = Modifier.fillMaxWidth().padding(16.dp),
    ) {
        Row(Modifier.padding(12.dp), verticalAlignment = Alignment.CenterVertically) {
            Text(message.text, modifier = Modifier.weight(1f), color = MaterialTheme.colorScheme.onErrorContainer)
            TextButton(onClick = onDismiss) { Text("OK") }
        }
    }
}
