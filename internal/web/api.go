package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"wirewatch/internal/store"
)

// writeJSON writes v with status code.
func writeJSON(w http.ResponseWriter, code int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		code = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"error":"cannot encode response"}` + "\n")
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = w.Write(buf.Bytes())
}

type errorBody struct {
	Error string `json:"error"`
}

func jsonError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, errorBody{Error: msg})
}

// fail maps an error to a status: the client's mistakes are 400, unknown ids
// 404, and everything else a logged 500 that tells the client nothing internal.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code, msg := s.classify(r, err)
	jsonError(w, code, msg)
}

func (s *Server) classify(r *http.Request, err error) (int, string) {
	var bad badRequest
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &bad):
		return http.StatusBadRequest, bad.msg
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, "not found"
	case errors.As(err, &tooBig):
		return http.StatusRequestEntityTooLarge, "request body too large"
	case isCursorError(err):
		return http.StatusBadRequest, "invalid cursor"
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "request timed out"
	case errors.Is(err, context.Canceled):
		return 499, "request canceled" // the client went away; nobody reads this
	}
	s.log.ErrorContext(r.Context(), "request failed", slog.String("path", r.URL.Path), slog.Any("err", err))
	return http.StatusInternalServerError, "internal error"
}

// isCursorError recognises a store's complaint about a cursor it did not issue.
// The Store interface has no sentinel for it, so match the wording.
func isCursorError(err error) bool {
	return err != nil && strings.Contains(err.Error(), "bad cursor")
}

func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) {
	// A known path with another method is a 405, as ServeMux would answer.
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pat := s.mux.Handler(probe); pat != "" && pat != "/api/" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		if contains(allow, http.MethodGet) {
			allow = append(allow, http.MethodHead)
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		jsonError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed")
		return
	}
	jsonError(w, http.StatusNotFound, "no such endpoint")
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

type claimsBody struct {
	Claims []store.ClaimRecord `json:"claims"`
	Next   string              `json:"next"`
}

func (s *Server) apiClaims(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cs, next, err := s.st.Claims(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, claimsBody{Claims: nonNil(cs), Next: next})
}

func (s *Server) apiClaim(w http.ResponseWriter, r *http.Request) {
	c, err := s.st.Claim(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

type itemsBody struct {
	Items []store.ItemRecord `json:"items"`
	Next  string             `json:"next"`
}

func (s *Server) apiItems(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	its, next, err := s.st.Items(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, itemsBody{Items: nonNil(its), Next: next})
}

func (s *Server) apiItem(w http.ResponseWriter, r *http.Request) {
	it, err := s.st.Item(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, it)
}

type actorsBody struct {
	Actors []store.ActorRecord `json:"actors"`
}

func (s *Server) apiActors(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	as, err := s.st.Actors(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, actorsBody{Actors: nonNil(as)})
}

type actorBody struct {
	Actor    store.ActorRecord     `json:"actor"`
	Claims   []store.ClaimRecord   `json:"claims"`
	Next     string                `json:"next"`
	Timeline []store.TimelinePoint `json:"timeline"`
}

func (s *Server) apiActor(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := s.actorData(r.Context(), r.PathValue("id"), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, b)
}

// actorData gathers an actor, its claims (narrowed by f) and its claimed figures.
func (s *Server) actorData(ctx context.Context, id string, f store.Filter) (actorBody, error) {
	a, err := s.st.Actor(ctx, id)
	if err != nil {
		return actorBody{}, err
	}
	f.Actor = a.ID
	cs, next, err := s.st.Claims(ctx, f)
	if err != nil {
		return actorBody{}, err
	}
	tf := f
	tf.Cursor, tf.Limit = "", 0
	tl, err := s.st.Timeline(ctx, tf)
	if err != nil {
		return actorBody{}, err
	}
	return actorBody{Actor: a, Claims: nonNil(cs), Next: next, Timeline: nonNil(tl)}, nil
}

type disputesBody struct {
	Disputes []store.Dispute `json:"disputes"`
	Next     string          `json:"next"`
}

func (s *Server) apiDisputes(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ds, next, err := s.st.Disputes(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, disputesBody{Disputes: nonNil(ds), Next: next})
}

type searchBody struct {
	Items []store.SearchHit `json:"items"`
	Next  string            `json:"next"`
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if f.Q == "" {
		s.fail(w, r, badf("q is required"))
		return
	}
	hits, next, err := s.st.Search(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, searchBody{Items: nonNil(hits), Next: next})
}

type timelineBody struct {
	Points []store.TimelinePoint `json:"points"`
}

func (s *Server) apiTimeline(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pts, err := s.st.Timeline(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, timelineBody{Points: nonNil(pts)})
}

func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) {
	st, err := s.st.Stats(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(openAPI)
}

type ingestBody struct {
	Page  string          `json:"page"`
	Items int             `json:"items"`
	Stats store.SaveStats `json:"stats"`
	Error string          `json:"error,omitempty"`
}

// apiIngest analyses and stores one raw page. It exists only with a token.
func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Token == "" || s.cfg.Analyzer == nil {
		jsonError(w, http.StatusForbidden, "ingest is disabled; start serve with --token")
		return
	}
	if !tokenOK(r, s.cfg.Token) {
		jsonError(w, http.StatusForbidden, "missing or wrong bearer token")
		return
	}
	q := r.URL.Query()
	source := strings.TrimSpace(q.Get("source"))
	if source == "" {
		source = "api"
	}
	var captured *time.Time
	if c := q.Get("captured_at"); c != "" {
		t, err := time.Parse(time.RFC3339, c)
		if err != nil {
			s.fail(w, r, badf("captured_at %q is not RFC 3339", c))
			return
		}
		captured = &t
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		s.fail(w, r, badf("empty body: send the raw page"))
		return
	}
	res, aerr := s.cfg.Analyzer.Page(source, raw, captured)
	if aerr != nil {
		// An unreadable page is still stored (with its error) so it can be redone later.
		stats, err := s.st.Save(r.Context(), res)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		writeJSON(w, http.StatusUnprocessableEntity, ingestBody{Page: res.Page.ID, Stats: stats, Error: aerr.Error()})
		return
	}
	stats, err := s.st.Save(r.Context(), res)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	code := http.StatusOK
	if stats.NewPage {
		code = http.StatusCreated
	}
	s.log.InfoContext(r.Context(), "ingested", slog.String("page", res.Page.ID), slog.String("source", source), slog.Int("items", len(res.Items)))
	writeJSON(w, code, ingestBody{Page: res.Page.ID, Items: len(res.Items), Stats: stats})
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// nonNil makes empty listings encode as [] rather than null.
func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}
