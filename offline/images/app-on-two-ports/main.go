// Command app-on-two-ports stands in for the ahmet/app-on-two-ports image that the NP-09 document
// runs: an application on :8000 and its metrics on :5000, so a policy can allow one port of a
// pod and not the other.
//
//	GET :8000/         -> a hello text
//	GET :5000/metrics  -> http.requests=N, go.goroutines=N, go.cpus=N (live values)
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"runtime"
	"sync/atomic"
)

func main() {
	var requests atomic.Int64
	count := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			requests.Add(1)
			log.Printf("%s %s %s", r.RemoteAddr, r.Method, r.URL.Path)
			next.ServeHTTP(w, r)
		})
	}

	app := http.NewServeMux()
	app.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "Hello from the API server! (app-on-two-ports, port 8000)")
	})
	metrics := http.NewServeMux()
	metrics.HandleFunc("/metrics", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "http.requests=%d\ngo.goroutines=%d\ngo.cpus=%d\n",
			requests.Load(), runtime.NumGoroutine(), runtime.NumCPU())
	})

	errs := make(chan error, 2)
	serve := func(addr string, h http.Handler) {
		log.Printf("listening on %s", addr)
		errs <- http.ListenAndServe(addr, count(h))
	}
	go serve(":8000", app)
	go serve(":5000", metrics)
	log.Print(<-errs)
	os.Exit(1)
}
