fn main() -> (!) {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_multi_thread().enable_all().build(),
        async move { { loop {} } },
    )
}
