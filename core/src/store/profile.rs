//! The profile row: one per diary, with a fixed id so every device writes the same row.

use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use uuid::Uuid;

use super::{Store, Table, Write};
use crate::error::Result;
use crate::model::Profile;

/// "gutskin-profile1" in ASCII: the profile's row id on every device.
const PROFILE_ID: Uuid = Uuid::from_u128(0x6775_7473_6b69_6e2d_7072_6f66_696c_6531);

fn profile_fields(profile: &Profile) -> Result<Vec<(&'static str, Value)>> {
    Ok(vec![
        ("conditions", Value::Text(serde_json::to_string(&profile.conditions)?)),
        ("birth_year", profile.birth_year.map_or(Value::Null, |y| Value::Integer(i64::from(y)))),
        ("daily_energy_kcal", Value::Integer(i64::from(profile.daily_energy_kcal))),
        ("locale", Value::Text(profile.locale.clone())),
    ])
}

pub(super) fn read_profile(conn: &rusqlite::Connection) -> Result<Option<Profile>> {
    let row = conn
        .prepare_cached("SELECT conditions, birth_year, daily_energy_kcal, locale FROM profile WHERE id = ?1")?
        .query_row([PROFILE_ID], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<u16>>(1)?, r.get::<_, u32>(2)?, r.get::<_, String>(3)?))
        })
        .optional()?;
    let Some((conditions, birth_year, daily_energy_kcal, locale)) = row else {
        return Ok(None);
    };
    Ok(Some(Profile { conditions: serde_json::from_str(&conditions)?, birth_year, daily_energy_kcal, locale }))
}

impl Store {
    /// The stored profile, or the default one if it was never set.
    pub fn profile(&self) -> Result<Profile> {
        Ok(read_profile(&self.conn)?.unwrap_or_default())
    }
}

impl Write<'_> {
    /// Whether the profile was ever set on this diary (here or by a synced device).
    pub fn profile_is_set(&self) -> Result<bool> {
        Ok(read_profile(&self.tx)?.is_some())
    }

    /// Writes a validated profile, stamping the fields that changed.
    pub fn set_profile(&mut self, profile: &Profile) -> Result<()> {
        let old = match read_profile(&self.tx)? {
            Some(old) => profile_fields(&old)?,
            None => Vec::new(),
        };
        let new = profile_fields(profile)?;
        self.tx
            .prepare_cached(
                "INSERT INTO profile (id, conditions, birth_year, daily_energy_kcal, locale) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id) DO UPDATE SET conditions = excluded.conditions, birth_year = excluded.birth_year,
                 daily_energy_kcal = excluded.daily_energy_kcal, locale = excluded.locale",
            )?
            .execute(rusqlite::params![PROFILE_ID, new[0].1, new[1].1, new[2].1, new[3].1])?;
        for (name, value) in &new {
            if !old.iter().any(|(n, v)| n == name && v == value) {
                self.stamp(Table::Profile, PROFILE_ID, name)?;
            }
        }
        Ok(())
    }
}

impl Store {
    /// The profile if it was ever set, else None.
    pub fn stored_profile(&self) -> Result<Option<Profile>> {
        read_profile(&self.conn)
    }
}
