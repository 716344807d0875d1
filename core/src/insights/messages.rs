//! The insights' message catalogue, in English and German: every text a finding shows.
//!
//! Wording rules (checked by the tests for every text): a link is "linked with" ("verbunden
//! mit"), never "causes", "cures" or "treats"; a finding is a pattern in the user's own diary and
//! a hypothesis to test, never a diagnosis; nobody is told to stop a prescribed medicine; minors
//! are pointed to a clinician before leaving out foods. German uses the informal "du".

use crate::model::Condition;

use super::{FoodFlag, InsightLabel};

/// The languages of the catalogues (insights and guidance).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    En,
    De,
}

impl Lang {
    /// `de`, `de-DE`, `de_AT` ... give German; anything else English.
    pub(crate) fn from_locale(locale: &str) -> Lang {
        let lower = locale.trim().to_ascii_lowercase();
        if lower.starts_with("de") && matches!(lower.as_bytes().get(2), None | Some(b'-' | b'_' | b'.' | b'@')) {
            Lang::De
        } else {
            Lang::En
        }
    }

    pub(crate) fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }
}

/// Fills `{key}` placeholders.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_string(), |text, (key, value)| text.replace(&format!("{{{key}}}"), value))
}

/// One message of the insights catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Msg {
    Label(InsightLabel),
    Flag(FoodFlag),
    /// `{tag}`.
    Tag,
    HighStress,
    /// `{hours}`.
    ShortSleep,
    Antibiotics,
    /// The German exposure names after a preposition (dative: "mit Milchprodukten"); English
    /// repeats the plain name.
    FlagDative(FoodFlag),
    HighStressDative,
    /// `{hours}`.
    ShortSleepDative,
    AntibioticsDative,
    Severity(Condition),
    Itch(Condition),
    Bloating,
    GutPain,
    StoolForm,
    /// Lags: the same day, the next day, 1-2 days later, about a week later, that day or the next,
    /// during a course and the week after; and the general `{min}`-`{max}` days later.
    LagSameDay,
    LagNextDay,
    LagOneToTwo,
    LagAboutAWeek,
    LagSameOrNext,
    LagCourse,
    LagDays,
    /// `{min}` days later, for a single day other than 0 and 1.
    LagDay,
    /// The exposed days of a window, for the numbers: `{days}`, `{exposure}` (dative in German),
    /// and `{min}`, `{max}` where the lag has them; one per lag above.
    AfterSameDay,
    AfterNextDay,
    AfterOneToTwo,
    AfterAboutAWeek,
    AfterSameOrNext,
    AfterCourse,
    AfterDays,
    AfterDay,
    /// `{exposure}` (dative in German), `{outcome}`, `{lag}`; the plural forms for an exposure
    /// named in the plural ("antibiotics are linked").
    HeadlineHigher,
    HeadlineLower,
    HeadlineHigherPlural,
    HeadlineLowerPlural,
    /// `{outcome}`, `{mean_exposed}`, `{after}` (one of the `After*`), `{mean_unexposed}`,
    /// `{unexposed_days}`, `{effect}`, `{low}`, `{high}`, `{p}`, `{q}`.
    Detail,
    /// `{x}`, `{y}`, `{outcome}`.
    Flares,
    /// `{exposure}`, `{others}`.
    Together,
    /// `{exposure}` (dative in German), `{exposed_days}`, `{unexposed_days}`, `{min}`.
    NotEnough,
    /// `{exposure}` (dative in German), `{outcome}`, `{lag}`.
    NoClearLink,
    /// `{exposure}` (dative in German).
    TryWithout,
    TryWithoutMinor,
    TryStress,
    /// `{hours}`.
    TrySleep,
    Antibiotic,
    KeepWatching,
    /// `{likely}`, `{possible}`, `{tests}`.
    Summary,
    SummaryNothing,
    Caveat,
}

/// The text of `msg` in `lang`, placeholders unfilled.
pub(crate) fn text(lang: Lang, msg: Msg) -> &'static str {
    use Condition as C;
    let (en, de) = match msg {
        Msg::Label(InsightLabel::Likely) => ("likely", "wahrscheinlich"),
        Msg::Label(InsightLabel::Possible) => ("possible", "möglich"),
        Msg::Label(InsightLabel::NoClearLink) => ("no clear link", "kein klarer Zusammenhang"),
        Msg::Label(InsightLabel::NotEnoughData) => ("not enough data", "zu wenige Daten"),
        Msg::Flag(FoodFlag::Dairy) => ("dairy", "Milchprodukte"),
        Msg::Flag(FoodFlag::HighlyProcessed) => ("highly processed food", "stark verarbeitete Lebensmittel"),
        Msg::Flag(FoodFlag::Sugary) => ("sugary food or drink", "Zuckerreiches"),
        Msg::Flag(FoodFlag::Alcohol) => ("alcohol", "Alkohol"),
        Msg::Flag(FoodFlag::Fermented) => ("fermented food", "fermentierte Lebensmittel"),
        Msg::Tag => ("#{tag}", "#{tag}"),
        Msg::HighStress => ("a stressful day (7 or more of 10)", "ein stressiger Tag (7 oder mehr von 10)"),
        Msg::ShortSleep => ("a night under {hours} hours", "eine Nacht unter {hours} Stunden"),
        Msg::Antibiotics => ("antibiotics", "Antibiotika"),
        Msg::FlagDative(FoodFlag::Dairy) => ("dairy", "Milchprodukten"),
        Msg::FlagDative(FoodFlag::HighlyProcessed) => ("highly processed food", "stark verarbeiteten Lebensmitteln"),
        Msg::FlagDative(FoodFlag::Sugary) => ("sugary food or drink", "Zuckerreichem"),
        Msg::FlagDative(FoodFlag::Alcohol) => ("alcohol", "Alkohol"),
        Msg::FlagDative(FoodFlag::Fermented) => ("fermented food", "fermentierten Lebensmitteln"),
        Msg::HighStressDative => ("a stressful day (7 or more of 10)", "einem stressigen Tag (7 oder mehr von 10)"),
        Msg::ShortSleepDative => ("a night under {hours} hours", "einer Nacht unter {hours} Stunden"),
        Msg::AntibioticsDative => ("antibiotics", "Antibiotika"),
        Msg::Severity(C::Acne) => ("acne", "Akne"),
        Msg::Severity(C::AtopicDermatitis) => ("eczema (atopic dermatitis)", "Neurodermitis"),
        Msg::Severity(C::Rosacea) => ("rosacea", "Rosazea"),
        Msg::Severity(C::Psoriasis) => ("psoriasis", "Schuppenflechte"),
        Msg::Severity(C::Other) => ("your other skin condition", "deine andere Hauterkrankung"),
        Msg::Itch(C::Acne) => ("itch with acne", "Juckreiz bei Akne"),
        Msg::Itch(C::AtopicDermatitis) => ("eczema itch", "Juckreiz bei Neurodermitis"),
        Msg::Itch(C::Rosacea) => ("itch with rosacea", "Juckreiz bei Rosazea"),
        Msg::Itch(C::Psoriasis) => ("psoriasis itch", "Juckreiz bei Schuppenflechte"),
        Msg::Itch(C::Other) => ("itch", "Juckreiz"),
        Msg::Bloating => ("bloating", "Blähungen"),
        Msg::GutPain => ("tummy pain", "Bauchschmerzen"),
        Msg::StoolForm => ("loose stools (Bristol type)", "Stuhlform (Bristol-Typ, höher ist weicher)"),
        Msg::LagSameDay => ("the same day", "am selben Tag"),
        Msg::LagNextDay => ("the next day", "am nächsten Tag"),
        Msg::LagOneToTwo => ("1-2 days later", "1-2 Tage später"),
        Msg::LagAboutAWeek => ("about a week later", "etwa eine Woche später"),
        Msg::LagSameOrNext => ("that day or the next", "am selben oder nächsten Tag"),
        Msg::LagCourse => ("during a course and the week after", "während einer Einnahme und eine Woche danach"),
        Msg::LagDays => ("{min}-{max} days later", "{min}-{max} Tage später"),
        Msg::LagDay => ("{min} days later", "{min} Tage später"),
        Msg::AfterSameDay => ("on {days} days with {exposure}", "an {days} Tagen mit {exposure}"),
        Msg::AfterNextDay => {
            ("on {days} days the day after {exposure}", "an {days} Tagen jeweils am Tag nach {exposure}")
        }
        Msg::AfterOneToTwo => {
            ("on {days} days that came 1-2 days after {exposure}", "an {days} Tagen jeweils 1-2 Tage nach {exposure}")
        }
        Msg::AfterAboutAWeek => (
            "on {days} days that came about a week after {exposure}",
            "an {days} Tagen jeweils etwa eine Woche nach {exposure}",
        ),
        Msg::AfterSameOrNext => (
            "on {days} days with {exposure} that day or the day before",
            "an {days} Tagen mit {exposure} am selben Tag oder am Vortag",
        ),
        Msg::AfterCourse => (
            "on {days} days during a course of {exposure} or the week after",
            "an {days} Tagen während einer Einnahme von {exposure} oder in der Woche danach",
        ),
        Msg::AfterDays => (
            "on {days} days that came {min}-{max} days after {exposure}",
            "an {days} Tagen jeweils {min}-{max} Tage nach {exposure}",
        ),
        Msg::AfterDay => (
            "on {days} days that came {min} days after {exposure}",
            "an {days} Tagen jeweils {min} Tage nach {exposure}",
        ),
        Msg::HeadlineHigher => (
            "In your diary, {exposure} is linked with more {outcome} {lag}.",
            "In deinem Tagebuch sind stärkere Werte für {outcome} {lag} mit {exposure} verbunden.",
        ),
        Msg::HeadlineLower => (
            "In your diary, {exposure} is linked with less {outcome} {lag}.",
            "In deinem Tagebuch sind schwächere Werte für {outcome} {lag} mit {exposure} verbunden.",
        ),
        Msg::HeadlineHigherPlural => (
            "In your diary, {exposure} are linked with more {outcome} {lag}.",
            "In deinem Tagebuch sind stärkere Werte für {outcome} {lag} mit {exposure} verbunden.",
        ),
        Msg::HeadlineLowerPlural => (
            "In your diary, {exposure} are linked with less {outcome} {lag}.",
            "In deinem Tagebuch sind schwächere Werte für {outcome} {lag} mit {exposure} verbunden.",
        ),
        Msg::Detail => (
            "{outcome}: {mean_exposed} on average {after}, {mean_unexposed} on {unexposed_days} days without it. \
             Compared within the same fortnight, a difference of {effect} points (95% interval {low} to {high}; \
             p {p}, adjusted q {q}).",
            "{outcome}: im Mittel {mean_exposed} {after}, {mean_unexposed} an {unexposed_days} Tagen ohne. Im \
             Vergleich innerhalb derselben zwei Wochen ein Unterschied von {effect} Punkten (95-%-Intervall {low} \
             bis {high}; p {p}, bereinigtes q {q}).",
        ),
        Msg::Flares => (
            "It came before {x} of your {y} bad spells of {outcome}.",
            "Es kam vor {x} deiner {y} schlechten Phasen bei {outcome}.",
        ),
        Msg::Together => (
            "{exposure} and {others} always came together in your diary, so it cannot tell them apart.",
            "{exposure} und {others} kamen in deinem Tagebuch immer zusammen vor; es kann sie nicht auseinanderhalten.",
        ),
        Msg::NotEnough => (
            "Not enough data for {exposure} yet: {exposed_days} days with it and {unexposed_days} without; at least \
             {min} of each are needed.",
            "Noch zu wenige Daten zu {exposure}: {exposed_days} Tage mit und {unexposed_days} ohne; nötig sind \
             je mindestens {min}.",
        ),
        Msg::NoClearLink => (
            "No clear link between {exposure} and {outcome} {lag} in your diary so far.",
            "Bisher kein klarer Zusammenhang zwischen {exposure} und {outcome} {lag} in deinem Tagebuch.",
        ),
        Msg::TryWithout => (
            "A hypothesis to test, not a diagnosis: try cutting down on {exposure} for two weeks, keep logging, then \
             compare.",
            "Eine Vermutung zum Prüfen, keine Diagnose: Versuch zwei Wochen mit weniger {exposure}, trag weiter ein \
             und vergleiche dann.",
        ),
        Msg::TryWithoutMinor => (
            "A hypothesis, not a diagnosis: talk it through with a doctor or dietitian before leaving out any food.",
            "Eine Vermutung, keine Diagnose: Sprich mit einer Ärztin, einem Arzt oder einer Ernährungsfachkraft, \
             bevor du ein Lebensmittel weglässt.",
        ),
        Msg::TryStress => (
            "A hypothesis to test: on stressful days, try a ten-minute breathing or relaxation break for two weeks, \
             keep logging, then compare.",
            "Eine Vermutung zum Prüfen: Gönn dir an stressigen Tagen zwei Wochen lang eine zehnminütige Atem- oder \
             Entspannungspause, trag weiter ein und vergleiche dann.",
        ),
        Msg::TrySleep => (
            "A hypothesis to test: aim for {hours} hours of sleep or more for two weeks, keep logging, then compare.",
            "Eine Vermutung zum Prüfen: Versuch zwei Wochen lang, {hours} Stunden oder mehr zu schlafen, trag weiter \
             ein und vergleiche dann.",
        ),
        Msg::Antibiotic => (
            "Never stop or change a prescribed medicine because of this; mention it to the doctor who prescribed it.",
            "Setz ein verschriebenes Medikament deswegen nie ab und ändere nichts daran; erwähne es bei der Ärztin \
             oder dem Arzt, die es verschrieben haben.",
        ),
        Msg::KeepWatching => (
            "A pattern in your diary, not proof: keep logging to see whether it holds.",
            "Ein Muster in deinem Tagebuch, kein Beweis: Trag weiter ein und schau, ob es sich bestätigt.",
        ),
        Msg::Summary => (
            "{likely} likely and {possible} possible links among {tests} comparisons. These are correlations in \
             your own diary, to test, not diagnoses.",
            "{likely} wahrscheinliche und {possible} mögliche Zusammenhänge unter {tests} Vergleichen. Das sind \
             Zusammenhänge in deinem eigenen Tagebuch zum Prüfen, keine Diagnosen.",
        ),
        Msg::SummaryNothing => (
            "Not enough days logged yet to compare: keep logging meals, skin and gut check-ins for a few weeks.",
            "Noch zu wenige Tage zum Vergleichen: Trag ein paar Wochen lang Mahlzeiten und Haut- und Bauch-Check-ins \
             ein.",
        ),
        Msg::Caveat => (
            "Correlation in a diary is not proof: other things that changed at the same time may explain a link.",
            "Ein Zusammenhang im Tagebuch ist kein Beweis: Anderes, das sich zur selben Zeit geändert hat, kann ihn \
             erklären.",
        ),
    };
    match lang {
        Lang::En => en,
        Lang::De => de,
    }
}

/// Every message, for the wording tests.
#[cfg(test)]
pub(crate) fn all_messages() -> Vec<Msg> {
    let mut all = vec![
        Msg::Tag,
        Msg::HighStress,
        Msg::ShortSleep,
        Msg::Antibiotics,
        Msg::Bloating,
        Msg::GutPain,
        Msg::StoolForm,
        Msg::LagSameDay,
        Msg::LagNextDay,
        Msg::LagOneToTwo,
        Msg::LagAboutAWeek,
        Msg::LagSameOrNext,
        Msg::LagCourse,
        Msg::LagDays,
        Msg::LagDay,
        Msg::HighStressDative,
        Msg::ShortSleepDative,
        Msg::AntibioticsDative,
        Msg::AfterSameDay,
        Msg::AfterNextDay,
        Msg::AfterOneToTwo,
        Msg::AfterAboutAWeek,
        Msg::AfterSameOrNext,
        Msg::AfterCourse,
        Msg::AfterDays,
        Msg::AfterDay,
        Msg::HeadlineHigher,
        Msg::HeadlineLower,
        Msg::HeadlineHigherPlural,
        Msg::HeadlineLowerPlural,
        Msg::Detail,
        Msg::Flares,
        Msg::Together,
        Msg::NotEnough,
        Msg::NoClearLink,
        Msg::TryWithout,
        Msg::TryWithoutMinor,
        Msg::TryStress,
        Msg::TrySleep,
        Msg::Antibiotic,
        Msg::KeepWatching,
        Msg::Summary,
        Msg::SummaryNothing,
        Msg::Caveat,
    ];
    all.extend(
        [InsightLabel::Likely, InsightLabel::Possible, InsightLabel::NoClearLink, InsightLabel::NotEnoughData]
            .map(Msg::Label),
    );
    all.extend(FoodFlag::ALL.map(Msg::Flag));
    all.extend(FoodFlag::ALL.map(Msg::FlagDative));
    all.extend(Condition::ALL.map(Msg::Severity));
    all.extend(Condition::ALL.map(Msg::Itch));
    all
}

#[cfg(test)]
/// The wording rules every health text of the product follows (insights and guidance): no word
/// starting with "cause", "cure" or "treat" (nor the German "verursach-", "Ursache", "heilt",
/// "heilen", "Heilung", "behandelt", "Behandlung"). Returns the first broken rule.
pub(crate) fn wording_problem(text: &str) -> Option<&'static str> {
    const BANNED: [(&str, &str); 10] = [
        ("cause", "says \"cause\""),
        ("cure", "says \"cure\""),
        ("treat", "says \"treat\""),
        ("verursach", "says \"verursacht\""),
        ("ursache", "says \"Ursache\""),
        ("heilt", "says \"heilt\""),
        ("heilen", "says \"heilen\""),
        ("heilung", "says \"Heilung\""),
        ("behandelt", "says \"behandelt\""),
        ("behandlung", "says \"Behandlung\""),
    ];
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .find_map(|word| BANNED.iter().find(|(stem, _)| word.starts_with(stem)).map(|(_, why)| *why))
}

#[cfg(test)]
/// Whether a text that claims a link words it as "linked with" / "verbunden".
pub(crate) fn says_linked(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("linked with") || lower.contains("verbunden")
}
