//! What the analyst sees once responses come in: the response itself with its answers and
//! scores, the dashboard's charts, and the reports as one ZIP archive and one workbook,
//! downloaded by the browser and read back as a person's tools would open them.

use std::io::{Cursor, Read};

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use serde_json::Value;

use super::analyst::Analyst;

/// One downloaded bundle: the name the server gave it and its bytes.
pub struct Bundle {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

impl Analyst<'_> {
    /// From the dashboard, opens the responses list and the one response of
    /// `organisation`: it names the organisation, shows its tier and scores, and every one
    /// of `questions` answered.
    pub async fn open_the_response_of(&self, organisation: &str, questions: usize) {
        let list = format!("{}/responses", self.dashboard());
        self.browser.click_through("#responses-link").await;
        self.expect_path(&list).await;
        let rows = self.browser.find_all("#responses tbody tr").await;
        assert_eq!(rows.len(), 1, "{}", self.browser.describe().await);
        let row = rows[0].text().await.expect("the row's text");
        assert!(row.contains(organisation), "{row}");
        assert!(row.contains("submitted"), "{row}");
        self.browser.click_through("#responses tbody tr a").await;
        let path = self.browser.path().await;
        assert!(path.starts_with(&format!("{list}/")), "{path}");
        assert_eq!(self.browser.text_of("h1").await, organisation);

        let tier = self.browser.text_of("#tier").await;
        assert!(
            ["Basic", "Intermediate", "Advanced", "Not yet basic"].contains(&tier.trim()),
            "tier {tier:?}"
        );
        let scores = self.browser.find_all("#scores tbody tr").await;
        assert!(!scores.is_empty(), "no scores shown");
        for score in scores {
            let text = score.text().await.expect("a score row's text");
            assert!(
                text.chars().any(|c| c.is_ascii_digit()),
                "score row {text:?}"
            );
        }
        let answers = self.browser.find_all(".review-section dd").await;
        assert_eq!(answers.len(), questions, "answers shown");
        assert!(
            self.browser
                .find_all(".review-section dd.missing")
                .await
                .is_empty(),
            "a required answer shown as missing"
        );
    }

    /// The dashboard draws both charts as inline SVG: each has shapes, laid out with a
    /// size on the page, and the rate chart has a bar per country of `rates`, showing its
    /// rate and drawn as long as it.
    pub async fn see_the_charts(&self, rates: &[(&str, &str)]) {
        self.reopen_the_dashboard().await;
        for chart in ["#progress-chart", "#rate-chart"] {
            let drawn = self
                .browser
                .client
                .execute(
                    "const svg = document.querySelector(arguments[0] + ' svg');
                     if (!svg) { return null; }
                     const box = svg.getBoundingClientRect();
                     return { width: box.width, height: box.height,
                              shapes: svg.querySelectorAll('line, polyline, rect, text').length };",
                    vec![Value::from(chart)],
                )
                .await
                .expect("the script runs");
            let size = |key: &str| drawn[key].as_f64().unwrap_or(0.0);
            assert!(
                size("width") > 0.0 && size("height") > 0.0 && size("shapes") > 0.0,
                "{chart} not drawn: {drawn} on {}",
                self.browser.describe().await
            );
        }
        let line = self
            .browser
            .find("#progress-chart polyline.chart-line")
            .await
            .attr("points")
            .await
            .expect("points")
            .unwrap_or_default();
        assert!(line.split_whitespace().count() >= 2, "points {line:?}");
        for (country, rate) in rates {
            let bar = format!("#rate-bar-{country}");
            let shown = self.browser.text_of(&bar).await;
            assert!(shown.ends_with(rate), "{country}'s bar says {shown:?}");
            let length = self
                .browser
                .find(&format!("{bar} rect.chart-bar"))
                .await
                .attr("width")
                .await
                .expect("a width")
                .and_then(|w| w.parse::<f64>().ok())
                .unwrap_or_else(|| panic!("{country}'s bar has no length"));
            assert_eq!(length > 0.0, *rate != "0 %", "{country}'s bar: {length}");
        }
    }

    /// Clicks the reports page's link `#download-{which}` and returns what the browser
    /// saved, found under the name the server gave: `campaign-{id}-TLP-{tlp}-reports.{ext}`.
    pub async fn download_bundle(&self, which: &str, tlp: &str, extension: &str) -> Bundle {
        self.browser.click(&format!("#download-{which}")).await;
        let file_name = format!("campaign-{}-TLP-{tlp}-reports.{extension}", self.campaign);
        let bytes = self.browser.downloaded(&file_name).await;
        Bundle { file_name, bytes }
    }
}

impl Bundle {
    /// The archive's folder: its file name without the extension.
    fn folder(&self) -> &str {
        self.file_name
            .rsplit_once('.')
            .map_or(self.file_name.as_str(), |(stem, _)| stem)
    }

    /// Opens the bundle as a ZIP archive: the names of its files within its folder.
    pub fn archive_files(&self) -> Vec<String> {
        let zip = zip::ZipArchive::new(Cursor::new(&self.bytes)).expect("the archive opens");
        let prefix = format!("{}/", self.folder());
        zip.file_names()
            .map(|name| {
                let name = name.expect("a UTF-8 file name");
                name.strip_prefix(&prefix)
                    .unwrap_or_else(|| panic!("{name} outside {prefix}"))
                    .to_owned()
            })
            .collect()
    }

    /// The text of `file` in the archive.
    pub fn archive_text(&self, file: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(&self.bytes)).expect("the archive opens");
        let mut text = String::new();
        zip.by_name(&format!("{}/{file}", self.folder()))
            .unwrap_or_else(|e| panic!("no {file} in the archive: {e}"))
            .read_to_string(&mut text)
            .unwrap_or_else(|e| panic!("{file} is not text: {e}"));
        text
    }

    /// Opens the bundle as a workbook: its sheets' names and cells.
    pub fn workbook(&self) -> Vec<(String, Range<Data>)> {
        let mut book: Xlsx<_> =
            open_workbook_from_rs(Cursor::new(&self.bytes)).expect("the workbook opens");
        book.sheet_names()
            .into_iter()
            .map(|name| {
                let range = book
                    .worksheet_range(&name)
                    .unwrap_or_else(|e| panic!("sheet {name}: {e}"));
                (name, range)
            })
            .collect()
    }
}
