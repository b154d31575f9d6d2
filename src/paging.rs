//! Paging a long list: which page a request asks for ([`Paging`], read from a page's
//! address or the API's query alike) and one page of rows with the size of the whole
//! list ([`Paged`]). A campaign may hold a hundred thousand responses; a request reads,
//! scores and sends only the rows of its page.

use crate::problems::FieldProblem;

/// Which page of a list, counted from 1, and how many rows a page holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    page: u32,
    per_page: u32,
}

impl Paging {
    /// Rows a page holds when the request does not say.
    pub const DEFAULT_PER_PAGE: u32 = 50;
    /// The most rows one page may hold.
    pub const MAX_PER_PAGE: u32 = 500;
    /// The highest page number read (the largest 32-bit signed integer, so that every
    /// client's integer type can say it).
    pub const MAX_PAGE: u32 = i32::MAX as u32;

    /// Page `page` of `per_page` rows, if both are within their bounds.
    pub fn new(page: u32, per_page: u32) -> Option<Paging> {
        ((1..=Self::MAX_PAGE).contains(&page) && (1..=Self::MAX_PER_PAGE).contains(&per_page))
            .then_some(Paging { page, per_page })
    }

    /// The paging a form or an address's query gives, each field exactly as sent; an
    /// absent or empty field takes its default (page 1, [`Self::DEFAULT_PER_PAGE`]
    /// rows). Every field that is not understood is named.
    pub fn parse(page: Option<&str>, per_page: Option<&str>) -> Result<Paging, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let mut read = |field: &str, what: &str, value: Option<&str>, default: u32, max: u32| {
            let Some(given) = value.filter(|v| !v.is_empty()) else {
                return default;
            };
            match given.parse::<u32>() {
                Ok(n) if (1..=max).contains(&n) => n,
                _ => {
                    problems.push(FieldProblem::in_field(
                        field,
                        format!("{given:?} is not a {what}: use a whole number from 1 to {max}"),
                    ));
                    default
                }
            }
        };
        let page = read("page", "page number", page, 1, Self::MAX_PAGE);
        let per_page = read(
            "per_page",
            "number of rows per page",
            per_page,
            Self::DEFAULT_PER_PAGE,
            Self::MAX_PER_PAGE,
        );
        if problems.is_empty() {
            Ok(Paging { page, per_page })
        } else {
            Err(problems)
        }
    }

    pub fn page(self) -> u32 {
        self.page
    }

    pub fn per_page(self) -> u32 {
        self.per_page
    }

    /// The same size of page, at page `page`.
    pub fn at(self, page: u32) -> Paging {
        Paging { page, ..self }
    }

    /// The rows before this page, for the query's OFFSET.
    pub fn offset(self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }

    /// The rows of this page at the most, for the query's LIMIT.
    pub fn limit(self) -> i64 {
        i64::from(self.per_page)
    }
}

impl Default for Paging {
    fn default() -> Paging {
        Paging {
            page: 1,
            per_page: Self::DEFAULT_PER_PAGE,
        }
    }
}

/// One page of a list's rows, and how many rows the whole list has.
#[derive(Debug, Clone, PartialEq)]
pub struct Paged<T> {
    pub rows: Vec<T>,
    pub total: u64,
    pub paging: Paging,
}

impl<T> Paged<T> {
    /// How many pages the list fills; an empty list still has its one (empty) page.
    pub fn pages(&self) -> u64 {
        self.total
            .div_ceil(u64::from(self.paging.per_page()))
            .max(1)
    }

    /// Whether the page asked for lies past the list's last page.
    pub fn past_end(&self) -> bool {
        u64::from(self.paging.page()) > self.pages()
    }

    /// The page before this one, if this one is within the list and not the first.
    pub fn previous(&self) -> Option<Paging> {
        let page = self.paging.page();
        (page > 1 && !self.past_end()).then(|| self.paging.at(page - 1))
    }

    /// The page after this one, if the list goes on.
    pub fn next(&self) -> Option<Paging> {
        let page = self.paging.page();
        (u64::from(page) < self.pages()).then(|| self.paging.at(page + 1))
    }

    /// The list's last page, of the same size.
    pub fn last(&self) -> Paging {
        let last = u32::try_from(self.pages()).unwrap_or(Paging::MAX_PAGE);
        self.paging.at(last)
    }

    /// The number, counted from 1, of this page's first row (0 on an empty page).
    pub fn first_row(&self) -> u64 {
        if self.rows.is_empty() {
            0
        } else {
            self.paging.offset().unsigned_abs() + 1
        }
    }

    /// The number of this page's last row (0 on an empty page).
    pub fn last_row(&self) -> u64 {
        match self.rows.len() as u64 {
            0 => 0,
            n => self.first_row() + n - 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paged(page: u32, per_page: u32, total: u64) -> Paged<u64> {
        let paging = Paging::new(page, per_page).expect("in bounds");
        let rows = (paging.offset().unsigned_abs()..total)
            .take(per_page as usize)
            .collect();
        Paged {
            rows,
            total,
            paging,
        }
    }

    #[test]
    fn absent_or_empty_fields_take_the_defaults_and_numbers_are_read() {
        assert_eq!(Paging::parse(None, Some("")), Ok(Paging::default()));
        let paging = Paging::parse(Some("3"), Some("500")).expect("read");
        assert_eq!((paging.page(), paging.per_page()), (3, 500));
        assert_eq!((paging.offset(), paging.limit()), (1000, 500));
    }

    #[test]
    fn every_field_out_of_bounds_or_not_a_number_is_named() {
        for (page, per_page, fields) in [
            ("0", "50", vec!["page"]),
            ("1", "501", vec!["per_page"]),
            ("x", "0", vec!["page", "per_page"]),
            ("2147483648", "-1", vec!["page", "per_page"]),
        ] {
            let problems = Paging::parse(Some(page), Some(per_page)).expect_err(page);
            let named: Vec<_> = problems.iter().filter_map(|p| p.field.as_deref()).collect();
            assert_eq!(named, fields, "{page} {per_page}");
        }
        assert!(Paging::parse(Some("2147483647"), None).is_ok());
    }

    #[test]
    fn a_page_knows_its_neighbours_rows_and_whether_it_lies_past_the_end() {
        let first = paged(1, 50, 120);
        assert_eq!(first.pages(), 3);
        assert_eq!(first.previous(), None);
        assert_eq!(first.next().map(Paging::page), Some(2));
        assert_eq!((first.first_row(), first.last_row()), (1, 50));
        let last = paged(3, 50, 120);
        assert_eq!(last.next(), None);
        assert_eq!(last.previous().map(Paging::page), Some(2));
        assert_eq!((last.first_row(), last.last_row()), (101, 120));
        let beyond = paged(4, 50, 120);
        assert!(beyond.past_end() && !last.past_end());
        assert_eq!((beyond.previous(), beyond.next()), (None, None));
        assert_eq!(beyond.last().page(), 3);
        assert_eq!((beyond.first_row(), beyond.last_row()), (0, 0));
        let empty = paged(1, 50, 0);
        assert_eq!((empty.pages(), empty.past_end()), (1, false));
    }
}
