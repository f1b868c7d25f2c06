"""``python -m bench``: run the benchmarks and print their figures against their goals."""

from bench.suite import main

raise SystemExit(main())
