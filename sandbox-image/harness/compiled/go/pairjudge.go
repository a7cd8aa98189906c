// The Go function-case runtime: reads the driver input (judge-core/drivers/driver-input.ts) from
// stdin, runs each case through the generated driver's pjCase, and writes the report frame
// (protocol/harness.ts) on the real stdout. User output is captured per case by pointing os.Stdout
// at a file in /tmp while the case runs. Expected values never come in: only arguments.
package main

import (
	"encoding/base64"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"reflect"
	"regexp"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"
)

type pjReader struct {
	s []byte
	p int
}

func (r *pjReader) skip() {
	for r.p < len(r.s) && unicode.IsSpace(rune(r.s[r.p])) {
		r.p++
	}
}

func (r *pjReader) token() string {
	r.skip()
	from := r.p
	for r.p < len(r.s) && !unicode.IsSpace(rune(r.s[r.p])) {
		r.p++
	}
	if from == r.p {
		panic("malformed driver input")
	}
	return string(r.s[from:r.p])
}

func (r *pjReader) Int() int       { v, _ := strconv.Atoi(r.token()); return v }
func (r *pjReader) Int64() int64   { v, _ := strconv.ParseInt(r.token(), 10, 64); return v }
func (r *pjReader) Float() float64 { v, _ := strconv.ParseFloat(r.token(), 64); return v }
func (r *pjReader) Bool() bool     { return r.Int() != 0 }

// Str reads <byte count>:<bytes>, so any character can be in a string.
func (r *pjReader) Str() string {
	r.skip()
	colon := r.p
	for colon < len(r.s) && r.s[colon] != ':' {
		colon++
	}
	n, _ := strconv.Atoi(string(r.s[r.p:colon]))
	out := string(r.s[colon+1 : colon+1+n])
	r.p = colon + 1 + n
	return out
}

func pjSlice[T any](r *pjReader, item func() T) []T {
	n := r.Int()
	out := make([]T, n)
	for i := range out {
		out[i] = item()
	}
	return out
}

func pjMap[T any](r *pjReader, item func() T) map[string]T {
	n := r.Int()
	out := make(map[string]T, n)
	for i := 0; i < n; i++ {
		key := r.Str()
		out[key] = item()
	}
	return out
}

func pjQuote(b *strings.Builder, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString("\\n")
		case c == '\r':
			b.WriteString("\\r")
		case c == '\t':
			b.WriteString("\\t")
		case c < 0x20:
			fmt.Fprintf(b, "\\u%04x", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
}

// pjPut writes a value as JSON, with the "$pj" tags of protocol/harness.ts for what JSON cannot carry.
func pjPut(b *strings.Builder, v reflect.Value, depth int) {
	if depth > 64 {
		b.WriteString(`{"$pj":"truncated"}`)
		return
	}
	if !v.IsValid() {
		b.WriteString("null")
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		switch {
		case math.IsNaN(f):
			b.WriteString(`{"$pj":"nan"}`)
		case math.IsInf(f, 0):
			fmt.Fprintf(b, `{"$pj":"infinity","sign":%d}`, map[bool]int{true: 1, false: -1}[f > 0])
		default:
			b.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
		}
	case reflect.String:
		pjQuote(b, v.String())
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			b.WriteString("[]")
			return
		}
		b.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			pjPut(b, v.Index(i), depth+1)
		}
		b.WriteByte(']')
	case reflect.Map:
		keys := v.MapKeys()
		if v.Type().Key().Kind() == reflect.String {
			// Sorted keys: Go's map order is random on purpose.
			sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
			b.WriteByte('{')
			for i, k := range keys {
				if i > 0 {
					b.WriteByte(',')
				}
				pjQuote(b, k.String())
				b.WriteByte(':')
				pjPut(b, v.MapIndex(k), depth+1)
			}
			b.WriteByte('}')
			return
		}
		b.WriteString(`{"$pj":"map","entries":[`)
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('[')
			pjPut(b, k, depth+1)
			b.WriteByte(',')
			pjPut(b, v.MapIndex(k), depth+1)
			b.WriteByte(']')
		}
		b.WriteString("]}")
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("null")
			return
		}
		pjPut(b, v.Elem(), depth)
	default:
		b.WriteString(`{"$pj":"object","type":`)
		pjQuote(b, v.Type().String())
		b.WriteString(`,"repr":`)
		repr := fmt.Sprintf("%v", v.Interface())
		if len(repr) > 200 {
			repr = repr[:200]
		}
		pjQuote(b, repr)
		b.WriteByte('}')
	}
}

var pjSolutionLine = regexp.MustCompile(`solution\.go:(\d+)`)

// pjRun runs one case, turning a panic into an error with the line in solution.go where it arose.
func pjRun(in *pjReader, runCase func(*pjReader, *time.Time) any, start *time.Time) (value any, failure string, line int) {
	defer func() {
		if p := recover(); p != nil {
			failure = fmt.Sprintf("panic: %v", p)
			if m := pjSolutionLine.FindSubmatch(debug.Stack()); m != nil {
				line, _ = strconv.Atoi(string(m[1]))
			}
		}
	}()
	return runCase(in, start), "", 0
}

func pjFrame(nonce string, tests string, all string, overflow bool) string {
	var report strings.Builder
	report.WriteString(`{"tests":[` + tests + `],"stdout":`)
	pjQuote(&report, all)
	fmt.Fprintf(&report, `,"outputLimitExceeded":%t}`, overflow)
	return "\n@@pairjudge-report:" + nonce + " " + base64.StdEncoding.EncodeToString([]byte(report.String())) + "\n"
}

func pjMain(runCase func(*pjReader, *time.Time) any) {
	input, _ := io.ReadAll(os.Stdin)
	in := &pjReader{s: input}
	nonce := in.Str()
	in.Int64() // per-test budget: the container's wall deadline ends a case that runs on
	outputBytes := in.Int64()
	valueBytes := in.Int64()
	count := in.Int()
	real := os.Stdout
	capture, err := os.CreateTemp("", "pairjudge-stdout")
	var tests, all strings.Builder
	var allBytes int64
	overflow := false
	// The capture file may not grow past the output cap (RLIMIT_FSIZE): the write that would pass
	// it raises SIGXFSZ, and the run ends here with the output limit reported.
	floods := make(chan os.Signal, 1)
	signal.Notify(floods, syscall.SIGXFSZ)
	go func() {
		<-floods
		real.WriteString(pjFrame(nonce, tests.String(), all.String(), true))
		os.Exit(0)
	}()
	for i := 0; i < count; i++ {
		name := in.Str()
		room := uint64(outputBytes - allBytes + 1)
		syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: room, Max: room})
		if err == nil {
			capture.Truncate(0)
			capture.Seek(0, 0)
			os.Stdout = capture
		}
		start := time.Now()
		value, failure, line := pjRun(in, runCase, &start)
		elapsed := time.Since(start)
		os.Stdout = real
		out := ""
		if err == nil {
			capture.Seek(0, 0)
			data, _ := io.ReadAll(capture)
			out = string(data)
		}
		if allBytes+int64(len(out)) > outputBytes {
			overflow = true
			out = ""
		}
		allBytes += int64(len(out))
		all.WriteString(out)
		if i > 0 {
			tests.WriteByte(',')
		}
		tests.WriteString(`{"name":`)
		pjQuote(&tests, name)
		if failure == "" {
			var v strings.Builder
			pjPut(&v, reflect.ValueOf(value), 0)
			text := v.String()
			if int64(len(text)) > valueBytes {
				text = `{"$pj":"truncated"}`
			}
			tests.WriteString(`,"kind":"case","status":"ok","value":`)
			tests.WriteString(text)
		} else {
			tests.WriteString(`,"kind":"case","status":"error","error":{"message":`)
			pjQuote(&tests, failure)
			if line > 0 {
				fmt.Fprintf(&tests, `,"line":%d`, line)
			}
			tests.WriteByte('}')
		}
		fmt.Fprintf(&tests, `,"timeMs":%.3f`, math.Max(0, float64(elapsed.Nanoseconds())/1e6))
		if out != "" {
			tests.WriteString(`,"stdout":`)
			pjQuote(&tests, out)
		}
		tests.WriteByte('}')
		if overflow {
			break
		}
	}
	real.WriteString(pjFrame(nonce, tests.String(), all.String(), overflow))
	os.Exit(0)
}
