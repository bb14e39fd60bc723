//! The run-option matrix on `main`: each pair of run options on each flavor, as a fn named
//! `main` in a module of its own (so it ends as `main` does). Usage:
//! `MATRIX_EXIT=<ok|err|panic|timeout> run_option_matrix <pair>::<flavor>`; exits as that
//! `main` would.

use std::process::{ExitCode, Termination};

macro_rules! variants {
    ($($pair:ident: ($($args:tt)*);)*) => {
        $(
            mod $pair {
                pub mod current_thread {
                    #[mainspring::main(flavor = "current_thread", $($args)*)]
                    pub async fn main() -> Result<(), String> {
                        include!("../programs/matrix_body.rs")
                    }
                }
                pub mod multi_thread {
                    #[mainspring::main(flavor = "multi_thread", $($args)*)]
                    pub async fn main() -> Result<(), String> {
                        include!("../programs/matrix_body.rs")
                    }
                }
                pub mod local {
                    #[mainspring::main(flavor = "local", $($args)*)]
                    pub async fn main() -> Result<(), String> {
                        include!("../programs/matrix_body.rs")
                    }
                }
            }
        )*

        fn variant(name: &str) -> ExitCode {
            match name {
                $(
                    concat!(stringify!($pair), "::current_thread") => {
                        $pair::current_thread::main().report()
                    }
                    concat!(stringify!($pair), "::multi_thread") => {
                        $pair::multi_thread::main().report()
                    }
                    concat!(stringify!($pair), "::local") => $pair::local::main().report(),
                )*
                other => panic!("unknown variant {other:?}"),
            }
        }
    };
}

mainspring_tests::matrix_pairs!(variants);

fn main() -> ExitCode {
    variant(&std::env::args().nth(1).unwrap_or_default())
}
