//! The respondent pages' own words, in every language the pages speak.

use crate::locale::words;

use crate::campaigns::Tlp;
use crate::questionnaire::NonAnswer;
use crate::scoring::{CategoryScore, DimensionScore};

// The measure names are printed on charts too, so the reports layer owns them.
pub use crate::reports::{category_label, dimension_label};

words! {
    /// Every fixed text of the respondent pages.
    pub struct Ui in "page" {
        skip_link,
        language,
        invited_by,
        for_whom,
        open_until,
        time_needed,
        about,
        minutes,
        classification,
        what_happens_title,
        what_happens,
        start,
        resume,
        review_link,
        saved_notice,
        section,
        of,
        required,
        next,
        back,
        save,
        error_summary,
        /// Shown above a section's answers when saving them failed on our side.
        not_saved,
        choose_country,
        /// The blank first entry of a matrix cell's list.
        choose_cell,
        /// The result page's division of duties: heading, what it shows, and a reference cell.
        duties_heading,
        duties_intro,
        reference_role,
        reference_no_role,
        differs,
        review_title,
        change,
        not_answered,
        missing_required,
        submit,
        submit_note,
        result_title,
        tier,
        not_yet_basic,
        not_yet_basic_meaning,
        tier_table,
        category,
        dimension,
        mean,
        answered,
        gaps_title,
        parameter,
        current,
        needed,
        no_gaps,
        top_with_tolerance,
        tolerated_title,
        tolerated_intro,
        minimum,
        recommendations_title,
        radar_alt,
        cooperation_note,
        already_title,
        already_text,
        see_result,
        receipt_note,
        download_answers,
        peers_title,
        peers_intro,
        peers_median,
        peers_range,
        /// The legend of the peers' polygon on the radar.
        peers_legend,
        /// Why the comparison is not shown: `{k}` stands for the threshold.
        peers_too_few,
        peers_small_remainder,
        /// A non-answer's level where a maturity score shows it (SIM3 counts unknown as 0).
        unknown_counted_as_zero,
        /// Non-answers beside a cooperation score, which leaves them out.
        non_answers_left_out,
    }
}

impl Ui {
    /// A parameter's level in a gap list: the number, or for a non-answer the rule that
    /// scored it (see `scoring::non_answer_level`).
    pub fn level_shown(&self, level: f64, non_answer: Option<NonAnswer>) -> String {
        match non_answer {
            Some(_) => self.unknown_counted_as_zero.to_owned(),
            None => format!("{level}"),
        }
    }

    /// "answered/total" of a category, naming the non-answers counted as 0.
    pub fn category_answered(&self, c: &CategoryScore) -> String {
        let shown = format!("{}/{}", c.answered, c.total);
        match c.non_answers {
            0 => shown,
            n => format!("{shown} ({n} {})", self.unknown_counted_as_zero),
        }
    }

    /// "scored/total" of a dimension, naming the non-answers left out of the score.
    pub fn dimension_answered(&self, d: &DimensionScore) -> String {
        let shown = format!("{}/{}", d.answered, d.total());
        match d.non_answers {
            0 => shown,
            n => format!("{shown} ({n} {})", self.non_answers_left_out),
        }
    }
}

/// The page texts in `language`, English when the pages do not speak it.
pub fn ui(language: &str) -> &'static Ui {
    Ui::of(language)
}

words! {
    /// A one-line reading of each TLP label (after FIRST's TLP 2.0).
    pub struct TlpWords in "tlp" {
        clear,
        green,
        amber,
        red,
    }
}

/// A one-line reading of a TLP label.
pub fn tlp_meaning(tlp: Tlp, language: &str) -> &'static str {
    let w = TlpWords::of(language);
    match tlp {
        Tlp::Clear => w.clear,
        Tlp::Green => w.green,
        Tlp::Amber => w.amber,
        Tlp::Red => w.red,
    }
}
