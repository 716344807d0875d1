//! `gutskin photo ...`: attach a photo file to a meal or a skin area (the diary keeps its hash and
//! metadata, not the image), tag it, and the skin photo timeline.

use std::path::Path;
use std::time::SystemTime;

use clap::Subcommand;
use gutskin_core::{BodyArea, NewPhoto, Photo, PhotoSubject, TimelinePhoto};

use crate::commands::{Ctx, print_json, print_lines};
use crate::failure::{CliResult, Failure};
use crate::input;

#[derive(Debug, Subcommand)]
pub enum PhotoAction {
    /// Attach an image file (JPEG, PNG, HEIC/HEIF, WebP) to a meal or to a skin area
    #[command(group(clap::ArgGroup::new("shows").args(["meal", "area"]).required(true)))]
    Attach {
        /// The image file; it is read once to hash it, and stays where it is
        file: String,
        /// The meal entry it shows
        #[arg(long, value_name = "ENTRY_ID", conflicts_with = "area")]
        meal: Option<String>,
        /// The skin area it shows (face, scalp, ears, neck, chest, back, abdomen, arms, elbows, hands,
        /// legs, knees, feet, other)
        #[arg(long)]
        area: Option<String>,
        /// The skin check-in it goes with (with --area)
        #[arg(long, value_name = "ENTRY_ID", requires = "area")]
        check_in: Option<String>,
        /// When it was taken: as for `log --at` [default: now]
        #[arg(long, value_name = "TIME")]
        taken: Option<String>,
        /// How to find the file again [default: its absolute path]
        #[arg(long = "ref", value_name = "REF")]
        local_ref: Option<String>,
        /// A tag (repeat)
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
    },
    /// Add tags to a photo
    Tag {
        id: String,
        #[arg(required = true, num_args = 1..)]
        tags: Vec<String>,
    },
    /// Remove tags from a photo
    Untag {
        id: String,
        #[arg(required = true, num_args = 1..)]
        tags: Vec<String>,
    },
    /// One photo's metadata
    Show { id: String },
    /// The photos attached to an entry
    List {
        #[arg(long, value_name = "ENTRY_ID")]
        entry: String,
    },
    /// Delete a photo (its metadata; the file is not touched)
    Delete { id: String },
    /// The photos of a skin area, oldest first, each with the nearest skin check-in
    Timeline {
        #[arg(long)]
        area: String,
    },
}

pub fn photo(ctx: &Ctx, action: PhotoAction) -> CliResult {
    match action {
        PhotoAction::Attach { file, meal, area, check_in, taken, local_ref, tags } => {
            let subject = match (meal, area) {
                (Some(entry_id), _) => PhotoSubject::Meal { entry_id },
                (None, Some(area)) => PhotoSubject::Skin { area: body_area(&area)?, check_in_id: check_in },
                (None, None) => return Err(Failure::usage("give --meal ENTRY_ID or --area AREA")),
            };
            let taken_at = taken
                .as_deref()
                .map(|t| input::parse_at("--taken", t, ctx.zone.tz, input::today(&ctx.zone)))
                .transpose()?;
            // The app's reference: an absolute path, so the file can be found from anywhere.
            let local_ref =
                local_ref.or_else(|| std::path::absolute(Path::new(&file)).ok().map(|p| p.display().to_string()));
            // A file that is missing or not an image must not even create the diary.
            gutskin_core::photos::inspect_image("photo.path", Path::new(&file))?;
            let diary = ctx.open_for_write()?;
            let photo = diary.attach_photo(NewPhoto { path: file, local_ref, taken_at, subject, tags })?;
            show(ctx, "Attached", &photo)
        }
        PhotoAction::Tag { id, tags } => {
            let photo = ctx.open_existing()?.tag_photo(&id, tags)?;
            show(ctx, "Tagged", &photo)
        }
        PhotoAction::Untag { id, tags } => {
            let diary = ctx.open_existing()?;
            let current = diary.photo(&id)?;
            for tag in &tags {
                let wanted = tag.trim().to_lowercase();
                if !current.tags.contains(&wanted) {
                    return Err(Failure::invalid("TAGS", format!("the photo has no tag {wanted:?}")));
                }
            }
            show(ctx, "Untagged", &diary.untag_photo(&id, tags)?)
        }
        PhotoAction::Show { id } => {
            let photo = ctx.open_existing()?.photo(&id)?;
            show(ctx, "Photo", &photo)
        }
        PhotoAction::List { entry } => {
            let photos = ctx.open_existing()?.photos_of_entry(&entry)?;
            if ctx.json {
                return print_json(&photos);
            }
            if photos.is_empty() {
                return print_lines(&["No photos.".into()]);
            }
            print_lines(&photos.iter().flat_map(|p| photo_lines(ctx, p)).collect::<Vec<_>>())
        }
        PhotoAction::Delete { id } => {
            let photo = ctx.open_existing()?.delete_photo(&id)?;
            show(ctx, "Deleted", &photo)
        }
        PhotoAction::Timeline { area } => {
            let area = body_area(&area)?;
            let timeline = ctx.open_existing()?.photo_timeline(area)?;
            if ctx.json {
                return print_json(&timeline);
            }
            print_lines(&timeline_lines(ctx, area, &timeline))
        }
    }
}

fn body_area(text: &str) -> CliResult<BodyArea> {
    let name = text.trim().to_ascii_lowercase();
    BodyArea::parse(&name).ok_or_else(|| {
        let known: Vec<&str> = BodyArea::ALL.iter().map(|a| a.as_str()).collect();
        Failure::invalid("--area", format!("{name:?} is not one of {}", known.join(", ")))
    })
}

fn local(ctx: &Ctx, t: SystemTime) -> String {
    gutskin_core::time::to_utc(t).with_timezone(&ctx.zone.tz).format("%Y-%m-%d %H:%M").to_string()
}

fn photo_lines(ctx: &Ctx, p: &Photo) -> Vec<String> {
    let size = match (p.width, p.height) {
        (Some(w), Some(h)) => format!("{w}×{h}, "),
        _ => String::new(),
    };
    let what = match &p.subject {
        PhotoSubject::Meal { entry_id } => format!("meal {entry_id}"),
        PhotoSubject::Skin { area, check_in_id: Some(c) } => format!("{} (check-in {c})", area.as_str()),
        PhotoSubject::Skin { area, check_in_id: None } => area.as_str().to_string(),
    };
    let mut first = format!("{}  {what}  {} ({size}{} bytes)", local(ctx, p.taken_at), p.format.as_str(), p.byte_size);
    for tag in &p.tags {
        first.push_str(&format!("  #{tag}"));
    }
    if p.deleted {
        first.push_str("  (deleted)");
    }
    vec![first, format!("  id {}", p.id), format!("  sha256 {}", p.sha256), format!("  file {}", p.local_ref)]
}

fn show(ctx: &Ctx, verb: &str, p: &Photo) -> CliResult {
    if ctx.json {
        return print_json(p);
    }
    let mut lines = photo_lines(ctx, p);
    lines[0] = format!("{verb} {}", lines[0]);
    print_lines(&lines)
}

fn timeline_lines(ctx: &Ctx, area: BodyArea, timeline: &[TimelinePhoto]) -> Vec<String> {
    if timeline.is_empty() {
        return vec![format!("No photos of the {} yet.", area.as_str())];
    }
    let n = timeline.len();
    let mut lines = vec![format!("{}: {n} photo{}", area.as_str(), if n == 1 { "" } else { "s" })];
    for t in timeline {
        let check_in = match &t.check_in {
            None => "no check-in within 3 days".to_string(),
            Some(c) => {
                let apart = match c.minutes_apart {
                    0 => "same time".to_string(),
                    m if m.abs() < 120 => format!("{m:+} min"),
                    m => format!("{:+.1} h", m as f64 / 60.0),
                };
                let rating = match (c.condition, c.severity) {
                    (Some(cond), Some(sev)) => format!(": {} {sev}", cond.as_str().replace('_', " ")),
                    _ => String::new(),
                };
                let linked = if c.linked { "its check-in" } else { "check-in" };
                format!("{linked} {} ({apart}){rating}", local(ctx, c.occurred_at))
            }
        };
        let tags: String = t.photo.tags.iter().map(|tag| format!("  #{tag}")).collect();
        lines.push(format!("  {}  {}  {check_in}{tags}", local(ctx, t.photo.taken_at), t.photo.id));
    }
    lines
}
