//! Photos through the diary: attaching (hash, format, size), files that are missing or not images,
//! tags, deleting, the photos of an entry and of a day, the skin timeline, and the sync records.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use gutskin_core::*;

/// The start of a PNG (signature and IHDR): enough to be recognised and sized.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    b.extend_from_slice(&width.to_be_bytes());
    b.extend_from_slice(&height.to_be_bytes());
    b.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    b
}

/// A minimal JPEG: start of image, a baseline frame header, start of scan.
fn jpeg(width: u16, height: u16) -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
    b.extend_from_slice(&height.to_be_bytes());
    b.extend_from_slice(&width.to_be_bytes());
    b.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xDA]);
    b
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn new_photo(path: &Path, at: &str, subject: PhotoSubject) -> NewPhoto {
    NewPhoto { path: path.display().to_string(), local_ref: None, taken_at: Some(instant(at)), subject, tags: vec![] }
}

fn skin_area(area: BodyArea) -> PhotoSubject {
    PhotoSubject::Skin { area, check_in_id: None }
}

fn invalid_field<T: std::fmt::Debug>(result: Result<T>) -> String {
    match result {
        Err(GutskinError::InvalidInput { field, .. }) => field,
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[test]
fn a_photo_round_trips_with_its_hash_and_size() {
    let dir = tempfile::tempdir().unwrap();
    let d = diary();
    let meal = d.log_entry(meal("2026-11-20T12:00:00Z", MealKind::Lunch, &["sushi"])).unwrap();
    let bytes = jpeg(4032, 3024);
    let path = write(dir.path(), "IMG_0001.JPG", &bytes);
    let mut input =
        new_photo(&path, "2026-11-20T12:01:02.345678Z", PhotoSubject::Meal { entry_id: meal.id.to_uppercase() });
    input.tags = vec![" Sushi ".into(), "friday".into(), "sushi".into()];
    input.local_ref = Some("content://media/external/images/1".into());
    let photo = d.attach_photo(input).unwrap();
    assert_eq!(photo.format, ImageFormat::Jpeg);
    assert_eq!((photo.width, photo.height, photo.byte_size), (Some(4032), Some(3024), bytes.len() as u64));
    // SHA-256 of the bytes, computed here independently of the core.
    let expected = sha256_hex(&bytes);
    assert_eq!(photo.sha256, expected);
    assert_eq!(photo.local_ref, "content://media/external/images/1");
    assert_eq!(photo.taken_at, instant("2026-11-20T12:01:02.345Z"), "kept to the millisecond");
    assert_eq!(photo.subject, PhotoSubject::Meal { entry_id: meal.id.clone() });
    assert_eq!(photo.tags, ["friday", "sushi"]);
    assert!(!photo.deleted);
    assert_eq!(d.photo(&photo.id).unwrap(), photo);
    assert_eq!(d.photos_of_entry(&meal.id).unwrap(), std::slice::from_ref(&photo));
    assert_eq!(d.day("2026-11-20").unwrap().photos, std::slice::from_ref(&photo));

    // Without a reference or a time: the path, and now.
    let plain = d
        .attach_photo(NewPhoto {
            taken_at: None,
            ..new_photo(&path, "2026-11-20T12:00:00Z", skin_area(BodyArea::Face))
        })
        .unwrap();
    assert_eq!(plain.local_ref, path.display().to_string());
    assert_eq!(plain.taken_at, d.now());
    assert_eq!(plain.sha256, photo.sha256, "same bytes, same hash");
}

/// A tiny SHA-256 for the test's own check (FIPS 180-4), so the core's result is not its own oracle.
fn sha256_hex(data: &[u8]) -> String {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
        0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
        0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
        0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
        0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
        0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
        0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] =
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    for chunk in msg.chunks(64) {
        let mut w = [0u32; 64];
        for i in 0..16 {
            w[i] = u32::from_be_bytes(chunk[i * 4..i * 4 + 4].try_into().unwrap());
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..64 {
            let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7].wrapping_add(s1).wrapping_add(ch).wrapping_add(K[i]).wrapping_add(w[i]);
            let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [t1.wrapping_add(t2), v[0], v[1], v[2], v[3].wrapping_add(t1), v[4], v[5], v[6]];
        }
        for (a, b) in h.iter_mut().zip(v) {
            *a = a.wrapping_add(b);
        }
    }
    h.iter().map(|x| format!("{x:08x}")).collect()
}

#[test]
fn the_test_sha256_is_right() {
    assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

#[test]
fn missing_files_non_images_and_wrong_subjects_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = diary();
    let stress = d.log_entry(stress("2026-11-20T09:00:00Z", 4)).unwrap();
    let position = d.change_position().unwrap();
    let png_path = write(dir.path(), "ok.png", &png(10, 10));
    let text = write(dir.path(), "notes.txt", b"not an image at all");
    let gif = write(dir.path(), "old.gif", b"GIF89a\x01\x00\x01\x00");
    let empty = write(dir.path(), "empty.jpg", b"");
    let face = skin_area(BodyArea::Face);
    for bad in [dir.path().join("missing.jpg"), text, gif, empty, dir.path().to_path_buf()] {
        assert_eq!(invalid_field(d.attach_photo(new_photo(&bad, "2026-11-20T10:00:00Z", face.clone()))), "photo.path");
    }
    let check =
        |subject: PhotoSubject| invalid_field(d.attach_photo(new_photo(&png_path, "2026-11-20T10:00:00Z", subject)));
    assert_eq!(check(PhotoSubject::Meal { entry_id: stress.id.clone() }), "photo.subject.entry_id");
    assert_eq!(check(PhotoSubject::Meal { entry_id: "lunch".into() }), "photo.subject.entry_id");
    assert_eq!(
        check(PhotoSubject::Meal { entry_id: "0190f5b2-8c1e-7a55-9d3e-0123456789ab".into() }),
        "photo.subject.entry_id"
    );
    assert_eq!(
        check(PhotoSubject::Skin { area: BodyArea::Face, check_in_id: Some(stress.id.clone()) }),
        "photo.subject.check_in_id"
    );
    let mut late = new_photo(&png_path, "2026-11-28T10:00:00Z", face.clone());
    assert_eq!(invalid_field(d.attach_photo(late.clone())), "photo.taken_at");
    late.taken_at = Some(instant("2026-11-20T10:00:00Z"));
    late.tags = vec!["ok".into(), "\u{7}".into()];
    assert_eq!(invalid_field(d.attach_photo(late)), "photo.tags[1]");
    assert_eq!(d.change_position().unwrap(), position, "nothing was written");
}

#[test]
fn tags_deleting_and_the_sync_records() {
    let dir = tempfile::tempdir().unwrap();
    let d = diary();
    let path = write(dir.path(), "a.png", &png(3, 3));
    let start = d.change_position().unwrap();
    let photo = d.attach_photo(new_photo(&path, "2026-11-20T10:00:00Z", skin_area(BodyArea::Hands))).unwrap();
    let tagged = d.tag_photo(&photo.id, vec!["Flare".into(), "morning".into(), "flare".into()]).unwrap();
    assert_eq!(tagged.tags, ["flare", "morning"]);
    let position = d.change_position().unwrap();
    assert_eq!(d.tag_photo(&photo.id, vec!["flare".into()]).unwrap().tags, ["flare", "morning"]);
    assert_eq!(d.change_position().unwrap(), position, "a tag it has writes nothing");
    assert_eq!(d.untag_photo(&photo.id, vec!["MORNING".into(), "absent".into()]).unwrap().tags, ["flare"]);
    let many: Vec<String> = (0..20).map(|i| format!("t{i}")).collect();
    assert_eq!(invalid_field(d.tag_photo(&photo.id, many)), "tags");

    let changes = d.changes_since(start).unwrap();
    let photo_fields: Vec<&str> = changes.iter().filter(|c| c.table == "photos").map(|c| c.field.as_str()).collect();
    for field in ["sha256", "local_ref", "taken_at", "byte_size", "format", "subject", "body_area", "deleted"] {
        assert!(photo_fields.contains(&field), "{field} in {photo_fields:?}");
    }
    let tag_rows: Vec<_> = changes.iter().filter(|c| c.table == "photo_tags" && c.field == "tag").collect();
    assert_eq!(tag_rows.len(), 2, "one row per (photo, tag), made once");
    assert!(changes.iter().any(|c| c.table == "photo_tags" && c.field == "present" && c.value == serde_json::json!(0)));

    assert!(d.delete_photo(&photo.id).unwrap().deleted);
    assert!(d.photo_timeline(BodyArea::Hands).unwrap().is_empty());
    assert!(!d.undelete_photo(&photo.id).unwrap().deleted);
    assert_eq!(d.photo_timeline(BodyArea::Hands).unwrap().len(), 1);
    assert!(matches!(d.photo("0190f5b2-8c1e-7a55-9d3e-0123456789ab"), Err(GutskinError::NotFound { .. })));
}

#[test]
fn the_timeline_is_oldest_first_with_the_nearest_check_in() {
    let dir = tempfile::tempdir().unwrap();
    let d = diary();
    let check_in = |at: &str, severity: u8, areas: Vec<BodyArea>| {
        d.log_entry(new_entry(
            at,
            EntryDetails::SkinCheckIn {
                ratings: vec![SkinRating { condition: Condition::Rosacea, severity, itch: None, areas }],
                poem: None,
            },
        ))
        .unwrap()
    };
    let first = check_in("2026-11-01T20:00:00Z", 6, vec![BodyArea::Face]);
    let second = check_in("2026-11-10T20:00:00Z", 3, vec![BodyArea::Face]);
    let far = check_in("2026-06-01T20:00:00Z", 9, vec![BodyArea::Face]);
    let path = write(dir.path(), "face.png", &png(800, 600));
    let attach = |at: &str, check_in_id: Option<String>| {
        d.attach_photo(new_photo(&path, at, PhotoSubject::Skin { area: BodyArea::Face, check_in_id })).unwrap().id
    };
    let c = attach("2026-11-11T08:00:00Z", None);
    let a = attach("2026-11-01T19:00:00Z", None);
    let b = attach("2026-11-05T12:00:00Z", Some(far.id.clone()));
    let e = attach("2026-11-24T08:00:00Z", None);
    d.attach_photo(new_photo(&path, "2026-11-01T19:00:00Z", skin_area(BodyArea::Back))).unwrap();

    let timeline = d.photo_timeline(BodyArea::Face).unwrap();
    let ids: Vec<&str> = timeline.iter().map(|t| t.photo.id.as_str()).collect();
    assert_eq!(ids, [a.as_str(), b.as_str(), c.as_str(), e.as_str()]);
    let nearest = |i: usize| timeline[i].check_in.clone();
    let n = nearest(0).unwrap();
    assert_eq!((n.entry_id, n.minutes_apart, n.linked, n.severity), (first.id.clone(), 60, false, Some(6)));
    assert_eq!(n.condition, Some(Condition::Rosacea));
    let n = nearest(1).unwrap();
    assert_eq!((n.entry_id, n.linked, n.severity), (far.id.clone(), true, Some(9)), "the one it names, months away");
    let n = nearest(2).unwrap();
    assert_eq!((n.entry_id, n.minutes_apart), (second.id.clone(), -720));
    assert_eq!(nearest(3), None, "two weeks from any check-in");

    // A deleted check-in no longer pairs.
    d.delete_entry(&second.id).unwrap();
    let n = d.photo_timeline(BodyArea::Face).unwrap()[2].check_in.clone();
    assert_eq!(n, None, "the first check-in is ten days away");
}
