// Package sqlite is the default, embedded Store: one SQLite file (modernc.org/sqlite),
// WAL mode, FTS5 search with Dutch stemming.
//
// Writes are serialized in the process (SQLite allows one writer; queuing
// on a mutex avoids busy retries between our own goroutines) and use
// prepared statements; reads use a separate pool so searches run while an
// ingest writes.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"wirewatch/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a SQLite-backed store.Store.
type Store struct {
	w  *sql.DB   // write pool: wc, and one connection to prepare statements on
	wc *sql.Conn // the connection that runs the save transactions
	r  *sql.DB   // read pool
	// now gives the first-seen time of new items.
	now func() time.Time

	// skipCrossLinks turns off cross-page dispute linking (benchmarks only,
	// to show its share of the save cost).
	skipCrossLinks bool

	wmu sync.Mutex // one write transaction at a time
	// Under wmu: what the saves remember between transactions, valid while
	// the database's data_version on wc (which counts other connections'
	// commits) stays dataVersion.
	wcache      *writeCache
	dataVersion int64
	mu          sync.Mutex
	stmts       map[string]*sql.Stmt // prepared write statements by text
}

// prepared returns q prepared on the write pool, preparing it once.
func (s *Store) prepared(ctx context.Context, q string) (*sql.Stmt, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.stmts[q]; ok {
		return st, nil
	}
	st, err := s.w.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	s.stmts[q] = st
	return st, nil
}

var _ store.Store = (*Store)(nil)

func dsn(path string, write bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	// Sorts and temp b-trees in memory; a 64 MiB page cache per connection
	// keeps the hot index pages of a large ledger resident.
	q.Add("_pragma", "temp_store(MEMORY)")
	q.Add("_pragma", "cache_size(-65536)")
	q.Add("_pragma", "mmap_size(1073741824)")
	if write {
		q.Set("_txlock", "immediate")
		// Checkpoint every ~32 MiB of WAL rather than 4 MiB: an index page
		// rewritten by many saves is copied to the database file once.
		q.Add("_pragma", "wal_autocheckpoint(8192)")
	} else {
		q.Add("_pragma", "query_only(1)")
	}
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating and migrating) the database at path.
func Open(ctx context.Context, path string) (*Store, error) {
	w, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// Two connections: one runs the write transaction; the other lets a
	// statement be prepared (and cached) while that transaction holds the
	// first. Writes themselves are serialized by Store.wmu.
	w.SetMaxOpenConns(2)
	w.SetMaxIdleConns(2)
	w.SetConnMaxLifetime(0)
	if err := migrate(ctx, w); err != nil {
		w.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(4)
	wc, err := w.Conn(ctx)
	if err != nil {
		w.Close()
		r.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return &Store{w: w, wc: wc, r: r, now: time.Now, stmts: map[string]*sql.Stmt{}, wcache: newWriteCache(), dataVersion: -1}, nil
}

// Close closes both pools.
func (s *Store) Close() error {
	s.mu.Lock()
	var errs []error
	for _, st := range s.stmts {
		errs = append(errs, st.Close())
	}
	s.stmts = map[string]*sql.Stmt{}
	s.mu.Unlock()
	return errors.Join(append(errs, s.wc.Close(), s.r.Close(), s.w.Close())...)
}

// migrate runs the numbered migrations newer than schema_version, each in its
// own transaction.
func migrate(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return err
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := path.Base(name)
		n, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: bad number: %w", base, err)
		}
		if err := migrateOne(ctx, db, base, n); err != nil {
			return err
		}
	}
	return nil
}

// migrateOne applies migration n unless done. The version is read inside the
// (immediate, so write-locked) transaction: two processes opening a new file
// at once do not both run it.
func migrateOne(ctx context.Context, db *sql.DB, base string, n int) error {
	body, err := migrations.ReadFile("migrations/" + base)
	if err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var cur int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&cur); err != nil {
		return err
	}
	if n <= cur {
		return nil
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("migration %s: %w", base, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (?)`, n); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: %w", base, err)
	}
	return nil
}

// IntegrityCheck runs PRAGMA integrity_check and returns its first line ("ok" when sound).
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	if err := s.r.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return "", fmt.Errorf("integrity check: %w", err)
	}
	return res, nil
}

// nanos converts a time to the stored form; nil stays NULL.
func nanos(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UnixNano()
}

func fromNanos(n int64) time.Time { return time.Unix(0, n).UTC() }

func fromNullNanos(n sql.NullInt64) *time.Time {
	if !n.Valid {
		return nil
	}
	t := fromNanos(n.Int64)
	return &t
}
