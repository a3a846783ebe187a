from flashcli.cli import main

main()
