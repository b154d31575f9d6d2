//! The one frame every HTML page is drawn in: [`Chrome`] says what the frame shows (language,
//! title suffix, stylesheet, CSRF token, who is logged in or which campaign a respondent
//! answers), `assets/templates/layout.html` draws it, and [`html`] sends a rendered page.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;

use crate::accounts::Analyst;
use crate::campaigns::Tlp;
use crate::web::WebError;
use crate::web::i18n::{Ui, ui};
use crate::web::pages::static_files::stylesheet_href;

/// What follows every analyst page's title, and the header's name.
const SITE_NAME: &str = "Liaison";

/// The skip link of the pages in English that are not a respondent's.
const SKIP_TO_CONTENT: &str = "Skip to content";

/// The heading of an analyst form's error summary.
const ANALYST_ERROR_HEADING: &str = "There is a problem";

/// What every page shows around its content.
pub struct Chrome {
    /// The words of the respondent pages in the page's language (English elsewhere).
    pub ui: &'static Ui,
    /// The page's language, for `<html lang>`.
    pub lang: &'static str,
    pub skip_link: &'static str,
    /// The heading of the form-errors summary.
    pub error_heading: &'static str,
    /// What follows the page's own title in `<title>`.
    pub site: String,
    /// The stylesheet's versioned address, cached for a year.
    pub stylesheet: &'static str,
    /// The value of every form's hidden CSRF field (empty on pages without forms).
    pub csrf: String,
    /// The analyst whose session this is; the header then offers to log out, and links
    /// to their account page.
    pub signed_in_as: Option<String>,
    /// Whether that analyst manages accounts; the header then links to the accounts pages.
    pub admin: bool,
    /// Whether that account is a peer reviewer; the header then links to its reviews only.
    pub peer: bool,
    /// A respondent's header: their campaign, its TLP and the language switch.
    pub banner: Option<Banner>,
}

/// The header of a respondent's pages.
pub struct Banner {
    pub campaign: String,
    /// The campaign's TLP label; empty in a questionnaire's preview, which has no campaign.
    pub tlp: String,
    pub tlp_class: String,
    /// Every language of the questionnaire, the current one marked.
    pub languages: Vec<LanguageLink>,
}

/// One entry of the language switch.
pub struct LanguageLink {
    pub code: String,
    pub name: &'static str,
    pub href: String,
    pub current: bool,
}

impl Chrome {
    /// An analyst page: English, "Liaison" in the title, for the analyst signed in (if any)
    /// their navigation and a logout button.
    pub fn analyst(csrf: &str, signed_in: Option<&Analyst>) -> Chrome {
        Chrome {
            ui: ui("en"),
            lang: "en",
            skip_link: SKIP_TO_CONTENT,
            error_heading: ANALYST_ERROR_HEADING,
            site: SITE_NAME.to_owned(),
            stylesheet: stylesheet_href(),
            csrf: csrf.to_owned(),
            signed_in_as: signed_in.map(|a| a.email().to_owned()),
            admin: signed_in.is_some_and(Analyst::can_manage_analysts),
            peer: signed_in.is_some_and(Analyst::is_peer_reviewer),
            banner: None,
        }
    }

    /// An error page in `language` (English when the interface does not speak it): no
    /// account, no form.
    pub fn error_page(language: &str) -> Chrome {
        let ui = ui(language);
        Chrome {
            lang: ui.code,
            skip_link: ui.skip_link,
            ..Chrome::analyst("", None)
        }
    }

    /// A respondent's page in `ui`'s language, headed by the campaign they answer.
    pub fn respondent(
        ui: &'static Ui,
        campaign: &str,
        tlp: Tlp,
        languages: Vec<LanguageLink>,
        csrf: &str,
    ) -> Chrome {
        Chrome {
            ui,
            lang: ui.code,
            skip_link: ui.skip_link,
            error_heading: ui.error_summary,
            site: campaign.to_owned(),
            stylesheet: stylesheet_href(),
            csrf: csrf.to_owned(),
            signed_in_as: None,
            admin: false,
            peer: false,
            banner: Some(Banner {
                campaign: campaign.to_owned(),
                tlp: tlp.to_string(),
                tlp_class: tlp_class(tlp),
                languages,
            }),
        }
    }
}

impl Chrome {
    /// A questionnaire's preview: a respondent's frame in `ui`'s language, headed by the
    /// questionnaire's title since there is no campaign (and so no TLP label), no forms.
    pub fn preview(ui: &'static Ui, title: &str, languages: Vec<LanguageLink>) -> Chrome {
        let mut chrome = Chrome::respondent(ui, title, Tlp::Clear, languages, "");
        if let Some(banner) = chrome.banner.as_mut() {
            banner.tlp.clear();
            banner.tlp_class.clear();
        }
        chrome
    }
}

/// The CSS class of a TLP label (`tlp-amber`, …).
pub fn tlp_class(tlp: Tlp) -> String {
    tlp.as_str().to_lowercase()
}

/// The name of a language in that language, for the language switch.
pub fn language_name(code: &str) -> &'static str {
    match code {
        "en" => "English",
        "de" => "Deutsch",
        "fr" => "Français",
        "es" => "Español",
        "it" => "Italiano",
        "nl" => "Nederlands",
        "pl" => "Polski",
        "pt" => "Português",
        _ => "—",
    }
}

/// A rendered page, 200.
pub fn html(rendered: askama::Result<String>) -> Result<HttpResponse, WebError> {
    html_with_status(rendered, StatusCode::OK)
}

/// A rendered page with `status`: 422 for a form to fix, 409 once submitted, …
pub fn html_with_status(
    rendered: askama::Result<String>,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let body = rendered.map_err(WebError::internal)?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body))
}
