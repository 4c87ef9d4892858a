"""The questions Samspill answers, one module each: typed parameters in (limits in
`bounds`), a typed answer out. `cli.py` and `api/` only parse input and render these answers;
nothing above graph/ calls the store's analytics or composes its results."""
