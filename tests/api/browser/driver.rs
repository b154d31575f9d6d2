//! Headless Chromium for the end-to-end tests: Debian's `chromedriver` as a child
//! process and a fantoccini session on it, both gone when the `Browser` is dropped.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use tempfile::TempDir;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Set (CI sets it) to make a missing browser a failure instead of a skip. Not a
/// `LIAISON_…` name: `Settings` reads all of those and refuses unknown ones.
const REQUIRE: &str = "TEST_REQUIRE_BROWSER";
/// How long a page may take to replace the previous one.
const PAGE_TIMEOUT: Duration = Duration::from_secs(10);

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

/// A headless Chromium session.
pub struct Browser {
    pub client: Client,
    // Fields drop in order: the session, then the driver, then the profile folder.
    _driver: Chromedriver,
    _profile: TempDir,
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
    let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|f| (*f).to_owned()).collect();
    args.push(format!("--user-data-dir={}", profile.path().display()));
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": { "binary": CHROMIUM, "args": args },
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

    /// Clicks a link or button that opens a page, and waits until that page has
    /// replaced this one (chromedriver's own wait can return before it starts).
    pub async fn click_through(&self, css: &str) {
        let old_page = self.find("html").await;
        self.click(css).await;
        let deadline = Instant::now() + PAGE_TIMEOUT;
        loop {
            match old_page.tag_name().await {
                Err(e) if e.is_stale_element_reference() || node_left_document(&e) => break,
                Err(e) => panic!("after clicking `{css}`: {e}"),
                Ok(_) => {}
            }
            assert!(
                Instant::now() < deadline,
                "clicking `{css}` opened no page within {PAGE_TIMEOUT:?} on {}",
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

/// A `chromedriver` listening on a free loopback port.
struct Chromedriver {
    port: u16,
    child: Child,
}

impl Chromedriver {
    async fn start() -> Chromedriver {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {CHROMEDRIVER}: {e}"));
        let driver = Chromedriver { port, child };
        driver.wait_until_ready(Duration::from_secs(20)).await;
        driver
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    async fn wait_until_ready(&self, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        let status = format!("{}/status", self.url());
        loop {
            if let Ok(answer) = reqwest::get(&status).await
                && answer.status().is_success()
            {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{CHROMEDRIVER} did not answer {status} within {timeout:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Chromedriver {
    /// Asks chromedriver to quit, which also ends any Chromium it started (a
    /// failed test never closed its session); killing it would orphan them.
    fn drop(&mut self) {
        if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) {
            let request = format!(
                "GET /shutdown HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
                self.port
            );
            let _ = stream.write_all(request.as_bytes());
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Chromium sometimes reports the old page's node as gone this way rather than as a stale
/// element while the next page replaces it: both mean the navigation happened.
fn node_left_document(error: &fantoccini::error::CmdError) -> bool {
    let text = error.to_string();
    text.contains("does not belong to the document") || text.contains("No node with given id")
}
