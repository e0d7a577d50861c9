module netpol-harness/images/wget

go 1.22
