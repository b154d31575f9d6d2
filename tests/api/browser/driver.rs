//! Headless Chromium for the end-to-end tests: a fantoccini session on a
//! [`Chromedriver`], both gone when the `Browser` is dropped.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use tempfile::TempDir;

use super::chromedriver::{CHROMEDRIVER, Chromedriver};

const CHROMIUM: &str = "/usr/bin/chromium";
/// Set (CI sets it) to make a missing browser a failure instead of a skip. Not a
/// `LIAISON_…` name: `Settings` reads all of those and refuses unknown ones.
pub const REQUIRE: &str = "TEST_REQUIRE_BROWSER";
/// How long a page may take to replace the previous one: generous, as the whole test suite
/// runs beside the browser and a debug build hashes a login's password slowly. Only a
/// failing test waits this long.
const PAGE_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a download may take to land in the downloads folder once its link is clicked.
const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(60);

/// Chromium here runs as root in a container without a GPU and must not reach
/// the network on its own.
const CHROMIUM_FLAGS: [&str; 9] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
];

/// The window's height whenever a test sets its width.
const WINDOW_HEIGHT: u32 = 900;

/// A headless Chromium session.
pub struct Browser {
    pub client: Client,
    // Fields drop in order: the session, then the driver, then the folders.
    _driver: Chromedriver,
    _profile: TempDir,
    /// Where Chromium saves what a link offers as an attachment.
    downloads: TempDir,
}

/// Starts a browser, or `None` (after saying so loudly) when Chromium is not
/// installed and `TEST_REQUIRE_BROWSER` is not set.
pub async fn launch() -> Option<Browser> {
    let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER]
        .into_iter()
        .filter(|p| !Path::new(p).exists())
        .collect();
    if !missing.is_empty() {
        assert!(
            std::env::var_os(REQUIRE).is_none(),
            "{REQUIRE} is set but {missing:?} is missing: \
             apt-get install chromium chromium-driver (.ci/run does)"
        );
        // Straight to stderr: the test harness would swallow `eprintln!` of a passing test.
        let _ = writeln!(
            std::io::stderr(),
            "\n*** BROWSER TEST SKIPPED: chromium/chromedriver not installed ({missing:?}). \
             Set {REQUIRE}=1 to make this a failure; .ci/run installs them. ***\n"
        );
        return None;
    }
    let driver = Chromedriver::start().await;
    let profile = tempfile::tempdir().expect("a temporary browser profile");
    let downloads = tempfile::tempdir().expect("a temporary downloads folder");
    let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|f| (*f).to_owned()).collect();
    args.push(format!("--user-data-dir={}", profile.path().display()));
    // Without a prompt, so a clicked attachment is saved as a person's browser would save it.
    let prefs = json!({
        "download.default_directory": downloads.path(),
        "download.prompt_for_download": false,
    });
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": { "binary": CHROMIUM, "args": args, "prefs": prefs },
    });
    let Value::Object(capabilities) = capabilities else {
        unreachable!("a JSON object literal")
    };
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(&driver.url())
        .await
        .unwrap_or_else(|e| panic!("chromedriver starts no Chromium session: {e}"));
    Some(Browser {
        client,
        _driver: driver,
        _profile: profile,
        downloads,
    })
}

impl Browser {
    /// Ends the session, which also ends Chromium.
    pub async fn quit(self) {
        let Browser { client, .. } = self;
        client.close().await.expect("the browser session closes");
    }

    pub async fn goto(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    }

    /// The element `css` selects on the current page; the failure names the page.
    pub async fn find(&self, css: &str) -> Element {
        match self.client.find(Locator::Css(css)).await {
            Ok(element) => element,
            Err(e) => panic!("no `{css}` ({e}) on {}", self.describe().await),
        }
    }

    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("cannot look for `{css}`: {e}"))
    }

    /// Clicks `css` on this page, e.g. a radio's label.
    pub async fn click(&self, css: &str) {
        let element = self.find(css).await;
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click `{css}`: {e}"));
    }

    /// Types `text` into the field `css`.
    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("cannot type into `{css}`: {e}"));
    }

    /// Replaces what the field `css` holds with `text`; a `\n` in it starts a new line of
    /// a text area.
    pub async fn replace_text(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field
            .clear()
            .await
            .unwrap_or_else(|e| panic!("cannot clear `{css}`: {e}"));
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("cannot type into `{css}`: {e}"));
    }

    /// Chooses the option whose value is `value` in the select `css`.
    pub async fn choose(&self, css: &str, value: &str) {
        let select = self.find(css).await;
        select
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("no option {value:?} in `{css}`: {e}"));
    }

    /// Picks the file at `path` in the file input `css`, as a person does in the file
    /// dialog: chromedriver takes the path typed into the input.
    pub async fn attach_file(&self, css: &str, path: &Path) {
        let input = self.find(css).await;
        let path = path.to_str().expect("a UTF-8 path");
        input
            .send_keys(path)
            .await
            .unwrap_or_else(|e| panic!("cannot pick {path} in `{css}`: {e}"));
    }

    /// The current value of the field `css`, as the form would send it.
    pub async fn value_of(&self, css: &str) -> String {
        let field = self.find(css).await;
        field
            .prop("value")
            .await
            .unwrap_or_else(|e| panic!("cannot read the value of `{css}`: {e}"))
            .unwrap_or_default()
    }

    /// Whether the checkbox or radio `css` is ticked.
    pub async fn is_ticked(&self, css: &str) -> bool {
        let input = self.find(css).await;
        input
            .is_selected()
            .await
            .unwrap_or_else(|e| panic!("cannot read the state of `{css}`: {e}"))
    }

    /// Forgets every cookie of the current site, as a browser nobody has used here yet.
    pub async fn forget_cookies(&self) {
        self.client
            .delete_all_cookies()
            .await
            .expect("the browser's cookies are deleted");
    }

    /// Clicks a link or button that opens a page, and waits until that page has
    /// replaced this one (chromedriver's own wait can return before it starts).
    pub async fn click_through(&self, css: &str) {
        self.click_through_within(css, PAGE_TIMEOUT).await;
    }

    /// [`click_through`](Self::click_through) for a page the server takes up to `timeout`
    /// to answer, such as one that builds files first.
    pub async fn click_through_within(&self, css: &str, timeout: Duration) {
        let old_page = self.find("html").await;
        self.click(css).await;
        let deadline = Instant::now() + timeout;
        loop {
            match old_page.tag_name().await {
                Err(e) if e.is_stale_element_reference() || node_left_document(&e) => break,
                Err(e) => panic!("after clicking `{css}`: {e}"),
                Ok(_) => {}
            }
            assert!(
                Instant::now() < deadline,
                "clicking `{css}` opened no page within {timeout:?} on {}",
                self.describe().await
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        self.wait_until_loaded().await;
    }

    async fn wait_until_loaded(&self) {
        let deadline = Instant::now() + PAGE_TIMEOUT;
        loop {
            let state = self
                .client
                .execute("return document.readyState;", vec![])
                .await
                .unwrap_or(Value::Null);
            if state == "complete" {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the page did not finish loading within {PAGE_TIMEOUT:?}"
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    pub async fn text_of(&self, css: &str) -> String {
        let element = self.find(css).await;
        element.text().await.expect("the element's text")
    }

    pub async fn is_visible(&self, css: &str) -> bool {
        match self.client.find(Locator::Css(css)).await {
            Ok(element) => element.is_displayed().await.unwrap_or(false),
            Err(_) => false,
        }
    }

    /// The file `name` once Chromium has saved it in its downloads folder (it writes to a
    /// `.crdownload` name first and renames the file when complete).
    pub async fn downloaded(&self, name: &str) -> Vec<u8> {
        let path = self.downloads.path().join(name);
        let deadline = Instant::now() + DOWNLOAD_TIMEOUT;
        while !path.exists() {
            if Instant::now() >= deadline {
                let saved: Vec<_> = std::fs::read_dir(self.downloads.path())
                    .map(|entries| entries.flatten().map(|e| e.file_name()).collect())
                    .unwrap_or_default();
                panic!("{name} was not downloaded within {DOWNLOAD_TIMEOUT:?}; saved: {saved:?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// The browser's cookies for the current site as a `Cookie` request header, so
    /// another HTTP client can act within the same session.
    pub async fn cookie_header(&self) -> String {
        let cookies = self
            .client
            .get_all_cookies()
            .await
            .expect("the browser's cookies");
        cookies
            .iter()
            .map(|c| format!("{}={}", c.name(), c.value()))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Resizes the window so that pages are laid out `width` CSS pixels wide, as on a
    /// screen of that width: the window's frame, if it has one, is added to it.
    pub async fn set_viewport_width(&self, width: u32) {
        let mut outer = width;
        for _ in 0..2 {
            self.client
                .set_window_size(outer, WINDOW_HEIGHT)
                .await
                .unwrap_or_else(|e| panic!("cannot resize the window to {outer} px: {e}"));
            let inner = self.inner_width().await;
            if inner == u64::from(width) {
                return;
            }
            let frame = u64::from(outer).saturating_sub(inner);
            outer = width + u32::try_from(frame).expect("a narrow frame");
        }
        panic!(
            "the window does not shrink to {width} CSS px: window.innerWidth is {}",
            self.inner_width().await
        );
    }

    async fn inner_width(&self) -> u64 {
        let inner = self
            .client
            .execute("return window.innerWidth;", vec![])
            .await
            .expect("the script runs");
        inner.as_u64().expect("a width")
    }

    /// The background colour of the body of the frame `css`, as the frame draws it
    /// (`rgb(…)`); the browser is back in the page afterwards.
    pub async fn frame_background(&self, css: &str) -> String {
        self.find(css)
            .await
            .enter_frame()
            .await
            .unwrap_or_else(|e| panic!("cannot enter the frame `{css}`: {e}"));
        let colour = self
            .client
            .execute(
                "return getComputedStyle(document.body).backgroundColor;",
                vec![],
            )
            .await
            .expect("the frame's script runs");
        self.client
            .enter_parent_frame()
            .await
            .expect("back in the page");
        colour.as_str().expect("a colour").to_owned()
    }

    /// The current path, e.g. `/r/abc/s/3`.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("a current URL");
        url.path().to_owned()
    }

    /// The URL and the start of the visible text, for failure messages.
    pub async fn describe(&self) -> String {
        let url = self
            .client
            .current_url()
            .await
            .map_or_else(|e| format!("<no URL: {e}>"), |u| u.to_string());
        let body = match self.client.find(Locator::Css("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        let excerpt: String = body.chars().take(1500).collect();
        format!("{url}\n--- page text ---\n{excerpt}\n---")
    }
}

/// Chromium sometimes reports the old page's node as gone this way rather than as a stale
/// element while the next page replaces it: both mean the navigation happened.
fn node_left_document(error: &fantoccini::error::CmdError) -> bool {
    let text = error.to_string();
    text.contains("does not belong to the document") || text.contains("No node with given id")
}
