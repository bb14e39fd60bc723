fn make<T: Default, const N: usize>() -> [T; N]
where
    T: Copy,
{
    async fn make<T: Default, const N: usize>() -> [T; N]
    where
        T: Copy,
    {
        [T::default(); N]
    }
    ::mainspring::__private::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("failed to build the tokio runtime")
        .block_on(make::<T, N>())
}
