//! The message catalogue: every text a reminder shows, in English and German.
//!
//! Tone: plain and friendly, a question rather than an order, never a reproach ("Time for your
//! lunch log?", not "You forgot again!"). German uses the informal "du", as phone apps do. Texts
//! with `{name}`-style placeholders are filled by [`fill`]; nothing else in the module holds
//! user-facing wording.

use super::records::{DoseKind, ReminderKind};
use crate::model::MealKind;

/// The languages of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    En,
    De,
}

impl Lang {
    /// `de`, `de-DE`, `de_AT`, `DE` ... give German; anything else English.
    pub fn from_locale(locale: &str) -> Lang {
        let lower = locale.trim().to_ascii_lowercase();
        if lower.starts_with("de") && matches!(lower.as_bytes().get(2), None | Some(b'-' | b'_' | b'.' | b'@')) {
            Lang::De
        } else {
            Lang::En
        }
    }
}

/// One message of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Msg {
    MealTitle(MealKind),
    MealBody(MealKind),
    SkinTitle,
    SkinBody,
    GutTitle,
    GutBody,
    /// The title of a dose reminder is the dose's name.
    DoseBody(DoseKind),
    PhotoTitle,
    PhotoBody,
    /// The title of a custom reminder; its body is the user's text.
    CustomTitle,
    /// `{days}`, `{every}`.
    NoteBackedOff,
    /// `{until}`.
    NotePaused,
    /// `{date}`.
    NoteCourseEnded,
    /// `{field}`, `{reason}`.
    NoteInvalidReminder,
    /// `{cap}`, `{left_out}`.
    NoteCapped,
}

/// The text of `msg` in `lang`, placeholders unfilled.
pub(crate) fn text(lang: Lang, msg: Msg) -> &'static str {
    use MealKind as M;
    let (en, de) = match msg {
        Msg::MealTitle(M::Breakfast) => ("Breakfast", "Frühstück"),
        Msg::MealTitle(M::Lunch) => ("Lunch", "Mittagessen"),
        Msg::MealTitle(M::Dinner) => ("Dinner", "Abendessen"),
        Msg::MealTitle(M::Snack) => ("Snack", "Snack"),
        Msg::MealTitle(M::Drink) => ("Drinks", "Getränke"),
        Msg::MealBody(M::Breakfast) => ("Time for your breakfast log?", "Zeit, dein Frühstück einzutragen?"),
        Msg::MealBody(M::Lunch) => ("Time for your lunch log?", "Zeit, dein Mittagessen einzutragen?"),
        Msg::MealBody(M::Dinner) => ("Time for your dinner log?", "Zeit, dein Abendessen einzutragen?"),
        Msg::MealBody(M::Snack) => (
            "Had a snack? A quick log keeps the picture complete.",
            "Einen Snack gegessen? Ein kurzer Eintrag hält das Bild vollständig.",
        ),
        Msg::MealBody(M::Drink) => ("Time to log what you drank?", "Zeit, deine Getränke einzutragen?"),
        Msg::SkinTitle => ("Skin check-in", "Haut-Check-in"),
        Msg::SkinBody => ("How is your skin today?", "Wie geht es deiner Haut heute?"),
        Msg::GutTitle => ("Gut check-in", "Bauch-Check-in"),
        Msg::GutBody => ("How is your gut today?", "Wie geht es deinem Bauch heute?"),
        Msg::DoseBody(DoseKind::Probiotic) => ("Time for your probiotic?", "Zeit für dein Probiotikum?"),
        Msg::DoseBody(DoseKind::Supplement) => ("Time for your supplement?", "Zeit für dein Nahrungsergänzungsmittel?"),
        Msg::DoseBody(DoseKind::Medicine) => ("Time for your medicine?", "Zeit für dein Medikament?"),
        Msg::PhotoTitle => ("Progress photo", "Fortschrittsfoto"),
        Msg::PhotoBody => ("Time for this week's progress photo?", "Zeit für das Fortschrittsfoto dieser Woche?"),
        Msg::CustomTitle => ("Reminder", "Erinnerung"),
        Msg::NoteBackedOff => (
            "This reminder went unanswered {days} days in a row, so it now comes on one scheduled day in {every}.",
            "Diese Erinnerung blieb {days} Tage in Folge unbeantwortet; sie kommt jetzt nur noch an einem von {every} geplanten Tagen.",
        ),
        Msg::NotePaused => ("Reminders are paused until {until}.", "Erinnerungen sind pausiert bis {until}."),
        Msg::NoteCourseEnded => (
            "The course ended on {date}; this reminder no longer comes.",
            "Die Einnahme endete am {date}; diese Erinnerung kommt nicht mehr.",
        ),
        Msg::NoteInvalidReminder => (
            "A reminder could not be planned: invalid {field}: {reason}",
            "Eine Erinnerung konnte nicht geplant werden: ungültiges Feld {field}: {reason}",
        ),
        Msg::NoteCapped => (
            "The next {cap} reminders are scheduled; {left_out} more follow when the plan is renewed.",
            "Die nächsten {cap} Erinnerungen sind geplant; {left_out} weitere folgen, wenn der Plan erneuert wird.",
        ),
    };
    match lang {
        Lang::En => en,
        Lang::De => de,
    }
}

/// Fills `{key}` placeholders.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_string(), |text, (key, value)| text.replace(&format!("{{{key}}}"), value))
}

/// The catalogue's title and body for a reminder kind.
pub(crate) fn title_and_body(lang: Lang, kind: &ReminderKind) -> (String, String) {
    let (title, body) = match kind {
        ReminderKind::Meal { meal } => (text(lang, Msg::MealTitle(*meal)), text(lang, Msg::MealBody(*meal))),
        ReminderKind::SkinCheckIn => (text(lang, Msg::SkinTitle), text(lang, Msg::SkinBody)),
        ReminderKind::GutCheckIn => (text(lang, Msg::GutTitle), text(lang, Msg::GutBody)),
        ReminderKind::Dose { dose, name } => {
            return (name.trim().to_string(), text(lang, Msg::DoseBody(*dose)).to_string());
        }
        ReminderKind::ProgressPhoto => (text(lang, Msg::PhotoTitle), text(lang, Msg::PhotoBody)),
        ReminderKind::Custom { text: own } => {
            return (text(lang, Msg::CustomTitle).to_string(), own.trim().to_string());
        }
    };
    (title.to_string(), body.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_for_german_locales_only() {
        for de in ["de", "DE", "de-DE", "de_AT", "de-CH", "de.UTF-8", "de@euro"] {
            assert_eq!(Lang::from_locale(de), Lang::De, "{de}");
        }
        for en in ["", "en", "en-GB", "fr-FR", "dev", "dexx", "nl-DE"] {
            assert_eq!(Lang::from_locale(en), Lang::En, "{en}");
        }
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            fill(text(Lang::En, Msg::NoteBackedOff), &[("days", "5"), ("every", "2")]),
            "This reminder went unanswered 5 days in a row, so it now comes on one scheduled day in 2."
        );
    }

    #[test]
    fn no_text_nags() {
        let all = [
            Msg::MealBody(MealKind::Lunch),
            Msg::SkinBody,
            Msg::GutBody,
            Msg::DoseBody(DoseKind::Medicine),
            Msg::PhotoBody,
            Msg::NoteBackedOff,
        ];
        for lang in [Lang::En, Lang::De] {
            for msg in all {
                let t = text(lang, msg).to_lowercase();
                for word in ["forgot", "again", "vergessen", "schon wieder", "!"] {
                    assert!(!t.contains(word), "{msg:?} in {lang:?} contains {word:?}");
                }
            }
        }
    }
}
