// Package sqlite is the default, embedded Store: one SQLite file (modernc.org/sqlite),
// WAL mode, FTS5 search with Dutch stemming.
package sqlite

import (
	"context"
	"errors"

	"wirewatch/internal/store"
)

// Open opens (creating and migrating) the database at path.
// PLACEHOLDER: replaced by the real store.
func Open(ctx context.Context, path string) (store.Store, error) {
	return nil, errors.New("sqlite store: not built yet")
}
