//! The ranking, its privacy rules and both renderings, on hand-made standings.

mod steps;

use std::path::PathBuf;
use std::sync::OnceLock;

use crate::campaigns::Tlp;
use crate::questionnaire::{Catalogue, Dimension};
use crate::scoring::Gap;

use super::super::data::Questionnaires;
use super::{ReportLabel, Standing, html, markdown, rank, style_source};

pub(super) fn label(k: usize) -> ReportLabel {
    ReportLabel {
        campaign: "Test | <campaign>".to_owned(),
        tlp: Tlp::Amber,
        tlp_line: "# TLP:AMBER — Test — generated 2026-01-01T00:00:00Z".to_owned(),
        generated: "2026-01-01T00:00:00Z".to_owned(),
        k,
    }
}

pub(super) fn gap(parameter: &str, current: f64) -> Gap {
    gap_to(parameter, current, 2)
}

pub(super) fn gap_to(parameter: &str, current: f64, required: u8) -> Gap {
    Gap {
        parameter: parameter.to_owned(),
        name: format!("{parameter} name"),
        current,
        non_answer: None,
        required,
    }
}

/// The shipped questionnaires under the keys the standings below use.
pub(super) fn shipped() -> &'static Questionnaires {
    static SHIPPED: OnceLock<Questionnaires> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
        let catalogue = Catalogue::load(&dir).unwrap_or_else(|e| panic!("{e}"));
        [MATURITY, COOPERATION_LEA]
            .into_iter()
            .map(|id| {
                let q = catalogue.get(id).expect("shipped").clone();
                ((id.to_owned(), "1".to_owned()), q)
            })
            .collect()
    })
}

const MATURITY: &str = "csirt-maturity";
const COOPERATION_LEA: &str = "csirt-le-cooperation-lea";

pub(super) fn csirt(id: i64, gaps: Vec<Gap>) -> Standing {
    Standing {
        organisation_id: id,
        audience: "csirt".to_owned(),
        country: "AT".to_owned(),
        questionnaire: (MATURITY.to_owned(), "1".to_owned()),
        gaps: Some(gaps),
        dimensions: Vec::new(),
    }
}

pub(super) fn lea(id: i64, legal: f64) -> Standing {
    Standing {
        organisation_id: id,
        audience: "lea".to_owned(),
        country: "AT".to_owned(),
        questionnaire: (COOPERATION_LEA.to_owned(), "1".to_owned()),
        gaps: None,
        dimensions: vec![(Dimension::Legal, legal), (Dimension::Technical, 3.5)],
    }
}

#[test]
fn the_gap_most_organisations_share_comes_first_and_rare_ones_are_left_out() {
    let standings = vec![
        csirt(1, vec![gap("P-9", 1.0), gap("O-1", 0.0)]),
        csirt(2, vec![gap("P-9", 1.5), gap("O-1", 1.0)]),
        csirt(3, vec![gap("P-9", 0.0), gap("O-1", 1.0), gap("H-1", 0.0)]),
        csirt(4, Vec::new()),
        csirt(5, vec![gap("P-9", 1.0)]),
    ];
    let report = rank::rank(&standings, &Questionnaires::new(), label(3));
    let first = &report.maturity[0];
    assert_eq!(
        (first.parameter.as_str(), first.organisations, first.of),
        ("P-9", 4, 5)
    );
    // Three at 1 → 2 and one at 0 → 2: showing the three would give the one away.
    assert_eq!((first.steps.as_slice(), first.other_steps), (&[][..], 4));
    assert_eq!(report.maturity[1].parameter, "O-1");
    assert_eq!(report.maturity.len(), 2, "H-1 rests on one organisation");
    assert_eq!(report.highlights[0].lines[0].subject, "P-9 P-9 name");
}

fn in_country(mut standing: Standing, country: &str) -> Standing {
    standing.country = country.to_owned();
    standing
}

/// Four AT CSIRTs and two BE CSIRTs, all lacking P-9; plus, when `with_de`, one DE CSIRT.
fn csirts_with_two_in_be(with_de: bool) -> Vec<Standing> {
    let mut standings: Vec<Standing> = (1..=6)
        .map(|id| csirt(id, vec![gap("P-9", 1.0)]))
        .map(|s| {
            let country = if s.organisation_id > 4 { "BE" } else { "AT" };
            in_country(s, country)
        })
        .collect();
    if with_de {
        standings.push(in_country(csirt(7, vec![gap("P-9", 1.0)]), "DE"));
    }
    standings
}

#[test]
fn an_audience_line_is_left_out_when_its_small_countries_hold_fewer_than_k() {
    // Six lack P-9, but AT's four can be read per country: the line would give BE's two away.
    let report = rank::rank(
        &csirts_with_two_in_be(false),
        &Questionnaires::new(),
        label(3),
    );
    assert_eq!(report.maturity, []);
    assert_eq!(report.highlights[0].lines, []);
    assert_eq!(report.highlights[0].organisations, 6);
    // With one more in DE, the rest behind AT is three: as safe as any group of three.
    let report = rank::rank(
        &csirts_with_two_in_be(true),
        &Questionnaires::new(),
        label(3),
    );
    let line = &report.maturity[0];
    assert_eq!((line.organisations, line.of), (7, 7));
    assert_eq!(report.highlights[0].lines.len(), 1);
}

#[test]
fn campaign_lines_are_left_out_when_the_other_audiences_would_give_a_pair_away() {
    let csirts = (1..=3).map(|id| Standing {
        dimensions: vec![(Dimension::Legal, 1.0)],
        ..csirt(id, Vec::new())
    });
    let leas = |ids: &[i64]| -> Vec<Standing> {
        ids.iter()
            .map(|&id| in_country(lea(id, 1.5), if id == 13 { "FR" } else { "BE" }))
            .collect()
    };
    let mut standings: Vec<Standing> = csirts.clone().chain(leas(&[11, 12])).collect();
    let report = rank::rank(&standings, &Questionnaires::new(), label(3));
    // Legal: five below 3 campaign-wide, three of them the CSIRTs shown beside it.
    assert_eq!(
        report.cooperation,
        [],
        "legal over five would give the LEAs away"
    );
    let [csirt_lines, lea_lines] = [0, 1].map(|i| report.highlights[i].lines.len());
    assert_eq!((csirt_lines, lea_lines), (1, 0));
    // A third LEA, alone in FR: the LEAs outside any country of three are three.
    standings.extend(leas(&[13]));
    let report = rank::rank(&standings, &Questionnaires::new(), label(3));
    let legal = &report.cooperation[0];
    assert_eq!(
        (legal.dimension, legal.organisations, legal.of),
        (Dimension::Legal, 6, 6)
    );
    assert_eq!(
        report.highlights[1].lines.len(),
        1,
        "the LEAs' own legal line"
    );
}

#[test]
fn dimension_bands_are_withheld_when_one_holds_fewer_than_k() {
    let standings: Vec<Standing> = [0.5, 0.7, 0.9, 1.5, 4.0]
        .into_iter()
        .enumerate()
        .map(|(i, s)| lea(i as i64, s))
        .collect();
    let report = rank::rank(&standings, &Questionnaires::new(), label(3));
    assert_eq!(report.cooperation.len(), 1, "technical is fine everywhere");
    let legal = &report.cooperation[0];
    assert_eq!((legal.organisations, legal.of), (4, 5));
    assert_eq!(legal.bands, None, "one organisation between 1 and 2");
    assert_eq!(legal.typical_band, Some(0));
    let report = rank::rank(&standings, &Questionnaires::new(), label(2));
    assert_eq!(report.cooperation[0].bands, None);
    let report = rank::rank(&standings, &Questionnaires::new(), label(1));
    assert_eq!(report.cooperation[0].bands, Some([3, 1, 0]));
}

#[test]
fn both_renderings_carry_the_tlp_label_and_escape_the_campaign_name() {
    let standings = vec![csirt(1, vec![gap("P-9", 1.0)])];
    let report = rank::rank(&standings, &Questionnaires::new(), label(1));
    let md = markdown(&report);
    assert!(md.starts_with("# TLP:AMBER — Test"));
    assert!(md.contains("Test \\| \\<campaign\\>"));
    let page = html(&report).expect("renders");
    assert!(page.contains(r#"id="tlp-banner" class="tlp tlp-amber""#));
    assert!(page.contains("Test | &#60;campaign&#62;") || page.contains("Test | &lt;campaign&gt;"));
    assert!(!page.contains("<script") && !page.contains("style="));
}

/// `n` CSIRTs from `first` on, each lacking P-9 at `current` where their next tier asks `required`.
pub(super) fn at_step(first: i64, n: i64, current: f64, required: u8) -> Vec<Standing> {
    (first..first + n)
        .map(|id| csirt(id, vec![gap_to("P-9", current, required)]))
        .collect()
}

#[test]
fn headings_name_audiences_and_dimensions_for_people_and_empty_sections_are_left_out() {
    let standings: Vec<Standing> = (1..=3).map(|id| lea(id, 1.5)).collect();
    let report = rank::rank(&standings, shipped(), label(3));
    let md = markdown(&report);
    assert!(md.contains("### Law enforcement (3 organisations)"), "{md}");
    assert!(md.contains("**Legal**: 3 of 3 organisations"), "{md}");
    assert!(md.contains("| 1 | Legal | 3 of 3 |"), "{md}");
    assert!(!md.contains("### lea") && !md.contains("| legal |"));
    assert!(!md.contains("Maturity"), "no maturity questionnaire: {md}");
    let page = html(&report).expect("renders");
    assert!(page.contains("<h3>Law enforcement (3 organisations)</h3>"));
    assert!(!page.contains("Maturity: gaps"));
    let maturity_only = rank::rank(&at_step(1, 3, 1.0, 2), shipped(), label(3));
    assert!(!markdown(&maturity_only).contains("Cooperation:"));
}

#[test]
fn the_report_names_its_tier_table_and_says_the_cooperation_model_is_liaisons_own() {
    let mut standings = at_step(1, 3, 1.0, 2);
    standings.extend((11..=13).map(|id| lea(id, 1.5)));
    let report = rank::rank(&standings, shipped(), label(3));
    let md = markdown(&report);
    assert!(
        md.contains("tier table `baseline` version 1, source: project baseline."),
        "{md}"
    );
    assert!(
        md.contains("It is not ENISA's official minimum table."),
        "{md}"
    );
    assert!(md.contains("Liaison's own five-dimension model"), "{md}");
    assert!(md.contains("ENISA's work on cooperation between CSIRTs and law enforcement"));
    let page = html(&report).expect("renders");
    assert!(page.contains("tier table <code>baseline</code> version 1, source: project baseline."));
    assert!(
        page.contains("Liaison&#39;s own five-dimension model")
            || page.contains("Liaison's own five-dimension model")
    );
}

#[test]
fn the_page_carries_its_own_tlp_colours_and_no_csv_comment_line() {
    let report = rank::rank(&at_step(1, 3, 1.0, 2), shipped(), label(3));
    let page = html(&report).expect("renders");
    assert!(
        !page.contains("/static/") && !page.contains("<link"),
        "{page}"
    );
    assert!(
        !page.contains("# TLP"),
        "the CSV comment line is not text of the page"
    );
    let style = page
        .split_once("<style>")
        .and_then(|(_, rest)| rest.split_once("</style>"))
        .map(|(style, _)| style)
        .expect("an inline stylesheet");
    assert!(style.contains(".tlp-amber { color: #ffc000; }"));
    assert!(style.contains(".tlp-red") && style.contains(".tlp-green"));
    // The site serves the page with a policy naming this exact stylesheet.
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(style.as_bytes());
    let expected = format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    );
    assert_eq!(style_source(), expected);
    assert!(page.contains("Test | &#60;campaign&#62; — generated 2026-01-01T00:00:00Z"));
}
