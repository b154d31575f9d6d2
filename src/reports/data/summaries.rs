//! Small typed summaries for charts, computed with polars from the report frames
//! under the same privacy threshold as the aggregates.

use polars::prelude::*;

use crate::questionnaire::{Audience, Dimension};

use super::aggregate::{TIERS, grouped_with_all};
use super::frames::dimension_column;
use super::scored::PAIRED_AUDIENCES;
use super::{ReportData, ReportError, table_error};

/// Responses per tier for one audience in one country, or "ALL" countries.
#[derive(Debug, Clone, PartialEq)]
pub struct TierCounts {
    pub audience: String,
    pub country: String,
    /// Organisations counted; `None` when suppressed.
    pub n: Option<i64>,
    /// Responses per tier in `TIERS` order (not yet basic, basic, intermediate, advanced).
    pub counts: Option<[i64; 4]>,
    pub suppressed: bool,
}

/// An audience's mean of one category or dimension over all countries.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureMean {
    pub audience: String,
    /// A SIM3 category code or a dimension name.
    pub measure: String,
    pub n: Option<i64>,
    pub mean: Option<f64>,
    pub suppressed: bool,
}

/// The median level of one SIM3 parameter in one country.
#[derive(Debug, Clone, PartialEq)]
pub struct ParameterMedian {
    pub audience: String,
    pub country: String,
    pub parameter: String,
    pub n: Option<i64>,
    pub median: Option<f64>,
    pub suppressed: bool,
}

/// Per country, pair of audiences and dimension, how the two rate the facts both were
/// asked (their mirrored questions).
#[derive(Debug, Clone, PartialEq)]
pub struct PerceptionGap {
    pub country: String,
    /// The pair of audiences compared, in `PAIRED_AUDIENCES` order (`csirt`, `lea`,
    /// `judiciary`): CSIRT–LEA, CSIRT–judiciary, LEA–judiciary.
    pub first: Audience,
    pub second: Audience,
    pub dimension: Dimension,
    pub first_mean: Option<f64>,
    pub second_mean: Option<f64>,
    /// Organisations on each side; `None` when suppressed.
    pub first_n: Option<i64>,
    pub second_n: Option<i64>,
    /// First mean − second mean.
    pub gap: Option<f64>,
    /// Suppressed when either side has fewer than k organisations, unless every
    /// organisation of both sides agreed to share (see `crate::disclosure`).
    pub suppressed: bool,
    /// Shown below k because every organisation of both sides agreed to share.
    pub shared_by_consent: bool,
}

/// Each pair of mirrored audiences once, in `PAIRED_AUDIENCES` order.
pub fn audience_pairs() -> impl Iterator<Item = (Audience, Audience)> {
    PAIRED_AUDIENCES.iter().enumerate().flat_map(|(i, first)| {
        PAIRED_AUDIENCES[i + 1..]
            .iter()
            .map(move |second| (*first, *second))
    })
}

impl ReportData {
    /// Tier counts per audience, by country and for "ALL" (first per audience).
    pub fn tier_counts(&self) -> Result<Vec<TierCounts>, ReportError> {
        if self.scores_wide.column("tier").is_err() {
            return Ok(Vec::new());
        }
        let mut aggs = vec![
            col("organisation_id")
                .n_unique()
                .cast(DataType::Int64)
                .alias("n"),
        ];
        aggs.extend(TIERS.map(|t| col("tier").eq(lit(t)).sum().cast(DataType::Int64).alias(t)));
        let rows = self
            .scores_wide
            .clone()
            .lazy()
            .filter(col("tier").is_not_null());
        let df = grouped_with_all(rows, &aggs, self.settings.k)
            .and_then(|df| {
                df.lazy()
                    .sort(
                        ["audience", "scope", "country"],
                        SortMultipleOptions::default(),
                    )
                    .collect()
            })
            .map_err(table_error)?;
        let counts: Vec<&Int64Chunked> = TIERS
            .iter()
            .map(|t| df.column(t).and_then(|c| c.i64()))
            .collect::<PolarsResult<_>>()
            .map_err(table_error)?;
        let (audience, country, n, suppressed) = (
            strs(&df, "audience")?,
            strs(&df, "country")?,
            ints(&df, "n")?,
            bools(&df, "suppressed")?,
        );
        Ok((0..df.height())
            .map(|i| TierCounts {
                audience: audience.get(i).unwrap_or_default().to_owned(),
                country: country.get(i).unwrap_or_default().to_owned(),
                n: n.get(i),
                counts: (|| {
                    Some([
                        counts[0].get(i)?,
                        counts[1].get(i)?,
                        counts[2].get(i)?,
                        counts[3].get(i)?,
                    ])
                })(),
                suppressed: suppressed.get(i).unwrap_or(true),
            })
            .collect())
    }

    /// Each audience's mean per category or dimension, from the aggregates' "ALL" rows.
    pub fn measure_means(&self) -> Result<Vec<MeasureMean>, ReportError> {
        let df = &self.aggregates;
        let (audience, country, measure) = (
            strs(df, "audience")?,
            strs(df, "country")?,
            strs(df, "measure")?,
        );
        let (n, mean, suppressed) = (
            ints(df, "n")?,
            floats(df, "mean")?,
            bools(df, "suppressed")?,
        );
        Ok((0..df.height())
            .filter(|&i| country.get(i) == Some("ALL"))
            .map(|i| MeasureMean {
                audience: audience.get(i).unwrap_or_default().to_owned(),
                measure: measure.get(i).unwrap_or_default().to_owned(),
                n: n.get(i),
                mean: mean.get(i),
                suppressed: suppressed.get(i).unwrap_or(true),
            })
            .collect())
    }

    /// The median level of every SIM3 parameter per audience and country.
    pub fn parameter_medians(&self) -> Result<Vec<ParameterMedian>, ReportError> {
        let parameters = parameter_columns(&self.scores_wide);
        if parameters.is_empty() {
            return Ok(Vec::new());
        }
        let aggs: Vec<Expr> = parameters
            .iter()
            .flat_map(|p| {
                let present = col(p.as_str()).is_not_null();
                [
                    col("organisation_id")
                        .filter(present)
                        .n_unique()
                        .cast(DataType::Int64)
                        .alias(format!("n:{p}")),
                    col(p.as_str()).median().alias(format!("median:{p}")),
                ]
            })
            .collect();
        let df = self
            .scores_wide
            .clone()
            .lazy()
            .group_by([col("audience"), col("country")])
            .agg(aggs)
            .sort(["audience", "country"], SortMultipleOptions::default())
            .collect()
            .map_err(table_error)?;
        let (audience, country) = (strs(&df, "audience")?, strs(&df, "country")?);
        let mut out = Vec::new();
        for p in &parameters {
            let (n, median) = (
                ints(&df, &format!("n:{p}"))?,
                floats(&df, &format!("median:{p}"))?,
            );
            for i in 0..df.height() {
                let n = n.get(i).unwrap_or(0);
                if n == 0 {
                    continue;
                }
                let suppressed = n < self.k();
                out.push(ParameterMedian {
                    audience: audience.get(i).unwrap_or_default().to_owned(),
                    country: country.get(i).unwrap_or_default().to_owned(),
                    parameter: p.clone(),
                    n: (!suppressed).then_some(n),
                    median: median.get(i).filter(|_| !suppressed),
                    suppressed,
                });
            }
        }
        Ok(out)
    }

    /// Per country, pair of audiences and dimension, each side's mean over the mirrored
    /// questions both sides were asked, with k organisations needed on each side.
    pub fn perception_gaps(&self) -> Result<Vec<PerceptionGap>, ReportError> {
        let aggs: Vec<Expr> = Dimension::ALL
            .iter()
            .flat_map(|d| {
                let c = dimension_column(*d);
                let present = col(c.as_str()).is_not_null();
                [
                    col("organisation_id")
                        .filter(present)
                        .n_unique()
                        .cast(DataType::Int64)
                        .alias(format!("n:{c}")),
                    col(c.as_str()).mean().alias(format!("mean:{c}")),
                ]
            })
            .collect();
        let mut aggs = aggs;
        aggs.push(
            col("organisation_id")
                .n_unique()
                .cast(DataType::Int64)
                .alias("organisations"),
        );
        aggs.push(
            col("organisation_id")
                .filter(col("consented"))
                .n_unique()
                .cast(DataType::Int64)
                .alias("consenting"),
        );
        let df = self
            .pair_levels
            .clone()
            .lazy()
            .group_by([col("country"), col("audience"), col("partner")])
            .agg(aggs)
            .sort(
                ["country", "audience", "partner"],
                SortMultipleOptions::default(),
            )
            .collect()
            .map_err(table_error)?;
        let (country, audience, partner) = (
            strs(&df, "country")?,
            strs(&df, "audience")?,
            strs(&df, "partner")?,
        );
        let (organisations, consenting) = (ints(&df, "organisations")?, ints(&df, "consenting")?);
        let countries: Vec<&str> = {
            let mut c: Vec<&str> = country.iter().flatten().collect();
            c.dedup();
            c
        };
        let mut out = Vec::new();
        for (first, second) in audience_pairs() {
            for d in Dimension::ALL {
                let c = dimension_column(d);
                let (n, mean) = (
                    ints(&df, &format!("n:{c}"))?,
                    floats(&df, &format!("mean:{c}"))?,
                );
                for place in &countries {
                    // One side's organisations and mean over the facts the other was asked,
                    // and whether all its organisations agreed to share.
                    let side = |who: Audience, mirror: Audience| {
                        (0..df.height())
                            .find(|&i| {
                                country.get(i) == Some(place)
                                    && audience.get(i) == Some(who.as_str())
                                    && partner.get(i) == Some(mirror.as_str())
                            })
                            .map(|i| {
                                let all = organisations.get(i).unwrap_or(0);
                                let agreed = all > 0 && consenting.get(i) == Some(all);
                                (n.get(i).unwrap_or(0), mean.get(i), agreed)
                            })
                            .unwrap_or((0, None, false))
                    };
                    let (one, other) = (side(first, second), side(second, first));
                    if one.0 == 0 && other.0 == 0 {
                        continue;
                    }
                    let below_k = one.0 < self.k() || other.0 < self.k();
                    let shared_by_consent = below_k && one.0 > 0 && other.0 > 0 && one.2 && other.2;
                    let suppressed = below_k && !shared_by_consent;
                    let shown = |v: Option<f64>| v.filter(|_| !suppressed);
                    out.push(PerceptionGap {
                        country: (*place).to_owned(),
                        first,
                        second,
                        dimension: d,
                        first_mean: shown(one.1),
                        second_mean: shown(other.1),
                        first_n: (!suppressed).then_some(one.0),
                        second_n: (!suppressed).then_some(other.0),
                        gap: shown(one.1.zip(other.1).map(|(a, b)| a - b)),
                        suppressed,
                        shared_by_consent,
                    });
                }
            }
        }
        Ok(out)
    }

    fn k(&self) -> i64 {
        i64::try_from(self.settings.k).unwrap_or(i64::MAX)
    }
}

/// The SIM3 parameter columns of `scores_wide`: those between `completeness` and
/// the category, dimension and tier columns.
pub(super) fn parameter_columns(scores: &DataFrame) -> Vec<String> {
    scores
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .skip_while(|c| c != "completeness")
        .skip(1)
        .take_while(|c| !c.starts_with("category_") && !c.starts_with("dimension_") && c != "tier")
        .collect()
}

fn strs<'a>(df: &'a DataFrame, name: &str) -> Result<&'a StringChunked, ReportError> {
    df.column(name).and_then(|c| c.str()).map_err(table_error)
}

fn ints<'a>(df: &'a DataFrame, name: &str) -> Result<&'a Int64Chunked, ReportError> {
    df.column(name).and_then(|c| c.i64()).map_err(table_error)
}

fn floats<'a>(df: &'a DataFrame, name: &str) -> Result<&'a Float64Chunked, ReportError> {
    df.column(name).and_then(|c| c.f64()).map_err(table_error)
}

fn bools<'a>(df: &'a DataFrame, name: &str) -> Result<&'a BooleanChunked, ReportError> {
    df.column(name).and_then(|c| c.bool()).map_err(table_error)
}
