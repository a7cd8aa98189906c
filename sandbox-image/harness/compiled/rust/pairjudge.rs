// The Rust function-case runtime, included by the generated driver (main.rs) before the
// submission: reads the driver input (judge-core/drivers/driver-input.ts) from stdin, runs each case
// through the driver's `pj_case`, and writes the report frame (protocol/harness.ts) on the real
// stdout. User output is captured per case by pointing fd 1 at a file in /tmp while the case runs.
// Expected values never come in: only arguments.
#[allow(dead_code)]
mod pairjudge {
    use std::cell::RefCell;
    use std::collections::{BTreeMap, HashMap};
    use std::io::{Read, Seek, SeekFrom, Write};

    extern "C" {
        fn dup(fd: i32) -> i32;
        fn dup2(from: i32, to: i32) -> i32;
        fn signal(signum: i32, handler: extern "C" fn(i32)) -> usize;
        fn setrlimit(resource: i32, limit: *const [u64; 2]) -> i32;
        fn write(fd: i32, buf: *const u8, count: usize) -> isize;
        fn _exit(status: i32) -> !;
    }
    const SIGXFSZ: i32 = 25;
    const RLIMIT_FSIZE: i32 = 1;

    // What the report needs when the output cap ends the run in the middle of a case: the capture
    // file may not grow past the cap (RLIMIT_FSIZE), and the write that would pass it raises SIGXFSZ.
    static mut FLOOD: Option<(String, *const String, *const String, i32)> = None;

    extern "C" fn on_output_limit(_: i32) {
        unsafe {
            if let Some((nonce, tests, all, real)) = &FLOOD {
                let frame = frame(nonce, &**tests, &**all, true);
                write(*real, frame.as_ptr(), frame.len());
            }
            _exit(0);
        }
    }

    fn frame(nonce: &str, tests: &str, all: &str, overflow: bool) -> String {
        let mut report = format!("{{\"tests\":[{}],\"stdout\":", tests);
        quote(&mut report, all);
        report.push_str(&format!(",\"outputLimitExceeded\":{}}}", overflow));
        format!("\n@@pairjudge-report:{} {}\n", nonce, base64(report.as_bytes()))
    }

    pub struct Reader {
        s: Vec<u8>,
        p: usize,
    }

    impl Reader {
        fn skip(&mut self) {
            while self.p < self.s.len() && self.s[self.p].is_ascii_whitespace() {
                self.p += 1;
            }
        }
        fn token(&mut self) -> String {
            self.skip();
            let from = self.p;
            while self.p < self.s.len() && !self.s[self.p].is_ascii_whitespace() {
                self.p += 1;
            }
            String::from_utf8_lossy(&self.s[from..self.p]).into_owned()
        }
        pub fn int(&mut self) -> i32 { self.token().parse().unwrap_or(0) }
        pub fn long(&mut self) -> i64 { self.token().parse().unwrap_or(0) }
        pub fn double(&mut self) -> f64 {
            match self.token().as_str() {
                "NaN" => f64::NAN,
                "Infinity" => f64::INFINITY,
                "-Infinity" => f64::NEG_INFINITY,
                t => t.parse().unwrap_or(0.0),
            }
        }
        pub fn boolean(&mut self) -> bool { self.long() != 0 }
        /// <byte count>:<bytes>, so any character can be in a string.
        pub fn string(&mut self) -> String {
            self.skip();
            let mut colon = self.p;
            while colon < self.s.len() && self.s[colon] != b':' {
                colon += 1;
            }
            let n: usize = String::from_utf8_lossy(&self.s[self.p..colon]).parse().unwrap_or(0);
            let out = String::from_utf8_lossy(&self.s[colon + 1..colon + 1 + n]).into_owned();
            self.p = colon + 1 + n;
            out
        }
        pub fn vec<T>(&mut self, item: impl Fn(&mut Reader) -> T) -> Vec<T> {
            let n = self.long().max(0) as usize;
            (0..n).map(|_| item(self)).collect()
        }
        pub fn map<T>(&mut self, item: impl Fn(&mut Reader) -> T) -> HashMap<String, T> {
            let n = self.long().max(0) as usize;
            let mut out = HashMap::new();
            for _ in 0..n {
                let key = self.string();
                let value = item(self);
                out.insert(key, value);
            }
            out
        }
    }

    pub fn quote(o: &mut String, s: &str) {
        o.push('"');
        for c in s.chars() {
            match c {
                '"' => o.push_str("\\\""),
                '\\' => o.push_str("\\\\"),
                '\n' => o.push_str("\\n"),
                '\r' => o.push_str("\\r"),
                '\t' => o.push_str("\\t"),
                c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
                c => o.push(c),
            }
        }
        o.push('"');
    }

    /// Values as JSON, with the "$pj" tags of protocol/harness.ts for what JSON cannot carry.
    pub trait Json {
        fn json(&self, o: &mut String);
    }
    macro_rules! integer_json {
        ($($t:ty),*) => { $(impl Json for $t { fn json(&self, o: &mut String) { o.push_str(&self.to_string()); } })* };
    }
    integer_json!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize);
    impl Json for f64 {
        fn json(&self, o: &mut String) {
            if self.is_nan() {
                o.push_str("{\"$pj\":\"nan\"}");
            } else if self.is_infinite() {
                o.push_str(if *self > 0.0 { "{\"$pj\":\"infinity\",\"sign\":1}" } else { "{\"$pj\":\"infinity\",\"sign\":-1}" });
            } else {
                o.push_str(&format!("{:?}", self));
            }
        }
    }
    impl Json for f32 { fn json(&self, o: &mut String) { (*self as f64).json(o) } }
    impl Json for bool { fn json(&self, o: &mut String) { o.push_str(if *self { "true" } else { "false" }); } }
    impl Json for char { fn json(&self, o: &mut String) { quote(o, &self.to_string()) } }
    impl Json for String { fn json(&self, o: &mut String) { quote(o, self) } }
    impl Json for &str { fn json(&self, o: &mut String) { quote(o, self) } }
    impl Json for () { fn json(&self, o: &mut String) { o.push_str("null") } }
    impl<T: Json> Json for Option<T> {
        fn json(&self, o: &mut String) {
            match self { Some(v) => v.json(o), None => o.push_str("null") }
        }
    }
    impl<T: Json> Json for Box<T> { fn json(&self, o: &mut String) { (**self).json(o) } }
    impl<T: Json> Json for [T] {
        fn json(&self, o: &mut String) {
            o.push('[');
            for (i, v) in self.iter().enumerate() {
                if i > 0 { o.push(','); }
                v.json(o);
            }
            o.push(']');
        }
    }
    impl<T: Json> Json for Vec<T> { fn json(&self, o: &mut String) { self.as_slice().json(o) } }
    impl<T: Json, const N: usize> Json for [T; N] { fn json(&self, o: &mut String) { self.as_slice().json(o) } }
    impl<K: AsRef<str>, T: Json> Json for BTreeMap<K, T> {
        fn json(&self, o: &mut String) {
            o.push('{');
            for (i, (k, v)) in self.iter().enumerate() {
                if i > 0 { o.push(','); }
                quote(o, k.as_ref());
                o.push(':');
                v.json(o);
            }
            o.push('}');
        }
    }
    impl<K: AsRef<str> + Ord, T: Json> Json for HashMap<K, T> {
        // Sorted keys: a HashMap's order is random.
        fn json(&self, o: &mut String) {
            let sorted: BTreeMap<&str, &T> = self.iter().map(|(k, v)| (k.as_ref(), v)).collect();
            o.push('{');
            for (i, (k, v)) in sorted.iter().enumerate() {
                if i > 0 { o.push(','); }
                quote(o, k);
                o.push(':');
                v.json(o);
            }
            o.push('}');
        }
    }
    impl<T: Json + ?Sized> Json for &T { fn json(&self, o: &mut String) { (**self).json(o) } }

    pub fn to_json<T: Json>(v: &T) -> String {
        let mut o = String::new();
        v.json(&mut o);
        o
    }

    thread_local! {
        static PANIC: RefCell<Option<(String, Option<u32>)>> = RefCell::new(None);
    }

    pub fn main(run_case: fn(&mut Reader, &mut std::time::Instant) -> String) {
        let mut input = Vec::new();
        std::io::stdin().read_to_end(&mut input).ok();
        let mut r = Reader { s: input, p: 0 };
        let nonce = r.string();
        r.long(); // per-test budget: the container's wall deadline ends a case that runs on
        let output_bytes = r.long().max(0) as usize;
        let value_bytes = r.long().max(0) as usize;
        let count = r.long().max(0) as usize;
        // A panic's message and its line in solution.rs, for the report (not on stderr).
        std::panic::set_hook(Box::new(|info| {
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            let line = info.location().filter(|l| l.file().ends_with("solution.rs")).map(|l| l.line());
            PANIC.with(|p| *p.borrow_mut() = Some((message, line)));
        }));
        let real = unsafe { dup(1) };
        let mut capture = std::fs::OpenOptions::new().read(true).write(true).create(true).truncate(true).open("/tmp/.pairjudge-stdout").ok();
        let mut tests = String::new();
        let mut all = String::new();
        let mut overflow = false;
        unsafe {
            FLOOD = Some((nonce.clone(), &tests as *const String, &all as *const String, real));
            signal(SIGXFSZ, on_output_limit);
        }
        for i in 0..count {
            let name = r.string();
            let room = (output_bytes.saturating_sub(all.len()) + 1) as u64;
            unsafe { setrlimit(RLIMIT_FSIZE, &[room, room]) };
            std::io::stdout().flush().ok();
            if let Some(file) = capture.as_mut() {
                file.set_len(0).ok();
                file.seek(SeekFrom::Start(0)).ok();
                unsafe { dup2(std::os::unix::io::AsRawFd::as_raw_fd(file), 1) };
            }
            let mut start = std::time::Instant::now();
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_case(&mut r, &mut start)));
            let elapsed = start.elapsed();
            std::io::stdout().flush().ok();
            let mut out = String::new();
            if let Some(file) = capture.as_mut() {
                unsafe { dup2(real, 1) };
                file.seek(SeekFrom::Start(0)).ok();
                let mut bytes = Vec::new();
                file.read_to_end(&mut bytes).ok();
                out = String::from_utf8_lossy(&bytes).into_owned();
            }
            if all.len() + out.len() > output_bytes {
                overflow = true;
                out.clear();
            }
            all.push_str(&out);
            if i > 0 { tests.push(','); }
            tests.push_str("{\"name\":");
            quote(&mut tests, &name);
            match outcome {
                Ok(value) => {
                    let value = if value.len() > value_bytes { "{\"$pj\":\"truncated\"}".to_string() } else { value };
                    tests.push_str(",\"kind\":\"case\",\"status\":\"ok\",\"value\":");
                    tests.push_str(&value);
                }
                Err(_) => {
                    let (message, line) = PANIC.with(|p| p.borrow_mut().take()).unwrap_or(("panic".to_string(), None));
                    tests.push_str(",\"kind\":\"case\",\"status\":\"error\",\"error\":{\"message\":");
                    quote(&mut tests, &format!("panicked: {}", message));
                    if let Some(line) = line {
                        tests.push_str(&format!(",\"line\":{}", line));
                    }
                    tests.push('}');
                }
            }
            tests.push_str(&format!(",\"timeMs\":{:.3}", elapsed.as_secs_f64() * 1000.0));
            if !out.is_empty() {
                tests.push_str(",\"stdout\":");
                quote(&mut tests, &out);
            }
            tests.push('}');
            if overflow { break; }
        }
        let frame = frame(&nonce, &tests, &all, overflow);
        let mut stdout = std::io::stdout();
        stdout.write_all(frame.as_bytes()).ok();
        stdout.flush().ok();
        std::process::exit(0);
    }

    fn base64(input: &[u8]) -> String {
        const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in input.chunks(3) {
            let n = (chunk[0] as u32) << 16 | (*chunk.get(1).unwrap_or(&0) as u32) << 8 | *chunk.get(2).unwrap_or(&0) as u32;
            out.push(T[(n >> 18) as usize] as char);
            out.push(T[(n >> 12 & 63) as usize] as char);
            out.push(if chunk.len() > 1 { T[(n >> 6 & 63) as usize] as char } else { '=' });
            out.push(if chunk.len() > 2 { T[(n & 63) as usize] as char } else { '=' });
        }
        out
    }
}
