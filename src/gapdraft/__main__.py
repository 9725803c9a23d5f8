from gapdraft.cli import main

main()
