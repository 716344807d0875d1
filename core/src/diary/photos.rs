//! The diary's photos: attaching an image file (hashed and checked before anything is written),
//! tags, deleting, the photos of an entry, and the skin photo timeline.

use std::path::Path;
use std::time::Duration;

use uuid::Uuid;

use super::{Diary, now_ms};
use crate::error::{GutskinError, Result};
use crate::model::{BodyArea, Entry, EntryKind};
use crate::photos::{self, NEAREST_CHECK_IN_WITHIN_SECS, NewPhoto, Photo, PhotoSubject, TimelinePhoto};
use crate::store::{DayRange, Write, parse_id};
use crate::{time, validate};

impl Diary {
    /// Attaches the image file at `photo.path` to a meal or a skin area. The file is read once: its
    /// SHA-256, size, format and pixel size are kept (the image itself stays where it is). A missing
    /// file, a file that is not a JPEG, PNG, HEIC/HEIF or WebP image, or a meal or check-in that is
    /// not one is `InvalidInput`, and nothing is written.
    pub fn attach_photo(&self, photo: NewPhoto) -> Result<Photo> {
        let now = self.clock.now();
        let subject = subject(&photo.subject)?;
        // The reference defaults to the path: name the field the app filled in.
        let local_ref = match &photo.local_ref {
            Some(local_ref) => validate::local_ref("photo.local_ref", local_ref)?,
            None => validate::local_ref("photo.path", &photo.path)?,
        };
        let taken_at = validate::taken_at("photo.taken_at", photo.taken_at.unwrap_or(now), now)?;
        let tags = validate::tags(&photo.tags).map_err(|e| e.with_field_prefix("photo."))?;
        // Read the file before taking the diary's lock: a large image must not hold up other calls.
        let file = photos::inspect_image("photo.path", Path::new(&photo.path))?;
        let stored = Photo {
            id: Uuid::now_v7().hyphenated().to_string(),
            sha256: file.sha256,
            local_ref,
            taken_at,
            byte_size: file.byte_size,
            format: file.format,
            width: file.width,
            height: file.height,
            subject,
            tags,
            deleted: false,
        };
        self.store().write(now_ms(now), |w| {
            check_subject(w, &stored.subject)?;
            w.insert_photo(&stored)?;
            read(w, &stored.id)
        })
    }

    /// One photo, deleted or not.
    pub fn photo(&self, id: &str) -> Result<Photo> {
        let uuid = parse_id("id", id)?;
        self.store().photo(uuid)?.ok_or_else(|| GutskinError::not_found("photo", id))
    }

    /// Adds the user's tags to a photo (normalised as an entry's tags; at most 20 in all).
    pub fn tag_photo(&self, id: &str, tags: Vec<String>) -> Result<Photo> {
        self.change_tags(id, &tags, true)
    }

    /// Removes tags from a photo; a tag it does not have is ignored.
    pub fn untag_photo(&self, id: &str, tags: Vec<String>) -> Result<Photo> {
        self.change_tags(id, &tags, false)
    }

    fn change_tags(&self, id: &str, tags: &[String], present: bool) -> Result<Photo> {
        let uuid = parse_id("id", id)?;
        let tags = validate::tags(tags)?;
        self.store().write(now_ms(self.clock.now()), |w| {
            let current = w.photo(uuid)?.ok_or_else(|| GutskinError::not_found("photo", id))?;
            if present {
                let all: Vec<String> = current.tags.iter().chain(&tags).cloned().collect();
                validate::tags(&all)?;
            }
            for tag in &tags {
                if current.tags.contains(tag) != present {
                    w.set_photo_tag(uuid, tag, present)?;
                }
            }
            read(w, id)
        })
    }

    /// Marks a photo deleted (its metadata is kept; undo with `undelete_photo`).
    pub fn delete_photo(&self, id: &str) -> Result<Photo> {
        self.set_photo_deleted(id, true)
    }

    pub fn undelete_photo(&self, id: &str) -> Result<Photo> {
        self.set_photo_deleted(id, false)
    }

    fn set_photo_deleted(&self, id: &str, deleted: bool) -> Result<Photo> {
        let uuid = parse_id("id", id)?;
        self.store().write(now_ms(self.clock.now()), |w| {
            if !w.photo_exists(uuid)? {
                return Err(GutskinError::not_found("photo", id));
            }
            w.set_photo_deleted(uuid, deleted)?;
            read(w, id)
        })
    }

    /// The photos attached to an entry (a meal, or a skin check-in), oldest first, without deleted ones.
    /// An id of no entry is `NotFound`.
    pub fn photos_of_entry(&self, entry_id: &str) -> Result<Vec<Photo>> {
        let uuid = parse_id("entry_id", entry_id)?;
        let store = self.store();
        if store.entry(uuid)?.is_none() {
            return Err(GutskinError::not_found("entry", entry_id));
        }
        store.photos_of_entry(uuid)
    }

    /// The photos of one skin area, oldest first, each with its skin check-in: the one it names, else
    /// the nearest one in time within three days (and that check-in's severity for the area).
    pub fn photo_timeline(&self, area: BodyArea) -> Result<Vec<TimelinePhoto>> {
        let store = self.store();
        let shown = store.photos_of_area(area)?;
        let (Some(first), Some(last)) = (shown.first(), shown.last()) else {
            return Ok(Vec::new());
        };
        // Local days lie within a day of UTC days: widen by one on each side.
        let window = Duration::from_secs(NEAREST_CHECK_IN_WITHIN_SECS);
        let day = |t| time::day_number(time::to_utc(t).date_naive());
        let range = DayRange {
            first: day(first.taken_at.checked_sub(window).unwrap_or(first.taken_at)) - 1,
            last: day(last.taken_at + window) + 1,
        };
        let mut check_ins = store.entries(range, Some(EntryKind::SkinCheckIn), false)?;
        // Check-ins a photo names may lie further away.
        for photo in &shown {
            if let PhotoSubject::Skin { check_in_id: Some(id), .. } = &photo.subject
                && !check_ins.iter().any(|c| c.id == *id)
                && let Ok(uuid) = Uuid::try_parse(id)
                && let Some(entry) = store.entry(uuid)?
                && entry.kind() == EntryKind::SkinCheckIn
                && !entry.deleted
            {
                check_ins.push(entry);
            }
        }
        drop(store);
        check_ins.sort_by(|a, b| a.occurred_at.cmp(&b.occurred_at).then_with(|| a.id.cmp(&b.id)));
        Ok(photos::timeline(shown, area, &check_ins))
    }
}

fn read(w: &Write<'_>, id: &str) -> Result<Photo> {
    let uuid = parse_id("id", id)?;
    w.photo(uuid)?.ok_or_else(|| GutskinError::not_found("photo", id))
}

/// The subject with its ids checked as UUIDs and written in their usual form.
fn subject(subject: &PhotoSubject) -> Result<PhotoSubject> {
    let id = |field: &str, id: &str| Ok::<_, GutskinError>(parse_id(field, id)?.hyphenated().to_string());
    Ok(match subject {
        PhotoSubject::Meal { entry_id } => PhotoSubject::Meal { entry_id: id("photo.subject.entry_id", entry_id)? },
        PhotoSubject::Skin { area, check_in_id } => PhotoSubject::Skin {
            area: *area,
            check_in_id: check_in_id.as_deref().map(|c| id("photo.subject.check_in_id", c)).transpose()?,
        },
    })
}

/// A meal photo needs a meal entry, a skin photo's check-in a skin check-in; neither deleted.
fn check_subject(w: &Write<'_>, subject: &PhotoSubject) -> Result<()> {
    let (field, id, kind) = match subject {
        PhotoSubject::Meal { entry_id } => ("photo.subject.entry_id", entry_id, EntryKind::Meal),
        PhotoSubject::Skin { check_in_id: Some(id), .. } => ("photo.subject.check_in_id", id, EntryKind::SkinCheckIn),
        PhotoSubject::Skin { check_in_id: None, .. } => return Ok(()),
    };
    let entry: Option<Entry> = w.entry(parse_id(field, id)?)?;
    match entry {
        None => Err(GutskinError::invalid(field, format!("no entry has the id {id}"))),
        Some(e) if e.kind() != kind => Err(GutskinError::invalid(
            field,
            format!("{id} is a {} entry, not a {}", e.kind().as_str(), kind.as_str().replace('_', " ")),
        )),
        Some(e) if e.deleted => Err(GutskinError::invalid(field, format!("the entry {id} was deleted"))),
        Some(_) => Ok(()),
    }
}

/// Reads the file a photo was attached from, given its `local_ref`: None when there is no such file.
pub type PhotoFileReader<'a> = &'a (dyn Fn(&str) -> Result<Option<Vec<u8>>> + Sync);

/// Photo files for sync, read from where the photos were attached: by default a photo's
/// `local_ref` when it is a readable file path; with [`LocalPhotoFiles::with_reader`], whatever
/// the app's reader gives for the `local_ref` (a content URI on Android, a path relative to an
/// iOS app container that moves across updates). Either way the bytes are checked against the
/// photo's hash, so a file changed since is not sent as that photo.
pub struct LocalPhotoFiles<'a> {
    diary: &'a Diary,
    reader: Option<PhotoFileReader<'a>>,
}

impl<'a> LocalPhotoFiles<'a> {
    /// Reads each photo's `local_ref` as a file path.
    pub fn new(diary: &'a Diary) -> Self {
        LocalPhotoFiles { diary, reader: None }
    }

    /// Asks `reader` for the bytes of each photo's `local_ref`.
    pub fn with_reader(diary: &'a Diary, reader: PhotoFileReader<'a>) -> Self {
        LocalPhotoFiles { diary, reader: Some(reader) }
    }
}

impl crate::sync::BlobSource for LocalPhotoFiles<'_> {
    /// The file of the first photo with this hash whose `local_ref` reads as it. If none does and
    /// the reader failed for one, that failure (the sync counts the file as pending either way).
    fn read(&self, hash: &str) -> Result<Option<Vec<u8>>> {
        let photos = self.diary.store().photos_with_hash(hash)?;
        let mut failed = None;
        for photo in photos {
            let read = match self.reader {
                Some(reader) => reader(&photo.local_ref),
                None => Ok(std::fs::read(&photo.local_ref).ok()),
            };
            match read {
                // A file that is gone or has changed since it was attached is not that photo any more.
                Ok(Some(bytes)) if photos::sha256_hex(&bytes) == hash => return Ok(Some(bytes)),
                Ok(_) => {}
                Err(err) => failed = Some(err),
            }
        }
        failed.map_or(Ok(None), Err)
    }
}
