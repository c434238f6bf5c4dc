from networks_cli.cli import main

main()
