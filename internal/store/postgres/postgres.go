// Package postgres is the scale-out Store on PostgreSQL (pgx v5), with the
// dutch text-search configuration.
package postgres

import (
	"context"
	"errors"

	"wirewatch/internal/store"
)

// Open connects to dsn and runs the migrations.
// PLACEHOLDER: replaced by the real store.
func Open(ctx context.Context, dsn string) (store.Store, error) {
	return nil, errors.New("postgres store: not built yet")
}
