fn main() {
    let _ = (
        ::mainspring::__private::options::builder,
        ::mainspring::__private::options::enable,
    );
    ::mainspring::__private::block_on(
        ::mainspring::__private::check::builder(my_builder).enable_time().build(),
        async move {
            if false {
                return;
            }
            {}
        },
    )
}
