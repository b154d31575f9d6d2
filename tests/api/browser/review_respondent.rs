//! The respondent's side of a review in the browser: the link after a change request
//! opens only the flagged answers, each with the reviewer's comment; the respondent
//! changes them, replies, submits again and sees on the result that the review goes on.
//! Small steps, so that a longer journey can call them too.

use super::driver::Browser;

/// A respondent whose answers were sent back: their link (the app's address and the
/// path of the change request's mail), the two flagged questions and one left locked.
pub struct SentBack<'a> {
    pub browser: &'a Browser,
    pub link: &'a str,
    pub flagged: [&'a str; 2],
    pub locked: &'a str,
}

impl SentBack<'_> {
    /// The link's welcome page says changes were requested and leads to the first one.
    pub(super) async fn open_the_link_after_a_change_request(&self) {
        self.browser.goto(self.link).await;
        self.expect_shown("#changes-requested").await;
        for question in self.flagged {
            self.expect_shown(&format!("#flagged-{question}")).await;
        }
        self.browser.click_through("#start").await;
        self.expect_path_ends_with("/s/1").await;
    }

    /// On the section page the first flagged answer has its fields, the comment and a
    /// reply field; the locked one is shown as text, with no field to send.
    pub(super) async fn see_only_the_flagged_answers_open(&self) {
        let [first, _] = self.flagged;
        self.expect_shown(&format!("label[for=q-{first}-3]")).await;
        self.expect_shown(&format!("#review-comment-{first}")).await;
        self.expect_shown(&format!("#reply-{first}")).await;
        self.expect_shown(&format!("#locked-{}", self.locked)).await;
        let fields = self
            .browser
            .find_all(&format!("[name^='q.{}']", self.locked))
            .await;
        assert!(fields.is_empty(), "the locked answer has a field");
    }

    /// Changes both flagged answers (the first with a reply), walking on through the
    /// read-only sections to the review page.
    pub(super) async fn change_them_and_reply(&self, reply: &str) {
        let [first, second] = self.flagged;
        self.browser.click(&format!("label[for=q-{first}-3]")).await;
        self.browser
            .type_into(&format!("#reply-{first}"), reply)
            .await;
        self.browser.click_through("#next").await;
        self.expect_path_ends_with("/s/2").await;
        self.browser
            .click(&format!("label[for=q-{second}-1]"))
            .await;
        for _ in 0..3 {
            self.browser.click_through("#next").await;
            if self.browser.path().await.ends_with("/review") {
                return;
            }
        }
        self.expect_path_ends_with("/review").await;
    }

    /// Submits again from the review page and lands on the result.
    pub(super) async fn resubmit(&self) {
        self.expect_shown("#changes-requested").await;
        self.browser.click_through("#submit").await;
        self.expect_path_ends_with("/result").await;
    }

    /// The result page's review status says `expected`.
    pub(super) async fn see_the_review_status(&self, expected: &str) {
        let status = self.browser.text_of("#review-status").await;
        assert!(
            status.contains(expected),
            "{status:?} on {}",
            self.browser.describe().await
        );
    }

    async fn expect_path_ends_with(&self, end: &str) {
        let path = self.browser.path().await;
        assert!(
            path.ends_with(end),
            "{path} is not …{end}: {}",
            self.browser.describe().await
        );
    }

    async fn expect_shown(&self, css: &str) {
        assert!(
            self.browser.is_visible(css).await,
            "{css} not shown on {}",
            self.browser.describe().await
        );
    }
}
