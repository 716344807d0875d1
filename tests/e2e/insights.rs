//! `gutskin insights`, `guidance` and `report`, and the end of `gutskin demo`.

use crate::Home;

#[test]
fn demo_ends_with_insights_and_guidance_and_the_commands_give_json_and_a_report() {
    let home = Home::new();
    let text = home.ok(&["demo"]);
    assert!(text.contains("Insights, "), "{text}");
    assert!(text.contains("comparisons"), "{text}");
    assert!(text.contains("Guidance for "), "{text}");
    assert!(!text.contains("causes") && !text.contains("cures"), "{text}");

    let demo = home.path("demo.sqlite");
    let db = demo.to_str().unwrap();
    let insights = home.json(&["--db", db, "insights"]);
    let findings = insights["findings"].as_array().unwrap();
    assert!(insights["tests"].as_u64().unwrap() > 50, "{}", insights["tests"]);
    for key in ["exposure", "outcome", "lag_min_days", "lag_max_days", "counts", "effect", "ci_low", "ci_high"] {
        assert!(findings[0].get(key).is_some(), "{key}");
    }
    for key in ["p_value", "q_value", "label", "headline"] {
        assert!(findings[0].get(key).is_some(), "{key}");
    }
    let dairy = findings
        .iter()
        .find(|f| f["exposure_key"] == "flag:dairy" && f["outcome_key"] == "severity:acne" && f["lag_min_days"] == 1)
        .expect("dairy and acne the next day are compared");
    assert!(dairy["effect"].as_f64().unwrap() > 0.5, "{dairy}");
    assert!(dairy["counts"]["exposed_days"].as_u64().unwrap() >= 10, "{dairy}");

    let guidance = home.json(&["--db", db, "guidance"]);
    assert!(guidance["cards"].as_array().unwrap().len() <= 4);
    assert!(guidance["disclaimer"].as_str().unwrap().contains("not medical advice"));

    let out = home.path("report.html");
    home.ok(&["--db", db, "report", "--out", out.to_str().unwrap()]);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg") && !html.contains("<script"));

    // An empty diary: nothing to say, and no failure.
    let empty = home.ok(&["insights"]);
    assert!(empty.contains("Not enough days"), "{empty}");
    let none = home.ok(&["guidance"]);
    assert!(none.contains("No cards today"), "{none}");

    // A German profile (by the core's locale rule) gets the command's own words in German too.
    home.ok(&["--db", db, "profile", "set", "--locale", "de-AT"]);
    let german = home.ok(&["--db", db, "guidance"]);
    assert!(german.contains("Empfehlungen für") && !german.contains("Guidance for"), "{german}");
    let german = home.ok(&["--db", db, "insights"]);
    assert!(german.starts_with("Zusammenhänge, ") && german.contains("Vergleiche"), "{german}");
}
