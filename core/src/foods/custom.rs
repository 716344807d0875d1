//! The user's own foods: rows of the diary (stored and synced like entries) with per-100 g
//! nutrients and the same flags as the built-in table. Meals refer to them by their UUID.

use serde::{Deserialize, Serialize};

use super::{ENGLISH, Fermentation, Food, FoodGroup, FoodName, Nutrients, Portion};

/// What the app hands in to add (or to replace the fields of) a custom food.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewCustomFood {
    /// 1-100 characters, one line; searched like the table's names, in every language.
    pub name: String,
    pub group: FoodGroup,
    /// Per 100 g as eaten; `None` where the user does not know the value (unknown, not zero).
    pub per_100g: Nutrients,
    pub fermented: Fermentation,
    pub probiotic: bool,
    pub prebiotic: bool,
    pub dairy: bool,
    /// NOVA group 1-4 (1 unprocessed or made at home from fresh foods, 2 culinary ingredient,
    /// 3 processed, 4 ultra-processed).
    pub nova: u8,
    /// Latin binomial of the plant, for a single-plant food ("Lens culinaris").
    #[serde(default)]
    pub species: Option<String>,
    /// Glycaemic index (glucose = 100), if the user has a published value.
    #[serde(default)]
    pub gi: Option<u8>,
    /// Named portions ("1 bowl" = 350 g), at most 10, names unique.
    #[serde(default)]
    pub portions: Vec<Portion>,
}

/// A stored custom food.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CustomFood {
    /// A UUIDv7 string made by the device that added it; meal items refer to it.
    pub id: String,
    pub name: String,
    pub group: FoodGroup,
    pub per_100g: Nutrients,
    pub fermented: Fermentation,
    pub probiotic: bool,
    pub prebiotic: bool,
    pub dairy: bool,
    pub nova: u8,
    #[serde(default)]
    pub species: Option<String>,
    #[serde(default)]
    pub gi: Option<u8>,
    #[serde(default)]
    pub portions: Vec<Portion>,
    /// Deleted custom foods are kept: meals logged with them still count them.
    #[serde(default)]
    pub deleted: bool,
}

impl CustomFood {
    pub fn from_new(id: String, food: NewCustomFood, deleted: bool) -> CustomFood {
        CustomFood {
            id,
            name: food.name,
            group: food.group,
            per_100g: food.per_100g,
            fermented: food.fermented,
            probiotic: food.probiotic,
            prebiotic: food.prebiotic,
            dairy: food.dairy,
            nova: food.nova,
            species: food.species,
            gi: food.gi,
            portions: food.portions,
            deleted,
        }
    }

    /// Its fields as an input, e.g. to edit a copy and hand it back.
    pub fn to_new(&self) -> NewCustomFood {
        NewCustomFood {
            name: self.name.clone(),
            group: self.group,
            per_100g: self.per_100g.clone(),
            fermented: self.fermented,
            probiotic: self.probiotic,
            prebiotic: self.prebiotic,
            dairy: self.dairy,
            nova: self.nova,
            species: self.species.clone(),
            gi: self.gi,
            portions: self.portions.clone(),
        }
    }

    /// The food as search results and details show every food: its one name as the only entry of
    /// `names` (as English, the language every other one falls back to, so it serves every
    /// language), `source` "custom", `custom` set, and the omega-3 flag worked out by the table's rule.
    pub fn to_food(&self) -> Food {
        Food {
            id: self.id.clone(),
            names: vec![FoodName { language: ENGLISH.to_string(), name: self.name.clone() }],
            group: self.group,
            per_100g: self.per_100g.clone(),
            omega3_rich: omega3_rich(&self.per_100g),
            fermented: self.fermented,
            probiotic: self.probiotic,
            prebiotic: self.prebiotic,
            dairy: self.dairy,
            nova: self.nova,
            species: self.species.clone(),
            gi: self.gi,
            gi_source: None,
            portions: self.portions.clone(),
            source: "custom".to_string(),
            custom: true,
        }
    }
}

/// The EU "high omega-3 fatty acids" claim (Reg. 1924/2006 annex), as the table applies it:
/// ALA >= 0.6 g per 100 g and per 100 kcal, or EPA+DHA >= 80 mg per 100 g and per 100 kcal.
pub fn omega3_rich(n: &Nutrients) -> bool {
    let per_100kcal = |grams: f64| match n.energy_kcal {
        Some(kcal) if kcal > 0.0 => grams * 100.0 / kcal,
        _ => grams,
    };
    let meets = |value: Option<f64>, min: f64| value.is_some_and(|g| g >= min && per_100kcal(g) >= min);
    meets(n.ala_g, 0.6) || meets(n.epa_dha_g, 0.08)
}
