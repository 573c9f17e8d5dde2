package main

import (
	"context"
	"strings"

	"wirewatch/internal/store"
	"wirewatch/internal/store/postgres"
	"wirewatch/internal/store/sqlite"
)

// defaultDB is the embedded database file used when --db is not given.
const defaultDB = "wirewatch.db"

// openStore opens the store named by --db: a postgres:// URL or a SQLite file path.
func openStore(ctx context.Context, db string) (store.Store, error) {
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return postgres.Open(ctx, db)
	}
	if db == "" {
		db = defaultDB
	}
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		return nil, err // not a typed nil inside the interface
	}
	return st, nil
}
