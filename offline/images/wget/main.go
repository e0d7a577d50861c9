// Command wget is the wget of netpol-harness's probe images: the subset of BusyBox wget that the
// documents' probes use, with BusyBox's messages. Debian's busybox (and busybox-static) is built
// without BusyBox's timeout feature, so its wget has no -T/--timeout; Alpine's has, and the
// documents show its output ("wget: download timed out").
//
//	wget [-q] [-O FILE] [-T SEC|--timeout=SEC] [-S] [--spider] [-U AGENT] [--header 'K: V'] URL...
//
// The timeout bounds the connection and every wait for data, as BusyBox's does. Exit status 0
// on success, 1 on any failure, with one of BusyBox's messages on stderr:
//
//	wget: download timed out
//	wget: can't connect to remote host (IP): Connection refused
//	wget: bad address 'HOST'
//	wget: server returned error: HTTP/1.1 404 Not Found
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type options struct {
	quiet, spider, serverResponse, insecure bool
	output, userAgent                       string
	timeout                                 time.Duration
	headers                                 []string
	urls                                    []string
}

func main() {
	opts, err := parseArgs(os.Args[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "wget: %v\n", err)
		fmt.Fprintln(os.Stderr, "usage: wget [-q] [-O FILE] [-T SEC] [-S] [--spider] [-U AGENT] [--header 'K: V'] URL...")
		os.Exit(1)
	}
	for _, u := range opts.urls {
		if err := fetch(opts, u); err != nil {
			fmt.Fprintf(os.Stderr, "wget: %s\n", err)
			os.Exit(1)
		}
	}
}

// parseArgs accepts BusyBox's spellings: bundled short flags (-qO-), attached or separate
// values (-T2, -T 2, --timeout=2, --timeout 2).
func parseArgs(args []string) (*options, error) {
	o := &options{timeout: 900 * time.Second, userAgent: "Wget"}
	for i := 0; i < len(args); i++ {
		a := args[i]
		value := func(name string) (string, error) {
			if i+1 >= len(args) {
				return "", fmt.Errorf("option requires an argument: %s", name)
			}
			i++
			return args[i], nil
		}
		if strings.HasPrefix(a, "--") && len(a) > 2 {
			name, v, hasValue := strings.Cut(a[2:], "=")
			needs := map[string]bool{"timeout": true, "output-document": true, "user-agent": true, "header": true}
			if needs[name] && !hasValue {
				var err error
				if v, err = value(a); err != nil {
					return nil, err
				}
			}
			switch name {
			case "quiet":
				o.quiet = true
			case "spider":
				o.spider = true
			case "server-response":
				o.serverResponse = true
			case "no-check-certificate":
				o.insecure = true
			case "timeout":
				d, err := seconds(v)
				if err != nil {
					return nil, err
				}
				o.timeout = d
			case "output-document":
				o.output = v
			case "user-agent":
				o.userAgent = v
			case "header":
				o.headers = append(o.headers, v)
			default:
				return nil, fmt.Errorf("unrecognized option '%s'", a)
			}
			continue
		}
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			for j := 1; j < len(a); j++ {
				c := a[j]
				switch c {
				case 'q':
					o.quiet = true
				case 'S':
					o.serverResponse = true
				case 'c':
					// continue: meaningless for a probe, accepted
				case 'O', 'T', 'U', 'Y', 'P', 'o':
					v := a[j+1:]
					if v == "" {
						var err error
						if v, err = value("-" + string(c)); err != nil {
							return nil, err
						}
					}
					switch c {
					case 'O':
						o.output = v
					case 'T':
						d, err := seconds(v)
						if err != nil {
							return nil, err
						}
						o.timeout = d
					case 'U':
						o.userAgent = v
					}
					j = len(a)
				default:
					return nil, fmt.Errorf("invalid option -- '%c'", c)
				}
			}
			continue
		}
		o.urls = append(o.urls, a)
	}
	if len(o.urls) == 0 {
		return nil, errors.New("no URL given")
	}
	return o, nil
}

func seconds(v string) (time.Duration, error) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 {
		return 0, fmt.Errorf("invalid number '%s'", v)
	}
	return time.Duration(f * float64(time.Second)), nil
}

// idleConn bounds every read and write by the timeout, as BusyBox does per wait for data.
type idleConn struct {
	net.Conn
	timeout time.Duration
}

func (c idleConn) Read(b []byte) (int, error) {
	_ = c.SetDeadline(time.Now().Add(c.timeout))
	return c.Conn.Read(b)
}

func (c idleConn) Write(b []byte) (int, error) {
	_ = c.SetDeadline(time.Now().Add(c.timeout))
	return c.Conn.Write(b)
}

func fetch(o *options, raw string) error {
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("bad address '%s'", raw)
	}
	dialer := &net.Dialer{Timeout: o.timeout}
	transport := &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, port, _ := net.SplitHostPort(addr)
			ips, err := net.DefaultResolver.LookupHost(ctx, host)
			if err != nil || len(ips) == 0 {
				return nil, &wgetError{fmt.Sprintf("bad address '%s'", host)}
			}
			target := net.JoinHostPort(ips[0], port)
			if !o.quiet {
				fmt.Fprintf(os.Stderr, "Connecting to %s (%s)\n", u.Host, target)
			}
			conn, err := dialer.DialContext(ctx, network, target)
			if err != nil {
				var ne net.Error
				if errors.As(err, &ne) && ne.Timeout() {
					return nil, err
				}
				return nil, &wgetError{fmt.Sprintf("can't connect to remote host (%s): %s", ips[0], sysMessage(err))}
			}
			return idleConn{conn, o.timeout}, nil
		},
		TLSClientConfig:       &tls.Config{InsecureSkipVerify: o.insecure},
		DisableKeepAlives:     true,
		ResponseHeaderTimeout: o.timeout,
	}
	client := &http.Client{Transport: transport}
	method := http.MethodGet
	if o.spider {
		method = http.MethodHead
	}
	req, err := http.NewRequest(method, u.String(), nil)
	if err != nil {
		return &wgetError{fmt.Sprintf("bad address '%s'", raw)}
	}
	req.Header.Set("User-Agent", o.userAgent)
	for _, h := range o.headers {
		k, v, _ := strings.Cut(h, ":")
		req.Header.Add(strings.TrimSpace(k), strings.TrimSpace(v))
	}
	resp, err := client.Do(req)
	if err != nil {
		return explain(err)
	}
	defer resp.Body.Close()
	if o.serverResponse {
		fmt.Fprintf(os.Stderr, "  %s %s\n", resp.Proto, resp.Status)
		for k, vs := range resp.Header {
			for _, v := range vs {
				fmt.Fprintf(os.Stderr, "  %s: %s\n", k, v)
			}
		}
	}
	if resp.StatusCode >= 400 {
		return &wgetError{fmt.Sprintf("server returned error: %s %s", resp.Proto, resp.Status)}
	}
	if o.spider {
		if !o.quiet {
			fmt.Fprintln(os.Stderr, "remote file exists")
		}
		return nil
	}
	name := o.output
	if name == "" {
		name = path.Base(u.Path)
		if name == "/" || name == "." || name == "" {
			name = "index.html"
		}
	}
	var out io.Writer = os.Stdout
	if name != "-" {
		f, err := os.Create(name)
		if err != nil {
			return &wgetError{fmt.Sprintf("can't open '%s': %s", name, sysMessage(err))}
		}
		defer f.Close()
		out = f
		if !o.quiet {
			fmt.Fprintf(os.Stderr, "saving to '%s'\n", name)
		}
	} else if !o.quiet {
		fmt.Fprintln(os.Stderr, "writing to stdout")
	}
	if _, err := io.Copy(out, resp.Body); err != nil {
		return explain(err)
	}
	if !o.quiet {
		if name == "-" {
			fmt.Fprintln(os.Stderr, "written to stdout")
		} else {
			fmt.Fprintf(os.Stderr, "'%s' saved\n", name)
		}
	}
	return nil
}

type wgetError struct{ msg string }

func (e *wgetError) Error() string { return e.msg }

// explain turns a transport error into BusyBox's message for it.
func explain(err error) error {
	var we *wgetError
	if errors.As(err, &we) {
		return we
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded) {
		return &wgetError{"download timed out"}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return &wgetError{"error getting response"}
	}
	return &wgetError{sysMessage(err)}
}

// sysMessage is the C library's text for the errno under err, as BusyBox prints it.
func sysMessage(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		s := errno.Error()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	return err.Error()
}
