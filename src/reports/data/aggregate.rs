//! Aggregates by audience and country with the privacy threshold: a group of
//! fewer than k organisations shows no numbers, and neither does an audience's
//! "ALL" row when subtracting the shown countries from it would reveal a
//! suppressed remainder of fewer than k.

use polars::prelude::*;

/// Tier words in order, as in `scores_wide`'s `tier` column.
pub const TIERS: [&str; 4] = ["not_yet_basic", "basic", "intermediate", "advanced"];

/// The columns of the aggregates table, in order; the `tier_` ones only when some
/// response was placed in a tier.
pub const AGGREGATE_COLUMNS: [&str; 14] = [
    "audience",
    "country",
    "measure",
    "n",
    "responses",
    "mean",
    "median",
    "min",
    "max",
    "tier_not_yet_basic",
    "tier_basic",
    "tier_intermediate",
    "tier_advanced",
    "suppressed",
];

/// audience × country (plus "ALL") × measure over `scores_wide`: n organisations,
/// responses, mean, median, min, max and, when responses were placed in tiers, responses
/// per tier (empty for a cooperation dimension beside them).
pub(super) fn aggregates(scores: &DataFrame, k: usize) -> PolarsResult<DataFrame> {
    let names: Vec<String> = scores
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let has_tier = names.iter().any(|n| n == "tier");
    let measures: Vec<(&str, &str)> = names
        .iter()
        .filter_map(|n| {
            n.strip_prefix("category_")
                .or_else(|| n.strip_prefix("dimension_"))
                .map(|m| (n.as_str(), m))
        })
        .collect();
    let mut stacked: Option<DataFrame> = None;
    for (order, (column, measure)) in measures.iter().enumerate() {
        let tiered = has_tier && column.starts_with("category_");
        let mut aggs = vec![
            col("organisation_id")
                .n_unique()
                .cast(DataType::Int64)
                .alias("n"),
            len().cast(DataType::Int64).alias("responses"),
            col(*column).mean().alias("mean"),
            col(*column).median().alias("median"),
            col(*column).min().alias("min"),
            col(*column).max().alias("max"),
        ];
        // Tier columns only where some response was placed in a tier: a cooperation
        // campaign has none, and four columns always empty would only mislead.
        for tier in TIERS.iter().filter(|_| has_tier) {
            let count = if tiered {
                col("tier").eq(lit(*tier)).sum().cast(DataType::Int64)
            } else {
                lit(NULL).cast(DataType::Int64)
            };
            aggs.push(count.alias(format!("tier_{tier}")));
        }
        // Only responses with a value count towards a measure, n included.
        let rows = scores.clone().lazy().filter(col(*column).is_not_null());
        let grouped = grouped_with_all(rows, &aggs, k)?
            .lazy()
            .with_columns([
                lit(*measure).alias("measure"),
                lit(order as i32).alias("measure_order"),
            ])
            .collect()?;
        match &mut stacked {
            Some(df) => {
                df.vstack_mut_owned(grouped)?;
            }
            None => stacked = Some(grouped),
        }
    }
    let Some(stacked) = stacked else {
        return empty_aggregates(has_tier);
    };
    let order: Vec<Expr> = aggregate_columns(has_tier).map(col).collect();
    stacked
        .lazy()
        .sort(
            ["audience", "scope", "country", "measure_order"],
            SortMultipleOptions::default(),
        )
        .select(order)
        .collect()
}

/// Groups `rows` by audience and country and by audience alone (country "ALL"),
/// with `aggs` (which must include an Int64 `n`, the organisations counted), then
/// blanks every aggregate of a group that could single out fewer than `k`
/// organisations. Columns: audience, scope (0 for ALL, 1 for a country),
/// country, the aggregates, suppressed.
pub(super) fn grouped_with_all(
    rows: LazyFrame,
    aggs: &[Expr],
    k: usize,
) -> PolarsResult<DataFrame> {
    grouped_with_all_by(rows, &[], aggs, k)
}

/// [`grouped_with_all`] with every group split further by the columns `keys` (a question,
/// say), which follow `country` in the result: the threshold applies to each such group.
pub(super) fn grouped_with_all_by(
    rows: LazyFrame,
    keys: &[&str],
    aggs: &[Expr],
    k: usize,
) -> PolarsResult<DataFrame> {
    let k = i64::try_from(k).unwrap_or(i64::MAX);
    let keyed =
        |first: &[&str]| -> Vec<Expr> { first.iter().chain(keys).map(|c| col(*c)).collect() };
    let by_country = rows
        .clone()
        .group_by(keyed(&["audience", "country"]))
        .agg(aggs)
        .collect()?;
    let stats: Vec<String> = by_country
        .get_column_names()
        .iter()
        .skip(2 + keys.len())
        .map(|s| s.to_string())
        .collect();
    // Organisations in the countries that are shown, per audience (and key).
    let shown = by_country
        .clone()
        .lazy()
        .group_by(keyed(&["audience"]))
        .agg([when(col("n").gt_eq(lit(k)))
            .then(col("n"))
            .otherwise(lit(0i64))
            .sum()
            .alias("shown")]);
    let residual = col("n") - col("shown").fill_null(lit(0i64));
    let all = rows
        .group_by(keyed(&["audience"]))
        .agg(aggs)
        .join(
            shown,
            keyed(&["audience"]),
            keyed(&["audience"]),
            JoinArgs::new(JoinType::Left),
        )
        .with_columns([
            lit("ALL").alias("country"),
            lit(0i32).alias("scope"),
            (col("n")
                .lt(lit(k))
                .or(residual.clone().gt(lit(0i64)).and(residual.lt(lit(k)))))
            .alias("suppressed"),
        ]);
    let countries = by_country.lazy().with_columns([
        lit(1i32).alias("scope"),
        col("n").lt(lit(k)).alias("suppressed"),
    ]);
    let mut select = vec![col("audience"), col("scope"), col("country")];
    select.extend(keys.iter().map(|c| col(*c)));
    select.extend(stats.iter().map(|s| {
        when(col("suppressed"))
            .then(lit(NULL))
            .otherwise(col(s.as_str()))
            .alias(s.as_str())
    }));
    select.push(col("suppressed"));
    let mut out = all.select(select.clone()).collect()?;
    out.vstack_mut_owned(countries.select(select).collect()?)?;
    Ok(out)
}

/// The columns of the aggregates table, in order: the tier counts only when `has_tier`.
fn aggregate_columns(has_tier: bool) -> impl Iterator<Item = &'static str> {
    AGGREGATE_COLUMNS
        .into_iter()
        .filter(move |c| has_tier || !c.starts_with("tier_"))
}

/// The aggregates table of a campaign without scored responses.
fn empty_aggregates(has_tier: bool) -> PolarsResult<DataFrame> {
    let columns = aggregate_columns(has_tier)
        .map(|name| {
            let dtype = match name {
                "audience" | "country" | "measure" => DataType::String,
                "mean" | "median" | "min" | "max" => DataType::Float64,
                "suppressed" => DataType::Boolean,
                _ => DataType::Int64,
            };
            Column::new_empty(name.into(), &dtype)
        })
        .collect();
    DataFrame::new(0, columns)
}
