from kvtrack.cli import main

main()
