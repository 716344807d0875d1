//! `gutskin reminders ...`: the reminders the phones turn into notifications, and `next`, which
//! shows the plan the phones would schedule (docs/reminders.md).

use std::time::{Duration, SystemTime};

use chrono::Datelike;
use clap::{Args, Subcommand, ValueEnum};
use gutskin_core::reminders::{
    DoseKind, NewReminder, Plan, PlanContext, PlanNote, PlannedNotification, QuietHours, Reminder, ReminderKind,
    ReminderZone, Schedule, Weekday,
};
use gutskin_core::time::{rfc3339, to_utc};
use serde_json::{Value, json};

use crate::args::MealArg;
use crate::commands::{Ctx, print_json, print_lines};
use crate::failure::{CliResult, Failure};
use crate::input;

/// The most notifications `next` shows.
const MAX_COUNT: usize = 1000;

#[derive(Debug, Subcommand)]
pub enum ReminderAction {
    /// Add a reminder: add meal --meal lunch --at 12:30 [--weekdays mon-fri] [--quiet 22:00-07:00]
    Add {
        #[arg(value_enum)]
        kind: KindArg,
        #[command(flatten)]
        what: WhatArgs,
        #[command(flatten)]
        when: WhenArgs,
        /// Keep it, but do not remind yet
        #[arg(long)]
        disabled: bool,
    },
    /// List the reminders (and whether they are paused on this device)
    List {
        /// Include deleted reminders
        #[arg(long)]
        deleted: bool,
    },
    /// Change a reminder; what is not given stays as it is (--at alone keeps the days, --weekdays alone the times)
    Edit {
        /// The reminder's id
        id: String,
        #[command(flatten)]
        what: WhatArgs,
        #[command(flatten)]
        when: WhenArgs,
        /// Back to every day (keeps the times)
        #[arg(long, conflicts_with_all = ["weekdays", "every_days", "course"])]
        daily: bool,
        /// Remove the quiet hours
        #[arg(long, conflicts_with = "quiet")]
        no_quiet: bool,
        /// Follow your zone again (after --fixed-zone)
        #[arg(long, conflicts_with = "fixed_zone")]
        follow_zone: bool,
        /// Back to the built-in title
        #[arg(long, conflicts_with = "title")]
        clear_title: bool,
        /// Back to the built-in text
        #[arg(long, conflicts_with = "body")]
        clear_body: bool,
        /// Remind again
        #[arg(long, conflicts_with = "disable")]
        enable: bool,
        /// Keep it, but do not remind
        #[arg(long)]
        disable: bool,
    },
    /// Delete a reminder (undo with `reminders undelete`)
    Delete { id: String },
    /// Bring a deleted reminder back
    Undelete { id: String },
    /// Pause every reminder on this device: --for 3d (h, d or w) or --until "2026-12-01 08:00"
    Pause {
        /// How long: 12h, 3d, 2w
        #[arg(long = "for", value_name = "DURATION", conflicts_with = "until", required_unless_present = "until")]
        duration: Option<String>,
        /// Until when: as for `log --at`
        #[arg(long, value_name = "TIME")]
        until: Option<String>,
    },
    /// End a pause
    Resume,
    /// The next notifications, at their local times in --zone, as the phone would schedule them
    Next {
        /// Plan as if it were this instant (RFC 3339, or as for `log --at`), e.g. to check a
        /// daylight-saving change [default: now]
        #[arg(long, value_name = "INSTANT")]
        from: Option<String>,
        /// At most this many notifications
        #[arg(long, default_value_t = 10)]
        count: usize,
        /// How far ahead, in days (1-366)
        #[arg(long, value_name = "D", default_value_t = 7)]
        horizon_days: u32,
    },
}

/// What a reminder is about.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    /// Log a meal (--meal)
    Meal,
    /// A skin check-in
    Skin,
    /// A gut check-in
    Gut,
    /// Take a probiotic (--name)
    Probiotic,
    /// Take a supplement (--name)
    Supplement,
    /// Take a medicine (--name)
    Medicine,
    /// This week's progress photo
    Photo,
    /// Your own text (--text)
    Custom,
}

#[derive(Debug, Args)]
pub struct WhatArgs {
    /// Which meal (meal reminders)
    #[arg(long, value_enum)]
    meal: Option<MealArg>,
    /// What to take (probiotic, supplement and medicine reminders)
    #[arg(long)]
    name: Option<String>,
    /// The text (custom reminders)
    #[arg(long)]
    text: Option<String>,
    /// Your own title instead of the built-in one
    #[arg(long)]
    title: Option<String>,
    /// Your own text instead of the built-in one
    #[arg(long)]
    body: Option<String>,
}

#[derive(Debug, Args)]
pub struct WhenArgs {
    /// Local times, HH:MM (repeat, or comma-separated: --at 08:00,20:00)
    #[arg(long = "at", value_name = "HH:MM")]
    times: Vec<String>,
    /// Only on these days: mon,tue,... (or mon-fri, weekdays, weekend) [default: every day]
    #[arg(long, value_name = "DAYS", conflicts_with_all = ["every_days", "course"])]
    weekdays: Option<String>,
    /// Every N days (1-366), counted from --start
    #[arg(long, value_name = "N", conflicts_with = "course")]
    every_days: Option<u32>,
    /// The first day of --every-days, YYYY-MM-DD or "today" [default: today]
    #[arg(long, value_name = "DATE", requires = "every_days")]
    start: Option<String>,
    /// Every day of a course, both days included: 2026-11-20..2026-12-03
    #[arg(long, value_name = "START..END")]
    course: Option<String>,
    /// Local hours without this reminder, e.g. 22:00-07:00 (a dose moves to their end, anything else is skipped)
    #[arg(long, value_name = "HH:MM-HH:MM")]
    quiet: Option<String>,
    /// Keep to this IANA zone's clock wherever you are (e.g. a medicine on home time) [default: your zone]
    #[arg(long, value_name = "ZONE")]
    fixed_zone: Option<String>,
}

pub fn reminders(ctx: &Ctx, action: ReminderAction) -> CliResult {
    match action {
        ReminderAction::Add { kind, what, when, disabled } => {
            if when.times.is_empty() {
                return Err(Failure::usage("give at least one --at HH:MM"));
            }
            let reminder_kind = kind_of(kind, &what)?;
            let mut times = Vec::new();
            let schedule = schedule_of(ctx, &when, Shape::Daily, &mut times)?;
            let reminder = NewReminder {
                kind: reminder_kind,
                schedule,
                quiet_hours: when.quiet.as_deref().map(quiet_hours).transpose()?,
                time_zone: zone_of(when.fixed_zone.as_deref()).unwrap_or_default(),
                enabled: !disabled,
                title: what.title,
                body: what.body,
            };
            // Check before opening: a bad reminder must not even create the diary file.
            reminder.validate()?;
            let added = ctx.open_for_write()?.add_reminder(reminder)?;
            show(ctx, "Added", &added)
        }
        ReminderAction::List { deleted } => {
            let diary = ctx.open_existing()?;
            let list = diary.reminders(deleted)?;
            let paused = diary.reminders_paused_until()?;
            if ctx.json {
                let paused = paused.map(rfc3339::format);
                return print_json(&json!({ "reminders": list, "paused_until": paused }));
            }
            let mut lines = Vec::new();
            if let Some(until) = paused {
                lines.push(format!("Paused on this device until {}.", local(ctx, until)));
            }
            if list.is_empty() {
                lines.push("No reminders yet: add one with `gutskin reminders add`.".into());
            }
            lines.extend(list.iter().map(reminder_line));
            print_lines(&lines)
        }
        ReminderAction::Edit {
            id,
            what,
            when,
            daily,
            no_quiet,
            follow_zone,
            clear_title,
            clear_body,
            enable,
            disable,
        } => {
            let diary = ctx.open_existing()?;
            let current = diary.reminder(&id)?;
            let mut new = current.to_new();
            new.kind = edited_kind(&current.kind, &what)?;
            let (times, shape) = shape_of(&current.schedule);
            let shape = if daily { Shape::Daily } else { shape };
            let mut times = times;
            new.schedule = schedule_of(ctx, &when, shape, &mut times)?;
            if let Some(quiet) = &when.quiet {
                new.quiet_hours = Some(quiet_hours(quiet)?);
            }
            if no_quiet {
                new.quiet_hours = None;
            }
            if let Some(zone) = zone_of(when.fixed_zone.as_deref()) {
                new.time_zone = zone;
            }
            if follow_zone {
                new.time_zone = ReminderZone::FollowUser;
            }
            if what.title.is_some() || clear_title {
                new.title = what.title;
            }
            if what.body.is_some() || clear_body {
                new.body = what.body;
            }
            if enable || disable {
                new.enabled = enable;
            }
            if new == current.to_new() {
                return Err(Failure::usage(
                    "nothing to change: give what to change (see `gutskin reminders edit --help`)",
                ));
            }
            let updated = diary.update_reminder(&id, new)?;
            show(ctx, "Changed", &updated)
        }
        ReminderAction::Delete { id } => show(ctx, "Deleted", &ctx.open_existing()?.delete_reminder(&id)?),
        ReminderAction::Undelete { id } => show(ctx, "Restored", &ctx.open_existing()?.undelete_reminder(&id)?),
        ReminderAction::Pause { duration, until } => {
            let until = match (duration, until) {
                (Some(text), _) => SystemTime::now() + parse_duration(&text)?,
                (None, Some(text)) => input::parse_at("--until", &text, ctx.zone.tz, input::today(&ctx.zone))?,
                (None, None) => return Err(Failure::usage("give --for DURATION or --until TIME")),
            };
            let diary = ctx.open_for_write()?;
            diary.pause_reminders(until)?;
            if ctx.json {
                return print_json(&json!({ "paused_until": rfc3339::format(until) }));
            }
            print_lines(&[format!("Reminders paused on this device until {}.", local(ctx, until))])
        }
        ReminderAction::Resume => {
            ctx.open_for_write()?.resume_reminders()?;
            if ctx.json {
                return print_json(&json!({ "paused_until": null }));
            }
            print_lines(&["Reminders resumed.".into()])
        }
        ReminderAction::Next { from, count, horizon_days } => {
            if !(1..=366).contains(&horizon_days) {
                return Err(Failure::invalid("--horizon-days", format!("must be 1-366, got {horizon_days}")));
            }
            let count = count.min(MAX_COUNT);
            let from = match from {
                Some(text) => input::parse_at("--from", &text, ctx.zone.tz, input::today(&ctx.zone))?,
                None => SystemTime::now(),
            };
            let diary = ctx.open_existing()?;
            let horizon = Duration::from_secs(u64::from(horizon_days) * 24 * 3600);
            let plan = diary.plan_reminders(from, horizon, count, ctx.zone.name())?;
            let plan_ctx = PlanContext::new(ctx.zone.name(), diary.profile()?.locale);
            if ctx.json {
                return print_json(&plan_json(ctx, from, &plan, &plan_ctx));
            }
            print_lines(&plan_lines(ctx, from, &plan, &plan_ctx))
        }
    }
}

// ---------------------------------------------------------------- reading the flags

fn kind_of(kind: KindArg, what: &WhatArgs) -> CliResult<ReminderKind> {
    let name = |dose: DoseKind| match &what.name {
        Some(name) => Ok(ReminderKind::Dose { dose, name: name.clone() }),
        None => Err(Failure::usage("say what to take: --name NAME")),
    };
    let kind = match kind {
        KindArg::Meal => match what.meal {
            Some(meal) => ReminderKind::Meal { meal: meal.into() },
            None => return Err(Failure::usage("say which meal: --meal breakfast|lunch|dinner|snack|drink")),
        },
        KindArg::Skin => ReminderKind::SkinCheckIn,
        KindArg::Gut => ReminderKind::GutCheckIn,
        KindArg::Probiotic => name(DoseKind::Probiotic)?,
        KindArg::Supplement => name(DoseKind::Supplement)?,
        KindArg::Medicine => name(DoseKind::Medicine)?,
        KindArg::Photo => ReminderKind::ProgressPhoto,
        KindArg::Custom => match &what.text {
            Some(text) => ReminderKind::Custom { text: text.clone() },
            None => return Err(Failure::usage("give the reminder's text: --text TEXT")),
        },
    };
    let fits = |flag: &str| {
        matches!(
            (flag, &kind),
            ("--meal", ReminderKind::Meal { .. })
                | ("--name", ReminderKind::Dose { .. })
                | ("--text", ReminderKind::Custom { .. })
        )
    };
    let given = [("--meal", what.meal.is_some()), ("--name", what.name.is_some()), ("--text", what.text.is_some())];
    match given.iter().find(|(flag, given)| *given && !fits(flag)) {
        Some((flag, _)) => Err(Failure::usage(format!("{flag} does not apply to this kind of reminder"))),
        None => Ok(kind),
    }
}

/// The kind with --meal, --name or --text applied where they fit it.
fn edited_kind(kind: &ReminderKind, what: &WhatArgs) -> CliResult<ReminderKind> {
    let misfit = |flag: &str| Failure::usage(format!("{flag} does not apply to this kind of reminder"));
    let mut kind = kind.clone();
    match &mut kind {
        ReminderKind::Meal { meal } => {
            if let Some(new) = what.meal {
                *meal = new.into();
            }
        }
        _ if what.meal.is_some() => return Err(misfit("--meal")),
        _ => {}
    }
    match &mut kind {
        ReminderKind::Dose { name, .. } => {
            if let Some(new) = &what.name {
                *name = new.clone();
            }
        }
        _ if what.name.is_some() => return Err(misfit("--name")),
        _ => {}
    }
    match &mut kind {
        ReminderKind::Custom { text } => {
            if let Some(new) = &what.text {
                *text = new.clone();
            }
        }
        _ if what.text.is_some() => return Err(misfit("--text")),
        _ => {}
    }
    Ok(kind)
}

/// Which days a schedule fires on, without its times.
#[derive(Debug, Clone)]
enum Shape {
    Daily,
    Weekdays(Vec<Weekday>),
    EveryNDays { every_days: u32, start_date: String },
    Course { start_date: String, end_date: String },
}

fn shape_of(schedule: &Schedule) -> (Vec<String>, Shape) {
    let times = schedule.times().to_vec();
    let shape = match schedule {
        Schedule::Daily { .. } => Shape::Daily,
        Schedule::Weekdays { weekdays, .. } => Shape::Weekdays(weekdays.clone()),
        Schedule::EveryNDays { every_days, start_date, .. } => {
            Shape::EveryNDays { every_days: *every_days, start_date: start_date.clone() }
        }
        Schedule::Course { start_date, end_date, .. } => {
            Shape::Course { start_date: start_date.clone(), end_date: end_date.clone() }
        }
    };
    (times, shape)
}

/// The schedule: `shape` and `times` unless the flags replace them.
fn schedule_of(ctx: &Ctx, when: &WhenArgs, shape: Shape, times: &mut Vec<String>) -> CliResult<Schedule> {
    if !when.times.is_empty() {
        *times = when.times.iter().flat_map(|t| t.split(',')).map(|t| t.trim().to_string()).collect();
    }
    let shape = if let Some(days) = &when.weekdays {
        Shape::Weekdays(weekdays(days)?)
    } else if let Some(every_days) = when.every_days {
        let start_date = match (&when.start, &shape) {
            (Some(start), _) => input::day_arg(start, &ctx.zone),
            // Changing the interval of an every-N-days schedule keeps its start.
            (None, Shape::EveryNDays { start_date, .. }) => start_date.clone(),
            (None, _) => input::today(&ctx.zone).to_string(),
        };
        Shape::EveryNDays { every_days, start_date }
    } else if let Some(course) = &when.course {
        let (start, end) = course.split_once("..").ok_or_else(|| {
            Failure::invalid("--course", format!("{course:?} is not START..END, e.g. 2026-11-20..2026-12-03"))
        })?;
        Shape::Course { start_date: input::day_arg(start, &ctx.zone), end_date: input::day_arg(end, &ctx.zone) }
    } else {
        shape
    };
    let times = times.clone();
    Ok(match shape {
        Shape::Daily => Schedule::Daily { times },
        Shape::Weekdays(weekdays) => Schedule::Weekdays { weekdays, times },
        Shape::EveryNDays { every_days, start_date } => Schedule::EveryNDays { every_days, start_date, times },
        Shape::Course { start_date, end_date } => Schedule::Course { start_date, end_date, times },
    })
}

const WEEK: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

/// A day of the week: its name or the first two or more letters of it ("mo", "tue", "thurs").
fn weekday(option: &str, text: &str) -> CliResult<usize> {
    let name = text.trim().to_ascii_lowercase();
    WEEK.iter()
        .position(|day| name.len() >= 2 && weekday_name(*day).starts_with(&name))
        .ok_or_else(|| Failure::invalid(option, format!("{text:?} is not a day of the week (mon, tue, ... sun)")))
}

/// `mon,wed,fri`, `mon-fri`, `weekdays`, `weekend`, full names; in week order, without repeats.
fn weekdays(text: &str) -> CliResult<Vec<Weekday>> {
    let mut chosen = [false; 7];
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.to_ascii_lowercase().as_str() {
            "weekdays" => chosen[..5].iter_mut().for_each(|d| *d = true),
            "weekend" | "weekends" => chosen[5..].iter_mut().for_each(|d| *d = true),
            _ => match part.split_once('-') {
                Some((first, last)) => {
                    let (first, last) = (weekday("--weekdays", first)?, weekday("--weekdays", last)?);
                    let mut day = first;
                    loop {
                        chosen[day] = true;
                        if day == last {
                            break;
                        }
                        day = (day + 1) % 7;
                    }
                }
                None => chosen[weekday("--weekdays", part)?] = true,
            },
        }
    }
    // None chosen: handed on, so that the core names the empty set.
    Ok(WEEK.iter().zip(chosen).filter(|(_, on)| *on).map(|(day, _)| *day).collect())
}

fn quiet_hours(text: &str) -> CliResult<QuietHours> {
    let (start, end) = text.split_once('-').ok_or_else(|| {
        Failure::invalid("--quiet", format!("{text:?} is not START-END in local time, e.g. 22:00-07:00"))
    })?;
    Ok(QuietHours { start: start.trim().to_string(), end: end.trim().to_string() })
}

fn zone_of(name: Option<&str>) -> Option<ReminderZone> {
    name.map(|zone| ReminderZone::Fixed { zone: zone.trim().to_string() })
}

/// `90m`, `12h`, `3d`, `2w`.
fn parse_duration(text: &str) -> CliResult<Duration> {
    let bad = || Failure::invalid("--for", format!("{text:?} is not a duration like 90m, 12h, 3d or 2w"));
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().map_err(|_| bad())?;
    let minutes = match unit.trim() {
        "m" | "min" => 1,
        "h" => 60,
        "d" => 24 * 60,
        "w" => 7 * 24 * 60,
        _ => return Err(bad()),
    };
    Ok(Duration::from_secs(number.saturating_mul(minutes * 60).min(400 * 24 * 3600)))
}

// ---------------------------------------------------------------- showing

fn local(ctx: &Ctx, t: SystemTime) -> String {
    to_utc(t).with_timezone(&ctx.zone.tz).format("%Y-%m-%d %H:%M").to_string()
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "monday",
        Weekday::Tuesday => "tuesday",
        Weekday::Wednesday => "wednesday",
        Weekday::Thursday => "thursday",
        Weekday::Friday => "friday",
        Weekday::Saturday => "saturday",
        Weekday::Sunday => "sunday",
    }
}

fn kind_text(kind: &ReminderKind) -> String {
    match kind {
        ReminderKind::Meal { meal } => format!("{} log", crate::output::meal_name(*meal)),
        ReminderKind::SkinCheckIn => "skin check-in".into(),
        ReminderKind::GutCheckIn => "gut check-in".into(),
        ReminderKind::Dose { dose, name } => {
            let dose = match dose {
                DoseKind::Probiotic => "probiotic",
                DoseKind::Supplement => "supplement",
                DoseKind::Medicine => "medicine",
            };
            format!("{dose} {name:?}")
        }
        ReminderKind::ProgressPhoto => "progress photo".into(),
        ReminderKind::Custom { text } => format!("{text:?}"),
    }
}

fn schedule_text(schedule: &Schedule) -> String {
    let at = format!("at {}", schedule.times().join(", "));
    match schedule {
        Schedule::Daily { .. } => format!("daily {at}"),
        Schedule::Weekdays { weekdays, .. } => {
            let days: Vec<&str> = weekdays.iter().map(|d| &weekday_name(*d)[..3]).collect();
            format!("{} {at}", days.join(","))
        }
        Schedule::EveryNDays { every_days: 1, start_date, .. } => format!("daily from {start_date} {at}"),
        Schedule::EveryNDays { every_days, start_date, .. } => {
            format!("every {every_days} days from {start_date} {at}")
        }
        Schedule::Course { start_date, end_date, .. } => format!("{start_date}..{end_date} {at}"),
    }
}

fn reminder_line(r: &Reminder) -> String {
    let mut line = format!("{}  {}, {}", r.id, kind_text(&r.kind), schedule_text(&r.schedule));
    if let Some(q) = &r.quiet_hours {
        line.push_str(&format!(", quiet {}-{}", q.start, q.end));
    }
    if let ReminderZone::Fixed { zone } = &r.time_zone {
        line.push_str(&format!(", on {zone} time"));
    }
    if let Some(title) = &r.title {
        line.push_str(&format!(", title {title:?}"));
    }
    if let Some(body) = &r.body {
        line.push_str(&format!(", text {body:?}"));
    }
    if !r.enabled {
        line.push_str("  (disabled)");
    }
    if r.deleted {
        line.push_str("  (deleted)");
    }
    line
}

fn show(ctx: &Ctx, verb: &str, r: &Reminder) -> CliResult {
    if ctx.json {
        return print_json(r);
    }
    print_lines(&[format!("{verb} {}", reminder_line(r))])
}

fn local_with_zone(ctx: &Ctx, t: SystemTime) -> String {
    to_utc(t).with_timezone(&ctx.zone.tz).format("%Y-%m-%d %a %H:%M %Z").to_string()
}

fn plan_lines(ctx: &Ctx, from: SystemTime, plan: &Plan, plan_ctx: &PlanContext) -> Vec<String> {
    let mut lines = vec![format!("Next reminders after {} ({}):", local_with_zone(ctx, from), ctx.zone.name())];
    if plan.notifications.is_empty() {
        lines.push("  none".into());
    }
    for n in &plan.notifications {
        lines.push(format!("  {}  {}: {}", local_with_zone(ctx, n.fire_at), n.title, n.body));
    }
    lines.extend(plan.notes.iter().map(|note| format!("Note: {}", note.text(plan_ctx))));
    lines
}

fn notification_json(ctx: &Ctx, n: &PlannedNotification) -> Value {
    let local = to_utc(n.fire_at).with_timezone(&ctx.zone.tz);
    json!({
        "id": n.id,
        "reminder_id": n.reminder_id,
        "fire_at": rfc3339::format(n.fire_at),
        "local_time": local.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        "weekday": weekday_name(WEEK[local.weekday().num_days_from_monday() as usize]),
        "title": n.title,
        "body": n.body,
        "slot_date": n.slot_date,
        "slot_time": n.slot_time,
    })
}

fn note_json(note: &PlanNote, plan_ctx: &PlanContext) -> Value {
    let mut value = match note {
        PlanNote::Paused { until } => json!({ "type": "paused", "until": rfc3339::format(*until) }),
        other => serde_json::to_value(other).unwrap_or(Value::Null),
    };
    if let Value::Object(fields) = &mut value {
        fields.insert("text".into(), Value::String(note.text(plan_ctx)));
    }
    value
}

fn plan_json(ctx: &Ctx, from: SystemTime, plan: &Plan, plan_ctx: &PlanContext) -> Value {
    json!({
        "from": rfc3339::format(from),
        "time_zone": ctx.zone.name(),
        "notifications": plan.notifications.iter().map(|n| notification_json(ctx, n)).collect::<Vec<_>>(),
        "notes": plan.notes.iter().map(|n| note_json(n, plan_ctx)).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_of_the_week_in_every_form() {
        use Weekday::*;
        assert_eq!(weekdays("mon,wed,fri").unwrap(), [Monday, Wednesday, Friday]);
        assert_eq!(weekdays("Friday, monday").unwrap(), [Monday, Friday]);
        assert_eq!(weekdays("mon-fri").unwrap(), weekdays("weekdays").unwrap());
        assert_eq!(weekdays("fri-mon").unwrap(), [Monday, Friday, Saturday, Sunday]);
        assert_eq!(weekdays("weekend,mo").unwrap(), [Monday, Saturday, Sunday]);
        assert_eq!(weekdays("").unwrap(), []);
        for bad in ["m", "funday", "mon-", "monx", "tuesdays"] {
            assert!(weekdays(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90m").unwrap(), Duration::from_secs(90 * 60));
        assert_eq!(parse_duration("3d").unwrap(), Duration::from_secs(3 * 24 * 3600));
        assert_eq!(parse_duration("2w").unwrap(), Duration::from_secs(14 * 24 * 3600));
        for bad in ["", "3", "d", "3 days", "-1h"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }
}
