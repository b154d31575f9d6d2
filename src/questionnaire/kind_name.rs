//! A question's `kind` as the file names it, and which of a raw question's keys each
//! kind takes. Validation reads the keys through these exhaustive matches, so a new
//! kind does not compile until it says which keys it takes.

/// The kinds a file may name, before their keys are read into a [`Kind`](super::Kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum KindName {
    Level,
    Single,
    Multi,
    Scale,
    Number,
    Text,
    Country,
    Matrix,
}

impl KindName {
    /// Every kind, in the order the reference lists them.
    const ALL: [KindName; 8] = [
        Self::Level,
        Self::Single,
        Self::Multi,
        Self::Scale,
        Self::Number,
        Self::Text,
        Self::Country,
        Self::Matrix,
    ];

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Level => "level",
            Self::Single => "single",
            Self::Multi => "multi",
            Self::Scale => "scale",
            Self::Number => "number",
            Self::Text => "text",
            Self::Country => "country",
            Self::Matrix => "matrix",
        }
    }

    /// "level, single, …, text or country", for the message about an unknown kind.
    pub fn expected() -> String {
        let names: Vec<&str> = Self::ALL.iter().map(|k| k.as_str()).collect();
        match names.split_last() {
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }

    /// Whether the kind is answered by choosing among `options`.
    pub fn takes_options(self) -> bool {
        match self {
            Self::Level | Self::Single | Self::Multi => true,
            Self::Scale | Self::Number | Self::Text | Self::Country | Self::Matrix => false,
        }
    }

    /// Whether the kind takes `rows`, `columns`, `choices` and `reference`.
    pub fn takes_cells(self) -> bool {
        match self {
            Self::Matrix => true,
            Self::Level
            | Self::Single
            | Self::Multi
            | Self::Scale
            | Self::Number
            | Self::Text
            | Self::Country => false,
        }
    }

    /// Whether the kind takes several options at once, and so `multi_score` and
    /// options that must be chosen alone (`exclusive`).
    pub fn takes_several_options(self) -> bool {
        match self {
            Self::Multi => true,
            Self::Level
            | Self::Single
            | Self::Scale
            | Self::Number
            | Self::Text
            | Self::Country
            | Self::Matrix => false,
        }
    }

    /// Whether the kind takes `min` and `max`.
    pub fn takes_range(self) -> bool {
        match self {
            Self::Scale | Self::Number => true,
            Self::Level
            | Self::Single
            | Self::Multi
            | Self::Text
            | Self::Country
            | Self::Matrix => false,
        }
    }

    /// Whether the kind takes `personal`: only free text can name a person.
    pub fn takes_personal(self) -> bool {
        self.takes_max_length()
    }

    /// Whether the kind takes `max_length`.
    pub fn takes_max_length(self) -> bool {
        match self {
            Self::Text => true,
            Self::Level
            | Self::Single
            | Self::Multi
            | Self::Scale
            | Self::Number
            | Self::Country
            | Self::Matrix => false,
        }
    }

    /// Whether the kind takes `non_answers`: the kinds that can be scored. A context
    /// question (number, text, country) can be left blank when it is not required, and a
    /// country is what reports group by, so it is never withheld.
    pub fn takes_non_answers(self) -> bool {
        match self {
            Self::Level | Self::Single | Self::Multi | Self::Scale => true,
            // A matrix declares its own "don't know" among its choices.
            Self::Number | Self::Text | Self::Country | Self::Matrix => false,
        }
    }

    /// Whether an answer of the kind is a number a `show_if` can compare with `at_least`.
    pub fn answers_with_a_number(self) -> bool {
        match self {
            Self::Level | Self::Scale | Self::Number => true,
            Self::Single | Self::Multi | Self::Text | Self::Country | Self::Matrix => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_name() {
        for kind in KindName::ALL {
            assert_eq!(KindName::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(KindName::parse("grid"), None);
        assert_eq!(
            KindName::expected(),
            "level, single, multi, scale, number, text, country or matrix"
        );
    }
}
