from stances.cli import main

main()
