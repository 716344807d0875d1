//! Photos in the diary: metadata only. The image stays in the app's files; the diary keeps its
//! content hash (SHA-256, by which a later sync can carry the file), the app's reference to it, when
//! it was taken, its size, and what it shows: a meal, or a skin area for progress pictures.
//!
//! [`inspect_image`] reads a file once: it hashes it, checks by its first bytes that it is a JPEG,
//! PNG, HEIC/HEIF or WebP image, and reads the pixel size from the header where that is cheap.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{GutskinError, Result};
use crate::model::{BodyArea, Condition, Entry, EntryDetails};

/// The largest image file the diary takes.
pub const MAX_IMAGE_BYTES: u64 = 100 * 1024 * 1024;
/// A skin photo is paired with the nearest check-in at most this far away in time (when it names
/// none itself).
pub const NEAREST_CHECK_IN_WITHIN_SECS: u64 = 3 * 24 * 3600;
/// How much of the file's start is kept to read the pixel size.
const HEAD_BYTES: usize = 1 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ImageFormat {
    Jpeg,
    Png,
    /// HEIC or another HEIF image (what iPhones take).
    Heif,
    Webp,
}

impl ImageFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "jpeg",
            ImageFormat::Png => "png",
            ImageFormat::Heif => "heif",
            ImageFormat::Webp => "webp",
        }
    }

    pub fn parse(name: &str) -> Option<ImageFormat> {
        [ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::Heif, ImageFormat::Webp]
            .into_iter()
            .find(|f| f.as_str() == name)
    }
}

/// What a photo shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PhotoSubject {
    /// A meal: the id of its meal entry.
    Meal { entry_id: String },
    /// A skin area, for progress pictures; optionally the skin check-in it goes with.
    Skin {
        area: BodyArea,
        #[serde(default)]
        check_in_id: Option<String>,
    },
}

impl PhotoSubject {
    /// The entry the photo is attached to, if any.
    pub fn entry_id(&self) -> Option<&str> {
        match self {
            PhotoSubject::Meal { entry_id } => Some(entry_id),
            PhotoSubject::Skin { check_in_id, .. } => check_in_id.as_deref(),
        }
    }
}

/// What the app hands in to attach a photo.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewPhoto {
    /// The image file, read once to hash it and check that it is an image.
    pub path: String,
    /// How the app finds the file again (a path or a content URI); `path` when `None`.
    pub local_ref: Option<String>,
    /// When it was taken; now when `None`.
    pub taken_at: Option<SystemTime>,
    pub subject: PhotoSubject,
    pub tags: Vec<String>,
}

/// A stored photo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Photo {
    /// A UUIDv7 string made by the device that attached it.
    pub id: String,
    /// SHA-256 of the file's bytes, 64 lower-case hex digits.
    pub sha256: String,
    /// The app's reference to the file on the device that attached it.
    pub local_ref: String,
    #[serde(with = "crate::time::rfc3339")]
    pub taken_at: SystemTime,
    pub byte_size: u64,
    pub format: ImageFormat,
    /// Pixel size, where the file's header gives it cheaply.
    #[serde(default)]
    pub width: Option<u32>,
    #[serde(default)]
    pub height: Option<u32>,
    pub subject: PhotoSubject,
    /// The user's tags: trimmed, lower-cased, without repeats, sorted.
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub deleted: bool,
}

/// A photo of a skin area's timeline, with the skin check-in nearest to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TimelinePhoto {
    pub photo: Photo,
    pub check_in: Option<NearbyCheckIn>,
}

/// The skin check-in a timeline photo goes with: the one it names, else the nearest in time
/// within three days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NearbyCheckIn {
    pub entry_id: String,
    #[serde(with = "crate::time::rfc3339")]
    pub occurred_at: SystemTime,
    /// The check-in's time minus the photo's, in minutes (negative: the check-in came first).
    pub minutes_apart: i64,
    /// Whether the photo names this check-in (rather than it being the nearest).
    pub linked: bool,
    /// The worst rating of the check-in for the photo's area: among ratings that name the area,
    /// else among those that name no area at all. `None` if every rating names other areas.
    pub condition: Option<Condition>,
    pub severity: Option<u8>,
}

/// What reading an image file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageFile {
    pub sha256: String,
    pub byte_size: u64,
    pub format: ImageFormat,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// Reads the file at `path`: its SHA-256, size, image format (by its first bytes) and pixel size.
/// A missing or unreadable file, an empty or oversized one, or one that is not a JPEG, PNG,
/// HEIC/HEIF or WebP image is `InvalidInput` on `field`.
pub fn inspect_image(field: &str, path: &Path) -> Result<ImageFile> {
    let shown = path.display();
    let mut file = File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => GutskinError::invalid(field, format!("no file at {shown}")),
        _ => GutskinError::invalid(field, format!("cannot read {shown}: {e}")),
    })?;
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(GutskinError::invalid(field, format!("{shown} is a folder, not an image file")));
    }
    let mut hasher = Sha256::new();
    let mut head: Vec<u8> = Vec::new();
    let mut size: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(GutskinError::invalid(field, format!("cannot read {shown}: {e}"))),
        };
        size += n as u64;
        if size > MAX_IMAGE_BYTES {
            return Err(GutskinError::invalid(field, format!("{shown} is larger than {MAX_IMAGE_BYTES} bytes")));
        }
        hasher.update(&buf[..n]);
        if head.len() < HEAD_BYTES {
            let take = n.min(HEAD_BYTES - head.len());
            head.extend_from_slice(&buf[..take]);
        }
    }
    let Some(format) = sniff(&head) else {
        let reason = if size == 0 {
            format!("{shown} is empty")
        } else {
            format!("{shown} is not a JPEG, PNG, HEIC/HEIF or WebP image")
        };
        return Err(GutskinError::invalid(field, reason));
    };
    let (width, height) = pixel_size(format, &head).map_or((None, None), |(w, h)| (Some(w), Some(h)));
    let sha256 = hex(&hasher.finalize());
    Ok(ImageFile { sha256, byte_size: size, format, width, height })
}

/// The image format by the file's first bytes.
pub fn sniff(head: &[u8]) -> Option<ImageFormat> {
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(ImageFormat::Jpeg);
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(ImageFormat::Png);
    }
    if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        return Some(ImageFormat::Webp);
    }
    if head.len() >= 16 && &head[4..8] == b"ftyp" {
        // The major brand, then the compatible brands, up to the end of the ftyp box.
        let box_len = (be32(head, 0)? as usize).clamp(16, head.len());
        const HEIF_BRANDS: [&[u8; 4]; 10] =
            [b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"];
        let mut brands = std::iter::once(&head[8..12]).chain(head[16..box_len].chunks_exact(4));
        if brands.any(|b| HEIF_BRANDS.iter().any(|h| b == &h[..])) {
            return Some(ImageFormat::Heif);
        }
    }
    None
}

fn be16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?)))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn le16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?)))
}

fn le24(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at + 3)?;
    Some(u32::from(s[0]) | u32::from(s[1]) << 8 | u32::from(s[2]) << 16)
}

/// Width and height from the header, where the first bytes of the file give them.
pub fn pixel_size(format: ImageFormat, head: &[u8]) -> Option<(u32, u32)> {
    let size = match format {
        ImageFormat::Png => (&head.get(12..16)? == b"IHDR").then_some((be32(head, 16)?, be32(head, 20)?))?,
        ImageFormat::Jpeg => jpeg_size(head)?,
        ImageFormat::Webp => webp_size(head)?,
        ImageFormat::Heif => heif_size(head)?,
    };
    (size.0 > 0 && size.1 > 0).then_some(size)
}

/// The frame header (SOFn) of a JPEG, walking its segments.
fn jpeg_size(b: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2;
    loop {
        // Markers may be padded with 0xFF fill bytes.
        while *b.get(at)? == 0xFF && *b.get(at + 1)? == 0xFF {
            at += 1;
        }
        if *b.get(at)? != 0xFF {
            return None;
        }
        let marker = *b.get(at + 1)?;
        match marker {
            // Stand-alone markers: no length.
            0x01 | 0xD0..=0xD7 => at += 2,
            0xD9 | 0xDA => return None,
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                return Some((be16(b, at + 7)?, be16(b, at + 5)?));
            }
            _ => at += 2 + be16(b, at + 2)? as usize,
        }
    }
}

fn webp_size(b: &[u8]) -> Option<(u32, u32)> {
    match b.get(12..16)? {
        b"VP8 " => Some((le16(b, 26)? & 0x3FFF, le16(b, 28)? & 0x3FFF)),
        b"VP8L" => {
            let bits = u32::from_le_bytes(b.get(21..25)?.try_into().ok()?);
            Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
        }
        b"VP8X" => Some((le24(b, 24)? + 1, le24(b, 27)? + 1)),
        _ => None,
    }
}

/// The largest image spatial extent (`ispe`) among the item properties: the primary image's (the
/// others are tiles and thumbnails).
fn heif_size(b: &[u8]) -> Option<(u32, u32)> {
    let meta = find_box(b, b"meta")?;
    let iprp = find_box(meta.get(4..)?, b"iprp")?; // meta is a full box: skip version and flags
    let ipco = find_box(iprp, b"ipco")?;
    let mut best: Option<(u32, u32)> = None;
    let mut rest = ipco;
    while let Some((kind, body, next)) = next_box(rest) {
        if kind == b"ispe" {
            let size = (be32(body, 4)?, be32(body, 8)?);
            if best.is_none_or(|(w, h)| u64::from(size.0) * u64::from(size.1) > u64::from(w) * u64::from(h)) {
                best = Some(size);
            }
        }
        rest = next;
    }
    best
}

/// The body of the first box of this type among `b`'s boxes.
fn find_box<'a>(mut b: &'a [u8], wanted: &[u8; 4]) -> Option<&'a [u8]> {
    while let Some((kind, body, next)) = next_box(b) {
        if kind == wanted {
            return Some(body);
        }
        b = next;
    }
    None
}

/// One ISO BMFF box: its type, its body, and what follows it. A box cut off by the end of the
/// buffer yields what there is of it.
fn next_box(b: &[u8]) -> Option<(&[u8], &[u8], &[u8])> {
    let size = be32(b, 0)? as u64;
    let kind = b.get(4..8)?;
    let (header, total) = match size {
        0 => (8, b.len() as u64),
        1 => (16, u64::from(be32(b, 8)?) << 32 | u64::from(be32(b, 12)?)),
        n => (8, n),
    };
    if total < header {
        return None;
    }
    let end = usize::try_from(total).unwrap_or(usize::MAX).min(b.len());
    let body = b.get(header as usize..end)?;
    Some((kind, body, &b[end..]))
}

/// Pairs each photo of an area (oldest first) with its check-in: the one it names if that is a
/// (not deleted) skin check-in among `check_ins`, else the nearest one within three days.
/// `check_ins` must be sorted by `occurred_at`.
pub(crate) fn timeline(photos: Vec<Photo>, area: BodyArea, check_ins: &[Entry]) -> Vec<TimelinePhoto> {
    photos
        .into_iter()
        .map(|photo| {
            let named = match &photo.subject {
                PhotoSubject::Skin { check_in_id: Some(id), .. } => check_ins.iter().find(|c| c.id == *id),
                _ => None,
            };
            let (entry, linked) = match named {
                Some(entry) => (Some(entry), true),
                None => (nearest(check_ins, photo.taken_at), false),
            };
            let check_in = entry.map(|e| nearby(e, &photo, area, linked));
            TimelinePhoto { photo, check_in }
        })
        .collect()
}

fn nearest(check_ins: &[Entry], at: SystemTime) -> Option<&Entry> {
    let at_ms = crate::time::to_millis(at);
    let distance = |c: &Entry| (crate::time::to_millis(c.occurred_at) - at_ms).unsigned_abs();
    let i = check_ins.partition_point(|c| c.occurred_at < at);
    let before = i.checked_sub(1).and_then(|j| check_ins.get(j));
    let best = match (before, check_ins.get(i)) {
        (Some(b), Some(a)) if distance(a) < distance(b) => a,
        (Some(b), _) => b,
        (None, Some(a)) => a,
        (None, None) => return None,
    };
    (distance(best) <= NEAREST_CHECK_IN_WITHIN_SECS * 1000).then_some(best)
}

fn nearby(entry: &Entry, photo: &Photo, area: BodyArea, linked: bool) -> NearbyCheckIn {
    let ms = crate::time::to_millis(entry.occurred_at) - crate::time::to_millis(photo.taken_at);
    let (condition, severity) = match &entry.details {
        EntryDetails::SkinCheckIn { ratings, .. } => {
            let naming: Vec<_> = ratings.iter().filter(|r| r.areas.contains(&area)).collect();
            let pool = if naming.is_empty() { ratings.iter().filter(|r| r.areas.is_empty()).collect() } else { naming };
            // The worst rating; on a tie, the first condition in the usual order.
            match pool.into_iter().reduce(|w, r| if r.severity > w.severity { r } else { w }) {
                Some(r) => (Some(r.condition), Some(r.severity)),
                None => (None, None),
            }
        }
        _ => (None, None),
    };
    NearbyCheckIn {
        entry_id: entry.id.clone(),
        occurred_at: entry.occurred_at,
        minutes_apart: ms / 60_000,
        linked,
        condition,
        severity,
    }
}

#[cfg(test)]
mod tests;

/// SHA-256 of `bytes` as 64 lower-case hex digits, the form photos are named by.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
