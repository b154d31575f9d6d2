//! Setting a campaign up in the browser, as an analyst allowed to create campaigns does:
//! the create form, the questionnaire's preview, the invitation's text, the participant
//! list uploaded as a file, and the invitations sent from the dashboard.

use std::path::Path;

use super::analyst::{Analyst, Login, expect_path};
use super::driver::Browser;

/// What the create form is filled in with.
pub struct NewCampaign<'a> {
    pub name: &'a str,
    /// The CSIRTs' questionnaire; the other audiences are left at "None".
    pub csirt_questionnaire: &'a str,
    /// The deadline as the date field shows it to be typed in an English browser:
    /// month, day, year.
    pub closes_on_typed: &'a str,
    /// The deadline as the field then holds it (ISO).
    pub closes_on: &'a str,
    /// The TLP radio's class, e.g. "green".
    pub tlp: &'a str,
    pub sender: &'a str,
    pub privacy_k: &'a str,
    pub languages: &'a [&'a str],
}

/// The invitation's new words, and what a preview of them must show.
pub struct Invitation<'a> {
    /// `invitation.en`: the kind and language of the wording.
    pub key: &'a str,
    pub subject: &'a str,
    pub opening: &'a str,
}

/// From the campaign list, fills in the create form and sends it: lands on the new
/// campaign's dashboard, which says it was created. The analyst of that campaign.
pub async fn create_campaign<'a>(
    browser: &'a Browser,
    address: &'a str,
    login: Login<'a>,
    form: &NewCampaign<'_>,
) -> Analyst<'a> {
    browser.click_through("#new-campaign").await;
    expect_path(browser, "/campaigns/new").await;
    browser.type_into("#name", form.name).await;
    browser
        .choose("#questionnaire_csirt", form.csirt_questionnaire)
        .await;
    browser.choose("#questionnaire_lea", "").await;
    browser.type_into("#closes_on", form.closes_on_typed).await;
    assert_eq!(browser.value_of("#closes_on").await, form.closes_on);
    browser.click(&format!("label[for=tlp-{}]", form.tlp)).await;
    browser
        .replace_text("#sender_organisation", form.sender)
        .await;
    browser.replace_text("#privacy_k", form.privacy_k).await;
    for language in form.languages {
        browser
            .click(&format!("label[for=language-{language}]"))
            .await;
    }
    browser.click_through("#create").await;
    let path = browser.path().await;
    let Some(campaign) = path
        .strip_prefix("/campaigns/")
        .and_then(|id| id.parse().ok())
    else {
        panic!("not a dashboard: {}", browser.describe().await)
    };
    let analyst = Analyst {
        browser,
        address,
        login,
        campaign,
    };
    analyst.expect_notice("The campaign is created").await;
    analyst
}

impl Analyst<'_> {
    /// The dashboard's facts show what the form was filled in with.
    pub async fn see_the_campaign_as_created(&self, form: &NewCampaign<'_>) {
        let facts = self.browser.text_of("#facts").await;
        let tlp = format!("TLP:{}", form.tlp.to_uppercase());
        for shown in [form.closes_on, tlp.as_str(), form.csirt_questionnaire] {
            assert!(facts.contains(shown), "{shown} not in {facts}");
        }
        let k = self.browser.text_of("#campaign-privacy-k").await;
        assert_eq!(k.trim(), form.privacy_k);
        let languages = self.browser.text_of("#campaign-languages").await;
        assert_eq!(languages.trim(), form.languages.join(", "));
        assert_eq!(self.browser.text_of("h1").await, form.name);
    }

    /// Follows the dashboard's preview link of the CSIRTs' questionnaire and walks its
    /// first two sections and back: every page says it is a preview, holds no form, and an
    /// answer clicked on one section is gone when the analyst comes back to it.
    pub async fn preview_the_questionnaire(&self, questionnaire: &str) {
        let overview = format!("/questionnaires/{questionnaire}/preview");
        self.browser.click_through("#preview-csirt").await;
        self.expect_path(&overview).await;
        self.expect_preview_banner().await;
        self.browser.click_through("#start").await;
        self.expect_path(&format!("{overview}/s/1")).await;
        self.expect_preview_banner().await;
        let first = self.first_choice().await;
        self.browser.click(&format!("label[for={first}]")).await;
        assert!(self.browser.is_ticked(&format!("#{first}")).await);
        self.browser.click_through("#next").await;
        self.expect_path(&format!("{overview}/s/2")).await;
        self.expect_preview_banner().await;
        let second = self.first_choice().await;
        assert_ne!(first, second, "section 2 shows other questions");
        self.browser.click_through("#back").await;
        self.expect_path(&format!("{overview}/s/1")).await;
        assert!(
            !self.browser.is_ticked(&format!("#{first}")).await,
            "the answer clicked in the preview was kept"
        );
        self.reopen_the_dashboard().await;
    }

    /// On the mail-text page, types new words for `invitation` and previews them: the
    /// preview shows them with the parts no wording changes (link, deadline, TLP), and
    /// nothing is saved until Save, which the page then confirms.
    pub async fn edit_and_preview_the_invitation(
        &self,
        invitation: &Invitation<'_>,
        shown: &[&str],
    ) {
        let page = format!("{}/mail-text", self.dashboard());
        self.browser.click_through("#mail-text-link").await;
        self.expect_path(&page).await;
        let subject = format!("[id=\"{}.subject\"]", invitation.key);
        let opening = format!("[id=\"{}.opening\"]", invitation.key);
        self.browser
            .replace_text(&subject, invitation.subject)
            .await;
        self.browser
            .replace_text(&opening, invitation.opening)
            .await;
        self.browser
            .click_through(&format!("[id=\"preview-{}\"]", invitation.key))
            .await;
        self.expect_path(&page).await;
        let preview = self.browser.text_of("#preview").await;
        for part in shown {
            assert!(
                preview.contains(part),
                "{part:?} not in the preview:\n{preview}"
            );
        }
        // The HTML part is drawn with its own inline styles (the mail's grey backdrop),
        // which the page's policy lets through for that frame.
        assert_eq!(
            self.browser.frame_background("#preview-rendered").await,
            "rgb(243, 244, 246)"
        );
        assert_eq!(
            self.browser.value_of(&subject).await,
            invitation.subject,
            "the words typed are kept"
        );
        let legend = format!("[id=\"{}\"] legend", invitation.key);
        let unsaved = self.browser.text_of(&legend).await;
        assert!(unsaved.ends_with("(shipped text)"), "{unsaved}");

        self.browser.click_through("#save").await;
        self.expect_path(&page).await;
        self.expect_notice("saved").await;
        let saved = self.browser.text_of(&legend).await;
        assert!(saved.ends_with("(this campaign's own text)"), "{saved}");
        assert_eq!(self.browser.value_of(&subject).await, invitation.subject);
    }

    /// Opens the participants page from the dashboard.
    pub async fn open_the_participants(&self) {
        self.reopen_the_dashboard().await;
        self.browser.click_through("#participants-link").await;
        self.expect_path(&format!("{}/participants", self.dashboard()))
            .await;
    }

    /// Uploads the list at `file` with the page's form: the participants page again, or
    /// when the list is refused, the page answering the upload form in its place.
    pub async fn upload_participants(&self, file: &Path, accepted: bool) {
        self.browser.attach_file("#upload-file", file).await;
        self.browser.click_through("#upload").await;
        let page = format!("{}/participants", self.dashboard());
        if accepted {
            self.expect_path(&page).await;
        } else {
            self.expect_path(&format!("{page}/upload")).await;
        }
    }

    /// The problem table after a refused upload: row, column and problem of each line.
    pub async fn upload_problems(&self) -> Vec<[String; 3]> {
        let mut problems = Vec::new();
        for row in self.browser.find_all("#upload-problems tbody tr").await {
            let cells = row
                .find_all(fantoccini::Locator::Css("th, td"))
                .await
                .expect("the row's cells");
            let mut texts = Vec::new();
            for cell in cells {
                texts.push(cell.text().await.expect("a cell's text"));
            }
            let [row, column, problem] = <[String; 3]>::try_from(texts)
                .unwrap_or_else(|t| panic!("a problem row of three cells: {t:?}"));
            problems.push([row, column, problem]);
        }
        problems
    }

    /// "Showing n of m participant(s)." as the page says it.
    pub async fn shown_count(&self) -> String {
        self.browser.text_of("#shown-count").await
    }

    /// Invites everyone not yet invited from the dashboard; the page says how many.
    pub async fn invite_everyone(&self, expected: usize) {
        self.reopen_the_dashboard().await;
        let waiting = self.browser.text_of("#not-invited").await;
        assert_eq!(waiting, format!("Not yet invited: {expected}."));
        self.browser.click_through("#invite").await;
        self.expect_path(&self.dashboard()).await;
        let queued = format!("Invitations queued: {expected}.");
        self.expect_notice(&queued).await;
    }

    /// The page's status notice is shown and mentions `words`.
    pub(super) async fn expect_notice(&self, words: &str) {
        assert!(
            self.browser.is_visible("#status-notice").await,
            "no notice on {}",
            self.browser.describe().await
        );
        let notice = self.browser.text_of("#status-notice").await;
        assert!(
            notice.contains(words),
            "{words:?} not in the notice {notice:?}"
        );
    }

    async fn expect_preview_banner(&self) {
        let banner = self.browser.text_of("#preview-banner").await;
        assert!(
            banner.starts_with("Preview — nothing is saved."),
            "{banner}"
        );
        assert!(
            self.browser.find_all("form#section-form").await.is_empty(),
            "a preview holds no form that could send answers"
        );
    }

    /// The id of the first choice of the section shown.
    async fn first_choice(&self) -> String {
        let radio = self
            .browser
            .find("#section-preview input[type=radio]")
            .await;
        radio
            .attr("id")
            .await
            .expect("an id")
            .expect("a radio with an id")
    }
}
