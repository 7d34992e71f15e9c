from devbench.cli import main

main()
