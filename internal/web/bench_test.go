package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// BenchmarkRoutes measures the handlers in-process (no network) against the
// SQLite fixture and reports requests per second for each route.
func BenchmarkRoutes(b *testing.B) {
	fx := newFixture(b)
	for _, path := range []string{
		"/", "/items/" + fx.itemID, "/search?q=gevechten", "/disputes",
		"/api/v1/claims?limit=50", "/api/v1/search?q=gevechten", "/api/v1/export?format=csv",
		"/api/v1/stats", "/api/v1/actors?limit=500", "/api/v1/disputes?limit=5", "/api/v1/items?limit=12",
	} {
		b.Run(path, func(b *testing.B) {
			start := time.Now()
			for b.Loop() {
				rec := httptest.NewRecorder()
				fx.srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d", path, rec.Code)
				}
			}
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
		})
	}
}
