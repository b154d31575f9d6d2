//! Reports: charts and exports built from scored assessments.
