module netpol-harness/images/udpprobe

go 1.22
