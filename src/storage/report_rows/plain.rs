//! The pieces of reading a campaign's answers in table order rather than through the
//! primary key (`scan`, on SQLite): which responses count, when
//! reading the whole table is worth it, and the rows read in parts put back in
//! (response id, question id) order.

use super::super::StorageError;
use super::AnswerColumns;
use super::interned::Interner;

/// Below this share of all responses, the index path reads less than the whole table would.
const WHOLE_TABLE_SHARE: f64 = 0.5;

/// Whether the responses `ids` (sorted) are enough of the `all` stored ones that reading
/// the whole answers table beats reading theirs through the index; the membership bitmap
/// spans the ids, so a sparse campaign in a huge table takes the index too.
pub(super) fn worth_reading_whole(ids: &[i64], all: i64) -> bool {
    let (Some(first), Some(last)) = (ids.first(), ids.last()) else {
        return false;
    };
    last - first <= i64::from(u32::MAX) && ids.len() as f64 >= WHOLE_TABLE_SHARE * all as f64
}

/// Which response ids count: one bit per id between the first and the last.
pub(super) struct Wanted {
    first: i64,
    bits: Vec<u64>,
}

impl Wanted {
    pub(super) fn new(ids: &[i64]) -> Self {
        let first = ids.first().copied().unwrap_or(0);
        let last = ids.last().copied().unwrap_or(-1);
        let span = usize::try_from(last - first + 1).unwrap_or(0);
        let mut bits = vec![0u64; span.div_ceil(64)];
        for id in ids {
            let at = (id - first) as usize;
            bits[at / 64] |= 1 << (at % 64);
        }
        Wanted { first, bits }
    }

    pub(super) fn contains(&self, id: i64) -> bool {
        usize::try_from(id.wrapping_sub(self.first))
            .ok()
            .and_then(|at| {
                self.bits
                    .get(at / 64)
                    .map(|word| word >> (at % 64) & 1 == 1)
            })
            .unwrap_or(false)
    }
}

/// What one reader gathered: its rows with texts interned on its own.
#[derive(Default)]
pub(super) struct Part {
    response_ids: Vec<i64>,
    question_ids: Vec<u32>,
    values: Vec<u32>,
    questions: Interner,
    value_texts: Interner,
}

impl Part {
    /// Adds one answer row.
    pub(super) fn push(&mut self, response: i64, question: &[u8], value: &[u8]) {
        self.response_ids.push(response);
        self.question_ids.push(self.questions.intern(question));
        self.values.push(self.value_texts.intern(value));
    }
}

/// The parts joined in the order they were read, their texts interned once more across parts.
#[derive(Default)]
pub(super) struct Merged {
    columns: AnswerColumns,
    questions: Interner,
    values: Interner,
}

impl Merged {
    pub(super) fn append(&mut self, part: Part) {
        let questions = reinterned(&mut self.questions, &part.questions);
        let values = reinterned(&mut self.values, &part.value_texts);
        let c = &mut self.columns;
        c.response_ids.extend(part.response_ids);
        c.question_ids
            .extend(part.question_ids.iter().map(|&q| questions[q as usize]));
        c.values
            .extend(part.values.iter().map(|&v| values[v as usize]));
    }

    /// The columns in (response id, question id) order, which rows stored in that order
    /// (as a response's answers mostly are) already have.
    pub(super) fn finish(self) -> Result<AnswerColumns, StorageError> {
        let mut columns = self.columns;
        columns.question_texts = self.questions.into_texts("question id")?;
        columns.value_texts = self.values.into_texts("value")?;
        let mut by_text: Vec<u32> = (0..columns.question_texts.len() as u32).collect();
        by_text.sort_unstable_by(|a, b| {
            columns.question_texts[*a as usize].cmp(&columns.question_texts[*b as usize])
        });
        let mut rank = vec![0u32; by_text.len()];
        for (r, q) in by_text.into_iter().enumerate() {
            rank[q as usize] = r as u32;
        }
        let key = |i: usize| {
            (
                columns.response_ids[i],
                rank[columns.question_ids[i] as usize],
            )
        };
        if (1..columns.len()).all(|i| key(i - 1) < key(i)) {
            return Ok(columns);
        }
        let mut order: Vec<u32> = (0..columns.len() as u32).collect();
        order.sort_unstable_by_key(|&i| key(i as usize));
        Ok(AnswerColumns {
            response_ids: order
                .iter()
                .map(|&i| columns.response_ids[i as usize])
                .collect(),
            question_ids: order
                .iter()
                .map(|&i| columns.question_ids[i as usize])
                .collect(),
            values: order.iter().map(|&i| columns.values[i as usize]).collect(),
            question_texts: columns.question_texts,
            value_texts: columns.value_texts,
        })
    }
}

/// The index in `into` of each text of `part`, by its index in `part`.
fn reinterned(into: &mut Interner, part: &Interner) -> Vec<u32> {
    part.texts().iter().map(|t| into.intern(t)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_listed_responses_are_wanted() {
        let wanted = Wanted::new(&[3, 4, 70, 200]);
        let found: Vec<i64> = (-5..300).filter(|&id| wanted.contains(id)).collect();
        assert_eq!(found, vec![3, 4, 70, 200]);
        assert!(!Wanted::new(&[]).contains(0));
    }

    #[test]
    fn rows_stored_out_of_order_come_back_by_response_then_question() {
        let mut merged = Merged::default();
        let mut part = Part::default();
        for (response, question, value) in [(2, "O-2", "a"), (1, "O-10", "b"), (2, "O-1", "a")] {
            part.push(response, question.as_bytes(), value.as_bytes());
        }
        merged.append(part);
        let columns = merged.finish().expect("UTF-8");
        let rows: Vec<(i64, &str, &str)> = (0..columns.len())
            .map(|i| {
                (
                    columns.response_ids[i],
                    columns.question_texts[columns.question_ids[i] as usize].as_str(),
                    columns.value_texts[columns.values[i] as usize].as_str(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![(1, "O-10", "b"), (2, "O-1", "a"), (2, "O-2", "a")]
        );
    }

    #[test]
    fn the_whole_table_is_read_for_most_responses_only() {
        assert!(worth_reading_whole(&[1, 2, 3], 6));
        assert!(!worth_reading_whole(&[1, 2], 6));
        assert!(!worth_reading_whole(&[], 0));
        assert!(!worth_reading_whole(&[1, 1 << 40], 2));
    }
}
