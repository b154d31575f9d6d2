//! axe-core, the accessibility checker, run inside the page the browser shows, and the
//! page's width measured against the window's.
//!
//! The script is not vendored: `.ci/run` installs a pinned axe-core with npm and names its
//! `axe.min.js` in `AXE_CORE_JS`. Without it the checks skip, unless `TEST_REQUIRE_BROWSER`
//! says a skip is a failure.

use std::fmt;
use std::io::Write;

use serde::Deserialize;
use serde_json::Value;

use super::driver::{Browser, REQUIRE};

/// Names the `axe.min.js` to inject. Not a `LIAISON_…` name: `Settings` reads all of
/// those and refuses unknown ones.
const AXE_CORE_JS: &str = "AXE_CORE_JS";

/// Runs every default rule on the whole document and returns what failed, in a shape
/// WebDriver can carry back: the page is left as it was.
const RUN: &str = "
    const done = arguments[arguments.length - 1];
    axe.run(document, { resultTypes: ['violations'] })
        .then(r => done(r.violations.map(v => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            targets: v.nodes.map(n => n.target.join(' ')),
        }))))
        .catch(e => done({ error: String(e) }));";

/// The window's CSS width, the document's, and the elements reaching past the window's
/// right edge (the deepest ones, which are the cause rather than their containers).
const WIDTHS: &str = "
    const width = window.innerWidth;
    // An element's own box, or the content spilling out of it (form controls and
    // scrolling boxes keep theirs inside).
    const keeps = el => ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)
        || getComputedStyle(el).overflowX !== 'visible';
    const right = el => {
        const r = el.getBoundingClientRect();
        if (r.width === 0) return 0;
        return keeps(el) ? r.right : Math.max(r.right, r.left + el.scrollWidth);
    };
    const wide = [];
    for (const el of document.body.querySelectorAll('*')) {
        if (right(el) > width + 0.5 && ![...el.children].some(c => right(c) > width + 0.5)) {
            wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + (el.className && typeof el.className === 'string'
                    ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                + ' (to ' + Math.round(right(el)) + ' px)');
        }
    }
    return {
        inner: width,
        scroll: document.documentElement.scrollWidth,
        wide: wide.slice(0, 8),
    };";

/// axe-core's source, to inject into each page.
pub struct Axe {
    source: String,
}

/// One rule axe-core found broken, with the elements that break it.
#[derive(Debug, Deserialize)]
pub struct Violation {
    pub id: String,
    pub impact: Option<String>,
    pub help: String,
    pub targets: Vec<String>,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let impact = self.impact.as_deref().unwrap_or("unknown impact");
        writeln!(f, "{} ({impact}): {}", self.id, self.help)?;
        for target in &self.targets {
            writeln!(f, "      at {target}")?;
        }
        Ok(())
    }
}

/// How wide the page is against its window, in CSS pixels.
#[derive(Debug, Deserialize)]
pub struct Widths {
    /// `window.innerWidth`.
    pub inner: u64,
    /// `document.documentElement.scrollWidth`.
    pub scroll: u64,
    /// The innermost elements reaching past the window's right edge.
    pub wide: Vec<String>,
}

impl Axe {
    /// axe-core from `AXE_CORE_JS`, or `None` (after saying so loudly) when that is unset
    /// and `TEST_REQUIRE_BROWSER` is not.
    pub fn load() -> Option<Axe> {
        let Some(path) = std::env::var_os(AXE_CORE_JS) else {
            assert!(
                std::env::var_os(REQUIRE).is_none(),
                "{REQUIRE} is set but {AXE_CORE_JS} is not: point it at axe-core's \
                 axe.min.js (.ci/run installs one with npm)"
            );
            // Straight to stderr: the test harness would swallow `eprintln!` of a passing test.
            let _ = writeln!(
                std::io::stderr(),
                "\n*** ACCESSIBILITY CHECKS SKIPPED: {AXE_CORE_JS} is not set. \
                 `npm install axe-core` and set it to node_modules/axe-core/axe.min.js. ***\n"
            );
            return None;
        };
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {AXE_CORE_JS}={}: {e}", path.display()));
        Some(Axe { source })
    }

    /// The violations of every default rule on the page the browser shows.
    pub async fn violations(&self, browser: &Browser) -> Vec<Violation> {
        let present = browser
            .client
            .execute("return typeof window.axe === 'object';", vec![])
            .await
            .expect("the script runs");
        if present != Value::Bool(true) {
            // Script injected through WebDriver is not an inline script: the pages'
            // Content-Security-Policy does not apply to it.
            browser
                .client
                .execute(&self.source, vec![])
                .await
                .expect("axe-core loads into the page");
        }
        let found = browser
            .client
            .execute_async(RUN, vec![])
            .await
            .expect("axe-core runs");
        if let Some(error) = found.get("error") {
            panic!("axe-core failed on {}: {error}", browser.describe().await);
        }
        serde_json::from_value(found).expect("axe-core's violations")
    }
}

/// How wide the page the browser shows is against its window.
pub async fn widths(browser: &Browser) -> Widths {
    let measured = browser
        .client
        .execute(WIDTHS, vec![])
        .await
        .expect("the script runs");
    serde_json::from_value(measured).expect("the widths")
}
