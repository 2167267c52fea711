from cxo_diag.cli import main

main()
