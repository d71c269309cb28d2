from argkb.cli import main

raise SystemExit(main())
