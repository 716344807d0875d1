//! The command line, as clap reads it. Parsing of values beyond clap's (times, ratings, kinds)
//! lives in `input.rs`, so that the messages name the flag and the reason in one style.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use gutskin_core::{ActivityKind, MealKind, MedicationKind};

#[derive(Debug, Parser)]
#[command(
    name = "gutskin",
    version,
    about = "Gutskin: a private, offline diary of your skin and your gut.",
    after_help = "Exit codes: 0 ok, 1 storage or I/O failure, 2 usage error or invalid input, \
                  3 entry or diary not found, 4 diary file refused (newer version or damaged), \
                  5 sync could not use some data (wrong key, damaged or newer sync files), \
                  6 encrypted diary or backup not opened (key or passphrase missing or wrong, backup damaged), \
                  70 internal error."
)]
pub struct Cli {
    /// The diary file [default: <data folder>/diary.sqlite; the data folder is $GUTSKIN_HOME, else the
    /// platform's, e.g. ~/.local/share/gutskin]
    #[arg(long, global = true, value_name = "PATH", display_order = 100)]
    pub db: Option<PathBuf>,
    /// IANA time zone for local times [default: $TZ, else the system's, else UTC]
    #[arg(long, global = true, value_name = "ZONE", display_order = 101)]
    pub zone: Option<String>,
    /// Print JSON (the core's stable shapes) instead of text
    #[arg(long, global = true, display_order = 102)]
    pub json: bool,
    /// The encrypted diary's key file (64 hex digits) [default: <data folder>/diary.key if it exists;
    /// GUTSKIN_DB_KEY may hold the key itself]
    #[arg(long = "key-file", visible_alias = "db-key-file", global = true, value_name = "FILE", display_order = 103)]
    pub db_key_file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log an entry: gutskin log <kind> ...
    #[command(subcommand)]
    Log(LogKind),
    /// Show one day: its entries and summary [default: today]
    Day {
        /// YYYY-MM-DD, "today" or "yesterday"
        date: Option<String>,
    },
    /// List entries of a range of days
    List {
        /// First day, YYYY-MM-DD [default: six days before --to]
        #[arg(long)]
        from: Option<String>,
        /// Last day, YYYY-MM-DD [default: today]
        #[arg(long)]
        to: Option<String>,
        /// Only this kind (meal, skin, gut, stress, sleep, activity, medication, water, note)
        #[arg(long)]
        kind: Option<String>,
        /// Include deleted entries
        #[arg(long)]
        deleted: bool,
    },
    /// Change fields of an entry
    Edit(EditArgs),
    /// Delete an entry (undo with `undelete`)
    Delete {
        /// The entry's id
        id: String,
    },
    /// Bring a deleted entry back
    Undelete {
        /// The entry's id
        id: String,
    },
    /// Export the whole diary (JSON Lines: lossless; CSV: for spreadsheets)
    Export {
        #[arg(long, value_enum, default_value = "jsonl")]
        format: ExportFormat,
        /// Write to this file instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Import a JSON Lines export ("-" reads standard input); a bad line imports nothing
    Import {
        file: PathBuf,
        /// Check the file and say what it would import, writing nothing
        #[arg(long)]
        check: bool,
    },
    /// Show the profile, or change it with `profile set`
    Profile {
        #[command(subcommand)]
        action: Option<ProfileAction>,
    },
    /// Foods: search the table and your own foods, show one, add your own, photo label suggestions
    #[command(subcommand)]
    Food(crate::foods::FoodAction),
    /// Saved meals ("my usual breakfast"), and adding foods to a logged meal
    #[command(subcommand)]
    Meal(crate::foods::MealAction),
    /// Photos of meals and of skin: attach a file, tag it, the skin photo timeline
    #[command(subcommand)]
    Photo(crate::photos::PhotoAction),
    /// Reminders: add, list, edit, pause; `reminders next` shows the notifications a phone would schedule
    #[command(subcommand)]
    Reminders(crate::reminders::ReminderAction),
    /// Personal insights: what tended to come before your flares (patterns to test, not diagnoses)
    Insights {
        /// First day, YYYY-MM-DD [default: 179 days before --to]
        #[arg(long)]
        from: Option<String>,
        /// Last day, YYYY-MM-DD [default: today]
        #[arg(long)]
        to: Option<String>,
    },
    /// Evidence-based guidance from your recent days
    Guidance {
        /// The day, YYYY-MM-DD, "today" or "yesterday" [default: today]
        #[arg(long)]
        date: Option<String>,
    },
    /// Write a standalone HTML summary to take to your doctor (chart, insights, guidance)
    Report {
        /// The file to write [default: gutskin-report-<to>.html in the current folder]
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// First day, YYYY-MM-DD [default: 179 days before --to]
        #[arg(long)]
        from: Option<String>,
        /// Last day, YYYY-MM-DD [default: today]
        #[arg(long)]
        to: Option<String>,
    },
    /// Sync with your other devices through a shared folder or an S3 bucket (see docs/sync.md)
    Sync(SyncArgs),
    /// Encrypt the diary under the key in --key-file or GUTSKIN_DB_KEY (a new key file is made if
    /// none exists); see docs/privacy.md
    Encrypt,
    /// Change the encrypted diary's key to a new random one (written over the key file, or to --new-key-file)
    Rekey {
        /// Write the new key here instead of over the current key file
        #[arg(long, value_name = "FILE")]
        new_key_file: Option<PathBuf>,
    },
    /// Turn encryption off: the diary becomes a plain file again (the key file is kept)
    Decrypt,
    /// Write a backup of the whole diary to FILE, sealed with the diary's key or a passphrase
    Backup(crate::privacy::BackupArgs),
    /// Restore a backup into the diary (one that already holds entries only with --replace)
    Restore(crate::privacy::RestoreArgs),
    /// Delete everything: the diary, its journals and sync state, and the key files the command made
    Wipe {
        /// Do not ask (required when not run on a terminal)
        #[arg(long)]
        yes: bool,
    },
    /// Build a realistic demo diary (never your own diary) and show what it holds
    Demo {
        /// The same seed gives the same diary
        #[arg(long, default_value_t = gutskin_core::demo::DEFAULT_SEED)]
        seed: u64,
        /// How many days, ending today
        #[arg(long, default_value_t = gutskin_core::demo::DEFAULT_DAYS)]
        days: u32,
    },
}

/// `gutskin sync --folder PATH | --s3 URL`, or one of its subcommands.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub action: Option<SyncAction>,
    #[command(flatten)]
    pub target: SyncTarget,
    /// The file that holds the sync key [default: <data folder>/sync.key]
    #[arg(long, global = true, value_name = "FILE")]
    pub sync_key_file: Option<PathBuf>,
    /// Write a snapshot and remove this device's changesets that every device has merged
    #[arg(long)]
    pub compact: bool,
}

/// Where the synced data lives.
#[derive(Debug, Args)]
pub struct SyncTarget {
    /// A folder that Syncthing, iCloud Drive, Dropbox or a network share keeps on every device
    #[arg(long, value_name = "PATH", conflicts_with = "s3")]
    pub folder: Option<PathBuf>,
    /// An S3-compatible bucket and prefix, s3://BUCKET/PREFIX; endpoint from GUTSKIN_S3_ENDPOINT,
    /// region from AWS_REGION, credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
    #[arg(long, value_name = "URL")]
    pub s3: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SyncAction {
    /// On your first device: make a sync key and print its recovery code
    Init {
        /// Replace an existing key (data synced with it can no longer be read here)
        #[arg(long)]
        force: bool,
    },
    /// On your other devices: enter the recovery code of the first device's key
    Join {
        /// The recovery code ("-" or nothing reads it from standard input)
        code: Option<String>,
        /// Check the code against the data already synced there before saving it
        #[command(flatten)]
        target: SyncTarget,
    },
    /// Show what this device published and merged, and what waits
    Status,
    /// Retire a device that will not sync again (lost, wiped, replaced): the others stop waiting for
    /// it before removing merged changesets; what it wrote stays. It counts again if it ever syncs.
    Retire {
        /// The device's id, as `gutskin sync status` lists it
        device_id: String,
        #[command(flatten)]
        target: SyncTarget,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Jsonl,
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum ProfileAction {
    /// Change the profile; fields not given stay as they are
    Set {
        /// Tracked conditions, comma-separated: acne, atopic_dermatitis, rosacea, psoriasis, other ("none" for none)
        #[arg(long, value_name = "LIST")]
        conditions: Option<String>,
        /// Year of birth (targets for children and teenagers differ)
        #[arg(long, value_name = "YEAR", conflicts_with = "clear_birth_year")]
        birth_year: Option<u16>,
        /// Forget the year of birth
        #[arg(long)]
        clear_birth_year: bool,
        /// Daily energy need in kcal (800-6000)
        #[arg(long, value_name = "KCAL")]
        energy: Option<u32>,
        /// Language tag, e.g. en, de, pt-BR
        #[arg(long)]
        locale: Option<String>,
    },
}

/// What every `log` command takes.
#[derive(Debug, Args)]
pub struct Common {
    /// When: "YYYY-MM-DD HH:MM" or "HH:MM" (local, today), "yesterday HH:MM", or RFC 3339 [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// A note on the entry
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// A tag (repeat for more)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Log the entry N times, one transaction each, printing each id as it commits (for tests)
    #[arg(long, hide = true, value_name = "N")]
    pub repeat: Option<u64>,
}

#[derive(Debug, Subcommand)]
pub enum LogKind {
    /// A meal, snack or drink: --meal lunch --food lentils-cooked:200g --food "bread-rye:2 slice" --item salad
    Meal {
        #[arg(long, value_enum)]
        meal: MealArg,
        /// A food and how much, ID:AMOUNT: lentils-cooked:200g, "bread-rye:2 slice", "kefir:1 glass",
        /// wine-red:150ml (repeat; ids from `gutskin food search`; logged before the --item ones)
        #[arg(long = "food", value_name = "ID:AMOUNT")]
        foods: Vec<String>,
        /// Something eaten or drunk, as free text (repeat; counted as unknown in totals)
        #[arg(long = "item", value_name = "TEXT")]
        items: Vec<String>,
        #[command(flatten)]
        common: Common,
    },
    /// A skin check-in: --rate acne:4 --rate atopic_dermatitis:6:itch=7 --area atopic_dermatitis:hands
    #[command(visible_alias = "skin_check_in")]
    Skin {
        /// CONDITION:SEVERITY[:itch=N], severity and itch 0-10 (repeat per condition)
        #[arg(long = "rate", value_name = "RATING")]
        ratings: Vec<String>,
        /// CONDITION:AREA[,AREA...], e.g. atopic_dermatitis:hands,elbows (repeat)
        #[arg(long = "area", value_name = "AREAS")]
        areas: Vec<String>,
        /// The seven POEM answers, each 0-4, comma-separated
        #[arg(long, value_name = "ANSWERS")]
        poem: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// A gut check-in: --bristol 4 --bloating 3 --pain 1 (any of them)
    #[command(visible_alias = "gut_check_in")]
    Gut {
        /// Bristol stool type 1-7
        #[arg(long)]
        bristol: Option<u8>,
        /// Bloating 0-10
        #[arg(long)]
        bloating: Option<u8>,
        /// Abdominal pain 0-10
        #[arg(long)]
        pain: Option<u8>,
        #[command(flatten)]
        common: Common,
    },
    /// Stress 0-10: stress 6
    Stress {
        level: u8,
        #[command(flatten)]
        common: Common,
    },
    /// Sleep: --hours 7.5 or --minutes 450, optionally --quality 1-5
    Sleep {
        /// Hours slept, e.g. 7.5
        #[arg(long, conflicts_with = "minutes", required_unless_present = "minutes")]
        hours: Option<f64>,
        /// Minutes slept
        #[arg(long)]
        minutes: Option<u32>,
        /// 1 (very poor) to 5 (very good)
        #[arg(long)]
        quality: Option<u8>,
        #[command(flatten)]
        common: Common,
    },
    /// Activity: exercise 30 (exercise, meditation or breathing; minutes)
    Activity {
        #[arg(value_enum)]
        activity: ActivityArg,
        minutes: u32,
        #[command(flatten)]
        common: Common,
    },
    /// A supplement or medicine: --kind probiotic --name "L. rhamnosus GG" --dose "1 capsule"
    #[command(visible_alias = "med")]
    Medication {
        #[arg(long, value_enum)]
        kind: MedicationArg,
        #[arg(long)]
        name: String,
        /// The dose, as text
        #[arg(long)]
        dose: Option<String>,
        /// First day of the course, YYYY-MM-DD (required for antibiotics)
        #[arg(long, value_name = "DATE")]
        course_start: Option<String>,
        /// Last day of the course, YYYY-MM-DD
        #[arg(long, value_name = "DATE", requires = "course_start")]
        course_end: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Water in ml: water 500
    Water {
        ml: u32,
        #[command(flatten)]
        common: Common,
    },
    /// A free note: note "new moisturiser today"
    Note {
        text: String,
        #[command(flatten)]
        common: Common,
    },
}

impl LogKind {
    pub fn common(&self) -> &Common {
        match self {
            LogKind::Meal { common, .. }
            | LogKind::Skin { common, .. }
            | LogKind::Gut { common, .. }
            | LogKind::Stress { common, .. }
            | LogKind::Sleep { common, .. }
            | LogKind::Activity { common, .. }
            | LogKind::Medication { common, .. }
            | LogKind::Water { common, .. }
            | LogKind::Note { common, .. } => common,
        }
    }
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The entry's id
    pub id: String,
    /// Move it: "YYYY-MM-DD HH:MM", "HH:MM" (same day), or RFC 3339; read in the entry's zone unless --zone is given
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// Replace the note
    #[arg(long, value_name = "TEXT", conflicts_with = "clear_note")]
    pub note: Option<String>,
    /// Remove the note
    #[arg(long)]
    pub clear_note: bool,
    /// Add a tag (repeat for more)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Remove a tag (repeat for more)
    #[arg(long = "untag", value_name = "TAG")]
    pub untags: Vec<String>,
    /// Set one kind-specific field, as the JSON Lines format names it: level=7, bristol=5,
    /// meal=dinner, items='["oats","kefir"]' (the value is JSON, or else text) (repeat)
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub sets: Vec<String>,
    /// Kind-specific fields as a JSON object, merged into the entry's: '{"bloating":2,"pain":null}'
    #[arg(long, value_name = "JSON")]
    pub details: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MealArg {
    Breakfast,
    Lunch,
    Dinner,
    Snack,
    Drink,
}

impl From<MealArg> for MealKind {
    fn from(m: MealArg) -> Self {
        match m {
            MealArg::Breakfast => MealKind::Breakfast,
            MealArg::Lunch => MealKind::Lunch,
            MealArg::Dinner => MealKind::Dinner,
            MealArg::Snack => MealKind::Snack,
            MealArg::Drink => MealKind::Drink,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ActivityArg {
    Exercise,
    Meditation,
    Breathing,
}

impl From<ActivityArg> for ActivityKind {
    fn from(a: ActivityArg) -> Self {
        match a {
            ActivityArg::Exercise => ActivityKind::Exercise,
            ActivityArg::Meditation => ActivityKind::Meditation,
            ActivityArg::Breathing => ActivityKind::Breathing,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MedicationArg {
    Probiotic,
    Prebiotic,
    Antibiotic,
    Other,
}

impl From<MedicationArg> for MedicationKind {
    fn from(m: MedicationArg) -> Self {
        match m {
            MedicationArg::Probiotic => MedicationKind::Probiotic,
            MedicationArg::Prebiotic => MedicationKind::Prebiotic,
            MedicationArg::Antibiotic => MedicationKind::Antibiotic,
            MedicationArg::Other => MedicationKind::Other,
        }
    }
}
