package web

import (
	"context"
	"net/http"
	"time"

	"wirewatch/internal/export"
	"wirewatch/internal/store"
)

// apiExport streams every record matching the filters, following the store's
// cursors, as CSV or JSON Lines (written by internal/export, like `wirewatch export`).
func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	format, what := q.Get("format"), q.Get("what")
	if format == "" {
		format = export.JSONL
	}
	if what == "" {
		what = "claims"
	}
	if format != export.CSV && format != export.JSONL {
		s.fail(w, r, badf("format %q is not csv or jsonl", format))
		return
	}
	f, err := parseFilter(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f.Limit = maxLimit
	ctx, cancel := context.WithTimeout(r.Context(), 4*time.Minute)
	defer cancel()

	// Probe one record first: a bad filter or a broken store is still a JSON
	// error, before any header of the download is out.
	probe := f
	probe.Limit = 1
	switch what {
	case "claims":
		_, _, err = s.st.Claims(ctx, probe)
	case "items":
		_, _, err = s.st.Items(ctx, probe)
	case "actors":
		_, err = s.st.Actors(ctx, probe)
	default:
		err = badf("what %q is not claims, items or actors", what)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}

	if format == export.CSV {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	} else {
		w.Header().Set("Content-Type", "application/x-ndjson; charset=utf-8")
	}
	w.Header().Set("Content-Disposition", `attachment; filename="wirewatch-`+what+`.`+format+`"`)
	w.Header().Set("Cache-Control", "no-store")
	opt := export.Options{BOM: format == export.CSV}
	var n int
	switch what {
	case "claims":
		n, err = export.Claims(w, format, opt, export.StoreClaims(ctx, s.st, f))
	case "items":
		n, err = export.Items(w, format, opt, export.StoreItems(ctx, s.st, f))
	default:
		f.Limit = store.MaxLimit
		n, err = export.Actors(w, format, opt, export.StoreActors(ctx, s.st, f))
	}
	if err != nil {
		// The headers are out; a truncated body is all the client can get. Log it.
		s.log.ErrorContext(ctx, "export aborted", "what", what, "rows", n, "err", err)
	}
}
