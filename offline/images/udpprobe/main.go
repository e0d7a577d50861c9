// Command udpprobe sends one UDP datagram and waits for a reply: the request/response check that
// nc cannot give for UDP (a datagram with no answer looks the same as one that was dropped).
//
//	udpprobe [-w SECONDS] [-m MESSAGE] HOST PORT
//
// Exit status: 0 a reply came (printed on stdout), 1 no reply before the timeout ("udpprobe:
// timed out" on stderr), 2 the port was refused (ICMP port unreachable), 3 usage or other error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"syscall"
	"time"
)

func main() {
	wait := flag.Float64("w", 2, "seconds to wait for a reply")
	msg := flag.String("m", "ping", "message to send")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: udpprobe [-w SECONDS] [-m MESSAGE] HOST PORT")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(3)
	}
	os.Exit(probe(net.JoinHostPort(flag.Arg(0), flag.Arg(1)), *msg, time.Duration(*wait*float64(time.Second))))
}

func probe(addr, msg string, timeout time.Duration) int {
	conn, err := net.DialTimeout("udp", addr, timeout)
	if err != nil {
		fmt.Fprintf(os.Stderr, "udpprobe: %v\n", err)
		return 3
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(timeout))
	if _, err := conn.Write([]byte(msg)); err != nil {
		return fail(err)
	}
	buf := make([]byte, 64*1024)
	n, err := conn.Read(buf)
	if err != nil {
		return fail(err)
	}
	fmt.Printf("%s\n", buf[:n])
	return 0
}

func fail(err error) int {
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout():
		fmt.Fprintln(os.Stderr, "udpprobe: timed out")
		return 1
	case errors.Is(err, syscall.ECONNREFUSED):
		fmt.Fprintln(os.Stderr, "udpprobe: connection refused")
		return 2
	default:
		fmt.Fprintf(os.Stderr, "udpprobe: %v\n", err)
		return 3
	}
}
