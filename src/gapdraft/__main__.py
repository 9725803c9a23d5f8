from gapdraft.cli import entry

entry()
