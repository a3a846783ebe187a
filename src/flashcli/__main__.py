from flashcli.cli import main

main(prog_name="flash")  # so help, errors and shell completion say `flash` under python -m too
