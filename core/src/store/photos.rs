//! Photos and their tags in SQL.

use rusqlite::types::Value;
use rusqlite::{Connection, Row};
use uuid::Uuid;

use super::entries::{DayRange, enum_text};
use super::rows::Fields;
use super::{Store, Table, Write};
use crate::error::{GutskinError, Result};
use crate::model::BodyArea;
use crate::photos::{ImageFormat, Photo, PhotoSubject};
use crate::time;

const SELECT_PHOTO: &str = "SELECT p.id, p.sha256, p.local_ref, p.taken_at, p.byte_size, p.format, p.width, p.height,
    p.subject, p.entry_id, p.body_area, p.deleted FROM photos p";

fn photo_fields(photo: &Photo) -> Result<Fields> {
    let (subject, entry_id, area) = match &photo.subject {
        PhotoSubject::Meal { entry_id } => ("meal", Some(entry_id.as_str()), None),
        PhotoSubject::Skin { area, check_in_id } => ("skin", check_in_id.as_deref(), Some(enum_text(area)?)),
    };
    let entry_id = match entry_id {
        Some(id) => Value::Blob(parse_stored_id(id)?.as_bytes().to_vec()),
        None => Value::Null,
    };
    Ok(vec![
        ("sha256", Value::Text(photo.sha256.clone())),
        ("local_ref", Value::Text(photo.local_ref.clone())),
        ("taken_at", Value::Integer(time::to_millis(photo.taken_at))),
        ("byte_size", Value::Integer(i64::try_from(photo.byte_size).unwrap_or(i64::MAX))),
        ("format", Value::Text(photo.format.as_str().to_string())),
        ("width", photo.width.map_or(Value::Null, |w| Value::Integer(i64::from(w)))),
        ("height", photo.height.map_or(Value::Null, |h| Value::Integer(i64::from(h)))),
        ("subject", Value::Text(subject.to_string())),
        ("entry_id", entry_id),
        ("body_area", area.unwrap_or(Value::Null)),
    ])
}

fn parse_stored_id(id: &str) -> Result<Uuid> {
    Uuid::try_parse(id).map_err(|_| GutskinError::Storage { detail: format!("not a UUID: {id:?}") })
}

/// A photo (without its tags) from a row of `SELECT_PHOTO`.
fn photo_from_row(row: &Row<'_>) -> Result<Photo> {
    let id: Uuid = row.get(0)?;
    let format: String = row.get(5)?;
    let subject: String = row.get(8)?;
    let entry_id: Option<Uuid> = row.get(9)?;
    let entry_id = entry_id.map(|id| id.hyphenated().to_string());
    let subject = match subject.as_str() {
        "meal" => PhotoSubject::Meal {
            entry_id: entry_id
                .ok_or_else(|| GutskinError::Storage { detail: "a meal photo without its meal".into() })?,
        },
        "skin" => {
            let area: String = row.get(10)?;
            PhotoSubject::Skin {
                area: BodyArea::parse(&area)
                    .ok_or_else(|| GutskinError::Storage { detail: format!("unknown body area {area:?}") })?,
                check_in_id: entry_id,
            }
        }
        other => return Err(GutskinError::Storage { detail: format!("unknown photo subject {other:?}") }),
    };
    Ok(Photo {
        id: id.hyphenated().to_string(),
        sha256: row.get(1)?,
        local_ref: row.get(2)?,
        taken_at: time::from_millis(row.get(3)?),
        byte_size: row.get::<_, i64>(4)?.max(0) as u64,
        format: ImageFormat::parse(&format)
            .ok_or_else(|| GutskinError::Storage { detail: format!("unknown image format {format:?}") })?,
        width: row.get(6)?,
        height: row.get(7)?,
        subject,
        tags: Vec::new(),
        deleted: row.get(11)?,
    })
}

/// Runs a photo query and fills in the photos' tags.
fn query_photos(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Photo>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    let mut photos = Vec::new();
    while let Some(row) = rows.next()? {
        photos.push(photo_from_row(row)?);
    }
    drop(rows);
    if photos.is_empty() {
        return Ok(photos);
    }
    let mut tag_stmt =
        conn.prepare_cached("SELECT tag FROM photo_tags WHERE photo_id = ?1 AND present = 1 ORDER BY tag")?;
    for photo in &mut photos {
        let id = parse_stored_id(&photo.id)?;
        photo.tags = tag_stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    }
    Ok(photos)
}

pub(super) fn read_photo(conn: &Connection, id: Uuid) -> Result<Option<Photo>> {
    Ok(query_photos(conn, &format!("{SELECT_PHOTO} WHERE p.id = ?1"), [id])?.pop())
}

impl Write<'_> {
    /// Inserts a validated photo with its tags. `photo.id` is the row's id; `photo.deleted` is
    /// kept (for imports).
    pub fn insert_photo(&mut self, photo: &Photo) -> Result<()> {
        let id = parse_stored_id(&photo.id)?;
        self.insert_row(Table::Photos, id, &photo_fields(photo)?, photo.deleted)?;
        for tag in &photo.tags {
            self.set_photo_tag(id, tag, true)?;
        }
        Ok(())
    }

    /// Adds or removes one of a photo's tags (a present/absent row per photo and tag).
    pub fn set_photo_tag(&mut self, photo_id: Uuid, tag: &str, present: bool) -> Result<()> {
        self.set_present(Table::PhotoTags, ("photo_id", photo_id), ("tag", tag), present)
    }

    pub fn set_photo_deleted(&mut self, id: Uuid, deleted: bool) -> Result<bool> {
        self.set_row_deleted(Table::Photos, id, deleted)
    }

    pub fn photo(&self, id: Uuid) -> Result<Option<Photo>> {
        read_photo(&self.tx, id)
    }

    pub fn photo_exists(&self, id: Uuid) -> Result<bool> {
        self.row_exists(Table::Photos, id)
    }
}

impl Store {
    pub fn photo(&self, id: Uuid) -> Result<Option<Photo>> {
        read_photo(&self.conn, id)
    }

    /// The (not deleted) photos attached to an entry, oldest first.
    pub fn photos_of_entry(&self, entry_id: Uuid) -> Result<Vec<Photo>> {
        query_photos(
            &self.conn,
            &format!("{SELECT_PHOTO} WHERE p.entry_id = ?1 AND p.deleted = 0 ORDER BY p.taken_at, p.id"),
            [entry_id],
        )
    }

    /// The (not deleted) photos of a skin area, oldest first.
    pub fn photos_of_area(&self, area: BodyArea) -> Result<Vec<Photo>> {
        query_photos(
            &self.conn,
            &format!(
                "{SELECT_PHOTO} WHERE p.subject = 'skin' AND p.body_area = ?1 AND p.deleted = 0 ORDER BY p.taken_at, p.id"
            ),
            [area.as_str()],
        )
    }

    /// The (not deleted) photos attached to the (not deleted) entries of a range of days, oldest first.
    pub fn photos_of_days(&self, days: DayRange) -> Result<Vec<Photo>> {
        query_photos(
            &self.conn,
            &format!(
                "{SELECT_PHOTO} JOIN entries e ON e.id = p.entry_id
                 WHERE e.local_day BETWEEN ?1 AND ?2 AND e.deleted = 0 AND p.deleted = 0 ORDER BY p.taken_at, p.id"
            ),
            [days.first, days.last],
        )
    }

    /// Photos whose file has this content hash (the same picture may be attached twice).
    pub fn photos_with_hash(&self, sha256: &str) -> Result<Vec<Photo>> {
        query_photos(&self.conn, &format!("{SELECT_PHOTO} WHERE p.sha256 = ?1 ORDER BY p.taken_at, p.id"), [sha256])
    }

    /// Every photo, deleted ones included, oldest first: for the export.
    pub fn all_photos(&self) -> Result<Vec<Photo>> {
        query_photos(&self.conn, &format!("{SELECT_PHOTO} ORDER BY p.taken_at, p.id"), [])
    }
}
