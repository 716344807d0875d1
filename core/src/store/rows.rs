//! Writes of synced rows, shared by the tables that follow the entries' rules: one column per
//! synced field, a clock row per written field, a deleted flag, and set-like present/absent rows.

use rusqlite::OptionalExtension;
use rusqlite::params_from_iter;
use rusqlite::types::Value;
use uuid::Uuid;

use super::{Table, Write};
use crate::error::Result;

/// A row's synced fields: (column, value).
pub(super) type Fields = Vec<(&'static str, Value)>;

impl Write<'_> {
    /// Inserts a row with `fields` and its deleted flag, stamping every one of them.
    pub(super) fn insert_row(&mut self, table: Table, id: Uuid, fields: &Fields, deleted: bool) -> Result<()> {
        let columns: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
        let placeholders = vec!["?"; columns.len() + 2].join(", ");
        let sql = format!("INSERT INTO {} (id, deleted, {}) VALUES ({placeholders})", table.name(), columns.join(", "));
        let values = [Value::Blob(id.as_bytes().to_vec()), Value::Integer(i64::from(deleted))]
            .into_iter()
            .chain(fields.iter().map(|(_, v)| v.clone()));
        self.tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
        self.stamp(table, id, "deleted")?;
        for name in columns {
            self.stamp(table, id, name)?;
        }
        Ok(())
    }

    /// Writes and stamps the fields of `new` that differ from `old`; returns whether any did.
    pub(super) fn update_row(&mut self, table: Table, id: Uuid, old: &Fields, new: &Fields) -> Result<bool> {
        let changed: Vec<&(&'static str, Value)> = new.iter().filter(|field| !old.contains(field)).collect();
        if changed.is_empty() {
            return Ok(false);
        }
        let sets: Vec<String> = changed.iter().map(|(name, _)| format!("{name} = ?")).collect();
        let sql = format!("UPDATE {} SET {} WHERE id = ?", table.name(), sets.join(", "));
        let values = changed.iter().map(|(_, v)| v.clone()).chain(std::iter::once(Value::Blob(id.as_bytes().to_vec())));
        self.tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
        for (name, _) in changed {
            self.stamp(table, id, name)?;
        }
        Ok(true)
    }

    /// Sets a row's deleted flag; returns false if it already had that value or the row is unknown.
    pub(super) fn set_row_deleted(&mut self, table: Table, id: Uuid, deleted: bool) -> Result<bool> {
        let sql = format!("UPDATE {} SET deleted = ?1 WHERE id = ?2 AND deleted <> ?1", table.name());
        let changed = self.tx.prepare_cached(&sql)?.execute(rusqlite::params![deleted, id])? > 0;
        if changed {
            self.stamp(table, id, "deleted")?;
        }
        Ok(changed)
    }

    /// Whether a row with this id exists in `table`, deleted or not.
    pub(super) fn row_exists(&self, table: Table, id: Uuid) -> Result<bool> {
        let sql = format!("SELECT 1 FROM {} WHERE id = ?1", table.name());
        Ok(self.tx.prepare_cached(&sql)?.query_row([id], |r| r.get::<_, i64>(0)).optional()?.is_some())
    }

    /// Sets the present flag of a set-like row (`owner_column` = `owner`, `value_column` = `value`)
    /// whose id is a UUIDv5 of (owner, value), creating it on first use: two devices that add the
    /// same tag write the same row.
    pub(super) fn set_present(
        &mut self,
        table: Table,
        (owner_column, owner): (&'static str, Uuid),
        (value_column, value): (&'static str, &str),
        present: bool,
    ) -> Result<()> {
        let row_id = Uuid::new_v5(&owner, value.as_bytes());
        let name = table.name();
        let inserted = self
            .tx
            .prepare_cached(&format!(
                "INSERT INTO {name} (id, {owner_column}, {value_column}, present) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO NOTHING"
            ))?
            .execute(rusqlite::params![row_id, owner, value, present])?;
        if inserted > 0 {
            self.stamp(table, row_id, owner_column)?;
            self.stamp(table, row_id, value_column)?;
        } else {
            let changed = self
                .tx
                .prepare_cached(&format!("UPDATE {name} SET present = ?1 WHERE id = ?2 AND present <> ?1"))?
                .execute(rusqlite::params![present, row_id])?;
            if changed == 0 {
                return Ok(());
            }
        }
        self.stamp(table, row_id, "present")
    }
}
