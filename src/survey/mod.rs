//! The respondent's survey: reading section forms, checking answers, finding where to resume.
