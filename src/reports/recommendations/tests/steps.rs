//! Real (level now → required) steps and the groups they could give away.

use super::super::{Step, markdown, rank};
use super::{at_step, csirt, gap, label, shipped};
use crate::reports::recommendations::{Standing, html};

fn step(current: u8, required: u8, organisations: usize) -> Step {
    Step {
        current,
        required,
        organisations,
    }
}

#[test]
fn the_steps_printed_are_pairs_organisations_have_never_two_modes_glued_together() {
    // The most common level now is 0 (three), the most common level required is 3 (four):
    // yet no organisation goes from 0 to 3.
    let mut standings = at_step(1, 3, 0.0, 2);
    standings.extend(at_step(4, 2, 1.0, 3));
    standings.extend(at_step(6, 2, 2.0, 3));
    let report = rank::rank(&standings, shipped(), label(2));
    let line = &report.maturity[0];
    assert_eq!(
        line.steps,
        [step(0, 2, 3), step(1, 3, 2), step(2, 3, 2)],
        "ranked by organisations, ties by level"
    );
    assert_eq!(line.other_steps, 0);
    let md = markdown(&report);
    assert!(!md.contains("0 → 3"), "{md}");
    assert!(md.contains("| 7 of 7 | 100% | 0 → 2 |"), "{md}");
    assert!(md.contains("- 1 → 3: 2 of 7 organisations"), "{md}");
    let page = html(&report).expect("renders");
    assert!(!page.contains("0 → 3") && page.contains("<td>0 → 2</td>"));
    assert_eq!(
        report.highlights[0].lines[0].detail,
        "most often level 0 → 2"
    );
}

#[test]
fn a_step_group_below_k_cannot_be_worked_out_from_the_steps_shown() {
    // Three at 0 → 2, three at 1 → 2 and a pair at 1 → 3. Showing both threes beside the
    // line's eight would leave the pair to subtract: the smaller-ranked three joins the pair.
    let mut standings = at_step(1, 3, 0.0, 2);
    standings.extend(at_step(4, 3, 1.0, 2));
    standings.extend(at_step(7, 2, 1.0, 3));
    let report = rank::rank(&standings, shipped(), label(3));
    let line = &report.maturity[0];
    assert_eq!(line.organisations, 8);
    assert_eq!(
        (line.steps.as_slice(), line.other_steps),
        (&[step(0, 2, 3)][..], 5)
    );
    let md = markdown(&report);
    assert!(md.contains("- 0 → 2: 3 of 8 organisations\n- other steps: 5 of 8 organisations"));
    assert!(!md.contains("1 → 3") && !md.contains("1 → 2"), "{md}");
}

#[test]
fn every_way_of_splitting_a_line_into_steps_prints_no_group_below_k_nor_leaves_one() {
    // Up to four steps of 0 to 4 organisations each, at k = 2 and 3: whatever is printed,
    // each figure is at least k and the figures printed add up to the line.
    let steps = [(0.0, 2), (1.0, 2), (1.0, 3), (2.0, 3)];
    for k in [2, 3] {
        for code in 0..5usize.pow(4) {
            let mut standings = Vec::new();
            let mut next = 1;
            for (i, &(current, required)) in steps.iter().enumerate() {
                let n = (code / 5usize.pow(i as u32) % 5) as i64;
                standings.extend(at_step(next, n, current, required));
                next += n;
            }
            let report = rank::rank(&standings, shipped(), label(k));
            for line in &report.maturity {
                let shown: usize = line.steps.iter().map(|s| s.organisations).sum();
                assert_eq!(shown + line.other_steps, line.organisations, "{code}");
                assert!(
                    line.steps.iter().all(|s| s.organisations >= k),
                    "{code}: {line:?}"
                );
                assert!(line.other_steps == 0 || line.other_steps >= k, "{code}");
            }
        }
    }
}

#[test]
fn campaign_wide_lines_and_steps_leave_no_audience_part_below_k_to_subtract() {
    // Four CSIRTs and two of three LEAs lack P-9 (a maturity questionnaire for both): the
    // campaign-wide six minus the CSIRTs' own four would give the two LEAs away.
    let mut standings = at_step(1, 4, 1.0, 2);
    for id in 11..=13 {
        let gaps = if id < 13 {
            vec![gap("P-9", 1.0)]
        } else {
            Vec::new()
        };
        standings.push(Standing {
            audience: "lea".to_owned(),
            ..csirt(id, gaps)
        });
    }
    let report = rank::rank(&standings, shipped(), label(3));
    assert_eq!(report.maturity, [], "six over parts of four and two");
    assert_eq!(report.highlights[0].lines[0].organisations, 4);
    assert_eq!(report.highlights[1].lines, []);
    // The third LEA lacks it too, at 0 → 2: a line over parts of four and three may be
    // shown, but neither step: 1 → 2 holds two LEAs beside the CSIRTs, 0 → 2 one LEA.
    standings[6].gaps = Some(vec![gap("P-9", 0.0)]);
    let report = rank::rank(&standings, shipped(), label(3));
    let line = &report.maturity[0];
    assert_eq!((line.organisations, line.of), (7, 7));
    assert_eq!((line.steps.as_slice(), line.other_steps), (&[][..], 7));
}
