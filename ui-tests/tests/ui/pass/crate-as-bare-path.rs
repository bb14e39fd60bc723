//! `crate` takes a bare path too, such as a re-export.
mod reexport {
    pub use ::mainspring as rt;
}

#[mainspring::main(crate = reexport::rt, flavor = "current_thread")]
async fn main() {}
