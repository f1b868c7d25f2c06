"""``python -m bench``: run the benchmarks and print their figures against their goals."""

from bench.startup import main

raise SystemExit(main())
