# Regenerates README.md in this directory from tests/ui/: run `python3 catalogue.py` here after
# adding a case. The header text is kept in this script.
import glob,os,re
rows=[]
for f in sorted(glob.glob('tests/ui/fail/*.rs')):
    name=os.path.basename(f)[:-3]
    err=open(f[:-3]+'.stderr').read()
    first=[l for l in err.splitlines() if l.startswith('error')]
    msgs=[re.sub(r'^error(\[E\d+\])?: ','',l) for l in first]
    msg=' / '.join(msgs) if len(msgs)<=2 else msgs[0]+' (+%d more, one per bad option)'%(len(msgs)-1)
    msg=msg.replace('|','\\|')
    rows.append('| `%s` | %s |'%(name,msg))
head='''# The UI catalogue

Each file in `tests/ui/fail/` is one misuse, named for it; its `.stderr` is the exact output
rustc prints, reviewed before it was accepted. Files in `tests/ui/pass/` must compile and run.
`src/lib.rs` and `src/bin/lint_wall.rs` are a lint wall: CI builds them with clippy under
`-D warnings` and `deny(clippy::all, clippy::pedantic, clippy::nursery, ...)`.

Run with `cargo test -p mainspring-ui-tests`; after a deliberate change of wording, regenerate
with `TRYBUILD=overwrite cargo test -p mainspring-ui-tests` and read every changed `.stderr`.
A test checks that every case exists and is listed here.

## Compile-fail cases

| case | what the user is told |
|---|---|
'''
pass_rows=[]
for f in sorted(glob.glob('tests/ui/pass/*.rs')):
    name=os.path.basename(f)[:-3]
    doc=open(f).readline().strip().lstrip('/!').strip().replace('|','\\|')
    pass_rows.append('| `%s` | %s |'%(name,doc))
tail='''
## Compile-pass cases (each is also run)

| case | what it shows |
|---|---|
'''
open('README.md','w').write(head+'\n'.join(rows)+'\n'+tail+'\n'.join(pass_rows)+'\n')
