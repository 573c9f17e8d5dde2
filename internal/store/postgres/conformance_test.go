package postgres_test

import (
	"context"
	"testing"
	"time"

	"wirewatch/internal/store"
	"wirewatch/internal/store/postgres"
	"wirewatch/internal/store/postgres/pgtest"
	"wirewatch/internal/store/storetest"
)

// TestConformance runs the backend-neutral suite, one schema per subtest.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		s, err := postgres.Open(ctx, pgtest.DSN(t, "wirewatch-conformance"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
