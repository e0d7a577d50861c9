// Command server is the generic workload of netpol-harness scenarios whose documents name no
// real image: it listens on every port it is given and answers, so a probe can tell "allowed"
// from "blocked" (timeout) and "refused" (nothing listens).
//
// Environment:
//
//	TCP_PORTS  comma-separated TCP ports; each answers HTTP 200 with a line naming pod and port
//	UDP_PORTS  comma-separated UDP ports; each echoes every datagram back to its sender
//	POD_NAME   the name to report (default: the host name)
//
// With neither list set it serves HTTP on port 80. SCTP is not offered: Go's standard library
// has no SCTP sockets.
package main

import (
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
)

func main() {
	name := os.Getenv("POD_NAME")
	if name == "" {
		name, _ = os.Hostname()
	}
	tcp, err := ports("TCP_PORTS")
	if err != nil {
		log.Fatal(err)
	}
	udp, err := ports("UDP_PORTS")
	if err != nil {
		log.Fatal(err)
	}
	if len(tcp) == 0 && len(udp) == 0 {
		tcp = []int{80}
	}
	if os.Getenv("SCTP_PORTS") != "" {
		log.Printf("SCTP_PORTS ignored: this server has no SCTP support")
	}

	errs := make(chan error)
	for _, p := range tcp {
		go func(port int) { errs <- serveHTTP(name, port) }(p)
	}
	for _, p := range udp {
		go func(port int) { errs <- serveUDP(port) }(p)
	}
	log.Fatal(<-errs)
}

// ports parses a comma-separated port list from the environment variable key.
func ports(key string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(os.Getenv(key), ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		p, err := strconv.Atoi(f)
		if err != nil || p < 1 || p > 65535 {
			return nil, fmt.Errorf("%s: %q is not a port (1-65535)", key, f)
		}
		out = append(out, p)
	}
	return out, nil
}

func serveHTTP(name string, port int) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		log.Printf("tcp/%d %s %s %s", port, r.RemoteAddr, r.Method, r.URL.Path)
		fmt.Fprintf(w, "server %s tcp/%d %s\n", name, port, r.URL.Path)
	})
	addr := fmt.Sprintf(":%d", port)
	log.Printf("listening on tcp %s", addr)
	return fmt.Errorf("tcp/%d: %w", port, http.ListenAndServe(addr, mux))
}

func serveUDP(port int) error {
	conn, err := net.ListenPacket("udp", fmt.Sprintf(":%d", port))
	if err != nil {
		return fmt.Errorf("udp/%d: %w", port, err)
	}
	log.Printf("listening on udp :%d (echo)", port)
	buf := make([]byte, 64*1024)
	for {
		n, from, err := conn.ReadFrom(buf)
		if err != nil {
			return fmt.Errorf("udp/%d: %w", port, err)
		}
		log.Printf("udp/%d %s %d bytes", port, from, n)
		if _, err := conn.WriteTo(buf[:n], from); err != nil {
			log.Printf("udp/%d: reply to %s: %v", port, from, err)
		}
	}
}
