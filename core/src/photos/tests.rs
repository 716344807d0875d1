use super::*;
use crate::model::SkinRating;
use crate::time::rfc3339;

/// The start of a PNG: signature and IHDR (enough for the checks; the pixels do not matter).
pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    b.extend_from_slice(&width.to_be_bytes());
    b.extend_from_slice(&height.to_be_bytes());
    b.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    b
}

/// A JPEG with an EXIF-like APP1 segment before its baseline frame header.
fn jpeg(width: u16, height: u16) -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x10];
    b.extend_from_slice(&[0x45; 14]);
    b.extend_from_slice(&[0xFF, 0xFF, 0xC0, 0x00, 0x11, 0x08]);
    b.extend_from_slice(&height.to_be_bytes());
    b.extend_from_slice(&width.to_be_bytes());
    b.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xDA]);
    b
}

fn webp(chunk: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut b = b"RIFF\0\0\0\0WEBP".to_vec();
    b.extend_from_slice(chunk);
    b.extend_from_slice(&(body.len() as u32).to_le_bytes());
    b.extend_from_slice(body);
    b
}

fn bmff(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut b = ((body.len() + 8) as u32).to_be_bytes().to_vec();
    b.extend_from_slice(kind);
    b.extend_from_slice(body);
    b
}

/// An iPhone-like HEIC: a tile's extent and the whole image's, in that order.
fn heic() -> Vec<u8> {
    let ispe = |w: u32, h: u32| {
        let mut body = vec![0, 0, 0, 0];
        body.extend_from_slice(&w.to_be_bytes());
        body.extend_from_slice(&h.to_be_bytes());
        bmff(b"ispe", &body)
    };
    let ipco = bmff(b"ipco", &[ispe(512, 512), ispe(4032, 3024)].concat());
    let iprp = bmff(b"iprp", &ipco);
    let meta = bmff(b"meta", &[vec![0, 0, 0, 0], bmff(b"hdlr", &[0; 24]), iprp].concat());
    [bmff(b"ftyp", b"heic\0\0\0\0mif1heic"), meta].concat()
}

#[test]
fn formats_are_told_by_their_first_bytes_and_sizes_read_from_headers() {
    assert_eq!(sniff(&png(1, 1)), Some(ImageFormat::Png));
    assert_eq!(pixel_size(ImageFormat::Png, &png(640, 480)), Some((640, 480)));
    assert_eq!(sniff(&jpeg(1, 1)), Some(ImageFormat::Jpeg));
    assert_eq!(pixel_size(ImageFormat::Jpeg, &jpeg(4000, 3000)), Some((4000, 3000)));
    let vp8x = webp(b"VP8X", &[0, 0, 0, 0, 0x7F, 0x07, 0, 0x37, 0x04, 0]);
    assert_eq!(sniff(&vp8x), Some(ImageFormat::Webp));
    assert_eq!(pixel_size(ImageFormat::Webp, &vp8x), Some((1920, 1080)));
    // VP8L: 14 bits of width - 1, then 14 of height - 1, after the 0x2f signature.
    let bits: u32 = 99 | (49 << 14);
    let vp8l = webp(b"VP8L", &[[0x2f].as_slice(), &bits.to_le_bytes()].concat());
    assert_eq!(pixel_size(ImageFormat::Webp, &vp8l), Some((100, 50)));
    let h = heic();
    assert_eq!(sniff(&h), Some(ImageFormat::Heif));
    assert_eq!(pixel_size(ImageFormat::Heif, &h), Some((4032, 3024)), "the largest extent, not the tile's");
    assert_eq!(sniff(&bmff(b"ftyp", b"mif1\0\0\0\0")), Some(ImageFormat::Heif));

    for not_image in
        [&b""[..], b"GIF89a..", b"%PDF-1.7", b"hello world, not an image", &bmff(b"ftyp", b"isom\0\0\0\0mp41")]
    {
        assert_eq!(sniff(not_image), None, "{not_image:?}");
    }
    // Cut-off headers give no size, never a panic.
    for cut in 0..h.len() {
        let _ = pixel_size(ImageFormat::Heif, &h[..cut]);
    }
    let j = jpeg(10, 10);
    for cut in 0..j.len() {
        let _ = pixel_size(ImageFormat::Jpeg, &j[..cut]);
    }
    assert_eq!(pixel_size(ImageFormat::Jpeg, &[0xFF, 0xD8, 0xFF, 0xDA]), None);
}

#[test]
fn inspecting_a_file_hashes_it_and_refuses_non_images() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lunch.png");
    std::fs::write(&path, png(2, 3)).unwrap();
    let found = inspect_image("photo.path", &path).unwrap();
    assert_eq!(found.format, ImageFormat::Png);
    assert_eq!((found.width, found.height, found.byte_size), (Some(2), Some(3), 33));
    assert_eq!(found.sha256, Sha256::digest(png(2, 3)).iter().map(|b| format!("{b:02x}")).collect::<String>());
    // A well-known digest: SHA-256 of "abc".
    let abc = dir.path().join("abc");
    std::fs::write(&abc, b"abc").unwrap();
    assert!(matches!(inspect_image("photo.path", &abc), Err(GutskinError::InvalidInput { .. })));
    assert_eq!(
        format!("{:x}", Sha256::digest(b"abc")),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );

    let reason = |p: &Path| match inspect_image("photo.path", p) {
        Err(GutskinError::InvalidInput { field, reason }) => {
            assert_eq!(field, "photo.path");
            reason
        }
        other => panic!("{other:?}"),
    };
    assert!(reason(&dir.path().join("missing.jpg")).contains("no file"));
    assert!(reason(&abc).contains("not a JPEG, PNG, HEIC/HEIF or WebP"));
    let empty = dir.path().join("empty.jpg");
    std::fs::write(&empty, b"").unwrap();
    assert!(reason(&empty).contains("empty"));
    assert!(reason(dir.path()).contains("folder"));
    // A large file is hashed whole, its size read from the start.
    let big = dir.path().join("big.jpg");
    let mut bytes = jpeg(800, 600);
    bytes.resize(3 * 1024 * 1024 + 7, 0x55);
    std::fs::write(&big, &bytes).unwrap();
    let found = inspect_image("photo.path", &big).unwrap();
    assert_eq!((found.width, found.byte_size), (Some(800), bytes.len() as u64));
    assert_eq!(found.sha256, format!("{:x}", Sha256::digest(&bytes)));
}

fn photo(at: &str, area: BodyArea, check_in_id: Option<&str>) -> Photo {
    Photo {
        id: format!("photo {at}"),
        sha256: "0".repeat(64),
        local_ref: "x".into(),
        taken_at: rfc3339::parse(at).unwrap(),
        byte_size: 1,
        format: ImageFormat::Jpeg,
        width: None,
        height: None,
        subject: PhotoSubject::Skin { area, check_in_id: check_in_id.map(String::from) },
        tags: vec![],
        deleted: false,
    }
}

fn check_in(id: &str, at: &str, ratings: Vec<SkinRating>) -> Entry {
    Entry {
        id: id.into(),
        occurred_at: rfc3339::parse(at).unwrap(),
        time_zone: "UTC".into(),
        utc_offset_minutes: 0,
        local_date: at[..10].into(),
        note: None,
        tags: vec![],
        deleted: false,
        details: EntryDetails::SkinCheckIn { ratings, poem: None },
    }
}

fn rating(condition: Condition, severity: u8, areas: &[BodyArea]) -> SkinRating {
    SkinRating { condition, severity, itch: None, areas: areas.to_vec() }
}

#[test]
fn the_timeline_pairs_each_photo_with_its_check_in() {
    let check_ins = vec![
        check_in(
            "a",
            "2026-11-01T20:00:00Z",
            vec![rating(Condition::Acne, 5, &[BodyArea::Face]), rating(Condition::Rosacea, 7, &[BodyArea::Face])],
        ),
        check_in("b", "2026-11-03T20:00:00Z", vec![rating(Condition::AtopicDermatitis, 6, &[BodyArea::Hands])]),
        check_in("c", "2026-11-04T08:00:00Z", vec![rating(Condition::Acne, 2, &[])]),
    ];
    let photos = vec![
        photo("2026-11-01T19:30:00Z", BodyArea::Face, None),
        photo("2026-11-03T21:00:00Z", BodyArea::Face, None),
        photo("2026-11-04T09:00:00Z", BodyArea::Face, Some("a")),
        photo("2026-11-20T09:00:00Z", BodyArea::Face, None),
    ];
    let t = timeline(photos, BodyArea::Face, &check_ins);
    let first = t[0].check_in.as_ref().unwrap();
    assert_eq!((first.entry_id.as_str(), first.minutes_apart, first.linked), ("a", 30, false));
    assert_eq!((first.condition, first.severity), (Some(Condition::Rosacea), Some(7)), "the worst for the face");
    // Nearest is b (1 h before), which rates only the hands: no severity for the face.
    let second = t[1].check_in.as_ref().unwrap();
    assert_eq!((second.entry_id.as_str(), second.minutes_apart), ("b", -60));
    assert_eq!((second.condition, second.severity), (None, None));
    // The photo names a, three days earlier, though c is an hour away.
    let third = t[2].check_in.as_ref().unwrap();
    assert_eq!((third.entry_id.as_str(), third.linked), ("a", true));
    assert!(third.minutes_apart < -3000);
    // More than three days from any check-in: none.
    assert_eq!(t[3].check_in, None);
    // A rating without areas speaks for every area when none names the photo's.
    let t = timeline(vec![photo("2026-11-04T09:00:00Z", BodyArea::Back, None)], BodyArea::Back, &check_ins);
    let c = t[0].check_in.as_ref().unwrap();
    assert_eq!((c.entry_id.as_str(), c.severity), ("c", Some(2)));
    assert!(
        timeline(vec![photo("2026-11-04T09:00:00Z", BodyArea::Back, None)], BodyArea::Back, &[])[0].check_in.is_none()
    );
}
