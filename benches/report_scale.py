#!/usr/bin/env python3
"""The pandas + matplotlib baseline of the report-scale benchmark (benches/report_scale.rs).

Reads the same SQLite file as `liaison report`, scores every submitted response the way
src/scoring does (parameter levels -> category means -> tier against the tier table),
and writes the same report: answers.csv, scores.csv, aggregates.csv and non_answers.csv
(with the privacy threshold k), the five charts (tiers, means, heatmap, gap, progress) with matplotlib's
Agg backend, and recommendations.md/.html ranking the gaps to the next tier.

Written as a competent pandas user would: one query per table, categorical columns,
decoding each distinct stored value once, numpy lookups and group-bys instead of
Python loops over rows. It handles questionnaires of `level` questions without
`show_if` (SIM3 maturity, like the benchmark's campaign) and says so otherwise.

    report_scale.py report --db FILE --campaign ID --questionnaires DIR --out DIR [--k 3]
    report_scale.py radars --db FILE --campaign ID --questionnaires DIR --out DIR --sample N
"""

import argparse
import html
import json
import sqlite3
import sys
import time
import tomllib
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)

TIERS = ["not_yet_basic", "basic", "intermediate", "advanced"]
TIER_NAMES = ["not yet basic", "basic", "intermediate", "advanced"]
TIER_COLOURS = ["#c8553d", "#f2a541", "#4f9d69", "#2e5eaa"]
CATEGORIES = {"O": "Organisation", "H": "Human", "T": "Tools", "P": "Processes"}
DIMENSIONS = ["behavioural", "legal", "organisational", "technical", "judiciary"]
AGGREGATE_COLUMNS = [
    "audience", "country", "measure", "n", "responses", "mean", "median", "min", "max",
    "tier_not_yet_basic", "tier_basic", "tier_intermediate", "tier_advanced", "suppressed",
]
NON_ANSWERS = ["dont_know", "prefer_not_to_say"]
NON_ANSWER_COLUMNS = [
    "audience", "country", "question_id", "n", "responses", "share_dont_know",
    "share_prefer_not_to_say", "suppressed",
]
SUPPRESSED_NOTE = "suppressed (fewer than k organisations)"


class Questionnaire:
    """The parts of a questionnaire folder the report needs."""

    def __init__(self, folder: Path):
        with open(folder / "questionnaire.toml", "rb") as f:
            q = tomllib.load(f)
        self.id, self.version, self.title = q["id"], q["version"], q["title"]["en"]
        questions = [question for s in q["sections"] for question in s.get("questions", [])]
        for question in questions:
            if question["kind"] != "level" or "show_if" in question:
                sys.exit(f"{folder}: question {question['id']}: this baseline handles "
                         "level questions without show_if only")
        self.questions = [question["id"] for question in questions]
        self.names = {question["id"]: question["name"] for question in questions}
        self.category = {question["id"]: question["category"] for question in questions}
        # The questions offering "Don't know" and "Prefer not to say", which SIM3 counts as 0.
        default = q.get("non_answers", [])
        self.offering = [question["id"] for question in questions
                         if question.get("non_answers", default)]
        # option value (or non-answer) -> level, per question, in questionnaire order
        self.levels = [{str(o["level"]): float(o["level"]) for o in question["options"]}
                       | {n: 0.0 for n in question.get("non_answers", default)}
                       for question in questions]
        with open(folder / "tiers.toml", "rb") as f:
            table = tomllib.load(f)
        self.tiers = table["tiers"]
        self.tier_table = table["id"]
        self.provenance = (f"{self.id} {self.version} scored with tier table {table['id']} "
                           f"version {table['version']} (source: {table['source']})")
        with open(folder / "recommendations.toml", "rb") as f:
            self.recommendations = tomllib.load(f)["recommendations"]


def tlp_line(campaign: str, tlp: str, provenance: str) -> str:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"# TLP:{tlp} — {campaign} — generated {now} — {provenance}"


def load(con, campaign: int):
    """Submitted responses with who gave them, and all their answers."""
    who = pd.read_sql_query(
        """SELECT r.id AS response_id, o.id AS organisation_id, o.name AS organisation,
                  o.country, p.audience, r.questionnaire_id AS questionnaire,
                  r.questionnaire_version AS version, r.submitted_at
           FROM responses r JOIN invitations i ON i.id = r.invitation_id
           JOIN participants p ON p.id = i.participant_id
           JOIN organisations o ON o.id = p.organisation_id
           WHERE p.campaign_id = ? AND r.state = 'submitted' ORDER BY r.id""",
        con, params=(campaign,))
    for column in ["organisation", "country", "audience", "questionnaire", "version"]:
        who[column] = who[column].astype("category")
    answers = pd.read_sql_query(
        """SELECT a.response_id, a.question_id, a.value
           FROM answers a JOIN responses r ON r.id = a.response_id
           JOIN invitations i ON i.id = r.invitation_id
           JOIN participants p ON p.id = i.participant_id
           WHERE p.campaign_id = ? AND r.state = 'submitted'""",
        con, params=(campaign,))
    return who, answers


def score(who, answers, q: Questionnaire):
    """Levels per answer, the wide scores table and the level matrix (responses x questions)."""
    answers["question_id"] = pd.Categorical(answers["question_id"], categories=q.questions)
    answers = answers[answers["question_id"].notna()]  # answers to unknown questions do not count
    values = answers["value"].astype("category")
    # Each distinct stored JSON value decoded once.
    decoded = [json.loads(v) for v in values.cat.categories]
    shown = np.array([str(next(iter(d.values()))) for d in decoded], dtype=object)
    lookup = np.full((len(q.questions), len(decoded)), np.nan)
    for qi, options in enumerate(q.levels):
        for vi, choice in enumerate(shown):
            lookup[qi, vi] = options.get(choice, np.nan)
    q_codes = answers["question_id"].cat.codes.to_numpy()
    v_codes = values.cat.codes.to_numpy()
    answers = answers.assign(value=pd.Categorical.from_codes(v_codes, categories=shown),
                             level=lookup[q_codes, v_codes])
    row = np.searchsorted(who["response_id"].to_numpy(), answers["response_id"].to_numpy())
    levels = np.full((len(who), len(q.questions)), np.nan)
    levels[row, q_codes] = answers["level"].to_numpy()
    answered = np.bincount(row, minlength=len(who))

    scores = who.drop(columns="submitted_at").copy()
    scores["completeness"] = answered / len(q.questions)
    params = pd.DataFrame(levels, columns=q.questions, index=scores.index)
    scores = pd.concat([scores, params], axis=1)
    for code in CATEGORIES:
        columns = [i for i, p in enumerate(q.questions) if q.category[p] == code]
        with np.errstate(all="ignore"):
            scores[f"category_{code}"] = np.nanmean(levels[:, columns], axis=1)
    filled = np.nan_to_num(levels, nan=0.0)  # unanswered counts as 0 for tiers
    reached = np.zeros(len(who), dtype=int)
    still = np.ones(len(who), dtype=bool)
    for tier in q.tiers:
        minimum = required_vector(q, [tier])
        listed = ~np.isnan(minimum)
        short = (filled[:, listed] < minimum[listed]).sum(axis=1)
        still &= short <= tier.get("tolerance", 0)
        reached += still
    scores["tier"] = pd.Categorical.from_codes(reached, categories=TIERS)
    scores["tier_table"] = q.tier_table
    return answers, scores, filled, reached


def required_vector(q: Questionnaire, tiers) -> np.ndarray:
    """Per question, the highest minimum of `tiers` (NaN where none lists it)."""
    out = np.full(len(q.questions), np.nan)
    for tier in tiers:
        for parameter, minimum in tier["minimums"].items():
            i = q.questions.index(parameter)
            out[i] = np.fmax(out[i], minimum)
    return out


def write_csv(df: pd.DataFrame, path: Path, line: str):
    # Liaison writes completeness and shares to 3 decimals, every other float (levels,
    # means) to 2.
    floats = df.select_dtypes("float").columns
    df = df.round({c: 3 if c == "completeness" or c.startswith("share_") else 2
                   for c in floats})
    with open(path, "w", newline="") as f:
        f.write(line + "\n")
        df.to_csv(f, index=False, lineterminator="\n")


def answers_csv(answers, who, path: Path, line: str):
    long = answers.sort_values(["response_id", "question_id"], kind="stable")
    long = long.merge(who[["response_id", "organisation", "country", "audience"]],
                      on="response_id", how="left")
    # The synthetic campaign has no evidence: every answer has no file.
    long["evidence_files"] = 0
    long["evidence_file_names"] = ""
    columns = ["response_id", "organisation", "country", "audience", "question_id", "value",
               "level", "evidence_files", "evidence_file_names"]
    write_csv(long[columns], path, line)


def grouped_with_all(rows: pd.DataFrame, aggregate, k: int, keys=()) -> pd.DataFrame:
    """`aggregate(groupby)` by audience and country and by audience ("ALL"), each split
    further by the columns `keys`, with the privacy threshold: a group of fewer than k
    organisations shows nothing, nor does an ALL row whose remainder after the shown
    countries is between 1 and k-1."""
    keys = list(keys)
    by_country = aggregate(rows.groupby(["audience", "country"] + keys, observed=True))
    by_country = by_country.reset_index()
    by_country["scope"] = 1
    by_country["suppressed"] = by_country["n"] < k
    everything = aggregate(rows.groupby(["audience"] + keys, observed=True)).reset_index()
    shown = by_country["n"].where(by_country["n"] >= k, 0).groupby(
        [by_country[c] for c in ["audience"] + keys], observed=True).sum().rename("shown")
    everything = everything.join(shown, on=["audience"] + keys)
    residual = everything["n"] - everything.pop("shown").astype(float).fillna(0)
    everything["country"] = "ALL"
    everything["scope"] = 0
    everything["suppressed"] = (everything["n"] < k) | ((residual > 0) & (residual < k))
    out = pd.concat([everything, by_country], ignore_index=True)
    stats = [c for c in out.columns
             if c not in ["audience", "country", "scope", "suppressed"] + keys]
    for c in stats:
        if pd.api.types.is_integer_dtype(out[c]):
            out[c] = out[c].astype("Int64")
        out[c] = out[c].mask(out["suppressed"])
    out["audience"] = out["audience"].astype(str)
    out["country"] = out["country"].astype(str)
    return out


def tier_columns(rows: pd.DataFrame, keys) -> pd.DataFrame:
    counts = rows.groupby(keys + ["tier"], observed=False).size().unstack("tier", fill_value=0)
    counts = counts.reindex(columns=TIERS, fill_value=0)
    counts.columns = [f"tier_{t}" for t in TIERS]
    return counts


def aggregates(scores: pd.DataFrame, k: int) -> pd.DataFrame:
    parts = []
    for order, code in enumerate(CATEGORIES):
        column = f"category_{code}"
        rows = scores[scores[column].notna()]

        def aggregate(groups, column=column, rows=rows):
            keys = list(groups.keys) if isinstance(groups.keys, list) else [groups.keys]
            stats = groups.agg(n=("organisation_id", "nunique"), responses=(column, "size"),
                               mean=(column, "mean"), median=(column, "median"),
                               min=(column, "min"), max=(column, "max"))
            return stats.join(tier_columns(rows, keys))

        grouped = grouped_with_all(rows, aggregate, k)
        grouped["measure"] = code
        grouped["measure_order"] = order
        parts.append(grouped)
    out = pd.concat(parts, ignore_index=True)
    out = out.sort_values(["audience", "scope", "country", "measure_order"], kind="stable")
    return out[AGGREGATE_COLUMNS]


def non_answer_shares(answers, who, q: Questionnaire, k: int) -> pd.DataFrame:
    """Per audience, country and question offering non-answers: n organisations asked,
    the responses that answered it, and each non-answer's share of those answers."""
    asked = who[["response_id", "organisation_id", "audience", "country"]].merge(
        pd.DataFrame({"question_id": pd.Categorical(q.offering, categories=q.questions)}),
        how="cross")
    given = answers[["response_id", "question_id", "value"]].assign(answered=True)
    rows = asked.merge(given, on=["response_id", "question_id"], how="left")
    rows["answered"] = rows["answered"].notna() & rows["answered"].astype(bool)
    value = rows["value"].astype(object)
    for n in NON_ANSWERS:
        rows[n] = value == n

    def aggregate(groups):
        stats = groups.agg(n=("organisation_id", "nunique"), responses=("answered", "sum"),
                           **{f"given_{n}": (n, "sum") for n in NON_ANSWERS})
        for n in NON_ANSWERS:
            stats[f"share_{n}"] = (stats.pop(f"given_{n}")
                                   / stats["responses"].where(stats["responses"] > 0))
        return stats

    out = grouped_with_all(rows, aggregate, k, keys=["question_id"])
    out = out.sort_values(["audience", "scope", "country", "question_id"], kind="stable")
    out["question_id"] = out["question_id"].astype(str)
    return out[NON_ANSWER_COLUMNS]


def parameter_medians(scores: pd.DataFrame, q: Questionnaire, k: int) -> pd.DataFrame:
    groups = scores.groupby(["audience", "country"], observed=True)
    medians = groups[q.questions].median()
    counts = pd.DataFrame({p: scores[scores[p].notna()].groupby(
        ["audience", "country"], observed=True)["organisation_id"].nunique()
        for p in q.questions}).reindex(medians.index).fillna(0)
    return medians.mask(counts < k), counts


def title_lines(ax_or_fig, subject: str, campaign: str, tlp: str, n: int):
    ax_or_fig.suptitle(f"{subject} — {campaign}\nn = {n} organisations · TLP:{tlp}",
                       fontsize=13, x=0.02, ha="left")


def tier_chart(scores, k, path, title):
    counts = grouped_with_all(
        scores, lambda g: g.agg(n=("organisation_id", "nunique")).join(
            tier_columns(scores, [g.keys] if isinstance(g.keys, str) else list(g.keys))), k)
    counts = counts[counts["country"] == "ALL"]
    fig, ax = plt.subplots(figsize=(9, 5.6), dpi=100)
    title_lines(fig, "Tier distribution", *title)
    for row, (_, group) in enumerate(counts.iterrows()):
        left = 0
        if group["suppressed"]:
            ax.barh(row, 1, color="#e8eaed", hatch="//", edgecolor="#969ca3")
            continue
        for tier, colour, name in zip(TIERS, TIER_COLOURS, TIER_NAMES):
            value = int(group[f"tier_{tier}"])
            ax.barh(row, value, left=left, color=colour, label=name if row == 0 else None)
            if value:
                ax.text(left + value / 2, row, str(value), ha="center", va="center",
                        color="white", fontsize=10)
            left += value
    ax.set_yticks(range(len(counts)), counts["audience"])
    ax.set_xlabel("responses")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=4, frameon=False)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def means_chart(aggregated, path, title):
    means = aggregated[aggregated["country"] == "ALL"]
    table = means.pivot(index="measure", columns="audience", values="mean")
    table = table.reindex(list(CATEGORIES))
    fig, ax = plt.subplots(figsize=(9, 5.6), dpi=100)
    title_lines(fig, "Mean score by audience", *title)
    width = 0.8 / max(len(table.columns), 1)
    x = np.arange(len(table.index))
    for i, audience in enumerate(table.columns):
        values = table[audience].to_numpy(dtype=float)
        bars = ax.bar(x + i * width, np.nan_to_num(values), width, label=audience)
        ax.bar_label(bars, labels=[f"{v:.1f}" if v == v else "–" for v in values])
    ax.set_xticks(x + width * (len(table.columns) - 1) / 2, table.index)
    ax.set_ylim(0, 4)
    ax.set_ylabel("mean level (0–4)")
    ax.grid(axis="y", color="#dddddd")
    ax.legend(frameon=False)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def heatmap_chart(medians, path, title):
    # One audience here; columns are the countries, rows the parameters in file order.
    grid = medians.droplevel("audience").T if len(medians) else medians
    fig, ax = plt.subplots(figsize=(14, 15), dpi=100)
    title_lines(fig, "Median level per parameter and country", *title)
    cmap = matplotlib.colormaps["viridis"].copy()
    cmap.set_bad("#e8eaed")
    image = ax.imshow(np.ma.masked_invalid(grid.to_numpy(dtype=float)), cmap=cmap, vmin=0,
                      vmax=4, aspect="auto")
    ax.set_xticks(range(grid.shape[1]), grid.columns)
    ax.set_yticks(range(grid.shape[0]), grid.index)
    ax.xaxis.tick_top()
    values = grid.to_numpy(dtype=float)
    for (r, c), v in np.ndenumerate(values):
        ax.text(c, r, "–" if v != v else f"{v:.1f}", ha="center", va="center", fontsize=8,
                color="white" if v == v and v < 2 else "black")
    fig.colorbar(image, ax=ax, orientation="horizontal", fraction=0.03, pad=0.02,
                 label="median level")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def gap_chart(path, title):
    # A maturity questionnaire has no mirrored cooperation questions: no pairs, no data.
    fig = plt.figure(figsize=(9, 11), dpi=100)
    title_lines(fig, "CSIRT–LEA perception gap", *title)
    fig.text(0.5, 0.5, "No data yet", ha="center", va="center", fontsize=16, color="#666666")
    fig.savefig(path)
    plt.close(fig)


def progress_chart(who, invited, path, title):
    fig, ax = plt.subplots(figsize=(9, 5.2), dpi=100)
    title_lines(fig, "Submissions over time", *title)
    times = pd.to_datetime(who["submitted_at"])
    for audience, group in times.groupby(who["audience"], observed=True):
        days = np.sort(group.dt.normalize().to_numpy())
        ax.plot(days, np.arange(1, len(days) + 1), label=str(audience), linewidth=2)
    if invited:
        ax.axhline(invited, linestyle="--", color="#777777", label=f"invited ({invited})")
    ax.set_ylabel("submitted")
    ax.grid(axis="y", color="#dddddd")
    ax.legend(frameon=False, loc="upper left")
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def parts_safe(audiences, k: int) -> bool:
    """Whether every audience's part of a group is at least k organisations."""
    counts = pd.Series(audiences, dtype=object).value_counts()
    return len(counts) > 0 and bool((counts >= k).all())


def shown_steps(seen: pd.DataFrame, k: int) -> list:
    """The (level now, level required) steps that may be shown, most organisations first
    (ties: lowest step first): each shared by at least k organisations with each
    audience's part at least k, leaving the steps not shown none or at least k (the
    smallest shown joins them until they are)."""
    groups = sorted(((len(g), int(current), int(required), list(g["audience"]))
                     for (current, required), g in seen.groupby(["current", "required"])),
                    key=lambda t: (-t[0], t[1], t[2]))
    shown = [g for g in groups if g[0] >= k and parts_safe(g[3], k)]
    rest = [a for g in groups if not (g[0] >= k and parts_safe(g[3], k)) for a in g[3]]
    while rest and not parts_safe(rest, k) and shown:
        rest.extend(shown.pop()[3])
    return [(g[1], g[2]) for g in shown]


def may_show(population: pd.DataFrame, k: int) -> bool:
    """Whether a line over these organisations may be shown: like the aggregates' ALL
    rows, subtracting the countries shown beside it must not single out fewer than k."""
    cells = population.groupby(["audience", "country"], observed=True)["organisation_id"].nunique()
    small = cells[cells < k].groupby(level="audience", observed=True).sum()
    exposed = small[(small > 0) & (small < k)].sum()
    return population["organisation_id"].nunique() >= k and (exposed == 0 or exposed >= k)


def gap_lines(latest, filled, reached, q: Questionnaire, k: int):
    """Parameters by how many organisations lack them for their next tier."""
    if not may_show(latest, k):
        return []
    placed = latest["organisation_id"].nunique()
    # Per response: what its next tier (and those below) requires of each parameter.
    required_by_next = np.array([np.nan_to_num(required_vector(q, q.tiers[:t + 1]), nan=-1)
                                 for t in range(len(q.tiers))] + [np.full(len(q.questions), -1)])
    required = required_by_next[reached]
    gaps = filled < required
    lines = []
    for i, parameter in sorted(enumerate(q.questions), key=lambda p: p[1]):
        mask = gaps[:, i]
        if not mask.any():
            continue
        seen = pd.DataFrame({"organisation": latest["organisation_id"].to_numpy()[mask],
                             "audience": latest["audience"].astype(str).to_numpy()[mask],
                             "current": np.floor(filled[mask, i]).clip(0, 4).astype(int),
                             "required": required[mask, i].astype(int)})
        seen = seen.drop_duplicates("organisation", keep="last")
        if len(seen) < k or not parts_safe(seen["audience"], k):
            continue
        steps = shown_steps(seen, k)
        step = f"{steps[0][0]} → {steps[0][1]}" if steps else "–"
        advice = [r for r in q.recommendations
                  if r["target"] == parameter and any(r["from"] <= c < r["below"] for c, _ in steps)]
        lines.append({"parameter": parameter, "name": q.names[parameter],
                      "organisations": len(seen), "of": placed, "step": step, "advice": advice})
    lines.sort(key=lambda line: -line["organisations"])
    return lines


def share(n: int, of: int) -> str:
    return f"{n * 100 / of:.0f}%" if of else ""


def recommendations(scores, filled, reached, q, k, campaign, tlp, line, out: Path):
    order = scores.sort_values("response_id").index
    latest_rows = scores.loc[order].drop_duplicates(["organisation_id", "audience"], keep="last")
    rows = scores.index.get_indexer(latest_rows.index)
    latest, f, r = latest_rows, filled[rows], reached[rows]
    lines = gap_lines(latest, f, r, q, k)
    organisations = latest["organisation_id"].nunique()
    md = [line, "", f"# Recommendations: {campaign}", "", f"**TLP:{tlp}**", "",
          f"{organisations} organisations submitted a response. Lines resting on fewer than "
          f"{k} organisations, or from which such a group could be worked out, are left out.",
          "",
          "## Highlights by audience", ""]
    page = [f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>TLP:{tlp} – "
            f"Recommendations: {html.escape(campaign)}</title></head><body>",
            f"<p class=\"tlp\">TLP:{tlp}</p><h1>Recommendations: {html.escape(campaign)}</h1>"]
    for audience, group in latest.groupby("audience", observed=True):
        mine = group.index
        sel = latest.index.get_indexer(mine)
        top = gap_lines(latest.loc[mine], f[sel], r[sel], q, k)[:3]
        md.append(f"### {audience} ({group['organisation_id'].nunique()} organisations)\n")
        page.append(f"<h3>{html.escape(str(audience))}</h3><ol>")
        for i, g in enumerate(top):
            subject = f"{g['parameter']} {g['name']}"
            detail = (f"{g['organisations']} of {g['of']} organisations "
                      f"({share(g['organisations'], g['of'])}), most often level {g['step']}")
            md.append(f"{i + 1}. **{subject}**: {detail}")
            page.append(f"<li><strong>{html.escape(subject)}</strong>: {html.escape(detail)}</li>")
        md.append("")
        page.append("</ol>")
    md += ["## Maturity: gaps to the next tier", ""]
    if lines:
        md += ["| Rank | Parameter | Organisations | Share | Most common step (level now → required) |",
               "|---:|---|---:|---:|---|"]
    else:
        md.append(f"No gap to show: none is shared by {k} or more organisations, or showing it "
                  "would give a smaller group away.")
    page.append("<h2>Maturity: gaps to the next tier</h2><table>")
    for i, g in enumerate(lines):
        md.append(f"| {i + 1} | {g['parameter']} {g['name']} | {g['organisations']} of "
                  f"{g['of']} | {share(g['organisations'], g['of'])} | {g['step']} |")
        page.append(f"<tr><td>{i + 1}</td><th>{html.escape(g['parameter'])} "
                    f"{html.escape(g['name'])}</th><td>{g['organisations']} of {g['of']}</td>"
                    f"<td>{g['step']}</td></tr>")
    md.append("")
    page.append("</table>")
    for i, g in enumerate(lines):
        md.append(f"### {i + 1}. {g['parameter']} {g['name']}\n")
        page.append(f"<h3>{i + 1}. {html.escape(g['parameter'])}</h3><ul>")
        for a in g["advice"]:
            md.append(f"- **{a.get('title', {}).get('en', '')}**: {a['text']['en']}")
            page.append(f"<li>{html.escape(a['text']['en'])}</li>")
        md.append("")
        page.append("</ul>")
    md += ["## Cooperation: dimensions scoring below 3", "",
           f"No dimension has {k} or more organisations below 3.", ""]
    page.append("</body></html>")
    (out / "recommendations.md").write_text("\n".join(md))
    (out / "recommendations.html").write_text("\n".join(page))


def report(args):
    steps = {}
    clock = time.perf_counter()

    def step(name):
        nonlocal clock
        now = time.perf_counter()
        steps[name] = now - clock
        clock = now

    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    name, tlp = con.execute("SELECT name, tlp FROM campaigns WHERE id = ?",
                            (args.campaign,)).fetchone()
    invited = con.execute("""SELECT count(*) FROM invitations i JOIN participants p
                             ON p.id = i.participant_id WHERE p.campaign_id = ?""",
                          (args.campaign,)).fetchone()[0]
    who, answers = load(con, args.campaign)
    step("load")
    (qid, version), = who[["questionnaire", "version"]].drop_duplicates().astype(str).values
    q = Questionnaire(Path(args.questionnaires) / qid)
    if q.version != version:
        sys.exit(f"responses answered {qid} {version}, the folder holds {q.version}")
    answers, scores, filled, reached = score(who, answers, q)
    step("score")
    out = Path(args.out) / str(args.campaign)
    out.mkdir(parents=True, exist_ok=True)
    line = tlp_line(name, tlp, q.provenance)
    answers_csv(answers, who, out / "answers.csv", line)
    write_csv(scores, out / "scores.csv", line)
    aggregated = aggregates(scores, args.k)
    write_csv(aggregated, out / "aggregates.csv", line)
    write_csv(non_answer_shares(answers, who, q, args.k), out / "non_answers.csv", line)
    step("csv")
    title = (name, tlp, len(who))
    tier_chart(scores, args.k, out / "tiers.png", title)
    means_chart(aggregated, out / "means.png", title)
    medians, _ = parameter_medians(scores, q, args.k)
    heatmap_chart(medians, out / "heatmap.png", title)
    gap_chart(out / "gap.png", title)
    progress_chart(who, invited, out / "progress.png", title)
    step("charts")
    recommendations(scores, filled, reached, q, args.k, name, tlp, line, out)
    step("recommendations")
    print(" ".join(f"{k}={v:.2f}s" for k, v in steps.items()))


def radars(args):
    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    name, tlp = con.execute("SELECT name, tlp FROM campaigns WHERE id = ?",
                            (args.campaign,)).fetchone()
    who, answers = load(con, args.campaign)
    who = who[who["response_id"] <= args.sample].copy()
    answers = answers[answers["response_id"] <= args.sample].copy()
    q = Questionnaire(Path(args.questionnaires) / str(who["questionnaire"].iloc[0]))
    _, scores, _, _ = score(who, answers, q)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    labels = list(CATEGORIES.values())
    angles = np.linspace(0, 2 * np.pi, len(labels), endpoint=False)
    # Clockwise from the top, like Liaison's radar.
    means = scores[[f"category_{c}" for c in CATEGORIES]].to_numpy()
    ids = scores["response_id"].to_numpy()
    organisations = scores["organisation"].astype(str).to_numpy()
    started = time.perf_counter()
    for response, organisation, values in zip(ids, organisations, means):
        fig = plt.figure(figsize=(6, 5.2), dpi=100)
        fig.suptitle(f"{name} — TLP:{tlp}\n{organisation} — {q.title}", fontsize=11)
        ax = fig.add_subplot(projection="polar")
        ax.set_theta_offset(np.pi / 2)
        ax.set_theta_direction(-1)
        shown = np.nan_to_num(values)
        ax.plot(np.append(angles, angles[0]), np.append(shown, shown[0]), color="#2e5eaa")
        ax.fill(angles, shown, color="#2e5eaa", alpha=0.25)
        ax.set_xticks(angles, [f"{label}\n{'n/a' if v != v else f'{v:.1f}'}"
                               for label, v in zip(labels, values)])
        ax.set_ylim(0, 4)
        ax.set_yticks([1, 2, 3, 4])
        fig.savefig(out / f"{response}.png")
        plt.close(fig)
    print(f"drawing seconds: {time.perf_counter() - started:.6f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["report", "radars"])
    parser.add_argument("--db", required=True)
    parser.add_argument("--campaign", type=int, required=True)
    parser.add_argument("--questionnaires", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--sample", type=int, default=500)
    args = parser.parse_args()
    report(args) if args.what == "report" else radars(args)


if __name__ == "__main__":
    main()
