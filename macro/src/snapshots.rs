//! Expansion snapshots: each case is expanded by `entry::expand` and pretty-printed into
//! `macro/snapshots/<case>.rs`. Update with `UPDATE_EXPECT=1 cargo test -p mainspring-macros`,
//! then read the diff.
