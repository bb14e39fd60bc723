//! Programs under `src/bin/` are built with `#[mainspring::main]`; the tests under `tests/` run them
//! as child processes and check what a user would see: output, exit status, threads.
