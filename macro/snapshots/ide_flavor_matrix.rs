#[cfg(test)]
async fn both() {}
#[cfg(test)]
mod both {
    #[allow(unused_imports)]
    use super::*;
    #[::core::prelude::v1::test]
    fn current_thread() {
        let _ = (
            ::mainspring::__private::options::flavor,
            ::mainspring::__private::options::timeout,
        );
        ::mainspring::__private::block_on(
            ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
            ::mainspring::__private::timeout(
                ::core::time::Duration::from_secs(5),
                "\"5s\"",
                super::both(),
            ),
        )
    }
    #[::core::prelude::v1::test]
    fn multi_thread() {
        ::mainspring::__private::block_on(
            ::mainspring::__private::Builder::new_multi_thread().enable_all().build(),
            ::mainspring::__private::timeout(
                ::core::time::Duration::from_secs(5),
                "\"5s\"",
                super::both(),
            ),
        )
    }
}
