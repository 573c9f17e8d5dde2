// Package fetch gets feeds and pages politely: it names itself and a contact in the
// User-Agent, honours robots.txt (including Crawl-delay), limits the request rate per
// host, uses conditional GET, retries with backoff only where it helps, bounds time
// and body size, and refuses to reach private networks unless told to.
// Watcher builds `wirewatch watch` on top of it.
package fetch

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Version is put into the User-Agent.
const Version = "0.1"

// Errors a caller may test with errors.Is.
var (
	ErrDisallowed = errors.New("disallowed by robots.txt")
	// ErrRobotsUnavailable comes with ErrDisallowed while robots.txt cannot be read (5xx, network).
	ErrRobotsUnavailable = errors.New("robots.txt unavailable, so disallowed for now")
	ErrTooLarge          = errors.New("body too large")
	ErrScheme            = errors.New("only http and https URLs are fetched")
)

// StatusError is an HTTP status that ends a fetch (4xx, or 5xx after the retries).
type StatusError struct {
	URL    string
	Status int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("fetch %s: HTTP %d %s", e.URL, e.Status, http.StatusText(e.Status))
}

// Config says how politely to fetch. Zero fields take the defaults noted.
type Config struct {
	// Contact (an e-mail address or URL) goes into the User-Agent so site owners can reach us.
	Contact string
	// Rate is the maximum number of requests per second to one host (default 1).
	// A robots.txt Crawl-delay lowers it for that host.
	Rate float64
	// Timeout bounds one request, body included (default 30s).
	Timeout time.Duration
	// MaxBody is the largest body accepted, in bytes (default 10 MiB). Larger is an error.
	MaxBody int64
	// AllowPrivate permits loopback, private, link-local, ... addresses.
	AllowPrivate bool
	// AllowAddrs are single addresses permitted even without AllowPrivate
	// (e.g. a local test server), matched on IP and port.
	AllowAddrs []netip.AddrPort
	// Retries after the first attempt on 429, 5xx and network errors (default 3; negative: none).
	Retries int
	// BaseBackoff is the first retry wait before jitter (default 500ms); it doubles per retry.
	BaseBackoff time.Duration
	// MaxBackoff caps one wait (default 1m). A Retry-After longer than this ends the fetch.
	MaxBackoff time.Duration
	// RobotsTTL is how long a robots.txt is trusted (default 1h; failures are retried sooner).
	RobotsTTL time.Duration
	// MaxRedirects followed per fetch (default 5).
	MaxRedirects int
}

func (c Config) withDefaults() Config {
	if c.Rate <= 0 {
		c.Rate = 1
	}
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	if c.MaxBody <= 0 {
		c.MaxBody = 10 << 20
	}
	if c.Retries == 0 {
		c.Retries = 3
	} else if c.Retries < 0 {
		c.Retries = 0
	}
	if c.BaseBackoff <= 0 {
		c.BaseBackoff = 500 * time.Millisecond
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = time.Minute
	}
	if c.RobotsTTL <= 0 {
		c.RobotsTTL = time.Hour
	}
	if c.MaxRedirects <= 0 {
		c.MaxRedirects = 5
	}
	return c
}

// robotsAgent is the token matched against robots.txt User-agent lines.
const robotsAgent = "wirewatch"

// UserAgent is the User-Agent sent for contact (which may be empty).
func UserAgent(contact string) string {
	if contact == "" {
		return "wirewatch/" + Version + " (news claim ledger)"
	}
	return "wirewatch/" + Version + " (news claim ledger; +" + contact + ")"
}

// Client fetches politely. It is safe for concurrent use.
type Client struct {
	cfg  Config
	ua   string
	http *http.Client

	mu    sync.Mutex
	hosts map[string]*hostState
}

// New makes a Client.
func New(cfg Config) *Client {
	c := &Client{cfg: cfg.withDefaults(), hosts: map[string]*hostState{}}
	c.ua = UserAgent(c.cfg.Contact)
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: c.dialControl}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would be dialled instead of the host and bypass the address check
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: c.cfg.Timeout,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
	}
	c.http = &http.Client{Transport: tr, Timeout: c.cfg.Timeout, CheckRedirect: c.checkRedirect}
	return c
}

// Request is one fetch. ETag and LastModified (from an earlier Response) make it conditional.
type Request struct {
	URL          string
	ETag         string
	LastModified string
	Accept       string
}

// Response is a fetched body, or a 304 (NotModified, no body).
type Response struct {
	URL          string // after redirects
	Status       int
	Header       http.Header
	Body         []byte
	ContentType  string
	ETag         string
	LastModified string
	NotModified  bool
	// CapturedAt is the response's Date header when plausible, else the time it arrived.
	CapturedAt time.Time
	Attempts   int
}

// Close releases idle connections.
func (c *Client) Close() { c.http.CloseIdleConnections() }

// Fetch gets one URL: robots.txt first, then the request with retries.
func (c *Client) Fetch(ctx context.Context, r Request) (*Response, error) {
	u, err := c.checkURL(r.URL)
	if err != nil {
		return nil, err
	}
	if ok, err := c.robotsAllowed(ctx, u); err != nil {
		return nil, fmt.Errorf("fetch %s: %w", r.URL, err) // may wrap ErrDisallowed
	} else if !ok {
		return nil, fmt.Errorf("fetch %s: %w", r.URL, ErrDisallowed)
	}
	h := c.host(u)
	var lastErr error
	for attempt := 0; ; attempt++ {
		if err := h.lim.Wait(ctx); err != nil {
			return nil, fmt.Errorf("fetch %s: %w", r.URL, err)
		}
		resp, retryAfter, err := c.once(ctx, u, r)
		if err == nil {
			resp.Attempts = attempt + 1
			return resp, nil
		}
		lastErr = err
		if !retryable(ctx, err) || attempt >= c.cfg.Retries {
			break
		}
		wait := c.backoff(attempt)
		if retryAfter > c.cfg.MaxBackoff {
			return nil, fmt.Errorf("%w (Retry-After %s exceeds the %s cap)", err, retryAfter, c.cfg.MaxBackoff)
		}
		wait = max(wait, retryAfter)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("fetch %s: %w", r.URL, ctx.Err())
		case <-t.C:
		}
	}
	if c.cfg.Retries > 0 && retryable(ctx, lastErr) {
		return nil, fmt.Errorf("giving up after %d attempts: %w", c.cfg.Retries+1, lastErr)
	}
	return nil, lastErr
}

// backoff is the wait before retry attempt+1: exponential with jitter in [d/2, d].
func (c *Client) backoff(attempt int) time.Duration {
	d := c.cfg.BaseBackoff << min(attempt, 20)
	if d <= 0 || d > c.cfg.MaxBackoff {
		d = c.cfg.MaxBackoff
	}
	return d/2 + rand.N(d/2+1)
}

// retryError marks a response worth retrying; after says how long the server asked to wait.
type retryError struct{ err error }

func (e retryError) Error() string { return e.err.Error() }
func (e retryError) Unwrap() error { return e.err }

func retryable(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var re retryError
	if errors.As(err, &re) {
		return true
	}
	var se *StatusError
	var certErr *tls.CertificateVerificationError
	switch {
	case errors.Is(err, ErrPrivateAddress), errors.Is(err, ErrDisallowed), errors.Is(err, ErrTooLarge),
		errors.Is(err, ErrScheme), errors.Is(err, errTooManyRedirects), errors.As(err, &se), errors.As(err, &certErr):
		return false
	}
	return true // network errors, timeouts
}

var errTooManyRedirects = errors.New("too many redirects")

// once does one attempt. retryAfter is the server's Retry-After on 429/5xx.
func (c *Client) once(ctx context.Context, u *url.URL, r Request) (*Response, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, 0, fmt.Errorf("fetch %s: %w", r.URL, err)
	}
	req.Header.Set("User-Agent", c.ua)
	if r.Accept != "" {
		req.Header.Set("Accept", r.Accept)
	}
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, 0, fmt.Errorf("fetch %s: %w", r.URL, err)
	}
	defer resp.Body.Close()
	out := &Response{
		URL: resp.Request.URL.String(), Status: resp.StatusCode, Header: resp.Header,
		ContentType: resp.Header.Get("Content-Type"), ETag: resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		CapturedAt:   captureTime(resp.Header.Get("Date"), time.Now()),
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		return out, 0, nil
	case resp.StatusCode == http.StatusTooManyRequests ||
		resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented:
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
		return nil, retryAfter(resp.Header.Get("Retry-After"), time.Now()),
			retryError{&StatusError{URL: r.URL, Status: resp.StatusCode}}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, 0, &StatusError{URL: r.URL, Status: resp.StatusCode}
	}
	out.Body, err = readLimited(resp, r.URL, c.cfg.MaxBody)
	if err != nil {
		return nil, 0, err
	}
	return out, 0, nil
}

func readLimited(resp *http.Response, rawURL string, limit int64) ([]byte, error) {
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("fetch %s: Content-Length %d exceeds the limit of %d bytes: %w",
			rawURL, resp.ContentLength, limit, ErrTooLarge)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: read body: %w", rawURL, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("fetch %s: body exceeds the limit of %d bytes: %w", rawURL, limit, ErrTooLarge)
	}
	return b, nil
}

// captureTime trusts the server's Date header when it is within a day before and a
// few minutes after our clock; a wrong server clock must not misdate relative ages.
func captureTime(date string, now time.Time) time.Time {
	if t, err := http.ParseTime(date); err == nil && !t.Before(now.Add(-24*time.Hour)) && !t.After(now.Add(5*time.Minute)) {
		return t.UTC()
	}
	return now.UTC().Truncate(time.Second)
}

// retryAfter parses Retry-After: delay-seconds or an HTTP date. Unparsable or past is 0.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		if n > 1<<31 {
			n = 1 << 31
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// checkURL parses and vets a URL before any network use.
func (c *Client) checkURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("fetch %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("fetch %q: %w", raw, ErrScheme)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("fetch %q: no host", raw)
	}
	u.Fragment, u.RawFragment = "", ""
	if err := c.checkLiteral(u.Hostname(), port(u)); err != nil {
		return nil, fmt.Errorf("fetch %s: %w", raw, err)
	}
	return u, nil
}

func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if u.Scheme == "https" {
		return "443"
	}
	return "80"
}

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.cfg.MaxRedirects {
		return fmt.Errorf("after %d: %w", c.cfg.MaxRedirects, errTooManyRedirects)
	}
	u := req.URL
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("redirect to %s: %w", u, ErrScheme)
	}
	if err := c.checkLiteral(u.Hostname(), port(u)); err != nil {
		return fmt.Errorf("redirect to %s: %w", u, err)
	}
	if isRobots(u) || isRobots(via[0].URL) {
		return nil // robots.txt itself is never robots-checked (and its host lock is held)
	}
	ok, err := c.robotsAllowed(req.Context(), u)
	if err != nil {
		return fmt.Errorf("redirect to %s: %w", u, err)
	}
	if !ok {
		return fmt.Errorf("redirect to %s: %w", u, ErrDisallowed)
	}
	return c.host(u).lim.Wait(req.Context())
}

func isRobots(u *url.URL) bool { return u.Path == "/robots.txt" }

// hostState is what the client keeps per origin.
type hostState struct {
	lim *rate.Limiter

	mu          sync.Mutex // serialises robots.txt fetches for this origin
	robots      *robotsRules
	robotsUntil time.Time
}

func originKey(u *url.URL) string { return u.Scheme + "://" + strings.ToLower(u.Host) }

func (c *Client) host(u *url.URL) *hostState {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := originKey(u)
	h := c.hosts[k]
	if h == nil {
		h = &hostState{lim: rate.NewLimiter(rate.Limit(c.cfg.Rate), 1)}
		c.hosts[k] = h
	}
	return h
}
