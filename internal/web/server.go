// Package web serves wirewatch's ledger over HTTP: a read-only JSON API under
// /api/v1 (described by an embedded OpenAPI document), server-rendered HTML pages
// that work without JavaScript, CSV/JSONL export, Prometheus metrics and, only
// when a token is configured, an ingest endpoint.
package web

import (
	"crypto/subtle"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"wirewatch/internal/analyze"
	"wirewatch/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

//go:embed openapi.json
var openAPI []byte

// Limits applied to every request.
const (
	defaultLimit    = 50
	maxLimit        = 500
	maxBodyBytes    = 1 << 20  // ordinary requests
	maxIngestBytes  = 16 << 20 // one raw page
	requestTimeout  = 30 * time.Second
	exportRowsLimit = 1_000_000
)

// Config is what the server needs; nothing is read from globals or the environment.
type Config struct {
	Store store.Store
	// Analyzer is used by POST /api/v1/ingest; ingest is off when it or Token is empty.
	Analyzer *analyze.Analyzer
	// Token enables POST /api/v1/ingest with "Authorization: Bearer <Token>".
	Token  string
	Logger *slog.Logger
	// Registry receives the HTTP metrics and is served at /metrics. A new one is
	// made when nil.
	Registry *prometheus.Registry
	// Now is the clock (tests fix it); time.Now when nil.
	Now func() time.Time
}

// Server is the HTTP handler of wirewatch serve.
type Server struct {
	cfg     Config
	st      store.Store
	log     *slog.Logger
	mux     *http.ServeMux
	tmpl    map[string]*template.Template
	reg     *prometheus.Registry
	reqs    *prometheus.CounterVec
	latency *prometheus.HistogramVec
	routes  []string // patterns of the JSON API, checked against the OpenAPI document
	handler http.Handler
}

// New builds the server and its routes.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, fmt.Errorf("web: no store")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	reg := cfg.Registry
	if reg == nil {
		reg = prometheus.NewRegistry()
		reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	s := &Server{cfg: cfg, st: cfg.Store, log: cfg.Logger, mux: http.NewServeMux(), reg: reg}
	s.reqs = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "wirewatch_http_requests_total",
		Help: "HTTP requests by route pattern, method and status code.",
	}, []string{"route", "method", "code"})
	s.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "wirewatch_http_request_duration_seconds",
		Help:    "HTTP request latency by route pattern.",
		Buckets: prometheus.DefBuckets,
	}, []string{"route", "method"})
	if err := reg.Register(s.reqs); err != nil {
		return nil, fmt.Errorf("register metrics: %w", err)
	}
	if err := reg.Register(s.latency); err != nil {
		return nil, fmt.Errorf("register metrics: %w", err)
	}
	t, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	s.tmpl = t
	s.routesSetup()
	s.handler = s.accessLog(securityHeaders(s.mux))
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// APIRoutes lists the JSON API's route patterns ("GET /api/v1/claims").
func (s *Server) APIRoutes() []string { return append([]string(nil), s.routes...) }

// NewHTTPServer wraps h in an http.Server with timeouts suited to the UI and export.
func NewHTTPServer(addr string, h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      5 * time.Minute, // exports stream for a while
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

func (s *Server) routesSetup() {
	api := func(pattern string, h http.HandlerFunc) {
		s.routes = append(s.routes, pattern)
		s.handle(pattern, h, true)
	}
	api("GET /api/v1/claims", s.apiClaims)
	api("GET /api/v1/claims/{id}", s.apiClaim)
	api("GET /api/v1/items", s.apiItems)
	api("GET /api/v1/items/{id}", s.apiItem)
	api("GET /api/v1/actors", s.apiActors)
	api("GET /api/v1/actors/{id}", s.apiActor)
	api("GET /api/v1/disputes", s.apiDisputes)
	api("GET /api/v1/search", s.apiSearch)
	api("GET /api/v1/timeline", s.apiTimeline)
	api("GET /api/v1/stats", s.apiStats)
	api("GET /api/v1/export", s.apiExport)
	api("GET /api/v1/openapi.json", s.apiOpenAPI)
	api("POST /api/v1/ingest", s.apiIngest)
	s.handle("/api/", http.HandlerFunc(s.apiNotFound), false)

	s.handle("GET /{$}", http.HandlerFunc(s.pageHome), true)
	s.handle("GET /search", http.HandlerFunc(s.pageSearch), true)
	s.handle("GET /items/{id}", http.HandlerFunc(s.pageItem), true)
	s.handle("GET /actors", http.HandlerFunc(s.pageActors), true)
	s.handle("GET /actors/{id}", http.HandlerFunc(s.pageActor), true)
	s.handle("GET /disputes", http.HandlerFunc(s.pageDisputes), true)
	s.handle("GET /pages/{id}", http.HandlerFunc(s.pagePage), true)
	s.handle("/", http.HandlerFunc(s.pageNotFound), false)

	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // the embed pattern guarantees the directory
	}
	files := http.StripPrefix("/static/", http.FileServerFS(static))
	s.handle("GET /static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r) // no directory listings
			return
		}
		// Assets change only with the binary; a day of caching is safe.
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	}), false)
	s.handle("GET /metrics", promhttp.HandlerFor(s.reg, promhttp.HandlerOpts{Registry: s.reg}), false)
	s.handle("GET /healthz", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	}), false)
}

// handle registers h with metrics labelled by pattern, a request body limit and,
// when timeout is set, a deadline. Export streams, so it gets no TimeoutHandler
// (which buffers) but still a context deadline.
func (s *Server) handle(pattern string, h http.Handler, timeout bool) {
	route := pattern
	if strings.HasSuffix(pattern, "/export") || strings.HasSuffix(pattern, "/ingest") {
		timeout = false
	}
	if timeout {
		h = http.TimeoutHandler(h, requestTimeout, `{"error":"request timed out"}`)
	}
	limit := int64(maxBodyBytes)
	if strings.HasSuffix(pattern, "/ingest") {
		limit = maxIngestBytes
	}
	inner := h
	s.mux.Handle(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		rec := statusOf(w)
		inner.ServeHTTP(rec, r)
		s.reqs.WithLabelValues(route, r.Method, strconv.Itoa(rec.status())).Inc()
		s.latency.WithLabelValues(route, r.Method).Observe(time.Since(start).Seconds())
	}))
}

// securityHeaders sets the headers every response carries. No inline script or
// style is allowed: chart data travels in a JSON block read by /static/app.js.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
			"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

func (s *Server) accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := statusOf(w)
		next.ServeHTTP(rec, r)
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "http",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", rec.status()),
			slog.Int64("bytes", rec.bytes),
			slog.Duration("duration", time.Since(start)),
			slog.String("remote", r.RemoteAddr),
		)
	})
}

// recorder remembers the status and size of a response.
type recorder struct {
	http.ResponseWriter
	code  int
	bytes int64
}

func statusOf(w http.ResponseWriter) *recorder { return &recorder{ResponseWriter: w} }

func (r *recorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Flush lets exports stream through the recorder.
func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (r *recorder) status() int {
	if r.code == 0 {
		return http.StatusOK
	}
	return r.code
}

// tokenOK compares the bearer token in constant time.
func tokenOK(r *http.Request, token string) bool {
	if token == "" {
		return false
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(token)) == 1
}
