// test-log's attribute above ours expands first and adds `#[test]`, which ours then finds: the
// error names the two forms that work (test-log below ours, or wrapping it).
#[test_log::test]
#[mainspring::test]
async fn logged() {}

fn main() {}
