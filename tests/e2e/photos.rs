//! Photos: attach files to meals and skin areas (hashed, checked to be images), tag them, the
//! skin timeline with its check-ins, and files that are missing or not images refused.

use serde_json::json;

use crate::{DAY, Home, id_of};

/// The start of a PNG (signature and IHDR): enough to be recognised and sized.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    b.extend_from_slice(&width.to_be_bytes());
    b.extend_from_slice(&height.to_be_bytes());
    b.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    b
}

fn at(day: &str, time: &str) -> String {
    format!("{day} {time}")
}

#[test]
fn a_meal_photo_is_attached_tagged_listed_and_deleted() {
    let home = Home::new();
    let file = home.path("lunch.png");
    std::fs::write(&file, png(640, 480)).unwrap();
    let meal = home.log(&["meal", "--meal", "lunch", "--food", "sushi:200g", "--at", &at(DAY, "12:30")]);
    let photo = home.json(&[
        "photo",
        "attach",
        file.to_str().unwrap(),
        "--meal",
        &id_of(&meal),
        "--taken",
        &at(DAY, "12:31"),
        "--tag",
        "Takeaway",
    ]);
    assert_eq!(photo["format"], "png");
    assert_eq!((&photo["width"], &photo["height"], &photo["byte_size"]), (&json!(640), &json!(480), &json!(33)));
    assert_eq!(photo["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(photo["local_ref"], file.to_str().unwrap());
    assert_eq!(photo["taken_at"], "2025-06-10T10:31:00.000Z");
    assert_eq!(photo["subject"], json!({"kind": "meal", "entry_id": id_of(&meal)}));
    assert_eq!(photo["tags"], json!(["takeaway"]));

    // The same bytes elsewhere have the same hash.
    let copy = home.path("copy.png");
    std::fs::copy(&file, &copy).unwrap();
    let again =
        home.json(&["photo", "attach", copy.to_str().unwrap(), "--meal", &id_of(&meal), "--ref", "content://x/1"]);
    assert_eq!(again["sha256"], photo["sha256"]);
    assert_eq!(again["local_ref"], "content://x/1");

    let id = id_of(&photo);
    assert_eq!(home.json(&["photo", "tag", &id, "sushi", "friday"])["tags"], json!(["friday", "sushi", "takeaway"]));
    assert_eq!(home.json(&["photo", "untag", &id, "Friday"])["tags"], json!(["sushi", "takeaway"]));
    home.run(&["photo", "untag", &id, "nope"]).assert_error(2, "no tag \"nope\"");
    assert_eq!(home.json(&["photo", "list", "--entry", &id_of(&meal)]).as_array().unwrap().len(), 2);
    assert_eq!(home.json(&["day", DAY])["photos"].as_array().unwrap().len(), 2);

    assert_eq!(home.json(&["photo", "delete", &id])["deleted"], true);
    assert_eq!(home.json(&["photo", "list", "--entry", &id_of(&meal)]).as_array().unwrap().len(), 1);
    assert_eq!(home.json(&["photo", "show", &id])["deleted"], true, "kept, marked deleted");

    // Photos survive export and import, tags and all.
    let exported = home.ok(&["export"]);
    assert_eq!(exported.lines().filter(|l| l.starts_with(r#"{"type":"photo""#)).count(), 2);
    let other = Home::new();
    let file_path = other.path("in.jsonl");
    std::fs::write(&file_path, &exported).unwrap();
    let report = other.json(&["import", file_path.to_str().unwrap()]);
    assert_eq!(report["photos_imported"], 2);
    assert_eq!(other.ok(&["export"]), exported);
}

#[test]
fn missing_files_and_non_images_are_refused_and_write_nothing() {
    let home = Home::new();
    let text = home.path("notes.txt");
    std::fs::write(&text, "not an image").unwrap();
    let missing = home.path("missing.jpg");
    home.run(&["photo", "attach", text.to_str().unwrap(), "--area", "face"])
        .assert_error(2, "not a JPEG, PNG, HEIC/HEIF or WebP image");
    home.run(&["photo", "attach", missing.to_str().unwrap(), "--area", "face"]).assert_error(2, "no file at");
    assert!(!home.diary().exists(), "no diary was created");

    let file = home.path("face.png");
    std::fs::write(&file, png(10, 10)).unwrap();
    let stress = home.log(&["stress", "4", "--at", &at(DAY, "09:00")]);
    let before = crate::read(&home.diary());
    home.run(&["photo", "attach", file.to_str().unwrap(), "--meal", &id_of(&stress)]).assert_error(2, "not a meal");
    home.run(&["photo", "attach", file.to_str().unwrap(), "--area", "face", "--check-in", &id_of(&stress)])
        .assert_error(2, "not a skin check in");
    home.run(&["photo", "attach", file.to_str().unwrap(), "--area", "nose"]).assert_error(2, "--area");
    home.run(&["photo", "attach", file.to_str().unwrap(), "--meal", "0190f5b2-8c1e-7a55-9d3e-0123456789ab"])
        .assert_error(2, "no entry has the id");
    assert_eq!(crate::read(&home.diary()), before, "nothing written");
    home.run(&["photo", "show", "0190f5b2-8c1e-7a55-9d3e-0123456789ab"]).assert_error(3, "not found");
}

#[test]
fn the_skin_timeline_is_in_order_with_the_nearest_check_in() {
    let home = Home::new();
    let check_in = |day: &str, time: &str, severity: &str| {
        id_of(&home.log(&[
            "skin",
            "--rate",
            &format!("acne:{severity}"),
            "--area",
            "acne:face",
            "--at",
            &at(day, time),
        ]))
    };
    let early = check_in("2025-06-01", "21:00", "6");
    check_in("2025-06-05", "21:00", "4");
    let file = home.path("face.png");
    std::fs::write(&file, png(1200, 1600)).unwrap();
    let attach = |taken: &str, extra: &[&str]| {
        let mut args = vec!["photo", "attach", file.to_str().unwrap(), "--area", "face", "--taken", taken];
        args.extend_from_slice(extra);
        id_of(&home.json(&args))
    };
    // Attached out of order; one names the first check-in; one is far from any.
    let third = attach("2025-06-05 20:30", &[]);
    let first = attach("2025-06-01 20:45", &[]);
    let second = attach("2025-06-03 08:00", &["--check-in", &early]);
    let lonely = attach("2025-06-20 08:00", &[]);
    attach("2025-06-02 08:00", &[]);
    home.json(&["photo", "attach", file.to_str().unwrap(), "--area", "hands", "--taken", "2025-06-02 09:00"]);

    let timeline = home.json(&["photo", "timeline", "--area", "face"]);
    let timeline = timeline.as_array().unwrap();
    let ids: Vec<&str> = timeline.iter().map(|t| t["photo"]["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 5, "only the face");
    assert_eq!((ids[0], ids[2], ids[3], ids[4]), (first.as_str(), second.as_str(), third.as_str(), lonely.as_str()));
    let c = &timeline[0]["check_in"];
    assert_eq!((&c["entry_id"], &c["minutes_apart"], &c["severity"]), (&json!(early), &json!(15), &json!(6)));
    assert_eq!(c["condition"], "acne");
    assert_eq!(
        (&timeline[2]["check_in"]["entry_id"], &timeline[2]["check_in"]["linked"]),
        (&json!(early), &json!(true))
    );
    assert_eq!(timeline[3]["check_in"]["severity"], 4);
    assert_eq!(timeline[4]["check_in"], json!(null));

    let text = home.ok(&["photo", "timeline", "--area", "face"]);
    assert!(text.starts_with("face: 5 photos"), "{text}");
    assert!(text.contains("check-in 2025-06-01 21:00 (+15 min): acne 6"), "{text}");
    assert!(text.contains("no check-in within 3 days"), "{text}");
    assert!(home.ok(&["photo", "timeline", "--area", "knees"]).contains("No photos of the knees yet."));
}

#[test]
fn a_photo_file_moved_away_before_a_sync_goes_up_once_it_is_back() {
    let (home, other) = (Home::new(), Home::new());
    let shared = tempfile::tempdir().unwrap();
    let folder = shared.path().to_str().unwrap();
    home.ok(&["sync", "init"]);
    other.ok(&["sync", "join", &crate::sync::recovery_code(&home)]);
    let file = home.path("face.png");
    std::fs::write(&file, png(64, 64)).unwrap();
    home.json(&["photo", "attach", file.to_str().unwrap(), "--area", "face"]);
    let moved = home.path("face.png.moved");
    std::fs::rename(&file, &moved).unwrap();

    let blobs = || -> usize {
        let devices = std::fs::read_dir(shared.path().join("devices")).unwrap();
        devices.map(|d| std::fs::read_dir(d.unwrap().path().join("blobs")).map_or(0, |b| b.count())).sum()
    };
    let out = home.ok(&["sync", "--folder", folder]);
    assert!(out.contains("1 photo file(s) could not be read"), "{out}");
    assert_eq!(blobs(), 0);
    std::fs::rename(&moved, &file).unwrap();
    let out = home.ok(&["sync", "--folder", folder]);
    assert!(!out.contains("could not be read"), "{out}");
    assert_eq!(blobs(), 1, "the file went up with the later sync");
    // The other device has the photo's row.
    other.ok(&["sync", "--folder", folder]);
    let photos = other.json(&["photo", "timeline", "--area", "face"]);
    assert_eq!(photos.as_array().map(Vec::len), Some(1), "{photos}");
}
