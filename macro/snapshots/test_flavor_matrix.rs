#[cfg(test)]
#[allow(unused_variables)]
async fn both() -> Result<(), MyError> {
    let x = 1;
    Ok(())
}
#[cfg(test)]
mod both {
    #[allow(unused_imports)]
    use super::*;
    /// Docs.
    #[allow(unused_variables)]
    #[should_panic]
    #[::core::prelude::v1::test]
    fn current_thread() -> ::std::process::ExitCode {
        ::mainspring::__private::block_on_report(
            ::mainspring::__private::Builder::new_current_thread()
                .start_paused(true)
                .enable_all()
                .build(),
            super::both(),
        )
    }
    /// Docs.
    #[allow(unused_variables)]
    #[should_panic]
    #[::core::prelude::v1::test]
    fn multi_thread() -> ::std::process::ExitCode {
        ::mainspring::__private::block_on_report(
            ::mainspring::__private::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build(),
            super::both(),
        )
    }
}
