"""Unit tests of the rewrite rules and of the reading of libtest's output.

python3 -B -m unittest discover -s compat -p 'test_*.py'
"""

import glob
import re
import sys
import unittest
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402
import report  # noqa: E402
import rewrite  # noqa: E402
import runner  # noqa: E402


def rw(text: str) -> str:
    res = rewrite.rewrite(text)
    assert not res.unhandled, res.unhandled
    return res.text


class Rule1Paths(unittest.TestCase):
    def test_attribute_keeps_its_options(self):
        self.assertEqual(
            rw('#[tokio::test(flavor = "multi_thread", worker_threads = 2)]\nasync fn t() {}'),
            '#[mainspring::test(flavor = "multi_thread", worker_threads = 2)]\nasync fn t() {}',
        )
        self.assertEqual(
            rw("#[tokio::main]\nasync fn main() {}"), "#[mainspring::main]\nasync fn main() {}"
        )

    def test_leading_colons_cfg_attr_and_macro_rules(self):
        self.assertEqual(rw("#[::tokio::test]"), "#[::mainspring::test]")
        self.assertEqual(
            rw('#[cfg_attr(not(miri), tokio::test(flavor = "multi_thread"))]'),
            '#[cfg_attr(not(miri), mainspring::test(flavor = "multi_thread"))]',
        )
        self.assertEqual(
            rw("macro_rules! m { () => { #[::tokio::test] async fn f() {} }; }"),
            "macro_rules! m { () => { #[::mainspring::test] async fn f() {} }; }",
        )

    def test_use_of_the_attribute(self):
        self.assertEqual(
            rw("use tokio::test;\n#[test]\nasync fn t() {}"),
            "use mainspring::test;\n#[test]\nasync fn t() {}",
        )
        self.assertEqual(
            rw("use tokio::test as maybe_tokio_test;"), "use mainspring::test as maybe_tokio_test;"
        )

    def test_other_paths_stay(self):
        text = (
            "use tokio::test_util; my_tokio::test(); tokio::time::main();\n"
            "#[std::prelude::v1::test] fn f() {}"
        )
        self.assertEqual(rw(text), text)

    def test_comments_and_strings_stay(self):
        kept = (
            "// #[tokio::test]\n/* #[tokio::main] /* nested */ #[tokio::test] */\n"
            'let s = "tokio::test"; let r = r#"tokio::main"#;\n'
            "let c = '\"'; let l: &'static str;\n"
        )
        self.assertEqual(rw(kept + "#[tokio::test]"), kept + "#[mainspring::test]")


class Rules2To4Renames(unittest.TestCase):
    def test_alias_used_elsewhere_is_kept_and_mainspring_added(self):
        text = (
            "use ::tokio as tokio1;\n"
            "fn f() { tokio1::spawn(async {}); }\n"
            '#[tokio1::test(crate = "tokio1")]\n'
        )
        self.assertEqual(
            rw(text),
            "use ::tokio as tokio1;\n"
            "use ::mainspring as mainspring1;\n"
            "fn f() { tokio1::spawn(async {}); }\n"
            '#[mainspring1::test(crate = "mainspring1")]\n',
        )

    def test_alias_only_the_attribute_used_is_replaced(self):
        self.assertEqual(
            rw('use tokio as rt;\n#[rt::main(crate = "rt")]\n'),
            'use ::mainspring as rt_mainspring;\n#[rt_mainspring::main(crate = "rt_mainspring")]\n',
        )

    def test_reexport_in_a_module(self):
        self.assertEqual(
            rw(
                'mod test {\n    pub use ::tokio;\n}\n#[test::tokio::test(crate = "test::tokio")]\n'
            ),
            "mod test {\n    pub use ::mainspring;\n}\n"
            '#[test::mainspring::test(crate = "test::mainspring")]\n',
        )

    def test_shadowing_decoy_stays(self):
        text = "#[allow(unused_imports)]\nuse std as tokio;\n"
        self.assertEqual(rw(text), text)

    def test_crate_option_naming_tokio_directly(self):
        self.assertEqual(
            rw('#[tokio::test(crate = "::tokio")]'), '#[mainspring::test(crate = "::mainspring")]'
        )


class Unhandled(unittest.TestCase):
    def test_sites_without_a_rule_are_reported(self):
        for text in (
            "use tokio::{main, test};",
            '#[tokio::test(crate = "somewhere_else")]',
            "#[m::tokio::test]",  # no re-export of tokio in this file
            "#[tokio_macros::test]",
        ):
            with self.subTest(text=text):
                self.assertTrue(rewrite.rewrite(text).unhandled)


class TokiosOwnFiles(unittest.TestCase):
    def test_every_site_in_tokio_1_54_1_has_a_rule(self):
        found = glob.glob(str(generate.cargo_home() / "registry/src/*/tokio-1.54.1/tests"))
        if not found:
            self.skipTest("tokio 1.54.1 is not in cargo's cache (compat/run.sh fetches it)")
        changes = 0
        for path in sorted(Path(found[0]).rglob("*.rs")):
            res = rewrite.rewrite(path.read_text())
            self.assertEqual(res.unhandled, [], path.name)
            mask = rewrite.code_mask(res.text)
            left = [
                m for m in re.finditer(r"\btokio\s*::\s*(test|main)\b", res.text) if mask[m.start()]
            ]
            self.assertEqual(left, [], path.name)
            changes += len(res.changes)
        self.assertEqual(changes, 741)


class LibtestOutput(unittest.TestCase):
    OUT = (
        "running 4 tests\n"
        "test a::ok_one ... ok\n"
        "test a::panics - should panic ... ok\n"
        "test b ... ignored, needs a network\n"
        "test c ... FAILED\n"
        "\nfailures:\n\n---- c stdout ----\n\nthread 'c' panicked at x.rs:1:1:\nboom\n\n"
        "\nfailures:\n    c\n"
    )

    def test_result_lines(self):
        got = {m["name"]: m["status"] for m in runner.RESULT_LINE.finditer(self.OUT)}
        self.assertEqual(got, {"a::ok_one": "ok", "a::panics": "ok", "b": "ignored", "c": "FAILED"})

    def test_failure_output(self):
        got = {m["name"]: m["out"].strip() for m in runner.FAILURE_OUTPUT.finditer(self.OUT)}
        self.assertEqual(got, {"c": "thread 'c' panicked at x.rs:1:1:\nboom"})

    def test_list_lines(self):
        self.assertEqual(
            runner.LIST_LINE.findall("a::b: test\nc: test\nd: benchmark\n\n2 tests, 1 benchmark\n"),
            ["a::b", "c"],
        )


class Comparison(unittest.TestCase):
    def run_of(self, **statuses):
        return runner.Run(
            {n: runner.Outcome(s, "", [s]) for n, s in statuses.items()}, list(statuses)
        )

    def test_what_counts(self):
        tokio = self.run_of(
            same="ok", broke="ok", gone="ok", both_fail="failed", ign="ignored", unign="ignored"
        )
        ours = self.run_of(
            same="ok", broke="failed", extra="ok", both_fail="failed", ign="ignored", unign="ok"
        )
        res = report.compare("f", tokio, ours, "")
        self.assertEqual(
            sorted(d.name for d in res.differences), ["broke", "extra", "gone", "unign"]
        )
        self.assertEqual(res.failed_tokio, ["both_fail"])
        self.assertEqual((res.passed_tokio, res.passed_ours, res.passed_both), (3, 3, 1))

    def test_flaky_counts_as_passed_and_is_listed(self):
        res = report.compare("f", self.run_of(t="ok"), self.run_of(t="flaky"), "")
        self.assertEqual(res.differences, [])
        self.assertEqual(res.flaky, [("ours", "t")])


if __name__ == "__main__":
    unittest.main()
