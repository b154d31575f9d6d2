//! The respondent pages' own words, in every language the pages speak.

use crate::campaigns::Tlp;
use crate::questionnaire::NonAnswer;
use crate::scoring::{CategoryScore, DimensionScore};

// The measure names are printed on charts too, so the reports layer owns them.
pub use crate::reports::{category_label, dimension_label};

/// Every fixed text of the respondent pages.
pub struct Ui {
    pub code: &'static str,
    pub skip_link: &'static str,
    pub language: &'static str,
    pub invited_by: &'static str,
    pub for_whom: &'static str,
    pub open_until: &'static str,
    pub time_needed: &'static str,
    pub about: &'static str,
    pub minutes: &'static str,
    pub classification: &'static str,
    pub what_happens_title: &'static str,
    pub what_happens: &'static str,
    pub start: &'static str,
    pub resume: &'static str,
    pub review_link: &'static str,
    pub saved_notice: &'static str,
    pub section: &'static str,
    pub of: &'static str,
    pub required: &'static str,
    pub next: &'static str,
    pub back: &'static str,
    pub save: &'static str,
    pub error_summary: &'static str,
    /// Shown above a section's answers when saving them failed on our side.
    pub not_saved: &'static str,
    pub choose_country: &'static str,
    /// The blank first entry of a matrix cell's list.
    pub choose_cell: &'static str,
    /// The result page's division of duties: heading, what it shows, and a reference cell.
    pub duties_heading: &'static str,
    pub duties_intro: &'static str,
    pub reference_role: &'static str,
    pub reference_no_role: &'static str,
    pub differs: &'static str,
    pub review_title: &'static str,
    pub change: &'static str,
    pub not_answered: &'static str,
    pub missing_required: &'static str,
    pub submit: &'static str,
    pub submit_note: &'static str,
    pub result_title: &'static str,
    pub tier: &'static str,
    pub not_yet_basic: &'static str,
    pub not_yet_basic_meaning: &'static str,
    pub tier_table: &'static str,
    pub category: &'static str,
    pub dimension: &'static str,
    pub mean: &'static str,
    pub answered: &'static str,
    pub gaps_title: &'static str,
    pub parameter: &'static str,
    pub current: &'static str,
    pub needed: &'static str,
    pub no_gaps: &'static str,
    pub top_with_tolerance: &'static str,
    pub tolerated_title: &'static str,
    pub tolerated_intro: &'static str,
    pub minimum: &'static str,
    pub recommendations_title: &'static str,
    pub radar_alt: &'static str,
    pub cooperation_note: &'static str,
    pub already_title: &'static str,
    pub already_text: &'static str,
    pub see_result: &'static str,
    pub receipt_note: &'static str,
    pub download_answers: &'static str,
    pub peers_title: &'static str,
    pub peers_intro: &'static str,
    pub peers_median: &'static str,
    pub peers_range: &'static str,
    /// The legend of the peers' polygon on the radar.
    pub peers_legend: &'static str,
    /// Why the comparison is not shown: `{k}` stands for the threshold.
    pub peers_too_few: &'static str,
    pub peers_small_remainder: &'static str,
    /// A non-answer's level where a maturity score shows it (SIM3 counts unknown as 0).
    pub unknown_counted_as_zero: &'static str,
    /// Non-answers beside a cooperation score, which leaves them out.
    pub non_answers_left_out: &'static str,
}

const EN: Ui = Ui {
    code: "en",
    skip_link: "Skip to the content",
    language: "Language",
    invited_by: "Invited by",
    for_whom: "For",
    open_until: "Open until",
    time_needed: "Time needed",
    about: "about",
    minutes: "minutes",
    classification: "Classification",
    what_happens_title: "What happens to your answers",
    what_happens: "Your answers are saved every time you move to another page, so you can leave and come back with the same link until the deadline. When you submit, your answers become final: you see your own result straight away, and the campaign's analysts use the answers for their aggregate reports, which never show a group of fewer than three organisations.",
    start: "Start",
    resume: "Continue where you left off",
    review_link: "Review and submit",
    saved_notice: "Your answers are saved. Open the same link again to continue.",
    section: "Section",
    of: "of",
    required: "required",
    next: "Next",
    back: "Back",
    save: "Save and continue later",
    error_summary: "Please check these answers",
    not_saved: "Your answers on this page were not saved: something went wrong on our side. They are still filled in below; please try again in a moment. Answers you saved before are kept.",
    choose_country: "Choose a country",
    choose_cell: "Choose…",
    duties_heading: "Who does what: your answers beside the reference",
    duties_intro: "Each cell shows the role you named, and whether the reference matrix gives the actor a role in the duty. The reference offers indicative examples: a difference is worth a look, not a fault.",
    reference_role: "reference: a role",
    reference_no_role: "reference: no role",
    differs: "differs from the reference",
    review_title: "Review your answers",
    change: "Change",
    not_answered: "Not answered",
    missing_required: "Some required questions still need an answer.",
    submit: "Submit my answers",
    submit_note: "After you submit, your answers can no longer be changed.",
    result_title: "Your result",
    tier: "Tier",
    not_yet_basic: "Not yet basic",
    not_yet_basic_meaning: "Some essentials of the basic tier are still missing; the list below shows which.",
    tier_table: "Tier table",
    category: "Category",
    dimension: "Dimension",
    mean: "Score (0–4)",
    answered: "Answered",
    gaps_title: "What stands between you and the next tier",
    parameter: "Parameter",
    current: "Now",
    needed: "Needed",
    no_gaps: "You meet every minimum of the highest tier.",
    top_with_tolerance: "You reached the highest tier, but not with every minimum: the tier table tolerates a few shortfalls, and the list below shows the minimums still to meet.",
    tolerated_title: "Reached with tolerance",
    tolerated_intro: "The tier table lets a tier count as met with a few minimums short. These minimums of the tiers you reached are not met yet:",
    minimum: "Minimum",
    recommendations_title: "Recommendations",
    radar_alt: "Radar chart of your scores",
    cooperation_note: "The cooperation scores use Liaison's own model, built on ENISA's work on cooperation between CSIRTs and law enforcement; it is not an ENISA scale.",
    already_title: "Already submitted",
    already_text: "These answers were submitted and can no longer be changed.",
    see_result: "See your result",
    receipt_note: "A confirmation is on its way to your mailbox.",
    download_answers: "Download your answers (CSV)",
    peers_title: "Among your peers",
    peers_intro: "Beside each of your scores: the median of the submitted responses of organisations of your type in this campaign, yours included, and the range of the middle half of them (Q1–Q3). On the radar chart the median is the lighter, dashed shape.",
    peers_median: "Peers' median",
    peers_range: "Peers' Q1–Q3",
    peers_legend: "Median of your peers",
    peers_too_few: "The comparison with your peers appears once at least {k} organisations of your type have submitted their answers, the threshold the campaign's reports keep too; so far fewer have.",
    peers_small_remainder: "The comparison with your peers is not shown yet: beside the per-country figures of the campaign's reports it would give away a group of fewer than {k} organisations, which the reports never show.",
    unknown_counted_as_zero: "unknown — counted as 0",
    non_answers_left_out: "not known — left out",
};

const DE: Ui = Ui {
    code: "de",
    skip_link: "Zum Inhalt springen",
    language: "Sprache",
    invited_by: "Eingeladen von",
    for_whom: "Für",
    open_until: "Geöffnet bis",
    time_needed: "Zeitbedarf",
    about: "etwa",
    minutes: "Minuten",
    classification: "Einstufung",
    what_happens_title: "Was mit Ihren Antworten geschieht",
    what_happens: "Ihre Antworten werden bei jedem Seitenwechsel gespeichert; Sie können also jederzeit unterbrechen und bis zum Stichtag über denselben Link weitermachen. Mit dem Absenden werden Ihre Antworten endgültig: Sie sehen sofort Ihr eigenes Ergebnis, und die Auswertenden der Erhebung nutzen die Antworten für zusammenfassende Berichte, die nie eine Gruppe von weniger als drei Organisationen zeigen.",
    start: "Beginnen",
    resume: "Dort weitermachen, wo Sie aufgehört haben",
    review_link: "Prüfen und absenden",
    saved_notice: "Ihre Antworten sind gespeichert. Öffnen Sie denselben Link erneut, um weiterzumachen.",
    section: "Abschnitt",
    of: "von",
    required: "Pflichtfrage",
    next: "Weiter",
    back: "Zurück",
    save: "Speichern und später fortsetzen",
    error_summary: "Bitte prüfen Sie diese Antworten",
    not_saved: "Ihre Antworten auf dieser Seite wurden nicht gespeichert: bei uns ist etwas schiefgegangen. Sie stehen unten noch im Formular; bitte versuchen Sie es in einem Moment erneut. Bereits gespeicherte Antworten bleiben erhalten.",
    choose_country: "Land auswählen",
    choose_cell: "Auswählen…",
    duties_heading: "Wer macht was: Ihre Antworten neben der Referenz",
    duties_intro: "Jede Zelle zeigt die Rolle, die Sie genannt haben, und ob die Referenzmatrix dem Akteur bei dieser Aufgabe eine Rolle gibt. Die Referenz nennt Beispiele: Eine Abweichung ist einen Blick wert, aber kein Fehler.",
    reference_role: "Referenz: eine Rolle",
    reference_no_role: "Referenz: keine Rolle",
    differs: "weicht von der Referenz ab",
    review_title: "Ihre Antworten prüfen",
    change: "Ändern",
    not_answered: "Nicht beantwortet",
    missing_required: "Einige Pflichtfragen sind noch nicht beantwortet.",
    submit: "Antworten absenden",
    submit_note: "Nach dem Absenden können Sie Ihre Antworten nicht mehr ändern.",
    result_title: "Ihr Ergebnis",
    tier: "Stufe",
    not_yet_basic: "Noch nicht Basis",
    not_yet_basic_meaning: "Einige Grundlagen der Basisstufe fehlen noch; die Liste unten zeigt, welche.",
    tier_table: "Stufentabelle",
    category: "Kategorie",
    dimension: "Dimension",
    mean: "Wert (0–4)",
    answered: "Beantwortet",
    gaps_title: "Was Sie noch von der nächsten Stufe trennt",
    parameter: "Parameter",
    current: "Jetzt",
    needed: "Nötig",
    no_gaps: "Sie erfüllen jedes Minimum der höchsten Stufe.",
    top_with_tolerance: "Sie haben die höchste Stufe erreicht, aber nicht mit jedem Minimum: Die Stufentabelle toleriert einige Unterschreitungen, und die Liste unten zeigt die Minima, die noch zu erreichen sind.",
    tolerated_title: "Mit Toleranz erreicht",
    tolerated_intro: "Die Stufentabelle lässt eine Stufe auch mit einigen unterschrittenen Minima als erreicht gelten. Diese Minima der erreichten Stufen sind noch nicht erfüllt:",
    minimum: "Minimum",
    recommendations_title: "Empfehlungen",
    radar_alt: "Netzdiagramm Ihrer Werte",
    cooperation_note: "Die Kooperationswerte beruhen auf dem eigenen Modell von Liaison, das auf den Arbeiten der ENISA zur Zusammenarbeit zwischen CSIRTs und Strafverfolgung aufbaut; es ist keine ENISA-Skala.",
    already_title: "Bereits abgesendet",
    already_text: "Diese Antworten wurden abgesendet und können nicht mehr geändert werden.",
    see_result: "Ihr Ergebnis ansehen",
    receipt_note: "Eine Bestätigung ist an Ihre Mailadresse unterwegs.",
    download_answers: "Ihre Antworten herunterladen (CSV)",
    peers_title: "Im Vergleich mit anderen",
    peers_intro: "Neben jedem Ihrer Werte: der Median der abgesendeten Antworten von Organisationen Ihrer Art in dieser Kampagne, Ihre eingeschlossen, und die Spanne der mittleren Hälfte (Q1–Q3). Im Netzdiagramm ist der Median die hellere, gestrichelte Form.",
    peers_median: "Median der anderen",
    peers_range: "Q1–Q3 der anderen",
    peers_legend: "Median Ihrer Vergleichsgruppe",
    peers_too_few: "Der Vergleich mit anderen erscheint, sobald mindestens {k} Organisationen Ihrer Art ihre Antworten abgesendet haben – dieselbe Schwelle, die auch die Berichte der Kampagne einhalten; bisher sind es weniger.",
    peers_small_remainder: "Der Vergleich mit anderen wird noch nicht gezeigt: Neben den Zahlen je Land in den Berichten der Kampagne ließe er eine Gruppe von weniger als {k} Organisationen erkennen, die die Berichte nie zeigen.",
    unknown_counted_as_zero: "unbekannt — als 0 gezählt",
    non_answers_left_out: "ohne Angabe — nicht gewertet",
};

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
    match language {
        "de" => &DE,
        _ => &EN,
    }
}

/// A one-line reading of a TLP label.
pub fn tlp_meaning(tlp: Tlp, language: &str) -> &'static str {
    match (language, tlp) {
        ("de", Tlp::Clear) => "Darf ohne Einschränkung weitergegeben werden.",
        ("de", Tlp::Green) => {
            "Darf innerhalb der Community weitergegeben werden, aber nicht öffentlich."
        }
        ("de", Tlp::Amber) => {
            "Nur für die beteiligten Organisationen, nach dem Need-to-know-Prinzip."
        }
        ("de", Tlp::Red) => "Nur für die namentlich genannten Empfängerinnen und Empfänger.",
        (_, Tlp::Clear) => "May be shared without restriction.",
        (_, Tlp::Green) => "May be shared within the community, not publicly.",
        (_, Tlp::Amber) => "For the participating organisations only, on a need-to-know basis.",
        (_, Tlp::Red) => "For the named recipients only.",
    }
}
