//! The page of a campaign's invitation and reminder text: per kind and language, the
//! subject and opening paragraph prefilled with what the mails use now, Save, and a
//! Preview of the mail exactly as it would be sent, made from the words typed before
//! anything is saved or sent: its subject, its plain-text part, and its HTML part both as
//! source and drawn in a sandboxed frame, as a mail program would show it. Both forms post
//! to the same address; the button says which.

use std::collections::HashMap;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;

use crate::accounts::CampaignRight;
use crate::campaigns::CampaignError;
use crate::invitations::InvitationError;
use crate::mail::PLACEHOLDERS;
use crate::mail_texts::{self, MailText, MailTextInput, PreviewMail};
use crate::web::access::PageCampaign;
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::{Chrome, html, html_with_status};
use crate::web::pages::notice::{Flash, Notice};
use crate::web::security::{CsrfToken, policy_allowing_style_attributes};
use crate::web::{AppState, WebError, with_conn};

/// The id of the form, where a problem with no field of its own is shown.
const FORM_ID: &str = "mail-text-form";

/// One kind of mail in one language, as the form shows it.
struct Entry {
    kind: String,
    language: String,
    /// "Invitation in English", for legends and buttons.
    title: String,
    subject: String,
    opening: String,
    custom: bool,
    subject_error: Option<String>,
    opening_error: Option<String>,
}

impl Entry {
    /// The id and name of one of its fields, as the domain names its problems.
    fn field(&self, part: &str) -> String {
        mail_texts::field_name(&self.kind, &self.language, part)
    }

    /// The value the preview button sends.
    fn key(&self) -> String {
        format!("{}.{}", self.kind, self.language)
    }
}

#[derive(Template)]
#[template(path = "analyst/mail_text.html", config = "assets/askama.toml")]
struct MailTextPage {
    chrome: Chrome,
    id: i64,
    name: String,
    notice: Option<&'static str>,
    errors: FormErrors,
    entries: Vec<Entry>,
    placeholders: &'static [(&'static str, &'static str)],
    /// The mail previewed, and what it is ("Invitation in English").
    preview: Option<(String, PreviewMail)>,
}

/// `GET /campaigns/{id}/mail-text`
pub async fn show_mail_text(
    access: PageCampaign,
    csrf: CsrfToken,
    state: web::Data<AppState>,
    flash: Flash,
) -> Result<HttpResponse, WebError> {
    access.require(CampaignRight::Manage)?;
    let (name, texts) = load(&state, &access).await?;
    let notice = (flash.notice() == Some(&Notice::MailTextSaved))
        .then_some("The invitation and reminder text is saved.");
    let page = page(&access, &csrf, name, texts, notice);
    Ok(flash.shown(html(page.render())?))
}

/// `POST /campaigns/{id}/mail-text`: `preview=<kind>.<language>` shows that mail made from
/// the words typed; otherwise every wording typed is saved, and the page shows it again.
pub async fn post_mail_text(
    access: PageCampaign,
    csrf: CsrfToken,
    state: web::Data<AppState>,
    form: web::Form<Vec<(String, String)>>,
    flash: Flash,
) -> Result<HttpResponse, WebError> {
    access.require(CampaignRight::Manage)?;
    let typed: HashMap<String, String> = form.into_inner().into_iter().collect();
    let (name, texts) = load(&state, &access).await?;
    // Every kind and language the page offers, with the words typed for it.
    let inputs: Vec<MailTextInput> = texts
        .iter()
        .map(|t| MailTextInput {
            kind: t.kind.clone(),
            language: t.language.clone(),
            subject: typed_value(&typed, t, "subject"),
            opening: typed_value(&typed, t, "opening"),
        })
        .collect();
    let mut page = page(&access, &csrf, name, texts, None);
    for (entry, input) in page.entries.iter_mut().zip(&inputs) {
        entry.subject = input.subject.clone();
        entry.opening = input.opening.clone();
    }
    let (catalogue, campaign, actor) = (state.catalogue.clone(), access.id(), access.actor());
    if let Some(key) = typed.get("preview") {
        let Some(input) = inputs
            .into_iter()
            .find(|i| format!("{}.{}", i.kind, i.language) == *key)
        else {
            return Err(WebError::BadRequest(format!("no mail {key} to preview")));
        };
        let title = page
            .entries
            .iter()
            .find(|e| e.key() == *key)
            .map(|e| e.title.clone())
            .unwrap_or_default();
        let base_url = state.settings.base_url.clone();
        let shown = with_conn(&state, move |conn| {
            refused(mail_texts::preview(
                conn, &catalogue, &base_url, campaign, &input,
            ))
        })
        .await?;
        return match shown {
            Ok(mail) => {
                // The HTML part is shown in a sandboxed frame, which needs its inline
                // styles let through by this page's policy.
                let policy = policy_allowing_style_attributes(&mail.html);
                page.preview = Some((title, mail));
                let mut shown = html(page.render())?;
                shown.headers_mut().insert(
                    header::CONTENT_SECURITY_POLICY,
                    header::HeaderValue::from_str(&policy)
                        .map_err(|e| WebError::Internal(e.into()))?,
                );
                Ok(shown)
            }
            Err(problems) => refuse(page, &problems),
        };
    }
    let saved = with_conn(&state, move |conn| {
        refused(mail_texts::save(
            conn, &catalogue, campaign, &inputs, &actor,
        ))
    })
    .await?;
    match saved {
        Ok(_) => {
            let to = format!("/campaigns/{campaign}/mail-text");
            Ok(flash.redirect(&to, Notice::MailTextSaved))
        }
        Err(problems) => refuse(page, &problems),
    }
}

/// What was typed into one field of `text`; nothing when the field was not sent.
fn typed_value(typed: &HashMap<String, String>, text: &MailText, part: &str) -> String {
    let field = mail_texts::field_name(&text.kind, &text.language, part);
    typed.get(&field).cloned().unwrap_or_default()
}

/// The operation's result, a refusal of the words typed kept apart from a failure.
fn refused<T>(
    result: Result<T, InvitationError>,
) -> Result<Result<T, Vec<crate::problems::FieldProblem>>, WebError> {
    match result {
        Ok(value) => Ok(Ok(value)),
        Err(InvitationError::Campaign(CampaignError::Invalid(problems))) => Ok(Err(problems)),
        Err(other) => Err(other.into()),
    }
}

/// The page again, 422, each problem beside its field and the words typed kept.
fn refuse(
    mut page: MailTextPage,
    problems: &[crate::problems::FieldProblem],
) -> Result<HttpResponse, WebError> {
    page.errors = FormErrors::from_domain(problems, FORM_ID);
    for entry in &mut page.entries {
        entry.subject_error = page
            .errors
            .message_for(&entry.field("subject"))
            .map(str::to_owned);
        entry.opening_error = page
            .errors
            .message_for(&entry.field("opening"))
            .map(str::to_owned);
    }
    html_with_status(page.render(), StatusCode::UNPROCESSABLE_ENTITY)
}

/// The campaign's name and its wordings now.
async fn load(
    state: &web::Data<AppState>,
    access: &PageCampaign,
) -> Result<(String, Vec<MailText>), WebError> {
    let (catalogue, campaign) = (state.catalogue.clone(), access.id());
    with_conn(state, move |conn| {
        let name = crate::storage::campaigns::get_campaign(conn, campaign.get())?
            .campaign
            .name;
        Ok((name, mail_texts::current(conn, &catalogue, campaign)?))
    })
    .await
}

fn page(
    access: &PageCampaign,
    csrf: &CsrfToken,
    name: String,
    texts: Vec<MailText>,
    notice: Option<&'static str>,
) -> MailTextPage {
    let entries = texts
        .into_iter()
        .map(|t| {
            let kind = match t.kind.as_str() {
                "reminder" => "Reminder",
                _ => "Invitation",
            };
            Entry {
                title: format!("{kind} in {}", english_name(&t.language)),
                kind: t.kind,
                language: t.language,
                subject: t.subject,
                opening: t.opening,
                custom: t.custom,
                subject_error: None,
                opening_error: None,
            }
        })
        .collect();
    MailTextPage {
        chrome: Chrome::analyst(csrf.value(), Some(access.analyst())),
        id: access.id().get(),
        name,
        notice,
        errors: FormErrors::new(),
        entries,
        placeholders: &PLACEHOLDERS,
        preview: None,
    }
}

/// A mail language's name in English, the language of the analyst's pages.
fn english_name(code: &str) -> &str {
    match code {
        "en" => "English",
        "de" => "German",
        "fr" => "French",
        other => other,
    }
}
