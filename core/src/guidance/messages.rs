//! The guidance's message catalogue, in English and German: every text a card shows.
//!
//! Wording rules (checked by the tests for every text): a link is "linked with" ("verbunden
//! mit"), never "causes", "cures" or "treats"; nobody is told to stop a prescribed medicine;
//! probiotics are never presented as a remedy for eczema; alcohol is never suggested for any
//! benefit; minors are not told to cut out dairy or whole food groups but pointed to a clinician.
//! Placeholders: `{value}` (what was measured), `{days}` (days with data), `{window}` (the
//! window in days), `{count}` (what the value counts over, for the rules that name it: meals with
//! a known glycaemic load), `{target}`, `{food}` (a food of the table).

pub(crate) use crate::insights::messages::{Lang, fill};

/// A part of a rule's card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Title,
    Measured,
    Target,
    Why,
    Try,
    Praise,
    /// The variant of `Try` for children and teenagers, where a rule needs one.
    TryMinor,
}

#[cfg(test)]
pub(crate) const PARTS: [Part; 7] =
    [Part::Title, Part::Measured, Part::Target, Part::Why, Part::Try, Part::Praise, Part::TryMinor];

/// The text of a rule's part in `lang`, placeholders unfilled; `None` if the rule has no such part.
pub(crate) fn text(lang: Lang, rule: &str, part: Part) -> Option<&'static str> {
    use Part::*;
    let (en, de) = match (rule, part) {
        ("antibiotic_course", Title) => ("During and after antibiotics", "Während und nach Antibiotika"),
        ("antibiotic_course", Measured) => (
            "An antibiotic course in your diary in the last {window} days.",
            "Eine Antibiotika-Einnahme in deinem Tagebuch in den letzten {window} Tagen.",
        ),
        ("antibiotic_course", Target) => (
            "Take the course exactly as prescribed; never stop a prescribed medicine on your own.",
            "Nimm die Antibiotika genau wie verschrieben; setz ein verschriebenes Medikament nie selbst ab.",
        ),
        ("antibiotic_course", Why) => (
            "Antibiotics change the gut's microbes for a while. Studies of infants link antibiotic courses in the \
             first year with eczema later on.",
            "Antibiotika verändern die Mikroben im Darm eine Zeit lang. Studien an Säuglingen bringen Antibiotika im \
             ersten Lebensjahr mit späterer Neurodermitis in Verbindung.",
        ),
        ("antibiotic_course", Try) => (
            "Alongside the course, keep up foods that feed your gut microbes, such as {food}; ask your doctor or \
             pharmacist if anything is unclear.",
            "Iss neben der Einnahme weiter, was deine Darmmikroben nährt, zum Beispiel {food}; frag bei Unklarheiten \
             deine Ärztin, deinen Arzt oder die Apotheke.",
        ),
        ("sleep", Title) => ("Sleep", "Schlaf"),
        ("sleep", Measured) => (
            "You slept {value} hours a night on average ({days} nights logged in the last {window} days).",
            "Du hast im Schnitt {value} Stunden pro Nacht geschlafen ({days} Nächte in den letzten {window} Tagen).",
        ),
        ("sleep", Target) => {
            ("At least {target} hours a night for your age.", "Mindestens {target} Stunden pro Nacht in deinem Alter.")
        }
        ("sleep", Why) => (
            "Short sleep is linked with more stress and more itch, and stress and gut and skin talk to each other.",
            "Wenig Schlaf ist mit mehr Stress und mehr Juckreiz verbunden, und Stress, Darm und Haut beeinflussen sich \
             gegenseitig.",
        ),
        ("sleep", Try) => (
            "Try a fixed bedtime for the next two weeks, 30 minutes earlier than now, with screens away.",
            "Versuch zwei Wochen lang eine feste Schlafenszeit, 30 Minuten früher als jetzt, ohne Bildschirm.",
        ),
        ("sleep", Praise) => (
            "You slept {value} hours a night on average: that meets the {target} hours for your age. Keep it up.",
            "Du hast im Schnitt {value} Stunden geschlafen: Das erfüllt die {target} Stunden für dein Alter. Weiter so.",
        ),
        ("stress", Title) => ("Stressful days", "Stressige Tage"),
        ("stress", Measured) => (
            "{value} days with stress of 7 or more out of 10 in the last {window} days ({days} days logged).",
            "{value} Tage mit Stress von 7 oder mehr von 10 in den letzten {window} Tagen ({days} Tage eingetragen).",
        ),
        ("stress", Target) => {
            ("No more than {target} such days a week.", "Nicht mehr als {target} solche Tage pro Woche.")
        }
        ("stress", Why) => (
            "In small studies, stress was linked with worse skin the next day in eczema, and weeks later in psoriasis.",
            "In kleinen Studien war Stress mit schlechterer Haut am nächsten Tag bei Neurodermitis und Wochen später bei \
             Schuppenflechte verbunden.",
        ),
        ("stress", Try) => (
            "On a stressful day, try a five-minute breathing exercise and log it, then compare your skin over two weeks.",
            "Probier an stressigen Tagen eine fünfminütige Atemübung, trag sie ein und vergleiche deine Haut über zwei \
             Wochen.",
        ),
        ("fibre", Title) => ("Fibre", "Ballaststoffe"),
        ("fibre", Measured) => (
            "About {value} g of fibre a day ({days} days with meals from the food table in the last {window} days).",
            "Etwa {value} g Ballaststoffe pro Tag ({days} Tage mit Mahlzeiten aus der Lebensmitteltabelle in den \
             letzten {window} Tagen).",
        ),
        ("fibre", Target) => {
            ("At least {target} g a day for your age.", "Mindestens {target} g pro Tag in deinem Alter.")
        }
        ("fibre", Why) => (
            "Gut microbes turn fibre into short-chain fatty acids, which are linked with a calmer immune system, in the \
             gut and beyond.",
            "Darmmikroben machen aus Ballaststoffen kurzkettige Fettsäuren, die mit einem ruhigeren Immunsystem \
             verbunden sind, im Darm und darüber hinaus.",
        ),
        ("fibre", Try) => {
            ("Add a portion of {food} to one meal a day.", "Ergänze eine Mahlzeit am Tag um eine Portion {food}.")
        }
        ("fibre", Praise) => (
            "About {value} g of fibre a day: that meets the {target} g for your age.",
            "Etwa {value} g Ballaststoffe pro Tag: Das erfüllt die {target} g für dein Alter.",
        ),
        ("plant_diversity", Title) => ("Different plants", "Verschiedene Pflanzen"),
        ("plant_diversity", Measured) => (
            "{value} different plants in the last {window} days.",
            "{value} verschiedene Pflanzen in den letzten {window} Tagen.",
        ),
        ("plant_diversity", Target) => ("{target} or more a week.", "{target} oder mehr pro Woche."),
        ("plant_diversity", Why) => (
            "Eating more than 30 kinds of plants a week was linked with a more diverse gut microbiome in a large survey.",
            "Mehr als 30 Pflanzenarten pro Woche waren in einer großen Erhebung mit einem vielfältigeren Darmmikrobiom \
             verbunden.",
        ),
        ("plant_diversity", Try) => (
            "Add one plant you have not had this week, such as {food}; herbs, nuts and seeds count too.",
            "Nimm eine Pflanze dazu, die du diese Woche noch nicht hattest, etwa {food}; Kräuter, Nüsse und Samen \
             zählen auch.",
        ),
        ("plant_diversity", Praise) => (
            "{value} different plants this week: that meets the mark of {target}.",
            "{value} verschiedene Pflanzen diese Woche: Das erreicht die Marke von {target}.",
        ),
        ("fermented_foods", Title) => ("Fermented foods", "Fermentierte Lebensmittel"),
        ("fermented_foods", Measured) => (
            "{value} servings of fermented food a day on average ({days} days with meals in the last {window} days).",
            "Im Schnitt {value} Portionen fermentierter Lebensmittel pro Tag ({days} Tage mit Mahlzeiten in den \
             letzten {window} Tagen).",
        ),
        ("fermented_foods", Target) => (
            "At least {target} a day to start; the trial built up to 6 servings a day.",
            "Zum Einstieg mindestens {target} pro Tag; die Studie steigerte auf 6 Portionen pro Tag.",
        ),
        ("fermented_foods", Why) => (
            "In a small trial, more fermented food was linked with a more diverse gut microbiome and lower markers of \
             inflammation.",
            "In einer kleinen Studie waren mehr fermentierte Lebensmittel mit einem vielfältigeren Darmmikrobiom und \
             niedrigeren Entzündungswerten verbunden.",
        ),
        ("fermented_foods", Try) => {
            ("Have a serving of {food} with one meal a day.", "Iss zu einer Mahlzeit am Tag eine Portion {food}.")
        }
        ("fermented_foods", Praise) => (
            "{value} servings of fermented food a day: a good habit to keep.",
            "{value} Portionen fermentierter Lebensmittel pro Tag: eine gute Gewohnheit.",
        ),
        ("oily_fish", Title) => ("Oily fish", "Fetter Fisch"),
        ("oily_fish", Measured) => (
            "About {value} g a day of the long-chain omega-3 fats oily fish brings (EPA and DHA).",
            "Etwa {value} g pro Tag der langkettigen Omega-3-Fette aus fettem Fisch (EPA und DHA).",
        ),
        ("oily_fish", Target) => (
            "About {target} g a day: two portions of fish a week, at least one of them oily.",
            "Etwa {target} g pro Tag: zwei Portionen Fisch pro Woche, mindestens eine davon fett.",
        ),
        ("oily_fish", Why) => (
            "Oily fish brings long-chain omega-3 fats; in a small trial, omega-3 was linked with fewer acne lesions.",
            "Fetter Fisch liefert langkettige Omega-3-Fette; in einer kleinen Studie war Omega-3 mit weniger \
             Aknepickeln verbunden.",
        ),
        ("oily_fish", Try) => ("Try {food} once this week.", "Probier diese Woche einmal {food}."),
        ("sugars", Title) => ("Sugar", "Zucker"),
        ("sugars", Measured) => (
            "Sugars gave about {value} % of your energy ({days} days with meals from the food table).",
            "Zucker lieferte etwa {value} % deiner Energie ({days} Tage mit Mahlzeiten aus der Lebensmitteltabelle).",
        ),
        ("sugars", Target) => (
            "Free sugars under {target} % of energy, ideally under 5 %.",
            "Freier Zucker unter {target} % der Energie, besser unter 5 %.",
        ),
        ("sugars", Why) => (
            "A diet high in sugar and low in fibre is linked with a less diverse gut microbiome.",
            "Viel Zucker und wenig Ballaststoffe sind mit einem weniger vielfältigen Darmmikrobiom verbunden.",
        ),
        ("sugars", Try) => (
            "Swap one sweet drink or snack a day for water, tea or a piece of fruit.",
            "Tausch täglich ein süßes Getränk oder einen süßen Snack gegen Wasser, Tee oder ein Stück Obst.",
        ),
        ("saturated_fat", Title) => ("Saturated fat", "Gesättigte Fette"),
        ("saturated_fat", Measured) => (
            "Saturated fat gave about {value} % of your energy ({days} days with meals from the food table).",
            "Gesättigte Fette lieferten etwa {value} % deiner Energie ({days} Tage mit Mahlzeiten aus der \
             Lebensmitteltabelle).",
        ),
        ("saturated_fat", Target) => ("Under {target} % of energy.", "Unter {target} % der Energie."),
        ("saturated_fat", Why) => (
            "Guidelines set this limit for heart health; plant oils, nuts and fish are the usual swaps.",
            "Leitlinien setzen diese Grenze für die Herzgesundheit; Pflanzenöle, Nüsse und Fisch sind der übliche \
             Tausch.",
        ),
        ("saturated_fat", Try) => (
            "Cook with olive or rapeseed oil instead of butter for two weeks.",
            "Koch zwei Wochen lang mit Oliven- oder Rapsöl statt Butter.",
        ),
        ("highly_processed", Title) => ("Highly processed food", "Stark verarbeitete Lebensmittel"),
        ("highly_processed", Measured) => (
            "About {value} g a day of highly processed food (NOVA 4, a label, not a verdict).",
            "Etwa {value} g pro Tag stark verarbeitete Lebensmittel (NOVA 4, eine Einordnung, kein Urteil).",
        ),
        ("highly_processed", Target) => (
            "Less: every 100 g a day more was linked with a 4 % higher inflammation marker (CRP).",
            "Weniger: Je 100 g mehr pro Tag waren mit einem um 4 % höheren Entzündungswert (CRP) verbunden.",
        ),
        ("highly_processed", Why) => (
            "Highly processed food is linked with many health outcomes and with markers of inflammation.",
            "Stark verarbeitete Lebensmittel sind mit vielen Gesundheitsfolgen und mit Entzündungswerten verbunden.",
        ),
        ("highly_processed", Try) => (
            "Replace one packaged snack a day with a home-made or whole food you like.",
            "Ersetz täglich einen verpackten Snack durch etwas Selbstgemachtes oder ein unverarbeitetes Lebensmittel.",
        ),
        ("alcohol", Title) => ("Alcohol", "Alkohol"),
        ("alcohol", Measured) => (
            "About {value} g of alcohol in the last {window} days.",
            "Etwa {value} g Alkohol in den letzten {window} Tagen.",
        ),
        ("alcohol", Target) => (
            "UK: at most {target} g (14 units) a week, spread over 3 or more days; the WHO says no level is safe.",
            "UK: höchstens {target} g (14 Einheiten) pro Woche, verteilt auf 3 oder mehr Tage; laut WHO ist keine \
             Menge sicher.",
        ),
        ("alcohol", Why) => (
            "Alcohol is linked with changes in the gut's lining and microbes, and with rosacea.",
            "Alkohol ist mit Veränderungen der Darmschleimhaut und der Darmmikroben sowie mit Rosazea verbunden.",
        ),
        ("alcohol", Try) => (
            "Choose {food} instead on two of your drinking days this week.",
            "Wähl diese Woche an zwei deiner Trinktage stattdessen {food}.",
        ),
        ("dairy_acne", Title) => ("Dairy and acne", "Milchprodukte und Akne"),
        ("dairy_acne", Measured) => {
            ("Dairy on {value} of the last {window} days.", "Milchprodukte an {value} der letzten {window} Tage.")
        }
        ("dairy_acne", Target) => (
            "No fixed limit; studies linked milk (not yogurt or cheese) with more acne.",
            "Keine feste Grenze; Studien verbanden Milch (nicht Joghurt oder Käse) mit mehr Akne.",
        ),
        ("dairy_acne", Why) => (
            "In pooled observational studies, drinking milk was linked with a higher chance of acne; yogurt and cheese \
             were not.",
            "In zusammengefassten Beobachtungsstudien war Milchtrinken mit einer höheren Akne-Wahrscheinlichkeit \
             verbunden; Joghurt und Käse nicht.",
        ),
        ("dairy_acne", Try) => (
            "If you want to test it, swap milk for {food} (with added calcium) for two weeks and compare your skin.",
            "Wenn du es testen willst, ersetz Milch zwei Wochen lang durch {food} (mit Calcium) und vergleiche deine \
             Haut.",
        ),
        ("dairy_acne", TryMinor) => (
            "Please don't cut out dairy on your own while you are growing: talk to your doctor about your skin first.",
            "Lass Milchprodukte im Wachstum bitte nicht auf eigene Faust weg: Sprich zuerst mit deiner Ärztin oder \
             deinem Arzt über deine Haut.",
        ),
        ("glycaemic_load_acne", Title) => ("Glycaemic load and acne", "Glykämische Last und Akne"),
        ("glycaemic_load_acne", Measured) => (
            "Of the {count} meals in the last {window} days whose glycaemic load is known, {value} % had a high load \
             (20 or more). Meals with free text, your own foods or foods without a glycaemic index are not counted.",
            "Von den {count} Mahlzeiten der letzten {window} Tage mit bekannter glykämischer Last hatten {value} % eine \
             hohe Last (20 oder mehr). Mahlzeiten mit freiem Text, eigenen Lebensmitteln oder Lebensmitteln ohne \
             glykämischen Index zählen nicht mit.",
        ),
        ("glycaemic_load_acne", Target) => (
            "At most a third of meals ({target} %) with a high load; per serving, 10 or less is low and 20 or more high.",
            "Höchstens ein Drittel der Mahlzeiten ({target} %) mit hoher Last; pro Portion gilt 10 oder weniger als \
             niedrig, 20 oder mehr als hoch.",
        ),
        ("glycaemic_load_acne", Why) => (
            "In a 12-week trial, a low-glycaemic-load diet was linked with fewer acne lesions than a usual diet.",
            "In einer zwölfwöchigen Studie war eine Ernährung mit niedriger glykämischer Last mit weniger Aknepickeln \
             verbunden als eine übliche Ernährung.",
        ),
        ("glycaemic_load_acne", Try) => (
            "At one meal a day, swap white bread, white rice or potatoes for {food}, which has a low glycaemic index, \
             for two weeks, and compare your skin.",
            "Ersetz zwei Wochen lang bei einer Mahlzeit am Tag Weißbrot, weißen Reis oder Kartoffeln durch {food}, \
             ein Lebensmittel mit niedrigem glykämischem Index, und vergleiche deine Haut.",
        ),
        ("glycaemic_load_acne", Praise) => (
            "{value} % of your {count} meals with a known glycaemic load had a high one: within the mark of \
             {target} %. Keep it up.",
            "{value} % deiner {count} Mahlzeiten mit bekannter glykämischer Last hatten eine hohe: innerhalb der Marke \
             von {target} %. Weiter so.",
        ),
        ("alcohol_rosacea", Title) => ("Alcohol and rosacea", "Alkohol und Rosazea"),
        ("alcohol_rosacea", Measured) => {
            ("Alcohol on {value} of the last {window} days.", "Alkohol an {value} der letzten {window} Tage.")
        }
        ("alcohol_rosacea", Target) => (
            "Less is better: the link started at 1-4 g a day.",
            "Weniger ist besser: Der Zusammenhang begann bei 1-4 g pro Tag.",
        ),
        ("alcohol_rosacea", Why) => (
            "In a large study of women, alcohol was linked with a higher risk of rosacea, rising with the amount \
             (white wine and spirits more than red wine or beer).",
            "In einer großen Studie an Frauen war Alkohol mit einem höheren Rosazea-Risiko verbunden, steigend mit der \
             Menge (Weißwein und Spirituosen mehr als Rotwein oder Bier).",
        ),
        ("alcohol_rosacea", Try) => (
            "Try two weeks without alcohol, with {food} instead, and compare your skin.",
            "Versuch zwei Wochen ohne Alkohol, mit {food} stattdessen, und vergleiche deine Haut.",
        ),
        ("probiotics_eczema", Title) => ("Probiotics and eczema", "Probiotika und Neurodermitis"),
        ("probiotics_eczema", Measured) => (
            "A probiotic on {value} of the last {window} days.",
            "Ein Probiotikum an {value} der letzten {window} Tage.",
        ),
        ("probiotics_eczema", Target) => (
            "Keep to the skin care your doctor advised.",
            "Bleib bei der Hautpflege, die deine Ärztin oder dein Arzt empfohlen hat.",
        ),
        ("probiotics_eczema", Why) => (
            "In trials, taking probiotics made little or no difference to existing eczema; they are not a remedy for it.",
            "In Studien machten Probiotika bei bestehender Neurodermitis wenig oder keinen Unterschied; sie sind kein \
             Mittel dagegen.",
        ),
        ("probiotics_eczema", Try) => (
            "If you take it for your gut, that is fine; talk to your doctor before changing anything for your skin.",
            "Wenn du es für deinen Darm nimmst, ist das in Ordnung; sprich mit deiner Ärztin oder deinem Arzt, bevor du \
             für deine Haut etwas änderst.",
        ),
        _ => return None,
    };
    Some(match lang {
        Lang::En => en,
        Lang::De => de,
    })
}

/// Texts around the cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Note {
    /// `{count}`.
    NothingToSay,
    Disclaimer,
}

pub(crate) fn note(lang: Lang, note: Note) -> &'static str {
    let (en, de) = match note {
        Note::NothingToSay => (
            "Not enough logged yet for {count} of the guidance rules: keep logging meals, sleep and stress for a week.",
            "Für {count} der Empfehlungsregeln ist noch zu wenig eingetragen: Trag eine Woche lang Mahlzeiten, Schlaf \
             und Stress ein.",
        ),
        Note::Disclaimer => (
            "General guidance from the sources named, not medical advice. Talk to your doctor before big changes.",
            "Allgemeine Hinweise nach den genannten Quellen, keine ärztliche Beratung. Sprich vor großen Änderungen mit \
             deiner Ärztin oder deinem Arzt.",
        ),
    };
    match lang {
        Lang::En => en,
        Lang::De => de,
    }
}
