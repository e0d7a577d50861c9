module netpol-harness/images/server

go 1.22
