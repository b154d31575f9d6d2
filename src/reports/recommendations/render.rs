//! The recommendations report as Markdown (first line: the TLP line) and as a standalone
//! HTML page (askama, escaped, a TLP banner on top, styled only by the linked stylesheet).

use std::fmt::Write as _;

use askama::Template;

use super::super::ReportError;
use super::{Advice, DimensionLine, GapLine, Recommendations};

/// The stylesheet the page links; served by Liaison itself.
const STYLESHEET: &str = "/static/liaison.css";

#[derive(Template)]
#[template(path = "reports/recommendations.html", config = "assets/askama.toml")]
struct Page<'a> {
    report: &'a Recommendations,
    stylesheet: &'static str,
    tlp: &'static str,
    tlp_class: String,
    maturity: Vec<GapRow<'a>>,
    cooperation: Vec<DimensionRow<'a>>,
}

struct GapRow<'a> {
    rank: usize,
    line: &'a GapLine,
    share: String,
}

struct DimensionRow<'a> {
    rank: usize,
    line: &'a DimensionLine,
    share: String,
    bands: [String; 3],
}

/// The report as an HTML page.
pub fn html(report: &Recommendations) -> Result<String, ReportError> {
    let tlp = report.label.tlp.as_str();
    let page = Page {
        report,
        stylesheet: STYLESHEET,
        tlp,
        tlp_class: tlp.to_lowercase(),
        maturity: report
            .maturity
            .iter()
            .enumerate()
            .map(|(i, line)| GapRow {
                rank: i + 1,
                line,
                share: share(line.organisations, line.of),
            })
            .collect(),
        cooperation: report
            .cooperation
            .iter()
            .enumerate()
            .map(|(i, line)| DimensionRow {
                rank: i + 1,
                line,
                share: share(line.organisations, line.of),
                bands: bands(line),
            })
            .collect(),
    };
    page.render()
        .map_err(|e| ReportError::Corrupt(format!("recommendations page: {e}")))
}

/// The report as Markdown.
pub fn markdown(report: &Recommendations) -> String {
    let mut md = String::new();
    // Writing into a String cannot fail.
    let _ = write_markdown(report, &mut md);
    md
}

fn write_markdown(r: &Recommendations, md: &mut String) -> std::fmt::Result {
    let k = r.label.k;
    writeln!(md, "{}\n", one_line(&r.label.tlp_line))?;
    writeln!(md, "# Recommendations: {}\n", cell(&r.label.campaign))?;
    writeln!(md, "**TLP:{}**\n", r.label.tlp.as_str())?;
    writeln!(
        md,
        "{} organisations submitted a response. Lines resting on fewer than {k} organisations, \
         or from which such a group could be worked out, are left out.\n",
        r.organisations
    )?;
    writeln!(md, "## Highlights by audience\n")?;
    for a in &r.highlights {
        writeln!(
            md,
            "### {} ({} organisations)\n",
            a.audience, a.organisations
        )?;
        if a.lines.is_empty() {
            writeln!(md, "Nothing to show at this threshold.\n")?;
            continue;
        }
        for (i, h) in a.lines.iter().enumerate() {
            writeln!(
                md,
                "{}. **{}**: {} of {} organisations ({}), {}",
                i + 1,
                cell(&h.subject),
                h.organisations,
                h.of,
                share(h.organisations, h.of),
                h.detail
            )?;
        }
        writeln!(md)?;
    }
    writeln!(md, "## Maturity: gaps to the next tier\n")?;
    if r.maturity.is_empty() {
        writeln!(
            md,
            "No gap to show: none is shared by {k} or more organisations, or showing it would \
             give a smaller group away.\n"
        )?;
    } else {
        writeln!(
            md,
            "| Rank | Parameter | Organisations | Share | Typical level → required |"
        )?;
        writeln!(md, "|---:|---|---:|---:|---|")?;
        for (i, g) in r.maturity.iter().enumerate() {
            writeln!(
                md,
                "| {} | {} {} | {} of {} | {} | {} → {} |",
                i + 1,
                cell(&g.parameter),
                cell(&g.name),
                g.organisations,
                g.of,
                share(g.organisations, g.of),
                g.typical_current,
                g.required
            )?;
        }
        writeln!(md)?;
        for (i, g) in r.maturity.iter().enumerate() {
            writeln!(
                md,
                "### {}. {} {}\n",
                i + 1,
                cell(&g.parameter),
                cell(&g.name)
            )?;
            write_advice(md, &g.advice)?;
        }
    }
    writeln!(md, "## Cooperation: dimensions scoring below 3\n")?;
    if r.cooperation.is_empty() {
        writeln!(
            md,
            "No dimension to show: none has {k} or more organisations below 3, or showing it \
             would give a smaller group away.\n"
        )?;
        return Ok(());
    }
    writeln!(
        md,
        "| Rank | Dimension | Organisations below 3 | Share | 0–1 | 1–2 | 2–3 |"
    )?;
    writeln!(md, "|---:|---|---:|---:|---:|---:|---:|")?;
    for (i, d) in r.cooperation.iter().enumerate() {
        let [b0, b1, b2] = bands(d);
        writeln!(
            md,
            "| {} | {} | {} of {} | {} | {b0} | {b1} | {b2} |",
            i + 1,
            d.dimension.as_str(),
            d.organisations,
            d.of,
            share(d.organisations, d.of)
        )?;
    }
    writeln!(md)?;
    for (i, d) in r.cooperation.iter().enumerate() {
        writeln!(
            md,
            "### {}. {} (mostly between {} and {})\n",
            i + 1,
            d.dimension.as_str(),
            d.typical_band,
            d.typical_band + 1
        )?;
        write_advice(md, &d.advice)?;
    }
    Ok(())
}

fn write_advice(md: &mut String, advice: &[Advice]) -> std::fmt::Result {
    if advice.is_empty() {
        return writeln!(md, "No recommendation text for this level.\n");
    }
    for a in advice {
        match &a.title {
            Some(title) => writeln!(md, "- **{}**: {}", one_line(title), one_line(&a.text))?,
            None => writeln!(md, "- {}", one_line(&a.text))?,
        }
    }
    writeln!(md)
}

/// "75%"; empty when there is nothing to divide by.
fn share(n: usize, of: usize) -> String {
    if of == 0 {
        String::new()
    } else {
        format!("{:.0}%", n as f64 * 100.0 / of as f64)
    }
}

/// The band counts as shown; "–" where they are withheld.
fn bands(line: &DimensionLine) -> [String; 3] {
    match line.bands {
        Some(b) => b.map(|n| n.to_string()),
        None => ["–", "–", "–"].map(str::to_owned),
    }
}

/// Text on one line: no control characters, so it cannot start a new Markdown block.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Text for a table cell or heading: on one line, with Markdown's markup characters escaped.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        if matches!(
            c,
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
