//! The division of duties as each side of a country sees it: the `matrix` answers of the
//! cooperation questionnaires tallied per country, audience, duty and actor (`sod.csv`),
//! how often they match the reference matrix and each other (`sod.png`), and the duties
//! the sides of a country disagree on, with the advice that fits (the recommendations
//! report). Each audience of a country needs k organisations before anything of it shows.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::storage::report_rows::CampaignRows;

use super::ReportError;
use super::cells::{Cell, csv_start, write_record};
use super::charts::{self, ChartTitle};
use super::data::Questionnaires;
use super::labels::audience_label;
use answers::{Layout, latest_cells, layout};

/// The files written for a campaign whose questionnaires ask the division of duties.
pub const SOD_FILES: [&str; 2] = ["sod.csv", "sod.png"];

/// The choice that says an actor plays no part: every other one is a role.
const NO_ROLE: &str = "no_role";
/// The choice that says nothing about the actor.
const UNKNOWN: &str = "dont_know";

/// The most disagreements the recommendations report lists; sod.csv has them all.
const MOST_DISAGREEMENTS: usize = 25;

/// One country's audience's view of one duty and actor.
#[derive(Debug, Clone, PartialEq)]
pub struct SodCell {
    pub country: String,
    pub audience: String,
    pub duty: String,
    pub actor: String,
    /// Organisations that chose each choice, in the layout's choice order.
    pub counts: Vec<usize>,
    /// Organisations that answered the cell.
    pub organisations: usize,
    /// Under k organisations: nothing of the cell is shown.
    pub suppressed: bool,
    /// The role chosen most often (not counting "don't know"); `None` on a tie or when
    /// suppressed.
    pub modal: Option<String>,
    /// Whether the reference gives the actor a role in the duty.
    pub reference_role: Option<bool>,
}

impl SodCell {
    /// Whether the most chosen role agrees with the reference on the actor having a role.
    pub fn agrees_with_reference(&self) -> Option<bool> {
        let modal = self.modal.as_deref()?;
        Some((modal != NO_ROLE) == self.reference_role?)
    }
}

/// One duty and actor on which the shown sides of a country name different roles.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    pub country: String,
    pub duty: String,
    pub actor: String,
    /// Each side as people read it, with the role it names, e.g. ("CSIRTs", "responsible").
    pub views: Vec<(String, String)>,
    /// Liaison's own advice for the duty, from the reference file.
    pub advice: Option<String>,
}

/// Everything the division of duties adds to a campaign's reports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sod {
    pub cells: Vec<SodCell>,
    pub disagreements: Vec<Disagreement>,
    /// Choice values, in the order of `SodCell::counts`.
    pub choices: Vec<String>,
    /// (duty id, phase, label), (actor id, label): for the chart and the report.
    pub duties: Vec<(String, String, String)>,
    pub actors: Vec<(String, String)>,
    /// The reference's source and status, printed beside every comparison.
    pub reference: Option<(String, String)>,
}

impl Sod {
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Tallies the matrix answers of `rows`; empty when no questionnaire asks the duties.
    pub fn of(rows: &CampaignRows, questionnaires: &Questionnaires, k: usize) -> Sod {
        let Some(layout) = questionnaires.values().find_map(layout) else {
            return Sod::default();
        };
        let latest = latest_cells(rows, questionnaires);
        let mut tally: BTreeMap<(String, String, String, String), Vec<usize>> = BTreeMap::new();
        for ((_, country, audience), cells) in &latest {
            for (duty, actors) in cells {
                for (actor, value) in actors {
                    let Some(at) = layout.choices.iter().position(|c| c == value) else {
                        continue;
                    };
                    let key = (
                        country.clone(),
                        audience.clone(),
                        duty.clone(),
                        actor.clone(),
                    );
                    tally
                        .entry(key)
                        .or_insert_with(|| vec![0; layout.choices.len()])[at] += 1;
                }
            }
        }
        let cells: Vec<SodCell> = tally
            .into_iter()
            .map(|((country, audience, duty, actor), counts)| {
                let organisations = counts.iter().sum::<usize>();
                let suppressed = organisations < k;
                let modal = (!suppressed)
                    .then(|| modal(&layout.choices, &counts))
                    .flatten();
                let reference_role = layout.reference.has_role(&duty, &actor);
                SodCell {
                    country,
                    audience,
                    duty,
                    actor,
                    counts,
                    organisations,
                    suppressed,
                    modal,
                    reference_role,
                }
            })
            .collect();
        let disagreements = disagreements(&cells, &layout);
        Sod {
            cells,
            disagreements,
            choices: layout.choices,
            duties: layout.duties,
            actors: layout.actors,
            reference: Some((
                layout.reference.source().to_owned(),
                layout.reference.status().to_owned(),
            )),
        }
    }

    /// Per duty and actor, the share of shown country sides whose view matches the
    /// reference, then the share of countries whose shown sides (two or more) agree.
    fn shares(&self) -> (Vec<String>, Vec<String>, Vec<Vec<Option<f64>>>) {
        let rows: Vec<String> = self
            .duties
            .iter()
            .map(|(_, phase, label)| format!("{phase}: {label}"))
            .collect();
        let mut columns = Vec::new();
        for (_, actor) in &self.actors {
            columns.push(format!("{actor} ~ reference"));
        }
        for (_, actor) in &self.actors {
            columns.push(format!("{actor}: sides agree"));
        }
        let cells = self
            .duties
            .iter()
            .map(|(duty, _, _)| {
                let with_reference = self.actors.iter().map(|(actor, _)| {
                    share(
                        self.shown(duty, actor)
                            .filter_map(SodCell::agrees_with_reference),
                    )
                });
                let between = self.actors.iter().map(|(actor, _)| {
                    let countries: BTreeSet<&str> = self
                        .shown(duty, actor)
                        .map(|c| c.country.as_str())
                        .collect();
                    share(countries.into_iter().filter_map(|country| {
                        let roles: BTreeSet<&str> = self
                            .shown(duty, actor)
                            .filter(|c| c.country == country)
                            .filter_map(|c| c.modal.as_deref())
                            .collect();
                        let sides = self
                            .shown(duty, actor)
                            .filter(|c| c.country == country && c.modal.is_some())
                            .count();
                        (sides >= 2).then_some(roles.len() == 1)
                    }))
                });
                with_reference.chain(between).collect()
            })
            .collect();
        (rows, columns, cells)
    }

    fn shown<'a>(&'a self, duty: &'a str, actor: &'a str) -> impl Iterator<Item = &'a SodCell> {
        self.cells
            .iter()
            .filter(move |c| !c.suppressed && c.duty == duty && c.actor == actor)
    }

    /// sod.csv: the TLP line, a header, one record per country, audience, duty and actor.
    pub fn csv(&self, tlp_line: &str) -> Vec<u8> {
        let mut header: Vec<&str> = vec![
            "country",
            "audience",
            "phase",
            "duty",
            "actor",
            "organisations",
        ];
        header.extend(self.choices.iter().map(String::as_str));
        header.extend([
            "most_chosen",
            "reference_role",
            "agrees_with_reference",
            "suppressed",
        ]);
        let mut out = csv_start(tlp_line, header);
        let phase_of: HashMap<&str, &str> = self
            .duties
            .iter()
            .map(|(d, p, _)| (d.as_str(), p.as_str()))
            .collect();
        for c in &self.cells {
            let mut record = vec![
                Cell::Text(&c.country),
                Cell::Text(&c.audience),
                Cell::Text(phase_of.get(c.duty.as_str()).copied().unwrap_or("")),
                Cell::Text(&c.duty),
                Cell::Text(&c.actor),
            ];
            let shown = |n: usize| {
                if c.suppressed {
                    Cell::Empty
                } else {
                    Cell::Integer(n as i64)
                }
            };
            record.push(shown(c.organisations));
            record.extend(c.counts.iter().map(|n| shown(*n)));
            record.push(c.modal.as_deref().map_or(Cell::Empty, Cell::Text));
            record.push(c.reference_role.map_or(Cell::Empty, Cell::Bool));
            record.push(c.agrees_with_reference().map_or(Cell::Empty, Cell::Bool));
            record.push(Cell::Bool(c.suppressed));
            write_record(&mut out, record);
        }
        out
    }

    /// Writes sod.csv and sod.png into `dir`; nothing for a campaign without the duties.
    pub fn write(
        &self,
        tlp_line: &str,
        title: &ChartTitle,
        dir: &Path,
    ) -> Result<Vec<PathBuf>, ReportError> {
        if self.is_empty() {
            return Ok(Vec::new());
        }
        let [csv, png] = SOD_FILES.map(|name| dir.join(name));
        write(&csv, &self.csv(tlp_line))?;
        let (rows, columns, cells) = self.shares();
        let caption = match &self.reference {
            Some((source, status)) => format!("share agreeing; reference: {source} ({status})"),
            None => "share agreeing".to_owned(),
        };
        let height = (400 + 34 * rows.len()).clamp(600, 2400) as u32;
        let drawn =
            charts::share_heatmap_png(title, (&rows, &columns, &cells), &caption, 1600, height)?;
        write(&png, &drawn)?;
        Ok(vec![csv, png])
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    std::fs::write(path, bytes).map_err(|e| ReportError::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}

/// The share of `true` among `answers`; `None` when there are none.
fn share(answers: impl Iterator<Item = bool>) -> Option<f64> {
    let (yes, all) = answers.fold((0usize, 0usize), |(y, a), b| (y + usize::from(b), a + 1));
    (all > 0).then(|| yes as f64 / all as f64)
}

/// The role chosen most often, "don't know" aside; `None` on a tie or with no role chosen.
fn modal(choices: &[String], counts: &[usize]) -> Option<String> {
    let mut ranked: Vec<(usize, &String)> = counts
        .iter()
        .zip(choices)
        .filter(|(n, c)| **n > 0 && c.as_str() != UNKNOWN)
        .map(|(n, c)| (*n, c))
        .collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
    match ranked.as_slice() {
        [] => None,
        [(top, _), (next, _), ..] if top == next => None,
        [(_, choice), ..] => Some((*choice).clone()),
    }
}

/// Duties and actors on which the shown sides of a country name different roles, in
/// country and then duty order.
fn disagreements(cells: &[SodCell], layout: &Layout<'_>) -> Vec<Disagreement> {
    let mut views: BTreeMap<(String, usize, String), Vec<(String, String)>> = BTreeMap::new();
    for c in cells.iter().filter(|c| !c.suppressed) {
        let (Some(modal), Some(order)) = (
            &c.modal,
            layout.duties.iter().position(|(d, _, _)| *d == c.duty),
        ) else {
            continue;
        };
        views
            .entry((c.country.clone(), order, c.actor.clone()))
            .or_default()
            .push((audience_label(&c.audience), modal.replace('_', " ")));
    }
    views
        .into_iter()
        .filter(|(_, sides)| sides.len() >= 2 && sides.iter().any(|(_, role)| *role != sides[0].1))
        .take(MOST_DISAGREEMENTS)
        .map(|((country, order, actor), views)| {
            let (duty, _, label) = &layout.duties[order];
            let actor_label = layout
                .actors
                .iter()
                .find(|(id, _)| *id == actor)
                .map_or(actor.clone(), |(_, l)| l.clone());
            Disagreement {
                country,
                duty: label.clone(),
                actor: actor_label,
                views,
                advice: layout
                    .reference
                    .duty(duty)
                    .and_then(|d| d.advice())
                    .map(|a| a.get("en").to_owned()),
            }
        })
        .collect()
}

mod answers;
#[cfg(test)]
mod tests;
