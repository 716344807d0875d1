//! The guidance rules, as data. Each cites its row of the evidence file (shared/evidence.md):
//! the topic, the source and its strength. Bump a rule's `version` when its numbers or texts
//! change meaning, and [`RULESET_VERSION`] with any change to the table.

use crate::foods::{Fermentation, Food, FoodGroup};
use crate::model::Condition;

/// The version of the rule table.
pub const RULESET_VERSION: u32 = 2;

/// What a rule measures over its window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    /// Grams of fibre a day (from foods of the table).
    FibreGPerDay,
    /// Sugars as a share of energy, in % (total sugars of the table's foods; see docs/guidance.md).
    SugarsPctEnergy,
    /// Saturated fat as a share of energy, in %.
    SaturatedFatPctEnergy,
    /// Grams a day of NOVA 4 foods.
    HighlyProcessedGPerDay,
    /// Grams of ethanol a week.
    AlcoholGPerWeek,
    /// Different plant species a week.
    PlantsPerWeek,
    /// Grams of long-chain omega-3 (EPA + DHA) a day: oily fish is where it comes from.
    EpaDhaGPerDay,
    /// Servings of fermented food a day (meals with a fermented food or tagged "fermented").
    FermentedServingsPerDay,
    /// Hours of sleep a night.
    SleepHoursPerNight,
    /// Days with stress 7 or more in the window.
    StressfulDays,
    /// Days with dairy in the window (meals with a dairy food or tagged "dairy").
    DairyDays,
    /// Days with alcohol in the window (drinks with alcohol or tagged "alcohol").
    AlcoholDays,
    /// Whether an antibiotic course runs now or ended in the window (1 or 0).
    AntibioticCourse,
    /// Days with a probiotic logged in the window.
    ProbioticDays,
    /// Of the meals whose glycaemic load is known, the share with a high load (20 or more per
    /// serving, a meal being the serving), in whole %; the days are those with such a meal. Needs
    /// [`super::metrics::MIN_GL_MEALS`] such meals; meals whose load is unknown count nowhere.
    HighGlMealsPct,
}

/// A rule's target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    AtLeast(f64),
    AtMost(f64),
    /// At least the value of the first band whose upper age (inclusive) the user is within; the
    /// last band (`u8::MAX`) is adults and users of unknown age.
    AtLeastByAge(&'static [(u8, f64)]),
    /// Any positive value yields the card (a caution or a pointer), nothing yields none.
    Present,
}

/// A row of the evidence file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    pub topic: &'static str,
    pub source: &'static str,
    pub strength: &'static str,
}

/// How a rule picks a food to try: one the user already eats that fits, else a common one.
#[derive(Debug, Clone, Copy)]
pub struct FoodHint {
    pub fits: fn(&Food) -> bool,
    pub default_id: &'static str,
}

#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub id: &'static str,
    pub version: u32,
    pub metric: Metric,
    /// Days the rule looks back over, ending on the day asked for.
    pub window_days: u32,
    /// Days with the data the metric needs; fewer gives no card.
    pub min_days: u32,
    pub target: Target,
    pub evidence: Evidence,
    /// Only for users who track one of these conditions (empty: everyone).
    pub conditions: &'static [Condition],
    /// 1 is the most important.
    pub priority: u8,
    pub food: Option<FoodHint>,
    /// Whether meeting the target may earn a word of praise.
    pub praise: bool,
}

const FIBRE: Evidence = Evidence {
    topic: "Fibre",
    source: "EFSA Journal 2010;8:1462; WHO 2023 carbohydrate guideline; IOM DRI",
    strength: "G (guideline)",
};
const SUGARS: Evidence =
    Evidence { topic: "Free sugars", source: "WHO 2015 sugars guideline", strength: "G (guideline)" };
const SATFAT: Evidence =
    Evidence { topic: "Saturated fat", source: "WHO; US Dietary Guidelines", strength: "G (guideline)" };
const UPF: Evidence = Evidence {
    topic: "Ultra-processed food (NOVA 4)",
    source: "Lane et al. 2024, BMJ 384:e077310; Lane et al. 2022, Nutrients 14:3309",
    strength: "umbrella review of MA-obs",
};
const ALCOHOL: Evidence =
    Evidence { topic: "Alcohol", source: "UK CMO guidelines; WHO 2023 statement", strength: "G (guideline)" };
const ALCOHOL_ROSACEA: Evidence = Evidence {
    topic: "Alcohol and rosacea",
    source: "Li et al. 2017, J Am Acad Dermatol 76:1061 (82,737 women)",
    strength: "Obs (observational)",
};
const PLANTS: Evidence = Evidence {
    topic: "Plant diversity",
    source: "McDonald et al. 2018, mSystems e00031-18",
    strength: "Obs (observational)",
};
const FISH: Evidence =
    Evidence { topic: "Oily fish", source: "AHA science advisory 2018; EFSA", strength: "G (guideline)" };
const FERMENTED: Evidence =
    Evidence { topic: "Fermented foods", source: "Wastyk et al. 2021, Cell 184:4137 (n=36)", strength: "RCT (small)" };
const SLEEP: Evidence = Evidence {
    topic: "Sleep",
    source: "Watson et al. 2015, Sleep (AASM/SRS); Hirshkowitz et al. 2015, Sleep Health (NSF)",
    strength: "C (expert consensus)",
};
const STRESS: Evidence = Evidence {
    topic: "Stress and flares",
    source: "King & Wilson 1991, J Psychosom Res 35:697; Verhoeven et al. 2009, Br J Dermatol; Chiu et al. 2003, \
             Arch Dermatol 139:897",
    strength: "Obs (small)",
};
const DAIRY_ACNE: Evidence = Evidence {
    topic: "Dairy and acne",
    source: "Juhl et al. 2018, Nutrients 10:1049; Aghasi et al. 2019, Clin Nutr 38:1067",
    strength: "MA-obs (meta-analysis of observational studies)",
};
const GL_ACNE: Evidence = Evidence {
    topic: "Glycaemic load and acne",
    source: "Smith et al. 2007, Am J Clin Nutr 86:107 (n=43); Atkinson et al. 2021, AJCN 114:1625 (GI tables)",
    strength: "RCT (randomised trial)",
};
const ANTIBIOTICS: Evidence = Evidence {
    topic: "Antibiotics (infancy)",
    source: "Tsakok et al. 2013, Br J Dermatol 169:983",
    strength: "MA-obs (meta-analysis of observational studies)",
};
const PROBIOTICS_AD: Evidence = Evidence {
    topic: "Probiotics and atopic dermatitis",
    source: "Cochrane CD006135 (2018); Zuccotti et al. 2015, Allergy",
    strength: "MA-RCT (meta-analysis of randomised trials)",
};

fn live_fermented(f: &Food) -> bool {
    f.fermented == Fermentation::LiveCultures && f.nova <= 3 && f.group != FoodGroup::Sweets
}
fn fibre_rich(f: &Food) -> bool {
    f.per_100g.fibre_g.unwrap_or(0.0) >= 6.0 && f.nova <= 3 && f.group != FoodGroup::Sweets
}
fn plant(f: &Food) -> bool {
    f.species.is_some() && f.nova <= 3
}
fn oily_fish(f: &Food) -> bool {
    f.group == FoodGroup::Fish && f.omega3_rich && f.nova <= 3
}
fn not_dairy_calcium_drink(f: &Food) -> bool {
    f.id.starts_with("soy-milk") && !f.dairy
}
/// A starchy staple with a low GI (55 or less, the evidence row's cut-off) whose 100 g carry a low
/// glycaemic load (10 or less): something to swap white bread, rice or potatoes for.
fn low_gi_staple(f: &Food) -> bool {
    matches!(f.group, FoodGroup::Grains | FoodGroup::Legumes)
        && f.nova <= 3
        && f.gi.is_some_and(|gi| gi <= 55)
        && crate::nutrition::glycaemic_load_per_100g(&f.into()).is_some_and(|gl| gl <= 10.0)
}
fn water_or_tea(f: &Food) -> bool {
    f.group == FoodGroup::Drinks && f.per_100g.energy_kcal.unwrap_or(99.0) < 5.0
}

/// Every rule, in no particular order (cards are ordered by priority).
pub const RULES: &[Rule] = &[
    Rule {
        id: "antibiotic_course",
        version: 1,
        metric: Metric::AntibioticCourse,
        window_days: 14,
        min_days: 1,
        target: Target::Present,
        evidence: ANTIBIOTICS,
        conditions: &[],
        priority: 1,
        food: Some(FoodHint { fits: live_fermented, default_id: "yogurt" }),
        praise: false,
    },
    Rule {
        id: "sleep",
        version: 1,
        metric: Metric::SleepHoursPerNight,
        window_days: 7,
        min_days: 4,
        target: Target::AtLeastByAge(&[(13, 9.0), (17, 8.0), (u8::MAX, 7.0)]),
        evidence: SLEEP,
        conditions: &[],
        priority: 2,
        food: None,
        praise: true,
    },
    Rule {
        id: "stress",
        version: 1,
        metric: Metric::StressfulDays,
        window_days: 7,
        min_days: 4,
        target: Target::AtMost(2.0),
        evidence: STRESS,
        conditions: &[],
        priority: 2,
        food: None,
        praise: false,
    },
    Rule {
        id: "fibre",
        version: 1,
        metric: Metric::FibreGPerDay,
        window_days: 7,
        min_days: 4,
        target: Target::AtLeastByAge(&[(5, 15.0), (9, 21.0), (u8::MAX, 25.0)]),
        evidence: FIBRE,
        conditions: &[],
        priority: 2,
        food: Some(FoodHint { fits: fibre_rich, default_id: "lentils-cooked" }),
        praise: true,
    },
    Rule {
        id: "plant_diversity",
        version: 1,
        metric: Metric::PlantsPerWeek,
        window_days: 7,
        min_days: 5,
        target: Target::AtLeast(30.0),
        evidence: PLANTS,
        conditions: &[],
        priority: 3,
        food: Some(FoodHint { fits: plant, default_id: "chickpeas-cooked" }),
        praise: true,
    },
    Rule {
        id: "fermented_foods",
        version: 1,
        metric: Metric::FermentedServingsPerDay,
        window_days: 7,
        min_days: 4,
        target: Target::AtLeast(1.0),
        evidence: FERMENTED,
        conditions: &[],
        priority: 3,
        food: Some(FoodHint { fits: live_fermented, default_id: "yogurt" }),
        praise: true,
    },
    Rule {
        id: "oily_fish",
        version: 1,
        metric: Metric::EpaDhaGPerDay,
        window_days: 7,
        min_days: 5,
        target: Target::AtLeast(0.25),
        evidence: FISH,
        conditions: &[],
        priority: 4,
        food: Some(FoodHint { fits: oily_fish, default_id: "salmon-baked-or-broiled" }),
        praise: false,
    },
    Rule {
        id: "sugars",
        version: 1,
        metric: Metric::SugarsPctEnergy,
        window_days: 7,
        min_days: 4,
        target: Target::AtMost(10.0),
        evidence: SUGARS,
        conditions: &[],
        priority: 3,
        food: None,
        praise: false,
    },
    Rule {
        id: "saturated_fat",
        version: 1,
        metric: Metric::SaturatedFatPctEnergy,
        window_days: 7,
        min_days: 4,
        target: Target::AtMost(10.0),
        evidence: SATFAT,
        conditions: &[],
        priority: 4,
        food: None,
        praise: false,
    },
    Rule {
        id: "highly_processed",
        version: 1,
        metric: Metric::HighlyProcessedGPerDay,
        window_days: 7,
        min_days: 4,
        target: Target::AtMost(100.0),
        evidence: UPF,
        conditions: &[],
        priority: 4,
        food: None,
        praise: false,
    },
    Rule {
        id: "alcohol",
        version: 1,
        metric: Metric::AlcoholGPerWeek,
        window_days: 7,
        min_days: 5,
        target: Target::AtMost(112.0),
        evidence: ALCOHOL,
        conditions: &[],
        priority: 2,
        food: Some(FoodHint { fits: water_or_tea, default_id: "water-carbonated-plain" }),
        praise: false,
    },
    Rule {
        id: "dairy_acne",
        version: 1,
        metric: Metric::DairyDays,
        window_days: 7,
        min_days: 5,
        target: Target::AtMost(4.0),
        evidence: DAIRY_ACNE,
        conditions: &[Condition::Acne],
        priority: 3,
        food: Some(FoodHint { fits: not_dairy_calcium_drink, default_id: "soy-milk-unsweetened" }),
        praise: false,
    },
    Rule {
        id: "glycaemic_load_acne",
        version: 1,
        metric: Metric::HighGlMealsPct,
        window_days: 14,
        min_days: 5,
        // At most a third of the meals (one high-load meal a day of three).
        target: Target::AtMost(33.0),
        evidence: GL_ACNE,
        conditions: &[Condition::Acne],
        priority: 3,
        food: Some(FoodHint { fits: low_gi_staple, default_id: "lentils-cooked" }),
        praise: true,
    },
    Rule {
        id: "alcohol_rosacea",
        version: 1,
        metric: Metric::AlcoholDays,
        window_days: 14,
        min_days: 7,
        target: Target::AtMost(0.0),
        evidence: ALCOHOL_ROSACEA,
        conditions: &[Condition::Rosacea],
        priority: 2,
        food: Some(FoodHint { fits: water_or_tea, default_id: "water-carbonated-plain" }),
        praise: false,
    },
    Rule {
        id: "probiotics_eczema",
        version: 1,
        metric: Metric::ProbioticDays,
        window_days: 14,
        min_days: 1,
        target: Target::Present,
        evidence: PROBIOTICS_AD,
        conditions: &[Condition::AtopicDermatitis],
        priority: 5,
        food: None,
        praise: false,
    },
];
