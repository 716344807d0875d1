//! Scoring of the patient-reported scales the diary stores (see docs/format.md for the sources).

use crate::error::{GutskinError, Result};
use crate::model::{PoemBand, PoemScore};

/// The number of POEM questions; each answer is 0-4 (0 days -> 0, 1-2 -> 1, 3-4 -> 2, 5-6 -> 3, 7 -> 4).
pub const POEM_QUESTIONS: usize = 7;

/// Scores POEM answers: the total of the seven answers (0-28) and its band
/// (0-2 clear or almost clear, 3-7 mild, 8-16 moderate, 17-24 severe, 25-28 very severe).
pub fn poem_score(answers: &[u8]) -> Result<PoemScore> {
    if answers.len() != POEM_QUESTIONS {
        return Err(GutskinError::invalid("poem", format!("needs {POEM_QUESTIONS} answers, got {}", answers.len())));
    }
    if let Some(i) = answers.iter().position(|&a| a > 4) {
        return Err(GutskinError::invalid(format!("poem[{i}]"), format!("must be 0-4, got {}", answers[i])));
    }
    let score: u8 = answers.iter().sum();
    let band = match score {
        0..=2 => PoemBand::ClearOrAlmostClear,
        3..=7 => PoemBand::Mild,
        8..=16 => PoemBand::Moderate,
        17..=24 => PoemBand::Severe,
        _ => PoemBand::VerySevere,
    };
    Ok(PoemScore { score, band })
}

/// Maps a number of days in the past week (0-7) to a POEM answer (0-4).
pub fn poem_answer_from_days(days: u8) -> Result<u8> {
    match days {
        0 => Ok(0),
        1..=2 => Ok(1),
        3..=4 => Ok(2),
        5..=6 => Ok(3),
        7 => Ok(4),
        _ => Err(GutskinError::invalid("poem.days", format!("must be 0-7 days, got {days}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poem_bands_at_their_edges() {
        let cases = [
            (0, PoemBand::ClearOrAlmostClear),
            (2, PoemBand::ClearOrAlmostClear),
            (3, PoemBand::Mild),
            (7, PoemBand::Mild),
            (8, PoemBand::Moderate),
            (16, PoemBand::Moderate),
            (17, PoemBand::Severe),
            (24, PoemBand::Severe),
            (25, PoemBand::VerySevere),
            (28, PoemBand::VerySevere),
        ];
        for (total, band) in cases {
            let total: u8 = total;
            // Spread the total over seven answers of at most 4.
            let answers: Vec<u8> = (0..7u8).map(|i| total.saturating_sub(i * 4).min(4)).collect();
            let scored = poem_score(&answers).unwrap();
            assert_eq!(scored.score, total);
            assert_eq!(scored.band, band, "total {total}");
        }
    }

    #[test]
    fn poem_rejects_wrong_counts_and_values() {
        assert!(matches!(poem_score(&[1; 6]), Err(GutskinError::InvalidInput { field, .. }) if field == "poem"));
        let err = poem_score(&[0, 0, 5, 0, 0, 0, 0]).unwrap_err();
        assert_eq!(err, GutskinError::invalid("poem[2]", "must be 0-4, got 5"));
    }

    #[test]
    fn days_map_to_answers() {
        let mapped: Vec<u8> = (0..=7).map(|d| poem_answer_from_days(d).unwrap()).collect();
        assert_eq!(mapped, [0, 1, 1, 2, 2, 3, 3, 4]);
        assert!(poem_answer_from_days(8).is_err());
    }
}
