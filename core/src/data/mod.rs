//! Store reference tables (markets, languages, categories, limits) (in progress).
