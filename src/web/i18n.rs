//! The respondent pages' own words, in every language the pages speak.

use crate::storage::Tlp;

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
    pub choose_country: &'static str,
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
    pub recommendations_title: &'static str,
    pub radar_alt: &'static str,
    pub cooperation_note: &'static str,
    pub already_title: &'static str,
    pub already_text: &'static str,
    pub see_result: &'static str,
    pub receipt_note: &'static str,
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
    choose_country: "Choose a country",
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
    recommendations_title: "Recommendations",
    radar_alt: "Radar chart of your scores",
    cooperation_note: "The cooperation scores use Liaison's own model, built on ENISA's work on cooperation between CSIRTs and law enforcement; it is not an ENISA scale.",
    already_title: "Already submitted",
    already_text: "These answers were submitted and can no longer be changed.",
    see_result: "See your result",
    receipt_note: "A confirmation is on its way to your mailbox.",
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
    choose_country: "Land auswählen",
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
    recommendations_title: "Empfehlungen",
    radar_alt: "Netzdiagramm Ihrer Werte",
    cooperation_note: "Die Kooperationswerte beruhen auf dem eigenen Modell von Liaison, das auf den Arbeiten der ENISA zur Zusammenarbeit zwischen CSIRTs und Strafverfolgung aufbaut; es ist keine ENISA-Skala.",
    already_title: "Bereits abgesendet",
    already_text: "Diese Antworten wurden abgesendet und können nicht mehr geändert werden.",
    see_result: "Ihr Ergebnis ansehen",
    receipt_note: "Eine Bestätigung ist an Ihre Mailadresse unterwegs.",
};

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

/// The name of a SIM3 category in `language`.
pub fn category_label(category: crate::questionnaire::Category, language: &str) -> &'static str {
    use crate::questionnaire::Category::*;
    match (language, category) {
        ("de", O) => "Organisation",
        ("de", H) => "Personal",
        ("de", T) => "Werkzeuge",
        ("de", P) => "Prozesse",
        (_, O) => "Organisation",
        (_, H) => "Human",
        (_, T) => "Tools",
        (_, P) => "Processes",
    }
}

/// The name of a cooperation dimension in `language`.
pub fn dimension_label(dimension: crate::questionnaire::Dimension, language: &str) -> &'static str {
    use crate::questionnaire::Dimension::*;
    match (language, dimension) {
        ("de", Behavioural) => "Verhalten",
        ("de", Legal) => "Recht",
        ("de", Organisational) => "Organisation",
        ("de", Technical) => "Technik",
        ("de", Judiciary) => "Justiz",
        (_, Behavioural) => "Behavioural",
        (_, Legal) => "Legal",
        (_, Organisational) => "Organisational",
        (_, Technical) => "Technical",
        (_, Judiciary) => "Judiciary",
    }
}
