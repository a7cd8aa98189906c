// The C and C++ function-case runtime: reads the driver input (judge-core/drivers/driver-input.ts)
// from stdin, runs each case through the generated driver's `pairjudge_case`, and writes the report
// frame (protocol/harness.ts) on the real stdout. User output is captured per case by pointing fd 1
// at a file in /tmp while the case runs. Expected values never come in: only arguments.
#pragma once
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>
#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace pairjudge {

struct InputError : std::exception {
  const char* what() const noexcept override { return "malformed driver input"; }
};

class Reader {
 public:
  explicit Reader(std::string text) : s_(std::move(text)) {}
  std::string token() {
    skip();
    size_t from = p_;
    while (p_ < s_.size() && !std::isspace(static_cast<unsigned char>(s_[p_]))) p_++;
    if (from == p_) throw InputError();
    return s_.substr(from, p_ - from);
  }
  long long integer() { return std::stoll(token()); }
  double real() { return std::strtod(token().c_str(), nullptr); }
  // Strings travel as <byte count>:<bytes>, so any byte can be in them.
  std::string text() {
    skip();
    size_t colon = s_.find(':', p_);
    if (colon == std::string::npos) throw InputError();
    size_t n = std::stoull(s_.substr(p_, colon - p_));
    if (colon + 1 + n > s_.size()) throw InputError();
    std::string out = s_.substr(colon + 1, n);
    p_ = colon + 1 + n;
    return out;
  }

 private:
  void skip() {
    while (p_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[p_]))) p_++;
  }
  std::string s_;
  size_t p_ = 0;
};

template <class T> struct Read;
template <> struct Read<int> { static int get(Reader& r) { return static_cast<int>(r.integer()); } };
template <> struct Read<long long> { static long long get(Reader& r) { return r.integer(); } };
template <> struct Read<double> { static double get(Reader& r) { return r.real(); } };
template <> struct Read<bool> { static bool get(Reader& r) { return r.integer() != 0; } };
template <> struct Read<std::string> { static std::string get(Reader& r) { return r.text(); } };
template <class T> struct Read<std::vector<T>> {
  static std::vector<T> get(Reader& r) {
    long long n = r.integer();
    std::vector<T> out;
    out.reserve(static_cast<size_t>(n));
    for (long long i = 0; i < n; i++) out.push_back(Read<T>::get(r));
    return out;
  }
};
template <class T> struct Read<std::map<std::string, T>> {
  static std::map<std::string, T> get(Reader& r) {
    long long n = r.integer();
    std::map<std::string, T> out;
    for (long long i = 0; i < n; i++) {
      std::string key = r.text();
      out[key] = Read<T>::get(r);
    }
    return out;
  }
};
template <class T> T read(Reader& r) { return Read<T>::get(r); }

inline void quote(std::string& o, const std::string& s) {
  static const char* hex = "0123456789abcdef";
  o += '"';
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') { o += '\\'; o += static_cast<char>(c); }
    else if (c == '\n') o += "\\n";
    else if (c == '\r') o += "\\r";
    else if (c == '\t') o += "\\t";
    else if (c < 0x20) { o += "\\u00"; o += hex[c >> 4]; o += hex[c & 15]; }
    else o += static_cast<char>(c);
  }
  o += '"';
}

// Values as JSON with the "$pj" tags of protocol/harness.ts for what JSON cannot carry.
inline void put(std::string& o, bool v) { o += v ? "true" : "false"; }
inline void put(std::string& o, double v) {
  if (std::isnan(v)) { o += "{\"$pj\":\"nan\"}"; return; }
  if (std::isinf(v)) { o += v > 0 ? "{\"$pj\":\"infinity\",\"sign\":1}" : "{\"$pj\":\"infinity\",\"sign\":-1}"; return; }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  o += buf;
}
inline void put(std::string& o, float v) { put(o, static_cast<double>(v)); }
inline void put(std::string& o, const std::string& v) { quote(o, v); }
inline void put(std::string& o, const char* v) { if (v) quote(o, v); else o += "null"; }
inline void put(std::string& o, char* v) { put(o, static_cast<const char*>(v)); }
inline void put(std::string& o, char v) { quote(o, std::string(1, v)); }
template <class T, typename std::enable_if<std::is_integral<T>::value && !std::is_same<T, bool>::value && !std::is_same<T, char>::value, int>::type = 0>
void put(std::string& o, T v) { o += std::to_string(v); }
inline void put(std::string& o, const std::vector<bool>& v) {
  o += '[';
  for (size_t i = 0; i < v.size(); i++) { if (i) o += ','; put(o, static_cast<bool>(v[i])); }
  o += ']';
}
template <class T> void put(std::string& o, const std::vector<T>& v) {
  o += '[';
  for (size_t i = 0; i < v.size(); i++) { if (i) o += ','; put(o, v[i]); }
  o += ']';
}
template <class M> void putStringMap(std::string& o, const M& m) {
  // Sorted keys, so an unordered map prints the same way every time.
  std::map<std::string, const typename M::mapped_type*> sorted;
  for (auto& kv : m) sorted[kv.first] = &kv.second;
  o += '{';
  bool first = true;
  for (auto& kv : sorted) {
    if (!first) o += ',';
    first = false;
    quote(o, kv.first);
    o += ':';
    put(o, *kv.second);
  }
  o += '}';
}
template <class T> void put(std::string& o, const std::map<std::string, T>& m) { putStringMap(o, m); }
template <class T> void put(std::string& o, const std::unordered_map<std::string, T>& m) { putStringMap(o, m); }

template <class T> std::string json(const T& v) {
  std::string o;
  put(o, v);
  return o;
}

inline std::string base64(const std::string& in) {
  static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) | static_cast<unsigned char>(in[i + 2]);
    out += t[n >> 18]; out += t[(n >> 12) & 63]; out += t[(n >> 6) & 63]; out += t[n & 63];
  }
  if (i + 1 == in.size()) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    out += t[n >> 18]; out += t[(n >> 12) & 63]; out += "==";
  } else if (i + 2 == in.size()) {
    unsigned n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += t[n >> 18]; out += t[(n >> 12) & 63]; out += t[(n >> 6) & 63]; out += '=';
  }
  return out;
}

/** Times the call itself (argument parsing and serializing are not the submission's time). */
struct Timer {
  std::chrono::steady_clock::time_point from, to;
  void start() { from = std::chrono::steady_clock::now(); }
  void stop() { to = std::chrono::steady_clock::now(); }
  double ms() const { return std::chrono::duration<double, std::milli>(to - from).count(); }
};

// C shapes of the arguments (judge-core/drivers/c-driver.ts): buffers that live for the call.
template <class T> struct CBuffer {
  std::unique_ptr<T[]> data;
  int size = 0;
};
template <class T> CBuffer<T> cArray(const std::vector<T>& v) {
  CBuffer<T> b;
  b.size = static_cast<int>(v.size());
  b.data.reset(new T[v.size() + 1]());
  std::copy(v.begin(), v.end(), b.data.get());
  return b;
}
inline CBuffer<char*> cArray(std::vector<std::string>& v) {
  CBuffer<char*> b;
  b.size = static_cast<int>(v.size());
  b.data.reset(new char*[v.size() + 1]());
  for (size_t i = 0; i < v.size(); i++) b.data[i] = &v[i][0];
  return b;
}
template <class T> struct CMatrix {
  std::vector<CBuffer<T>> rows;
  std::unique_ptr<T*[]> ptrs;
  std::unique_ptr<int[]> cols;
  int size = 0;
};
template <class T> CMatrix<T> cMatrix(const std::vector<std::vector<T>>& v) {
  CMatrix<T> m;
  m.size = static_cast<int>(v.size());
  m.ptrs.reset(new T*[v.size() + 1]());
  m.cols.reset(new int[v.size() + 1]());
  for (size_t i = 0; i < v.size(); i++) {
    m.rows.push_back(cArray(v[i]));
    m.ptrs[i] = m.rows.back().data.get();
    m.cols[i] = static_cast<int>(v[i].size());
  }
  return m;
}
// What a C entry returned, back as C++ values (a null pointer with a size is read as empty).
template <class T> std::vector<T> fromC(T* p, int n) {
  if (!p || n <= 0) return {};
  return std::vector<T>(p, p + n);
}
inline std::vector<std::string> fromC(char** p, int n) {
  std::vector<std::string> out;
  for (int i = 0; p && i < n; i++) out.push_back(p[i] ? p[i] : "");
  return out;
}
template <class T> std::vector<std::vector<T>> fromC(T** p, int n, int* cols) {
  std::vector<std::vector<T>> out;
  for (int i = 0; p && i < n; i++) out.push_back(fromC(p[i], cols ? cols[i] : 0));
  return out;
}

using CaseFn = std::string (*)(Reader&, Timer&);

inline void writeAll(int fd, const std::string& s) {
  size_t done = 0;
  while (done < s.size()) {
    ssize_t n = ::write(fd, s.data() + done, s.size() - done);
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

inline std::string readAll(int fd) {
  std::string s;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    s.append(buf, static_cast<size_t>(n));
  }
  return s;
}

// What the report needs when the output cap ends the run from a signal handler.
struct Flood {
  std::string* tests;
  std::string* all;
  std::string nonce;
  int real;
};
inline Flood& flood() {
  static Flood f;
  return f;
}

inline std::string frame(const std::string& nonce, const std::string& tests, const std::string& all, bool overflow) {
  std::string report = "{\"tests\":[" + tests + "],\"stdout\":";
  quote(report, all);
  report += ",\"outputLimitExceeded\":";
  report += overflow ? "true" : "false";
  report += "}";
  return "\n@@pairjudge-report:" + nonce + " " + base64(report) + "\n";
}

// The capture file may not grow past the output cap (RLIMIT_FSIZE): the write that would pass it
// raises SIGXFSZ, and the run ends here with the output limit reported.
extern "C" inline void onOutputLimit(int) {
  Flood& f = flood();
  writeAll(f.real, frame(f.nonce, *f.tests, *f.all, true));
  ::_exit(0);
}

inline int main(CaseFn runCase) {
  Reader in(readAll(0));
  std::string nonce;
  try {
    nonce = in.text();
  } catch (...) {
    return 3;
  }
  long long testTimeoutMs = in.integer();
  (void)testTimeoutMs;  // the container's wall deadline ends a case that runs on
  size_t outputBytes = static_cast<size_t>(in.integer());
  size_t valueBytes = static_cast<size_t>(in.integer());
  long long count = in.integer();
  // The real stdout keeps only the frame; user output goes to a capture file, case by case.
  int real = ::dup(1);
  int capture = ::open("/tmp/.pairjudge-stdout", O_RDWR | O_CREAT | O_TRUNC, 0600);
  std::string tests, all;
  bool overflow = false;
  flood() = Flood{&tests, &all, nonce, real};
  std::signal(SIGXFSZ, onOutputLimit);
  struct rlimit cap = {static_cast<rlim_t>(outputBytes + 1), static_cast<rlim_t>(outputBytes + 1)};
  ::setrlimit(RLIMIT_FSIZE, &cap);
  for (long long i = 0; i < count; i++) {
    std::string name = in.text();
    Timer timer;
    timer.start();
    timer.stop();
    std::string value, status = "ok", error;
    std::fflush(stdout);
    std::cout.flush();
    if (capture >= 0) { ::ftruncate(capture, 0); ::lseek(capture, 0, SEEK_SET); ::dup2(capture, 1); }
    try {
      value = runCase(in, timer);
    } catch (const InputError&) {
      throw;
    } catch (const std::bad_alloc&) {
      timer.stop();
      status = "error";
      error = "std::bad_alloc: out of memory";
    } catch (const std::exception& e) {
      timer.stop();
      status = "error";
      error = std::string("exception: ") + e.what();
    } catch (...) {
      timer.stop();
      status = "error";
      error = "an exception that is not a std::exception";
    }
    std::fflush(stdout);
    std::cout.flush();
    std::string out;
    if (capture >= 0) {
      ::dup2(real, 1);
      ::lseek(capture, 0, SEEK_SET);
      out = readAll(capture);
    }
    if (all.size() + out.size() > outputBytes) {
      out.resize(outputBytes > all.size() ? outputBytes - all.size() : 0);
      overflow = true;
    }
    all += out;
    if (value.size() > valueBytes) value = "{\"$pj\":\"truncated\"}";
    if (i) tests += ',';
    tests += "{\"name\":";
    quote(tests, name);
    tests += ",\"kind\":\"case\",\"status\":\"" + status + "\"";
    if (status == "ok") tests += ",\"value\":" + value;
    else { tests += ",\"error\":{\"message\":"; quote(tests, error); tests += "}"; }
    char ms[40];
    std::snprintf(ms, sizeof ms, "%.3f", timer.ms() < 0 ? 0.0 : timer.ms());
    tests += ",\"timeMs\":";
    tests += ms;
    if (!out.empty()) { tests += ",\"stdout\":"; quote(tests, out); }
    tests += "}";
    if (overflow) break;
  }
  writeAll(real, frame(nonce, tests, all, overflow));
  ::_exit(0);
}

}  // namespace pairjudge
