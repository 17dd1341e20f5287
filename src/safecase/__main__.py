from safecase.cli import main

main()
