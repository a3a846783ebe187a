from flashcli import run

run()  # as the console script does, so help, errors and completion say `flash` under -m too
