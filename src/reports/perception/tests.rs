//! The report's perception section and CSV from hand-made gaps.

use crate::questionnaire::{Audience, Dimension};
use crate::reports::data::PerceptionGap;

use super::{PerceptionSection, perception_csv};

fn gap(country: &str, pair: (Audience, Audience), means: Option<(f64, f64)>) -> PerceptionGap {
    PerceptionGap {
        country: country.to_owned(),
        first: pair.0,
        second: pair.1,
        dimension: Dimension::Legal,
        first_mean: means.map(|m| m.0),
        second_mean: means.map(|m| m.1),
        first_n: means.map(|_| 3),
        second_n: means.map(|_| 4),
        gap: means.map(|(a, b)| a - b),
        suppressed: means.is_none(),
        shared_by_consent: false,
    }
}

const CSIRT_LEA: (Audience, Audience) = (Audience::Csirt, Audience::Lea);
const LEA_JUDICIARY: (Audience, Audience) = (Audience::Lea, Audience::Judiciary);

#[test]
fn the_report_names_the_side_that_rates_higher_widest_gap_first() {
    let gaps = [
        gap("AT", CSIRT_LEA, Some((2.0, 1.2))),
        gap("DE", LEA_JUDICIARY, Some((1.0, 3.5))),
        gap("FR", CSIRT_LEA, Some((2.0, 1.8))),
    ];
    let section = PerceptionSection::of(&gaps, "en");
    assert_eq!(section.lines.len(), 2, "a gap of 0.2 is not named");
    let first = &section.lines[0];
    assert_eq!(
        (first.country.as_str(), first.pair.as_str()),
        ("DE", "LEA–judiciary")
    );
    assert_eq!(
        (first.higher.as_str(), first.lower.as_str()),
        ("Judiciary", "Law enforcement")
    );
    assert_eq!((first.higher_n, first.lower_n), (4, 3));
    assert!((first.gap - 2.5).abs() < 1e-9);
    assert_eq!(section.lines[1].higher, "CSIRTs");
    assert_eq!(section.hidden, 0);
    assert!(section.compared);
}

#[test]
fn a_pair_hidden_by_the_k_rule_counts_once_however_many_dimensions() {
    let mut legal = gap("AT", CSIRT_LEA, None);
    let mut technical = legal.clone();
    technical.dimension = Dimension::Technical;
    legal.dimension = Dimension::Legal;
    let other_pair = gap("AT", LEA_JUDICIARY, None);
    let section = PerceptionSection::of(&[legal, other_pair, technical], "en");
    assert!(section.lines.is_empty());
    assert_eq!(section.hidden, 2);
}

#[test]
fn the_csv_leaves_suppressed_cells_empty() {
    let csv = perception_csv(
        "# TLP:AMBER",
        &[
            gap("AT", CSIRT_LEA, Some((2.0, 1.25))),
            gap("BE", LEA_JUDICIARY, None),
        ],
    );
    let text = String::from_utf8(csv).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "# TLP:AMBER");
    assert_eq!(
        lines[1],
        "country,first,second,dimension,first_organisations,first_mean,second_organisations,second_mean,gap,suppressed,shared_by_consent"
    );
    assert_eq!(lines[2], "AT,csirt,lea,legal,3,2,4,1.25,0.75,false,false");
    assert_eq!(lines[3], "BE,lea,judiciary,legal,,,,,,true,false");
}
