module netpol-harness/images/app-on-two-ports

go 1.22
