//! The recommendations report as Markdown; its first line is the TLP line the CSVs carry.

use std::fmt::Write as _;

use super::super::labels::dimension_label;
use super::provenance::cooperation_model;
use super::render::{bands, share, step, top_step, typical};
use super::{Advice, LANGUAGE, Recommendations};

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
    if !r.basis.is_empty() {
        writeln!(md, "{}\n", r.basis)?;
    }
    write_provenance(r, md)?;
    writeln!(md, "## Highlights by audience\n")?;
    for a in &r.highlights {
        writeln!(
            md,
            "### {} ({} organisations)\n",
            cell(&a.label),
            a.organisations
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
    if r.provenance.has_tiers() {
        write_maturity(r, md)?;
    }
    if r.provenance.has_cooperation() {
        write_cooperation(r, md)?;
    }
    write_perception(r, md)?;
    write_duties(r, md)
}

fn write_duties(r: &Recommendations, md: &mut String) -> std::fmt::Result {
    let section = &r.duties;
    if !section.asked {
        return Ok(());
    }
    writeln!(
        md,
        "## Division of duties: where the sides of a country disagree\n"
    )?;
    writeln!(
        md,
        "The role each side of a country names most often for an actor, where two sides of the \
         same country, each with {} or more organisations, name different ones. sod.csv and \
         sod.png compare every answer with the reference: {}.\n",
        r.label.k,
        one_line(&section.reference)
    )?;
    if section.disagreements.is_empty() {
        return writeln!(md, "No disagreement may be shown.\n");
    }
    for d in &section.disagreements {
        let views: Vec<String> = d
            .views
            .iter()
            .map(|(side, role)| format!("{side}: {role}"))
            .collect();
        writeln!(
            md,
            "- **{} · {} · {}**: {}.{}",
            cell(&d.country),
            one_line(&d.duty),
            one_line(&d.actor),
            views.join("; "),
            d.advice
                .as_deref()
                .map(|a| format!(" {}", one_line(a)))
                .unwrap_or_default()
        )?;
    }
    writeln!(md)
}

fn write_provenance(r: &Recommendations, md: &mut String) -> std::fmt::Result {
    let p = &r.provenance;
    writeln!(md, "## How the figures were scored\n")?;
    for t in &p.tier_tables {
        write!(
            md,
            "- Tiers of {}: tier table `{}` version {}, source: {}.",
            cell(&t.questionnaire),
            one_line(&t.table).replace('`', "'"),
            cell(&t.table_version),
            cell(&t.source)
        )?;
        match &t.description {
            Some(d) => writeln!(md, " {}", cell(d))?,
            None => writeln!(md)?,
        }
    }
    for q in &p.untiered {
        writeln!(
            md,
            "- {} has no tier table: its responses are placed in no tier and have no gaps to rank.",
            cell(q)
        )?;
    }
    if p == &super::Provenance::default() {
        writeln!(md, "- No response has been scored yet.")?;
    }
    if p.has_cooperation() {
        let names: Vec<String> = p.cooperation.iter().map(|q| cell(q)).collect();
        writeln!(md, "- {}: {}", names.join(", "), cooperation_model())?;
    }
    writeln!(md)
}

fn write_maturity(r: &Recommendations, md: &mut String) -> std::fmt::Result {
    let k = r.label.k;
    writeln!(md, "## Maturity: gaps to the next tier\n")?;
    if r.maturity.is_empty() {
        return writeln!(
            md,
            "No gap to show: none is shared by {k} or more organisations, or showing it would \
             give a smaller group away.\n"
        );
    }
    writeln!(
        md,
        "| Rank | Parameter | Organisations | Share | Most common step (level now → required) |"
    )?;
    writeln!(md, "|---:|---|---:|---:|---|")?;
    for (i, g) in r.maturity.iter().enumerate() {
        writeln!(
            md,
            "| {} | {} {} | {} of {} | {} | {} |",
            i + 1,
            cell(&g.parameter),
            cell(&g.name),
            g.organisations,
            g.of,
            share(g.organisations, g.of),
            top_step(g)
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
        if g.steps.is_empty() {
            writeln!(
                md,
                "No single step is shared by {k} or more organisations in a way that can be shown.\n"
            )?;
        } else {
            writeln!(
                md,
                "Steps, from the level now to the level the next tier requires:\n"
            )?;
            for s in &g.steps {
                let n = s.organisations;
                writeln!(
                    md,
                    "- {}: {n} of {} organisations",
                    step(s),
                    g.organisations
                )?;
            }
            if g.other_steps > 0 {
                let n = g.other_steps;
                writeln!(
                    md,
                    "- other steps: {n} of {} organisations",
                    g.organisations
                )?;
            }
            writeln!(md)?;
        }
        write_advice(md, &g.advice)?;
    }
    Ok(())
}

fn write_cooperation(r: &Recommendations, md: &mut String) -> std::fmt::Result {
    let k = r.label.k;
    writeln!(md, "## Cooperation: dimensions scoring below 3\n")?;
    if r.cooperation.is_empty() {
        return writeln!(
            md,
            "No dimension to show: none has {k} or more organisations below 3, or showing it \
             would give a smaller group away.\n"
        );
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
            dimension_label(d.dimension, LANGUAGE),
            d.organisations,
            d.of,
            share(d.organisations, d.of)
        )?;
    }
    writeln!(md)?;
    for (i, d) in r.cooperation.iter().enumerate() {
        writeln!(
            md,
            "### {}. {} (below 3{})\n",
            i + 1,
            dimension_label(d.dimension, LANGUAGE),
            typical(d)
        )?;
        write_advice(md, &d.advice)?;
    }
    Ok(())
}

fn write_perception(r: &Recommendations, md: &mut String) -> std::fmt::Result {
    let section = &r.perception;
    if !section.compared {
        return Ok(());
    }
    let k = r.label.k;
    writeln!(md, "## Perception gaps between audiences\n")?;
    writeln!(
        md,
        "Where the two sides of a country rate the same facts differently (their mirrored \
         questions). Each side needs {k} or more organisations; perception_gaps.csv has every \
         country, pair and dimension.\n"
    )?;
    if section.lines.is_empty() {
        writeln!(md, "No gap of half a level or more may be shown.\n")?;
    } else {
        writeln!(
            md,
            "| Country | Audiences | Dimension | Rates it higher | Mean | Rates it lower | Mean | Gap |"
        )?;
        writeln!(md, "|---|---|---|---|---:|---|---:|---:|")?;
        for l in &section.lines {
            writeln!(
                md,
                "| {}{} | {} | {} | {} ({}) | {:.2} | {} ({}) | {:.2} | {:.2} |",
                cell(&l.country),
                if l.by_consent {
                    " (shared by consent)"
                } else {
                    ""
                },
                l.pair,
                l.dimension,
                l.higher,
                l.higher_n,
                l.higher_mean,
                l.lower,
                l.lower_n,
                l.lower_mean,
                l.gap
            )?;
        }
        writeln!(
            md,
            "\nA wide gap is worth a meeting of both sides: go through the mirrored questions \
             of that dimension together and agree in writing how the cooperation works.\n"
        )?;
    }
    if section.hidden > 0 {
        writeln!(
            md,
            "{} country pair(s) of audiences are not shown: a side has fewer than {k} organisations.\n",
            section.hidden
        )?;
    }
    Ok(())
}

fn write_advice(md: &mut String, advice: &[Advice]) -> std::fmt::Result {
    if advice.is_empty() {
        return writeln!(md, "No recommendation text for these levels.\n");
    }
    for a in advice {
        match &a.title {
            Some(title) => writeln!(md, "- **{}**: {}", one_line(title), one_line(&a.text))?,
            None => writeln!(md, "- {}", one_line(&a.text))?,
        }
    }
    writeln!(md)
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
